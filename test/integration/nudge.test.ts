// A leader who has not coded for days gets one nudge, outside quiet hours, and its button starts a real task.
// The page driver in scripts/test.mjs plays the person: it screenshots the first nudge and clicks its action,
// and answers the second with "Snooze…", then "Snooze for 1 Week".
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { handsOn, waitFor } from './extensionApi';

const DAY = 86_400_000;

describe('Nudges', () => {
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('handsOn');
  let api: Awaited<ReturnType<typeof handsOn>>;

  before(async () => {
    api = await handsOn();
    api.testing.useGitHub(undefined);
    // Quiet hours and rest days depend on when the suite runs; a daily rule with no quiet hours makes any moment a working one.
    await settings().update('streak.rule', 'daily', vscode.ConfigurationTarget.Global);
    await settings().update('nudges.quietHours', '00:00-00:00', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('handsOn.stopFocus');
    await api.refreshTasks();
  });

  after(async () => {
    await vscode.commands.executeCommand('handsOn.stopFocus');
    await settings().update('streak.rule', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('nudges.quietHours', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('stays silent for a leader who coded today', async () => {
    const check = await waitFor(async () => {
      const c = await api.testing.checkNudge();
      return !(!c.decision.nudge && c.decision.because === 'notReady') && c;
    }, 'the stats to be read');
    assert.ok(!check.decision.nudge && ['notDrifted', 'typing'].includes(check.decision.because), JSON.stringify(check.decision));
    assert.equal(check.shown, undefined);
  });

  it('nudges once after five days away, offering a task that fits, and its button starts that task', async () => {
    api.testing.advanceClock(5 * DAY);
    const check = await api.testing.checkNudge();
    assert.deepEqual({ nudge: check.decision.nudge, why: check.decision.nudge && check.decision.why }, { nudge: true, why: 'drifted' });
    const shown = check.shown!;
    assert.match(shown.message, /^You last coded \d+ days ago\. ".+" fits in ~\d+ min\.$/);
    const task = api.tasks().find((t) => shown.message.includes(`"${t.title}"`));
    assert.ok(task?.location, `the nudge names a suggested task with a file: ${shown.message}`);
    assert.match(shown.message, new RegExp(`fits in ~${task.estimateMinutes} min\\.$`));
    assert.equal(shown.actionLabel, 'Start');

    assert.equal(await shown.choice, shown.actionLabel, 'the driver clicks the action');
    await waitFor(() => api.testing.statusBarText().includes('left'), 'the focus countdown in the status bar');
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === task.location!.file, 'the task’s file to open');

    const again = await api.testing.checkNudge();
    assert.deepEqual(again.decision, { nudge: false, because: 'alreadyToday' });
  });

  it('holds back while a focus timer runs, and for a week after "Snooze for 1 Week"', async () => {
    api.testing.advanceClock(DAY);
    assert.deepEqual((await api.testing.checkNudge()).decision, { nudge: false, because: 'focusTimer' });
    await vscode.commands.executeCommand('handsOn.stopFocus');

    const check = await api.testing.checkNudge();
    assert.equal(check.decision.nudge, true);
    assert.equal(await check.shown!.choice, 'Snooze…', 'the driver snoozes the second nudge');
    // Then picks "Snooze for 1 Week" in the quick pick.

    api.testing.advanceClock(DAY);
    await waitFor(async () => {
      const { decision } = await api.testing.checkNudge();
      return !decision.nudge && decision.because === 'snoozed';
    }, 'the snooze to be saved');
    api.testing.advanceClock(5 * DAY); // six days after the snooze: still within the week
    assert.deepEqual((await api.testing.checkNudge()).decision, { nudge: false, because: 'snoozed' });
  });

  it('stays off when handsOn.nudges.enabled is false', async () => {
    await settings().update('nudges.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      api.testing.advanceClock(2 * DAY);
      assert.deepEqual((await api.testing.checkNudge()).decision, { nudge: false, because: 'disabled' });
    } finally {
      await settings().update('nudges.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
