/**
 * Small helpers shared by the local task sources: safe titles and stable ids. Node only (hashing).
 */
import { createHash } from 'node:crypto';

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

/** Short, stable hash for ids: 12 hex chars of SHA-1 (identity, not security). */
export function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 12);
}

/**
 * Ids stay stable when lines move: they name the file and hash the normalised text, not the line number.
 * Identical texts in one file get `#2`, `#3`… in file order, so they stay distinct.
 */
export class IdMaker {
  private readonly seen = new Map<string, number>();
  make(kind: string, repo: string, relPath: string, text: string): string {
    const base = `${kind}:${repo}:${relPath}:${shortHash(text.replace(/\s+/g, ' ').trim())}`;
    const n = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  }
}

/** Days between `then` and `now` (epoch ms), never negative (clock skew, commits dated in the future). */
export function ageInDays(thenMs: number, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - thenMs) / 86_400_000));
}
