/**
 * Which repository files an issue most likely involves, from its title and body, so "Pick Up a Bug" can
 * open them next to the issue.
 *
 * Three kinds of evidence, strongest first:
 * 1. paths: `src/a/b.ts`, `./b.ts:42`, stack frames (`at fn (/ci/build/src/x.js:10:5)`, Python's
 *    `File "/app/x.py", line 3`), blob URLs; matched by their longest path suffix against tracked files,
 *    because traces come from other machines (CI, a user's laptop) with other roots;
 * 2. bare file names: `b.ts`;
 * 3. identifiers in backticks that name a file: `parseInvoice` → `parse-invoice.ts`, `parseInvoice.ts`.
 * Within a kind, files keep the order of their first mention, so the top stack frame comes first (Python
 * tracebacks, printed the other way up, are read bottom-up).
 *
 * A mention that fits many files (`index.ts`) names none of them usefully, so it is dropped rather than
 * opening a dozen editors. The text is scanned token by token (no backtracking regex over the whole
 * body): issue bodies are written by strangers and may be 64 KB. Pure string logic.
 */
import { pathSegments } from './pathMatch';

export type LikelyFileReason = 'path' | 'fileName' | 'identifier';

export interface LikelyFile {
  /** Repository-relative, as in `trackedFiles`. */
  readonly file: string;
  /** 1-based line from `:42`, `line 3` or `#L10`, when the strongest mention gave one. */
  readonly line?: number;
  readonly reason: LikelyFileReason;
}

/** A mention matching more files than this is too vague to open. */
const MAX_AMBIGUOUS = 3;
/** Issue bodies are capped at 65,536 characters by GitHub; anything longer is not an issue body. */
const MAX_TEXT = 100_000;
const RANK: Record<LikelyFileReason, number> = { path: 0, fileName: 1, identifier: 2 };

export function likelyFiles(text: string, trackedFiles: readonly string[], max = 5): string[] {
  return likelyFileMentions(text, trackedFiles, max).map((m) => m.file);
}

export function likelyFileMentions(text: string, trackedFiles: readonly string[], max = 5): LikelyFile[] {
  const all = mentions(text.slice(0, MAX_TEXT));
  const index = new FileIndex(trackedFiles, all);
  const found = new Map<string, LikelyFile & { order: number }>();
  let order = 0;
  const add = (files: readonly string[], reason: LikelyFileReason, line: number | undefined): void => {
    if (files.length === 0 || files.length > MAX_AMBIGUOUS) return;
    for (const file of files) {
      const seen = found.get(file);
      if (seen && RANK[seen.reason] <= RANK[reason]) continue;
      found.set(file, { file, reason, order: order++, ...(line !== undefined && { line }) });
    }
  };
  for (const mention of all) {
    if (mention.kind === 'path') {
      const { files, shared } = index.bySuffix(mention.segments);
      // Sharing only the base name (`/tmp/x.js` vs `lib/x.js`) is no better evidence than a bare `x.js`.
      add(files, shared >= 2 ? 'path' : 'fileName', mention.line);
    } else {
      add(index.byStem(mention.name), 'identifier', undefined);
    }
  }
  return [...found.values()]
    .sort((a, b) => RANK[a.reason] - RANK[b.reason] || a.order - b.order)
    .slice(0, Math.max(0, max))
    .map(({ order: _order, ...file }) => file);
}

type Mention =
  | { readonly kind: 'path'; readonly segments: readonly string[]; readonly line?: number }
  | { readonly kind: 'identifier'; readonly name: string };

/** Python frames quote the path, which may contain spaces, so they are read before tokenising. */
const PYTHON_FRAME = /File "([^"\n]{1,400})", line (\d{1,7})/g;
/** Frames closer than this belong to one traceback. */
const SAME_TRACEBACK = 400;

/** Every path-like token and backticked identifier, in reading order (see `pythonFrames` for the exception). */
function mentions(text: string): Mention[] {
  const found: { at: number; mention: Mention }[] = pythonFrames(text);
  // Blank the frames out, keeping offsets, so their paths are not read twice.
  const rest = text.replace(PYTHON_FRAME, (frame) => ' '.repeat(frame.length));
  for (const token of rest.matchAll(/[^\s"'`()<>[\]{},;|]+/g)) {
    const mention = pathMention(token[0]);
    if (mention) found.push({ at: token.index, mention });
  }
  for (const span of rest.matchAll(/`([^`\n]{1,200})`/g)) {
    for (const id of span[1]!.matchAll(/[A-Za-z_$][\w$]{2,}/g)) found.push({ at: span.index + id.index, mention: { kind: 'identifier', name: id[0] } });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.mention);
}

/**
 * Python prints the most recent call LAST, so within one traceback the frames are handed out bottom-up:
 * the line that raised comes first, as the top frame of a JavaScript or Java trace does.
 */
function pythonFrames(text: string): { at: number; mention: Mention }[] {
  const frames = [...text.matchAll(PYTHON_FRAME)].filter((m) => !inDependency(pathSegments(m[1]!)));
  const out: { at: number; mention: Mention }[] = [];
  for (let start = 0; start < frames.length;) {
    let end = start + 1;
    while (end < frames.length && frames[end]!.index - frames[end - 1]!.index < SAME_TRACEBACK) end++;
    for (let i = start; i < end; i++) {
      const frame = frames[end - 1 - (i - start)]!;
      const segments = pathSegments(frame[1]!);
      if (segments.length) out.push({ at: frames[i]!.index, mention: { kind: 'path', segments, line: Number(frame[2]) } });
    }
    start = end;
  }
  return out;
}

function pathMention(rawToken: string): Mention | undefined {
  if (rawToken.length > 400) return undefined;
  let token = rawToken.replace(/^file:\/\//, '').replace(/^[a-z][\w+.-]*:\/\/[^/]*/i, '');
  let line: number | undefined;
  const fragment = /#L(\d+)(?:-L?\d+)?$/.exec(token);
  if (fragment) {
    line = Number(fragment[1]);
    token = token.slice(0, fragment.index);
  }
  token = token.replace(/[?#].*$/, '').replace(/[.,:;!?]+$/, '');
  const position = /:(\d+)(?::\d+)?$/.exec(token);
  if (position) {
    line = Number(position[1]);
    token = token.slice(0, position.index);
  }
  // Frames inside the runtime or dependencies point at code the issue is not about.
  if (/^node:/.test(token)) return undefined;
  const segments = pathSegments(token.replace(/^[A-Za-z]:(?=[\\/])/, ''));
  if (inDependency(segments)) return undefined;
  const base = segments[segments.length - 1];
  // A lone word is only a file name when it has an extension (or is a dotfile); otherwise it is prose.
  if (!base || (segments.length === 1 && !base.slice(1).includes('.'))) return undefined;
  return { kind: 'path', segments, ...(line !== undefined && line > 0 && { line }) };
}

const DEPENDENCY_FOLDERS = new Set(['node_modules', 'site-packages', 'dist-packages']);

function inDependency(segments: readonly string[]): boolean {
  return segments.some((s) => DEPENDENCY_FOLDERS.has(s));
}

/**
 * The tracked files some mention could name, by lower-cased base name and by normalised stem. Only those
 * are split into segments: a 200k-file repository costs one cheap pass, and lookups O(files sharing a name).
 */
class FileIndex {
  /** Per lower-cased base name (issue writers get the case wrong): lower-cased segments and the tracked spelling. */
  private readonly byBase = new Map<string, { segments: string[]; file: string }[]>();
  private readonly byStemKey = new Map<string, string[]>();

  constructor(trackedFiles: readonly string[], mentions: readonly Mention[]) {
    const bases = new Set<string>();
    const stems = new Set<string>();
    for (const m of mentions) {
      if (m.kind === 'path') bases.add(m.segments[m.segments.length - 1]!.toLowerCase());
      else stems.add(stemKey(m.name));
    }
    if (bases.size === 0 && stems.size === 0) return;
    for (const file of trackedFiles) {
      const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1).toLowerCase();
      if (bases.has(base)) {
        push(this.byBase, base, { segments: pathSegments(file).map((s) => s.toLowerCase()), file });
      }
      // The stem stops at the first dot, so `parseInvoice` finds `parseInvoice.test.ts` as well.
      if (stems.size > 0) {
        const stem = stemKey(base.split('.')[0]!);
        if (stems.has(stem)) push(this.byStemKey, stem, file);
      }
    }
  }

  /** The tracked files sharing the most trailing segments with `segments` (case-insensitively). */
  bySuffix(segments: readonly string[]): { files: string[]; shared: number } {
    const wanted = segments.map((s) => s.toLowerCase());
    const candidates = this.byBase.get(wanted[wanted.length - 1]!) ?? [];
    let shared = 0;
    let files: string[] = [];
    for (const { segments: candidate, file } of candidates) {
      let n = 0;
      while (n < wanted.length && n < candidate.length && wanted[wanted.length - 1 - n] === candidate[candidate.length - 1 - n]) n++;
      if (n > shared) [shared, files] = [n, [file]];
      else if (n === shared) files.push(file);
    }
    return { files, shared };
  }

  byStem(identifier: string): string[] {
    return this.byStemKey.get(stemKey(identifier)) ?? [];
  }
}

/** `parse-invoice`, `parse_invoice`, `ParseInvoice` and `parseInvoice` all read as `parseinvoice`. */
function stemKey(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
