// A new install shows a true streak on day one, backfilled from the user's own commits.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { handsOn, waitFor, workspaceRoot } from './extensionApi';

const DANA = 'dana.backfill@example.com';

function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The three weekdays before today, oldest first: a weekdays streak of exactly those days. */
function lastThreeWeekdays(): Date[] {
  const days: Date[] = [];
  const cursor = new Date();
  cursor.setHours(12, 0, 0, 0);
  while (days.length < 3) {
    cursor.setDate(cursor.getDate() - 1);
    if (cursor.getDay() !== 0 && cursor.getDay() !== 6) {
      days.unshift(new Date(cursor));
    }
  }
  return days;
}

describe('streak backfill from git history', () => {
  it("counts the user's commits under handsOn.authorEmails as hands-on days", async () => {
    const api = await handsOn();
    const repo = workspaceRoot().fsPath;
    const days = lastThreeWeekdays();
    for (const [index, day] of days.entries()) {
      execFileSync('git', ['-c', `user.email=${DANA}`, '-c', 'user.name=Dana', 'commit', '--allow-empty', '-q', '-m', `dana ${index}`], {
        cwd: repo,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: repo, GIT_AUTHOR_DATE: day.toISOString(), GIT_COMMITTER_DATE: day.toISOString() },
      });
    }

    // Changing the alias list re-reads history, as a user adding their old work email would.
    await vscode.workspace.getConfiguration('handsOn').update('authorEmails', [DANA], vscode.ConfigurationTarget.Workspace);
    try {
      const newest = localDay(days[2]!);
      const snapshot = await waitFor(() => {
        const current = api.snapshot();
        return current && current.streak.lastHandsOnDay !== undefined && current.streak.lastHandsOnDay >= newest && current.streak.current >= 3 ? current : undefined;
      }, `a streak of 3 weekdays ending ${newest}`);
      assert.equal(snapshot.streak.unit, 'days');
      assert.match(api.testing.statusBarText(), /^\$\(flame\) ([3-9]|\d\d+)d · \d+m$/);
    } finally {
      await vscode.workspace.getConfiguration('handsOn').update('authorEmails', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
