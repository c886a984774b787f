import * as vscode from 'vscode';
import { addDays } from '../../core/localDays';
import type { DayTotal, LocalDay, StatsSnapshot } from '../../core/model';
import { escapeMarkdownCell, formatMinutes, streakLength } from '../format';

export const STATS_SCHEME = 'hands-on-stats';
const STATS_URI = vscode.Uri.from({ scheme: STATS_SCHEME, path: '/Coding Stats.md' });
const RECENT_DAYS = 14;
const SPLIT_DAYS = 30;

export interface StatsSource {
  readonly snapshot: StatsSnapshot | undefined;
  /** Union coding minutes per local day (at least the last {@link SPLIT_DAYS} days). */
  readonly dayTotals: ReadonlyMap<LocalDay, DayTotal>;
  readonly privacy: boolean;
  readonly today: string;
}

/** Serves the read-only "Coding Stats" document; it re-renders whenever the figures change. */
export class StatsDocumentProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly source: () => StatsSource) {}

  refresh(): void {
    this.changed.fire(STATS_URI);
  }

  provideTextDocumentContent(): string {
    return renderStats(this.source());
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Opens the stats as a rendered Markdown preview (the raw document if the preview is unavailable). */
export async function showCodingStats(): Promise<void> {
  try {
    await vscode.commands.executeCommand('markdown.showPreview', STATS_URI);
  } catch {
    await vscode.window.showTextDocument(STATS_URI, { preview: true });
  }
}

function renderStats({ snapshot, dayTotals: totals, privacy, today }: StatsSource): string {
  const t = vscode.l10n.t;
  const lines = [`# ${t('Hands-On: Coding Stats')}`, ''];
  if (privacy) {
    lines.push(t('Privacy mode is on, so figures are hidden. Run "Hands-On: Toggle Privacy" to show them.'));
    return lines.join('\n');
  }
  if (!snapshot) {
    lines.push(t('Figures are still being computed. Start coding; this page updates on its own.'));
    return lines.join('\n');
  }
  lines.push(
    `| ${t('Figure')} | ${t('Value')} |`,
    '|---|---|',
    `| ${t('Today')} | ${formatMinutes(snapshot.today === today ? snapshot.todayMinutes : 0)} |`,
    `| ${t('This week')} | ${formatMinutes(snapshot.weekMinutes)} |`,
    `| ${t('Streak')} | ${streakLength(snapshot.streak.current, snapshot.streak.unit === 'weeks')} |`,
    `| ${t('Best streak')} | ${streakLength(snapshot.streak.best, snapshot.streak.unit === 'weeks')} |`,
    `| ${t('Rule')} | ${snapshot.ruleLabel} |`,
    `| ${t('Last hands-on day')} | ${snapshot.streak.lastHandsOnDay ?? t('none yet')} |`,
    '',
    `## ${t('Last {0} days', RECENT_DAYS)}`,
    '',
    `| ${t('Day')} | ${t('Coding time')} |`,
    '|---|---:|',
  );
  for (let back = 0; back < RECENT_DAYS; back++) {
    const day = addDays(today, -back);
    lines.push(`| ${day} | ${formatMinutes(totals.get(day)?.minutes ?? 0)} |`);
  }
  const recent = [...totals.values()].filter((total) => total.day > addDays(today, -SPLIT_DAYS));
  lines.push('', `## ${t('By repository, last {0} days', SPLIT_DAYS)}`, '', ...splitTable(recent, (d) => d.byRepo, t('Repository')));
  lines.push('', `## ${t('By language, last {0} days', SPLIT_DAYS)}`, '', ...splitTable(recent, (d) => d.byLanguage, t('Language')));
  lines.push('', t('All data stays on this machine. "Hands-On: Export Activity Data" writes it to a file.'));
  return lines.join('\n');
}

function splitTable(days: readonly DayTotal[], pick: (day: DayTotal) => ReadonlyMap<string, number>, heading: string): string[] {
  const sums = new Map<string, number>();
  for (const day of days) {
    for (const [key, minutes] of pick(day)) {
      sums.set(key, (sums.get(key) ?? 0) + minutes);
    }
  }
  if (sums.size === 0) {
    return [vscode.l10n.t('Nothing recorded yet.')];
  }
  const rows = [...sums].sort((a, b) => b[1] - a[1]);
  return [`| ${heading} | ${vscode.l10n.t('Coding time')} |`, '|---|---:|', ...rows.map(([key, minutes]) => `| ${escapeMarkdownCell(key || '—')} | ${formatMinutes(minutes)} |`)];
}
