// Typing into a real editor is tracked, and the status bar and figures follow.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { avoidMidnight, handsOn, waitFor, workspaceRoot } from './extensionApi';

const MINUTE = 60_000;
const STATUS_TEXT = /^\$\(flame\) \d+[dw] · (\d+)m$/;

async function typeInto(editor: vscode.TextEditor, text: string): Promise<void> {
  await vscode.window.showTextDocument(editor.document, { preserveFocus: false });
  await vscode.commands.executeCommand('type', { text });
}

function minutesShown(text: string): number {
  const match = STATUS_TEXT.exec(text);
  assert.ok(match, `status bar text "${text}" is not like "$(flame) 5d · 42m"`);
  return Number(match[1]);
}

describe('coding time', () => {
  let editor: vscode.TextEditor;

  before(async () => {
    const file = vscode.Uri.joinPath(workspaceRoot(), 'src', 'tracked.ts');
    await vscode.workspace.fs.writeFile(file, Buffer.from('export const value = 1;\n'));
    editor = await vscode.window.showTextDocument(file);
  });

  it('shows the streak and today in the status bar once activated', async () => {
    const api = await handsOn();
    await waitFor(() => api.snapshot(), 'the first stats snapshot');
    assert.match(api.testing.statusBarText(), STATUS_TEXT);
  });

  it('counts typing in an editor and updates the status bar', async () => {
    const api = await handsOn();
    avoidMidnight(api, Date.now());
    await typeInto(editor, '// first keystrokes\n');
    await api.flush();
    const before = api.snapshot()?.todayMinutes ?? 0;
    const shownBefore = minutesShown(api.testing.statusBarText());

    // Three minutes of "work": within the 5-minute idle timeout, so the interval stretches.
    api.testing.advanceClock(3 * MINUTE);
    await typeInto(editor, '// three minutes later\n');
    await api.flush();

    const after = api.snapshot()?.todayMinutes ?? 0;
    assert.ok(after >= before + 3, `today's minutes went from ${before} to ${after}, expected at least +3`);
    assert.ok(minutesShown(api.testing.statusBarText()) >= shownBefore + 3, `status bar still says "${api.testing.statusBarText()}"`);
  });

  it('does not count an idle gap longer than the timeout', async () => {
    const api = await handsOn();
    await typeInto(editor, 'x');
    await api.flush();
    const before = api.snapshot()?.todayMinutes ?? 0;
    api.testing.advanceClock(30 * MINUTE);
    avoidMidnight(api, Date.now());
    await typeInto(editor, 'y');
    await api.flush();
    const after = api.snapshot()?.todayMinutes ?? 0;
    assert.ok(after - before < 1, `a 30-minute gap added ${after - before} minutes`);
  });

  it('stops counting while paused and counts again after resuming', async () => {
    const api = await handsOn();
    await vscode.commands.executeCommand('handsOn.pauseTracking');
    try {
      await typeInto(editor, 'a');
      const before = api.snapshot()?.todayMinutes ?? 0;
      api.testing.advanceClock(2 * MINUTE);
      await typeInto(editor, 'b');
      await api.flush();
      assert.equal(api.snapshot()?.todayMinutes ?? 0, before, 'time was counted while paused');
      assert.match(api.testing.statusBarText(), /\$\(debug-pause\)$/);
    } finally {
      await vscode.commands.executeCommand('handsOn.resumeTracking');
    }
    await typeInto(editor, 'c');
    const resumed = api.snapshot()?.todayMinutes ?? 0;
    api.testing.advanceClock(2 * MINUTE);
    await typeInto(editor, 'd');
    await api.flush();
    assert.ok((api.snapshot()?.todayMinutes ?? 0) >= resumed + 2, 'time was not counted after resuming');
    assert.doesNotMatch(api.testing.statusBarText(), /debug-pause/);
  });
});
