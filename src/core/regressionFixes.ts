/**
 * Behaviour fixes that came without a test: concrete test tasks ("Add a regression test for 1a2b3c4 Fix crash on empty
 * invoice"), each claim checked against the history. Pure: the caller gives the history window's compact commit
 * records (history.ts), one `-U1` diff per candidate fix and the files' text at HEAD.
 *
 * A fix qualifies when, in the window:
 * - core/commitKind.ts calls it a behaviour fix (the walk kept its subject), and it changed at most
 *   {@link MAX_FIX_FILES} files, source files among them (a sweep is not one fix);
 * - it changed nothing that looks like a test: no test file, test helper or test data (isTestArtifact), no test code
 *   inside a source (a Rust `#[test]`, a doctest, a C `…Test()` function) and no function git names a test;
 * - a source it changed still exists at HEAD (renames followed), and no LATER commit changed that source together
 *   with anything test-like (the test may have come afterwards);
 * - that source's change is more than messages, comments or whitespace, and the code it changed can still be found
 *   at HEAD (the task points at the function holding it now).
 */
import { codeLines } from './codeText';
import { sourceShape, type FunctionShape, type SourceShape } from './sourceShape';
import type { FixCommitRef } from './tasks';
import { isSourceFile, isTestFile, isTestSupportFile, languageOf, type SourceLanguage } from './testFileMatch';

/** Fix commits read (their diffs) per scan at most, newest first. */
export const MAX_REGRESSION_FIXES = 40;
/** A fix that changed more files than this is a sweep (a rename, an API change across the tree), not one behaviour. */
export const MAX_FIX_FILES = 20;

/** Folders of test data: a fix that adds a case there (a Go `testdata/` golden file) came with a test. */
const TEST_DATA_DIR = /^(?:testdata|test[-_]data|fixtures?|__fixtures__|__snapshots__)$/i;

/** A test file, a test helper, or test data: anything whose change may be the fix's test. */
export function isTestArtifact(file: string): boolean {
  if (isTestFile(file) || isTestSupportFile(file)) return true;
  const dirs = file.split('/');
  dirs.pop();
  return dirs.some((d) => TEST_DATA_DIR.test(d));
}

/** The commit records regressionCandidates reads (history.ts CommitRecord). */
export interface FixRecord {
  readonly h: string;
  /** Committer time, epoch seconds. */
  readonly t: number;
  /** Present only on behaviour fixes. */
  readonly s?: string;
  readonly f: readonly number[];
  readonly r?: ReadonlyArray<readonly [number, number]>;
}

export interface FixSource {
  /** The path the fix changed. */
  readonly atFix: string;
  /** The same file's path at HEAD (after later renames). */
  readonly atHead: string;
}

export interface FixWithoutTest extends FixCommitRef {
  /** Committer time, epoch seconds. */
  readonly time: number;
  /** Its source files that still exist and no later commit changed with anything test-like, in the commit's order. */
  readonly sources: readonly FixSource[];
  /** Every source file it changed, as it named them: any may hold test code (a Rust `#[test]`). */
  readonly changed: readonly string[];
}

export interface CandidateOptions {
  /** Whether a path is a source worth considering (a source file the repository filter keeps). */
  readonly isSource: (file: string) => boolean;
  /** Whether a path exists at HEAD. */
  readonly isPresent: (file: string) => boolean;
  readonly max?: number;
}

/**
 * The window's fixes that changed sources and nothing test-like, newest first, at most `max`: each with the sources
 * that still exist and were not changed with a test later. `commits` are newest first; `files` the path table their
 * indices point into. One pass from the newest commit back, so a long window costs one look at each record.
 */
export function regressionCandidates(commits: readonly FixRecord[], files: readonly string[], options: CandidateOptions): FixWithoutTest[] {
  const max = options.max ?? MAX_REGRESSION_FIXES;
  // Per file index, as of the commit being read (names move back through renames as the walk goes back in time):
  // its path at HEAD, and whether a newer commit changed it with something test-like.
  const headName = new Map<number, string>();
  const testedLater = new Set<number>();
  const artifact = new Uint8Array(files.length); // 0 unknown, 1 test-like, 2 not
  const isArtifact = (i: number) => {
    if (artifact[i] === 0) artifact[i] = isTestArtifact(files[i]!) ? 1 : 2;
    return artifact[i] === 1;
  };
  const nameAtHead = (i: number): string | undefined => headName.get(i) ?? (options.isPresent(files[i]!) ? files[i] : undefined);
  const found: FixWithoutTest[] = [];
  for (const c of commits) {
    if (found.length >= max) break;
    const withTest = c.f.some(isArtifact);
    if (c.s !== undefined && !withTest && c.f.length <= MAX_FIX_FILES && !untestableFix(c.s)) {
      const sources: FixSource[] = [];
      const changed: string[] = [];
      for (const i of c.f) {
        const atFix = files[i]!;
        if (!isSourceFile(atFix)) continue;
        changed.push(atFix);
        if (testedLater.has(i) || !options.isSource(atFix)) continue;
        const atHead = nameAtHead(i);
        if (atHead !== undefined && options.isPresent(atHead) && isSourceFile(atHead) && !sources.some((s) => s.atFix === atFix)) sources.push({ atFix, atHead });
      }
      if (sources.length > 0) found.push({ hash: c.h, subject: c.s, time: c.t, sources, changed });
    }
    if (withTest) for (const i of c.f) testedLater.add(i);
    // Older commits knew a renamed file by its old name.
    for (const [from, to] of c.r ?? []) {
      const head = nameAtHead(to);
      if (head !== undefined) headName.set(from, head);
      if (testedLater.has(to)) testedLater.add(from);
    }
  }
  return found;
}

/**
 * A fix whose subject says a regression test cannot pin it: a performance fix (the output does not change), a
 * speculative one, one the author calls unreachable, or a vague "small fix" with nothing named to test.
 */
const UNTESTABLE_FIX = /\b(?:performance|perf|slow(?:ness|down)?|speed(?:s|ed)? up|faster|memory (?:usage|footprint)|allocations?|speculative(?:ly)?|unreachable|cannot (?:happen|be reached)|in theory|theoretical)\b|^\W*(?:small|minor|tiny|trivial|quick) fix(?:es)?\W*$/i;

export function untestableFix(subject: string): boolean {
  return UNTESTABLE_FIX.test(subject);
}

/**
 * For each commit a merge brought in from a branch (not on HEAD's first-parent line), the merge that brought it:
 * its pull request, whose other commits may hold the fix's test. `parents` lists the window's commits (merges too)
 * with their parents, first parent first. Older merges claim their commits first, so a newer merge of a long-lived
 * branch gets only what it brought new. Commits on the first-parent line are absent.
 */
export function mergedBy(parents: ReadonlyMap<string, readonly string[]>, head: string): Map<string, string> {
  const line: string[] = [];
  const onLine = new Set<string>();
  for (let at: string | undefined = head; at !== undefined && parents.has(at) && !onLine.has(at); at = parents.get(at)![0]) {
    line.push(at);
    onLine.add(at);
  }
  const by = new Map<string, string>();
  for (let i = line.length - 1; i >= 0; i--) {
    const merge = line[i]!;
    const stack = parents.get(merge)!.slice(1);
    while (stack.length > 0) {
      const commit = stack.pop()!;
      if (onLine.has(commit) || by.has(commit) || !parents.has(commit)) continue;
      by.set(commit, merge);
      stack.push(...parents.get(commit)!);
    }
  }
  return by;
}

/** One hunk of a fix's `-U1` diff of one file. */
export interface DiffHunk {
  /** What git prints after the second `@@`: the line it takes for the enclosing function (may be empty). */
  readonly context: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** The unchanged lines around the change. */
  readonly around: readonly string[];
}

/** Where a fix's change to one file sits at HEAD, and whether it is worth a regression test. */
export type FixLocation =
  | {
    readonly kind: 'located';
    /** The function at HEAD holding most of the change; undefined when it is outside any function. */
    readonly fn?: FunctionShape;
    /** 1-based lines at HEAD of the code the fix changed (in `fn` when there is one). */
    readonly line: number;
    readonly endLine?: number;
    /** Added plus removed lines (not blank) in the file. */
    readonly changedLines: number;
    readonly shape: SourceShape;
  }
  /** The fix changed test code inside the source: it came with a test. */
  | { readonly kind: 'testCode' }
  /** Only messages, comments or whitespace changed. */
  | { readonly kind: 'cosmetic' }
  /** None of the changed code can be found at HEAD: it was rewritten or removed since. */
  | { readonly kind: 'gone' };

/** Test code written inside a source file: Rust's test attributes, a Python doctest. */
const INLINE_TEST = /#\[(?:[\w:]+::)?test\b|#\[cfg\(test\)\]|^\s*>>> \S/;
/** Lines that say nothing about where they are: braces, `else`, `return;`, `end`, `break`, a lone keyword. */
const TRIVIAL_LINE = /^(?:[\s{}()[\];,.:]*|(?:[})\]]\s*)?(?:else|end|return|break|continue|pass|default|try|finally|do|fi|done|esac|nil|null|None|true|false)\b[\s{}();:,]*)$/;

/** Whether a function name says it is a test (`kvstoreTest`, `test_parse`, `freeTestCallback`), by its words. */
export function namesATest(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/);
  return words.some((w) => /^tests?$/i.test(w));
}

/**
 * Where the change a fix made to `file` sits in `headText` (the file now), by finding the lines it added (or, for a
 * deletion, the lines around it) at HEAD: line numbers move with every later commit, the code itself rarely does.
 * `headShape`: the text's sourceShape when the caller has it already.
 */
export function locateFix(file: string, hunks: readonly DiffHunk[], headText: string, headShape?: SourceShape): FixLocation {
  const language = languageOf(file);
  if (!language) return { kind: 'gone' };
  if (hasTestCode(hunks)) return { kind: 'testCode' };
  if (hunks.every((h) => sameCode(h.removed, h.added, language))) return { kind: 'cosmetic' };
  const headLines = headText.split('\n');
  const anchorsOf = (h: DiffHunk) => {
    const added = h.added.map((l) => l.trim()).filter(distinctive);
    return added.length > 0 ? added : h.around.map((l) => l.trim()).filter(distinctive);
  };
  const wanted = new Set(hunks.flatMap(anchorsOf));
  const at = new Map<string, number[]>();
  headLines.forEach((line, i) => {
    const text = line.trim();
    if (wanted.has(text)) (at.get(text) ?? at.set(text, []).get(text)!).push(i + 1);
  });
  const shape = headShape ?? sourceShape(headText, language);
  const owner = (line: number) => shape.functions.find((fn) => fn.line <= line && line <= fn.endLine);
  /** Per function (undefined: outside any), the changed lines and where they are now, imports apart. */
  const weights = new Map<FunctionShape | undefined, { lines: number; code: Array<[number, number]>; imports: Array<[number, number]> }>();
  let changedLines = 0;
  let found = 0;
  for (const h of hunks) {
    const size = changedLineCount([h]);
    changedLines += size;
    // The first anchor found once at HEAD, else one whose every copy sits in the same function.
    let line: number | undefined;
    let anchor = '';
    for (const text of anchorsOf(h)) {
      const lines = at.get(text);
      if (lines?.length === 1) { [line, anchor] = [lines[0], text]; break; }
      if (line === undefined && lines && lines.every((l) => owner(l) !== undefined && owner(l) === owner(lines[0]!))) [line, anchor] = [lines[0], text];
    }
    if (line === undefined) continue;
    found++;
    const fn = owner(line);
    // The lines the hunk added around its anchor, as they sit now (a deletion is its anchor line alone).
    const before = h.added.findIndex((l) => l.trim() === anchor);
    const span: [number, number] = before < 0 ? [line, line] : [line - before, line + h.added.length - 1 - before];
    const weight = weights.get(fn) ?? weights.set(fn, { lines: 0, code: [], imports: [] }).get(fn)!;
    weight.lines += size;
    (h.added.every((l) => IMPORT_LINE.test(l.trim()) || l.trim() === '') ? weight.imports : weight.code).push(span);
  }
  if (found === 0) return { kind: 'gone' };
  let best: FunctionShape | undefined;
  let most = -1;
  // Most changed lines first; a function before code outside any on a tie.
  for (const [fn, weight] of weights) if (weight.lines > most || (weight.lines === most && best === undefined && fn)) [best, most] = [fn, weight.lines];
  const weight = weights.get(best)!;
  // Where to open: the changed code (not the import it needed), within the function.
  const spans = weight.code.length ? weight.code : weight.imports;
  const low = best?.line ?? 1;
  const high = best?.endLine ?? Number.MAX_SAFE_INTEGER;
  const line = Math.min(high, Math.max(low, Math.min(...spans.map((s) => s[0]))));
  const endLine = Math.min(high, Math.max(line, ...spans.map((s) => s[1])));
  return { kind: 'located', ...(best ? { fn: best } : {}), line, ...(endLine > line ? { endLine } : {}), changedLines, shape };
}

/** Added plus removed lines that are not blank. */
export function changedLineCount(hunks: readonly DiffHunk[]): number {
  let n = 0;
  for (const h of hunks) for (const line of [...h.added, ...h.removed]) if (line.trim() !== '') n++;
  return n;
}

/** An import, include or package line. */
const IMPORT_LINE = /^(?:import\b|from\s+\S+\s+import\b|#\s*include\b|using\s|use\s|require(?:_relative)?\b|package\s|const\s+\w+\s*=\s*require\()/;

/** The diff adds test code (a Rust `#[test]`, a doctest) or changes a function git names a test (`kvstoreTest`). */
export function hasTestCode(hunks: readonly DiffHunk[]): boolean {
  return hunks.some((h) => h.added.some((line) => INLINE_TEST.test(line)) || namesATest(contextName(h.context)));
}

/** A line specific enough to find again: some word in it, not a lone brace or keyword. */
function distinctive(text: string): boolean {
  return text.length >= 4 && /[A-Za-z0-9_]/.test(text) && !TRIVIAL_LINE.test(text) && !/^(?:\/\/|#|\*|\/\*|--)/.test(text);
}

/** The removed and added lines hold the same code once comments, string contents and spacing are gone. */
function sameCode(removed: readonly string[], added: readonly string[], language: SourceLanguage): boolean {
  const code = (lines: readonly string[]) => codeLines(lines.filter((l) => !/^\s*(?:\*|\/\*|\/\/)/.test(l)).join('\n'), language).join('').replace(/\s+/g, '');
  return code(removed) === code(added);
}

/** The function name in git's hunk context (`int kvstoreTest(int argc, …) {` → `kvstoreTest`), or ''. */
function contextName(context: string): string {
  const before = context.slice(0, Math.max(0, context.indexOf('('))) || context;
  return /([A-Za-z_$][\w$]*)\s*$/.exec(before.trim())?.[1] ?? '';
}
