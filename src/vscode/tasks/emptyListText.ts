import * as vscode from 'vscode';
import type { EmptyListExplanation } from '../../core/emptyList';

/**
 * The Suggested Tasks view's message line when no task is offered: what was read, what else is there (parked,
 * hidden), and the setting that would find more. The welcome content below it links to that setting.
 */
export function emptyListMessage(empty: EmptyListExplanation): string {
  const date = (ms: number) => new Date(ms).toLocaleDateString(vscode.env.language, { year: 'numeric', month: 'short', day: 'numeric' });
  const parts: string[] = [];
  const commits = empty.windows.reduce((sum, window) => sum + window.commits, 0);
  if (empty.windows.length === 1) {
    const [window] = empty.windows;
    parts.push(vscode.l10n.t('Nothing to offer from {0} commits ({1} – {2}): every changed source file has tests or is too small to need one, and no TODO or skipped test is left to act on.', commits, date(window!.start), date(window!.end)));
  } else if (empty.windows.length > 1) {
    parts.push(vscode.l10n.t('Nothing to offer from {0} commits in {1} repositories: every changed source file has tests or is too small to need one, and no TODO or skipped test is left to act on.', commits, empty.windows.length));
  }
  if (empty.parked > 0) parts.push(vscode.l10n.t('{0} waiting or parked (listed below).', empty.parked));
  if (empty.hidden > 0) parts.push(vscode.l10n.t('{0} hidden: snoozed, dismissed, or someone else\'s.', empty.hidden));
  if (empty.longerWindowDays !== undefined) parts.push(vscode.l10n.t('A longer history window (Hands-On › History Days, e.g. {0}) finds more.', empty.longerWindowDays));
  return parts.join(' ');
}
