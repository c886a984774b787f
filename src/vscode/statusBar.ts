import * as vscode from 'vscode';
import type { StatsSnapshot } from '../core/model';
import { CommandIds } from './commandIds';
import { escapeMarkdownCell, formatMinutes, streakLength, timeAgo } from './format';
import { Disposable } from './lifecycle';

export interface StatusBarState {
  readonly snapshot: StatsSnapshot | undefined;
  readonly today: string;
  readonly now: number;
  readonly privacy: boolean;
  readonly paused: boolean;
  /** The running focus timer, shown as a countdown. */
  readonly focus?: { readonly title: string; readonly minutesLeft: number };
}

/** The one status bar item: streak and today's minutes, e.g. `$(flame) 5d · 42m`. No custom colours. */
export class StreakStatusBar extends Disposable {
  private readonly item = this._register(
    vscode.window.createStatusBarItem('handsOn.streak', vscode.StatusBarAlignment.Left, 100),
  );

  constructor() {
    super();
    this.item.name = vscode.l10n.t('Hands-On Streak');
    // The dashboard has every chart; Show Coding Stats stays in the Command Palette.
    this.item.command = CommandIds.showDashboard;
  }

  /** What the item shows now; read by the integration tests. */
  get text(): string {
    return this.item.text;
  }

  render(state: StatusBarState): void {
    const view = describe(state);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.accessibilityInformation = { label: view.ariaLabel, role: 'button' };
    this.item.show();
  }
}

interface StatusBarView {
  readonly text: string;
  readonly tooltip: vscode.MarkdownString;
  readonly ariaLabel: string;
}

function describe({ snapshot, today, now, privacy, paused, focus }: StatusBarState): StatusBarView {
  // The countdown is no personal figure, and it is what a person mid-task looks for; it shows in privacy mode too.
  const pausedSuffix = `${focus ? ` · $(watch) ${vscode.l10n.t('{0}m left', focus.minutesLeft)}` : ''}${paused ? ' $(debug-pause)' : ''}`;
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.isTrusted = { enabledCommands: [CommandIds.togglePrivacy, CommandIds.resumeTracking, CommandIds.showStats] };

  if (privacy) {
    tooltip.appendMarkdown(vscode.l10n.t('**Hands-On** — privacy mode is on, so figures are hidden.'));
    tooltip.appendMarkdown(`\n\n[${vscode.l10n.t('Show Figures')}](command:${CommandIds.togglePrivacy})`);
    return { text: `$(flame)${pausedSuffix}`, tooltip, ariaLabel: vscode.l10n.t('Hands-On streak, figures hidden') };
  }

  // A cached snapshot from yesterday must not claim yesterday's minutes as today's.
  const todayMinutes = snapshot && snapshot.today === today ? Math.floor(snapshot.todayMinutes) : 0;
  const streak = snapshot?.streak.current ?? 0;
  const weeks = snapshot?.streak.unit === 'weeks';
  const streakText = weeks ? vscode.l10n.t('{0}w', streak) : vscode.l10n.t('{0}d', streak);
  const text = `$(flame) ${streakText} · ${formatMinutes(todayMinutes)}${pausedSuffix}`;

  const rows: [string, string][] = [
    [vscode.l10n.t('Today'), formatMinutes(todayMinutes)],
    [vscode.l10n.t('This week'), formatMinutes(snapshot?.weekMinutes ?? 0)],
    [vscode.l10n.t('Streak'), streakLength(streak, weeks)],
    [vscode.l10n.t('Rule'), snapshot?.ruleLabel ?? '—'],
    [vscode.l10n.t('Best streak'), snapshot ? streakLength(snapshot.streak.best, weeks) : '—'],
    [vscode.l10n.t('Last hands-on day'), snapshot?.streak.lastHandsOnDay ?? vscode.l10n.t('none yet')],
    [vscode.l10n.t('Last coded'), snapshot?.lastActivityAt ? timeAgo(now - snapshot.lastActivityAt) : vscode.l10n.t('not yet')],
    ...(focus ? [[vscode.l10n.t('Focus'), vscode.l10n.t('{0} ({1} min left)', escapeMarkdownCell(focus.title), focus.minutesLeft)] as [string, string]] : []),
  ];
  tooltip.appendMarkdown(`| **${vscode.l10n.t('Hands-On')}** | |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n`);
  if (snapshot?.streak.frozen.length) {
    tooltip.appendMarkdown(`\n${vscode.l10n.t('Freezes used: {0}', snapshot.streak.frozen.slice(-3).join(', '))}\n`);
  }
  if (paused) {
    tooltip.appendMarkdown(`\n\n${vscode.l10n.t('Tracking is paused.')} [${vscode.l10n.t('Resume')}](command:${CommandIds.resumeTracking})`);
  }
  const ariaLabel = vscode.l10n.t('Hands-On streak {0}, {1} coded today', streakLength(streak, weeks), formatMinutes(todayMinutes));
  return { text, tooltip, ariaLabel };
}
