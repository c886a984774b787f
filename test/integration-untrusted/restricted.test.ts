// Fault "Untrusted workspace: spawn no git". In Restricted Mode a repository's own config can
// run programs (core.fsmonitor, hooks, diff.external), so Hands-On must track time but never
// start git there. scripts/untrusted-repo.mjs sets the traps; see the env vars below.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { avoidMidnight, handsOn, waitFor, workspaceRoot } from '../integration/extensionApi';

const MINUTE = 60_000;
const STATUS_TEXT = /^\$\(flame\) \d+[dw] · (\d+)m$/;
/** Written by the hostile .git/config's programs if git runs in the repo at all. */
const MARKER = requiredEnv('HANDS_ON_GIT_MARKER');
/** Every `git` started with the server's PATH appends "cwd<TAB>args" here (a logging shim). */
const SPAWN_LOG = requiredEnv('HANDS_ON_GIT_SPAWN_LOG');
const SHIMS = requiredEnv('HANDS_ON_GIT_SHIMS');
/** The local days of the repo's commits by its user.email, oldest first. */
const COMMIT_DAYS = requiredEnv('HANDS_ON_COMMIT_DAYS').split(',');

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite through scripts/test.mjs`);
  return value;
}

function minutesShown(text: string): number {
  const match = STATUS_TEXT.exec(text);
  assert.ok(match, `status bar text "${text}" is not like "$(flame) 0d · 3m"`);
  return Number(match[1]);
}

/** git runs whose working directory is the workspace (or inside it). */
function gitRunsInWorkspace(): string[] {
  const repo = workspaceRoot().fsPath;
  const lines = fs.existsSync(SPAWN_LOG) ? fs.readFileSync(SPAWN_LOG, 'utf8').split('\n').filter(Boolean) : [];
  return lines.filter((line) => line.split('\t')[0]!.startsWith(repo));
}

describe('Restricted Mode (untrusted workspace)', () => {
  it('opens the folder untrusted, with the git shim first on PATH', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    // Otherwise the spawn log below would stay empty whatever the extension did.
    const firstGit = (process.env.PATH ?? '').split(path.delimiter).find((dir) => dir && fs.existsSync(path.join(dir, 'git')));
    assert.equal(firstGit, SHIMS, `PATH is ${process.env.PATH}`);
  });

  it("activates and shows the streak and today's minutes in the status bar", async () => {
    const api = await handsOn();
    await waitFor(() => api.snapshot(), 'the first stats snapshot');
    minutesShown(api.testing.statusBarText());
  });

  it('still tracks typing', async () => {
    const api = await handsOn();
    avoidMidnight(api, Date.now());
    const file = vscode.Uri.joinPath(workspaceRoot(), 'tracked.ts');
    await vscode.workspace.fs.writeFile(file, Buffer.from('export const value = 1;\n'));
    await vscode.window.showTextDocument(file);
    await vscode.commands.executeCommand('type', { text: '// first keystrokes\n' });
    await api.flush();
    const before = api.snapshot()?.todayMinutes ?? 0;

    api.testing.advanceClock(3 * MINUTE); // within the idle timeout, so the interval stretches
    await vscode.commands.executeCommand('type', { text: '// three minutes later\n' });
    await api.flush();

    const after = api.snapshot()?.todayMinutes ?? 0;
    assert.ok(after >= before + 3, `today's minutes went from ${before} to ${after}, expected at least +3`);
    assert.ok(minutesShown(api.testing.statusBarText()) >= 3, `status bar says "${api.testing.statusBarText()}"`);
  });

  it('reads no git history: no commit day is backfilled', async () => {
    const api = await handsOn();
    // Changing the alias list is another path into backfillCommits(); User target, because
    // Restricted Mode may ignore workspace settings.
    await vscode.workspace.getConfiguration('handsOn').update('authorEmails', ['dev@hands-on.test'], vscode.ConfigurationTarget.Global);
    // Activation's backfill runs on a timer after activate(); give it, and this one, time to finish.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    // The repo's commits are all on past weekdays and the daily goal is out of reach (user
    // settings), so any hands-on day can only have come from git.
    const streak = api.snapshot()?.streak;
    assert.ok(streak, 'no snapshot');
    assert.equal(streak.lastHandsOnDay, undefined, `a day was backfilled from git: ${JSON.stringify(streak)}`);
  });

  it('started no git in the workspace, and no program from its .git/config ran', () => {
    const runs = gitRunsInWorkspace();
    assert.equal(runs.length, 0, `git was started in the untrusted workspace:\n${runs.join('\n')}`);
    assert.ok(!fs.existsSync(MARKER), `the repo's hostile config ran: ${fs.existsSync(MARKER) ? fs.readFileSync(MARKER, 'utf8') : ''}`);
  });
});

// The positive control: the same repo, once trusted, is read, so the checks above are not
// vacuous. Trust has no programmatic grant; the runner clicks "Trust" in the editor this opens
// (scripts/untrusted-repo.mjs grantTrustWhenAsked). Must run last: trust cannot be taken back.
describe('after the user trusts the folder', () => {
  it('backfills the commit days through git (onDidGrantWorkspaceTrust)', async function () {
    this.timeout(60_000);
    const api = await handsOn();
    const granted = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidGrantWorkspaceTrust(() => {
        sub.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('workbench.trust.manage');
    await Promise.race([granted, new Promise((_, reject) => setTimeout(() => reject(new Error('trust was not granted in 30 s')), 30_000))]);
    assert.equal(vscode.workspace.isTrusted, true);

    const newest = COMMIT_DAYS[COMMIT_DAYS.length - 1]!;
    await waitFor(() => api.snapshot()?.streak.lastHandsOnDay === newest, `last hands-on day ${newest} from git`, 20_000);
    // Our gateway's own runs carry its safety flags; the shim saw them, so it would have before.
    assert.ok(gitRunsInWorkspace().some((line) => line.includes('core.fsmonitor=false')), 'the shim saw no git run by Hands-On');
  });
});
