// The palette commands do what their titles say.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, handsOn, waitFor, workspaceRoot } from './extensionApi';

describe('commands', () => {
  it('registers every command the manifest declares', async () => {
    await handsOn();
    const all = new Set(await vscode.commands.getCommands(true));
    const declared = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(declared.length >= 10, `only ${declared.length} commands in the manifest`);
    assert.deepEqual(declared.filter((id) => !all.has(id)), [], 'declared but not registered');
  });

  it('Toggle Privacy hides every figure in the status bar, and toggling again shows them', async () => {
    const api = await handsOn();
    await vscode.commands.executeCommand('handsOn.togglePrivacy');
    try {
      assert.equal(api.testing.statusBarText(), '$(flame)');
    } finally {
      await vscode.commands.executeCommand('handsOn.togglePrivacy');
    }
    assert.match(api.testing.statusBarText(), /^\$\(flame\) \d+[dw] · \d+m$/);
  });

  it('Export Activity Data writes CSV and JSON with the recorded intervals', async () => {
    const api = await handsOn();
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: '' }));
    await vscode.commands.executeCommand('type', { text: 'notes' });
    api.testing.advanceClock(60_000);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('type', { text: ' more' });

    const csvUri = vscode.Uri.joinPath(workspaceRoot(), '..', `export-${Date.now()}.csv`);
    await vscode.commands.executeCommand('handsOn.exportData', { format: 'csv', uri: csvUri });
    const csv = Buffer.from(await vscode.workspace.fs.readFile(csvUri)).toString('utf8').trim().split(/\r?\n/);
    assert.match(csv[0] ?? '', /start.*end.*day.*repo.*language/i);
    assert.ok(csv.length >= 2, 'the CSV has no rows');
    assert.ok(csv.some((row) => row.includes('markdown')), 'the markdown interval is missing from the CSV');

    const jsonUri = vscode.Uri.joinPath(workspaceRoot(), '..', `export-${Date.now()}.json`);
    await vscode.commands.executeCommand('handsOn.exportData', { format: 'json', uri: jsonUri });
    const parsed = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(jsonUri)).toString('utf8'));
    const intervals: { language: string; start: string | number; end: string | number }[] = Array.isArray(parsed) ? parsed : parsed.intervals;
    assert.ok(Array.isArray(intervals) && intervals.length >= 1, 'the JSON export has no intervals');
    assert.ok(intervals.some((interval) => interval.language === 'markdown'));
  });

  it('Show Coding Stats opens the stats document with today and the streak', async () => {
    await handsOn();
    await vscode.commands.executeCommand('handsOn.showStats');
    const document = await waitFor(
      () => vscode.workspace.textDocuments.find((doc) => doc.uri.scheme === 'hands-on-stats'),
      'the Coding Stats document',
    );
    const text = document.getText();
    assert.match(text, /Coding Stats/);
    assert.match(text, /\| Today \| \d+m \|/);
    assert.match(text, /\| Streak \| \d+ (days|weeks) \|/);
  });
});
