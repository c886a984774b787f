import * as vscode from 'vscode';
import { homedir } from 'os';
import { toCsv, toJson } from '../../core/stats';
import type { ActivityInterval } from '../../core/model';

type ExportFormat = 'json' | 'csv';

/** Lets a keybinding or script skip the prompts: `executeCommand('handsOn.exportData', { format, uri })`. */
export interface ExportRequest {
  readonly format?: ExportFormat;
  readonly uri?: vscode.Uri;
}

/** Asks for a format and a file, then writes every recorded interval there. Nothing leaves the machine otherwise. */
export async function exportActivityData(
  loadIntervals: () => Promise<ActivityInterval[]>,
  today: string,
  request: ExportRequest = {},
): Promise<vscode.Uri | undefined> {
  const format = request.format ?? (await pickFormat());
  if (!format) {
    return undefined;
  }
  const target = request.uri ?? (await pickTarget(format, today));
  if (!target) {
    return undefined;
  }
  const intervals = await loadIntervals();
  const text = format === 'json' ? toJson(intervals) : toCsv(intervals);
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  if (!request.uri) {
    void offerToOpen(target, intervals.length);
  }
  return target;
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'JSON', description: vscode.l10n.t('Every interval with its day, repository and language'), format: 'json' as ExportFormat },
      { label: 'CSV', description: vscode.l10n.t('One row per interval, for spreadsheets'), format: 'csv' as ExportFormat },
    ],
    { title: vscode.l10n.t('Export Activity Data'), placeHolder: vscode.l10n.t('Choose a file format') },
  );
  return picked?.format;
}

async function pickTarget(format: ExportFormat, today: string): Promise<vscode.Uri | undefined> {
  // Home, not the workspace: an export inside a repo is one `git add .` away from being shared.
  const defaultFolder = vscode.Uri.file(homedir());
  return vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export Activity Data'),
    defaultUri: vscode.Uri.joinPath(defaultFolder, `hands-on-activity-${today}.${format}`),
    filters: format === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
  });
}

async function offerToOpen(target: vscode.Uri, count: number): Promise<void> {
  const reveal = vscode.l10n.t('Open File');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Exported {0} intervals to {1}.', count, target.fsPath),
    reveal,
  );
  if (choice === reveal) {
    await vscode.window.showTextDocument(target);
  }
}
