// Suggested Tasks from local sources: a new user with no account sees ranked tasks with estimates.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { handsOn, waitFor, workspaceRoot } from './extensionApi';

const TODO_TITLE = 'TODO: handle empty input';

describe('suggested tasks', () => {
  it('lists the workspace TODO with an estimate and a reason', async () => {
    const api = await handsOn();
    await api.refreshTasks();
    const todo = await waitFor(() => api.tasks().find((task) => task.title === TODO_TITLE), `the task "${TODO_TITLE}"`);
    assert.equal(todo.kind, 'todo');
    assert.ok(todo.estimateMinutes >= 5 && todo.estimateMinutes <= 30, `estimate ${todo.estimateMinutes} min`);
    assert.ok(todo.reasons.length > 0, 'no reasons for the tooltip');
    assert.equal(path.basename(todo.location?.file ?? ''), 'index.js');
    assert.equal(todo.location?.line, 1);
  });

  it('suggests a test for a recently changed file that has none', async () => {
    const api = await handsOn();
    const gap = api.tasks().find((task) => task.kind === 'testGap' && task.location && path.basename(task.location.file) === 'index.js');
    assert.ok(gap, `no test gap for index.js among ${api.tasks().map((t) => t.title).join(', ')}`);
    assert.ok(gap.estimateMinutes >= 10);
  });

  it('opens the task at its line', async () => {
    const api = await handsOn();
    const todo = api.tasks().find((task) => task.title === TODO_TITLE);
    await vscode.commands.executeCommand('handsOn.openTask', todo);
    const editor = await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath.endsWith('index.js') && vscode.window.activeTextEditor, 'index.js in the editor');
    assert.equal(editor.selection.start.line, 0);
  });

  it('hides a snoozed task, and a new TODO appears after a refresh', async () => {
    const api = await handsOn();
    const todo = api.tasks().find((task) => task.title === TODO_TITLE);
    await vscode.commands.executeCommand('handsOn.snoozeTask', todo);
    assert.equal(api.tasks().find((task) => task.id === todo?.id), undefined, 'the snoozed task is still listed');

    const file = vscode.Uri.joinPath(workspaceRoot(), 'src', 'invoice.ts');
    await vscode.workspace.fs.writeFile(file, Buffer.from('export function parseInvoice(text: string) {\n  // FIXME: reject negative totals\n  return text;\n}\n'));
    await vscode.commands.executeCommand('handsOn.refreshTasks');
    const fixme = api.tasks().find((task) => task.title === 'FIXME: reject negative totals');
    assert.ok(fixme, `the new FIXME is missing from ${api.tasks().map((t) => t.title).join(', ')}`);
    assert.equal(fixme.location?.line, 2);
  });

  it('drops the tasks of paths the handsOn.exclude setting names as soon as it changes, and brings them back', async () => {
    const api = await handsOn();
    const fixme = () => api.tasks().find((task) => task.title === 'FIXME: reject negative totals');
    await waitFor(fixme, 'the FIXME in src/invoice.ts');
    const settings = vscode.workspace.getConfiguration('handsOn');
    try {
      await settings.update('exclude', ['src/invoice.ts'], vscode.ConfigurationTarget.Workspace);
      // No refresh command: the change of the setting rescans by itself.
      await waitFor(() => !fixme(), 'the FIXME to leave the list');
    } finally {
      await settings.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(fixme, 'the FIXME to come back');
  });

  it('lists a TODO that waits for the next major version as parked, and says why nothing else is offered', async () => {
    const api = await handsOn();
    const file = vscode.Uri.joinPath(workspaceRoot(), 'later', 'compat.js');
    await vscode.workspace.fs.writeFile(file, Buffer.from('// TODO: remove this shim in the next major version\nexport const shim = 1;\n'));
    const settings = vscode.workspace.getConfiguration('handsOn');
    try {
      // Everything else out of the way: only the waiting TODO is left.
      await settings.update('exclude', ['index.js', 'src'], vscode.ConfigurationTarget.Workspace);
      const parked = await waitFor(() => {
        const tasks = api.tasks();
        return tasks.length === 1 && tasks[0]!.parked === 'waiting' && tasks[0];
      }, 'the waiting TODO as the only, parked item');
      assert.match(parked.reasons[0] ?? '', /^Waits for/);
      const message = await waitFor(() => api.testing.tasksMessage(), 'the view to explain the empty list');
      assert.match(message, /Nothing to offer from \d+ commits/);
      assert.match(message, /1 waiting or parked/);
      assert.match(message, /History Days/);
    } finally {
      await settings.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(file);
    }
    await waitFor(() => api.tasks().some((task) => task.parked === undefined), 'offered tasks again');
    assert.equal(api.testing.tasksMessage()?.includes('Nothing to offer') ?? false, false);
  });
});
