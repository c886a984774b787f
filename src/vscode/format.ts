import * as vscode from 'vscode';
import { timeAgoText } from './markdownText';

// Pure, so renderers that run without VS Code (the What Changed page) share it; re-exported for the others.
export { escapeMarkdownCell } from './markdownText';

/** Figures as people read them, localised; shared by the status bar and the stats page. */

export function formatMinutes(minutes: number): string {
  const whole = Math.floor(minutes);
  if (whole < 60) {
    return vscode.l10n.t('{0}m', whole);
  }
  return vscode.l10n.t('{0}h {1}m', Math.floor(whole / 60), String(whole % 60).padStart(2, '0'));
}

export function streakLength(count: number, weeks: boolean): string {
  if (weeks) {
    return count === 1 ? vscode.l10n.t('1 week') : vscode.l10n.t('{0} weeks', count);
  }
  return count === 1 ? vscode.l10n.t('1 day') : vscode.l10n.t('{0} days', count);
}

export function timeAgo(ms: number): string {
  return timeAgoText(ms, vscode.l10n.t);
}

/** A moment as a clock shows it: `14:05` today, with the date on other days. */
export function clockTime(ms: number, now: number): string {
  const at = new Date(ms);
  const sameDay = at.toDateString() === new Date(now).toDateString();
  const time = at.toLocaleTimeString(vscode.env.language, { hour: '2-digit', minute: '2-digit' });
  return sameDay ? time : `${at.toLocaleDateString(vscode.env.language, { month: 'short', day: 'numeric' })} ${time}`;
}
