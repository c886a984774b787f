// Faults the user must not pay for: a disk that refuses writes loses no recorded time.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { handsOn } from './extensionApi';

const MINUTE = 60_000;
// A language no other suite types in, so its intervals can be found in the logs afterwards.
const LANGUAGE = 'rust';

interface StoredLine {
  id: string;
  start: number;
  end: number;
  language: string;
}

function storedIntervals(activityDir: string): StoredLine[] {
  const longest = new Map<string, StoredLine>();
  for (const month of fs.readdirSync(activityDir)) {
    for (const file of fs.readdirSync(path.join(activityDir, month)).filter((name) => name.endsWith('.jsonl'))) {
      for (const line of fs.readFileSync(path.join(activityDir, month, file), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const record = JSON.parse(line) as StoredLine;
        const known = longest.get(record.id);
        if (!known || known.end < record.end) longest.set(record.id, record);
      }
    }
  }
  return [...longest.values()];
}

describe('faults', () => {
  it('keeps time recorded while the disk refuses writes, and saves it once writing works again', async () => {
    const api = await handsOn();
    const activityDir = path.join(api.testing.storagePath, 'activity');
    const parked = `${activityDir}.parked`;
    await api.flush();
    assert.ok(fs.existsSync(activityDir), 'earlier suites should have written activity logs');

    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: LANGUAGE, content: '' }));
    // A file where the folder should be: every append now fails, as on a broken or read-only disk.
    fs.renameSync(activityDir, parked);
    fs.writeFileSync(activityDir, 'not a folder');
    try {
      await vscode.commands.executeCommand('type', { text: 'fn main() {' });
      const before = api.snapshot()?.todayMinutes ?? 0;
      api.testing.advanceClock(4 * MINUTE);
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('type', { text: '}' });
      await api.flush();
      assert.ok((api.snapshot()?.todayMinutes ?? 0) >= before + 4, 'figures stopped updating while the disk failed');
      assert.ok(!storedIntervals(parked).some((i) => i.language === LANGUAGE), 'nothing should have reached the disk yet');
    } finally {
      fs.rmSync(activityDir, { force: true });
      fs.renameSync(parked, activityDir);
    }

    // Closing the interval (pause) makes the next flush write it whole.
    await vscode.commands.executeCommand('handsOn.pauseTracking');
    await vscode.commands.executeCommand('handsOn.resumeTracking');
    await api.flush();
    const saved = storedIntervals(activityDir).filter((i) => i.language === LANGUAGE);
    const savedMinutes = saved.reduce((sum, i) => sum + (i.end - i.start) / MINUTE, 0);
    assert.ok(savedMinutes >= 4, `only ${savedMinutes.toFixed(1)} of 4 minutes reached the disk after it recovered`);
  });
});
