/**
 * Text from outside (repository comments, test names, GitHub issue and PR titles) made safe to show. Pure.
 */

export const MAX_TITLE_CHARS = 120;

/**
 * Makes text from the repository safe to show as a one-line title: text in a comment or a test name is
 * attacker-controllable (a cloned repo), and the view, tooltips and the CLI must not be spoofed by it.
 * - C0/C1 control characters (incl. ANSI escape sequences, which would recolour or move a terminal's cursor),
 *   bidi overrides/isolates (Trojan Source) and zero-width characters are removed;
 * - markup-ish characters (`<>`, backticks, `*`, `[]`, `{}`, `|`, `\`) become spaces, so Markdown/HTML tooltips
 *   cannot render links, images or emphasis;
 * - whitespace is collapsed and the result capped at `max` characters with an ellipsis.
 */
export function sanitizeTitle(text: string, max = MAX_TITLE_CHARS): string {
  const cleaned = text
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '') // ANSI CSI sequences, before their ESC is stripped alone
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
    .replace(/[<>`*[\]{}|\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length <= max) return cleaned;
  // Cut on code points, not UTF-16 units, so no lone surrogate is left behind.
  return [...cleaned].slice(0, max - 1).join('').trimEnd() + '…';
}
