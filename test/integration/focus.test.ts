// Turning spare minutes into a started task: "I Have N Minutes…", Start Task and the focus countdown.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { handsOn, waitFor } from './extensionApi';

const MINUTE = 60_000;
const COUNTDOWN = /\$\(watch\) (\d+)m left/;

describe('focus timer', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('handsOn.stopFocus');
  });

  it('"I Have N Minutes…" offers tasks that fit, and accepting one opens it and starts the countdown', async () => {
    const api = await handsOn();
    await api.refreshTasks();
    let settled = false;
    const running = Promise.resolve(vscode.commands.executeCommand('handsOn.fitTime', 30)).finally(() => (settled = true));
    // Once the quick pick of fitting tasks opens (after a refresh), accept its first (best) entry as Enter would.
    const deadline = Date.now() + 15_000;
    while (!settled && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    await running;
    const best = api.tasks().filter((task) => task.estimateMinutes <= 30)[0];
    assert.ok(best, 'no task fits 30 minutes');
    const shown = COUNTDOWN.exec(api.testing.statusBarText());
    assert.ok(shown, `no countdown in "${api.testing.statusBarText()}"`);
    assert.ok(Number(shown[1]) <= 30 && Number(shown[1]) >= 1);
    assert.ok(vscode.window.activeTextEditor, 'the task was not opened');
  });

  it('counts down, reaches zero, and stops leaving the status bar as it was', async () => {
    const api = await handsOn();
    const task = api.tasks().find((t) => t.kind === 'todo');
    assert.ok(task, 'no TODO task to start');
    await vscode.commands.executeCommand('handsOn.startTask', task);
    await waitFor(() => COUNTDOWN.exec(api.testing.statusBarText())?.[1] === String(task.estimateMinutes), `a countdown from ${task.estimateMinutes}m`);
    api.testing.advanceClock((task.estimateMinutes + 1) * MINUTE);
    api.testing.tickFocus();
    assert.equal(COUNTDOWN.exec(api.testing.statusBarText())?.[1], '0');
    await vscode.commands.executeCommand('handsOn.stopFocus');
    assert.doesNotMatch(api.testing.statusBarText(), /watch/);
    assert.match(api.testing.statusBarText(), /^\$\(flame\) \d+[dw] · \d+m$/);
  });
});
