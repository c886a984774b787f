/**
 * Text helpers with no `vscode` import, so pure renderers (the What Changed page) run in unit tests and the bench
 * without an editor. The translation function is passed in: `vscode.l10n.t` in the extension.
 */

/** `vscode.l10n.t`'s positional form: `{0}`, `{1}`… replaced by the arguments. */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** "5 minutes ago", "3 days ago". */
export function timeAgoText(ms: number, t: Translate): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) {
    return t('just now');
  }
  if (minutes < 60) {
    return minutes === 1 ? t('1 minute ago') : t('{0} minutes ago', minutes);
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return hours === 1 ? t('1 hour ago') : t('{0} hours ago', hours);
  }
  return t('{0} days ago', Math.floor(hours / 24));
}

/**
 * Text from outside (task titles from code and issues, repository paths) placed in a Markdown table
 * cell: escaped so it cannot add markup or break the table.
 */
export function escapeMarkdownCell(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}
