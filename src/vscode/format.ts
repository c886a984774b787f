import * as vscode from 'vscode';

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
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) {
    return vscode.l10n.t('just now');
  }
  if (minutes < 60) {
    return minutes === 1 ? vscode.l10n.t('1 minute ago') : vscode.l10n.t('{0} minutes ago', minutes);
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return hours === 1 ? vscode.l10n.t('1 hour ago') : vscode.l10n.t('{0} hours ago', hours);
  }
  return vscode.l10n.t('{0} days ago', Math.floor(hours / 24));
}

/**
 * Text from outside (task titles from code and issues, repository paths) placed in a Markdown table
 * cell: escaped so it cannot add markup or break the table.
 */
export function escapeMarkdownCell(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

/** A moment as a clock shows it: `14:05` today, with the date on other days. */
export function clockTime(ms: number, now: number): string {
  const at = new Date(ms);
  const sameDay = at.toDateString() === new Date(now).toDateString();
  const time = at.toLocaleTimeString(vscode.env.language, { hour: '2-digit', minute: '2-digit' });
  return sameDay ? time : `${at.toLocaleDateString(vscode.env.language, { month: 'short', day: 'numeric' })} ${time}`;
}
