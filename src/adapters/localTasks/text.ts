/**
 * Small helpers shared by the local task sources: safe titles and stable ids. Node only (hashing).
 */
import { createHash } from 'node:crypto';

export { MAX_TITLE_CHARS, sanitizeTitle } from '../../core/displayText';

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
