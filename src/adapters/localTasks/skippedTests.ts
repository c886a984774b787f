/**
 * Skipped and disabled tests, found with `git grep`; in two phases like todos.ts (`grepSkippedTests`, then
 * `skippedTestCandidates` with ages), or both with `git blame` ages (`findSkippedTests`). Node only.
 *
 * Each language's markers only count in that language's files (by extension), so `@Ignore` in a TypeScript
 * decorator or `xit(` in a Python file does not. The test name comes from the string literal right after a JS/TS
 * marker, else from the nearest declaration: the next one for decorators/annotations/attributes, the enclosing
 * one (searching upwards) for calls made inside a test body (`t.Skip()`, `pytest.skip()`). For those the file is
 * read from the work tree (at most 2 MB), because git grep's own context lines cannot tell how far to look.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { TaskCandidate } from '../../core/tasks';
import { GitGateway } from '../gitProcess';
import { blameAges, type BlameAges, type BlameOptions } from './blame';
import { ereToRegExp, grepTracked, type GrepHit } from './grep';
import { linesByFile, type SourceResult } from './todos';
import { IdMaker, sanitizeTitle } from './text';

export const DEFAULT_MAX_SKIPPED = 1_000;
const MAX_READ_BYTES = 2 << 20;
/** How many lines to look above/below a marker for the test's declaration. */
const LOOK_DOWN = 8;
const LOOK_UP = 200;

type Lang = 'js' | 'jvm' | 'python' | 'go' | 'rust' | 'csharp';

const EXTENSIONS: Record<Lang, readonly string[]> = {
  js: ['js', 'jsx', 'ts', 'tsx', 'mjs', 'cjs', 'mts', 'cts'],
  jvm: ['java', 'kt', 'groovy', 'scala'],
  python: ['py'],
  go: ['go'],
  rust: ['rs'],
  csharp: ['cs'],
};

/** git grep prefilter (POSIX ERE, no `\b`): the union of every language's markers. */
export const SKIP_GREP_PATTERNS: readonly string[] = [
  '(it|test|describe|context|suite|specify)\\.(skip|todo)[[:space:]]*\\(',
  '(^|[^A-Za-z0-9_$.])x(it|describe|test|context|specify)[[:space:]]*\\(',
  '@(Disabled|Ignore)',
  '(pytest\\.mark\\.skip|unittest\\.skip|pytest\\.skip[[:space:]]*\\()',
  '\\.Skip(f|Now)?[[:space:]]*\\(',
  '#\\[ignore',
  '\\[[^]]*Ignore',
  'Skip[[:space:]]*=',
];

/**
 * Strings one of which every line any SKIP_GREP_PATTERNS entry matches contains, pattern by pattern: `.skip`/`.todo`;
 * `x` + the test function; `Disabled`/`Ignore`; `.skip` again for pytest/unittest; `Skip` for Go's `.Skip(` and C#'s
 * `Skip =`; `#[ignore`; `Ignore` for C#'s attribute. A fixed-string prefilter for sourcesGrep.ts; keep in step.
 */
export const SKIP_KEYWORDS: readonly string[] = [
  '.skip', '.todo', 'xit', 'xdescribe', 'xtest', 'xcontext', 'xspecify', 'Disabled', 'Ignore', 'Skip', '#[ignore',
];

interface Marker {
  readonly lang: Lang;
  /** Group 1 (when present) is the marker as shown; otherwise `label` is used. */
  readonly re: RegExp;
  readonly label?: string;
  /** Where the test name is: the string literal after the marker, the next declaration, or the enclosing one. */
  readonly name: 'literal' | 'next' | 'enclosing';
}

/** The precise per-line checks, in priority order; the first that matches names the marker. */
export const MARKERS: readonly Marker[] = [
  { lang: 'js', re: /(?:^|[^\w$.])((?:it|test|describe|context|suite|specify)\.(?:skip|todo))\s*\(/, name: 'literal' },
  { lang: 'js', re: /(?:^|[^\w$.])(x(?:it|describe|test|context|specify))\s*\(/, name: 'literal' },
  { lang: 'jvm', re: /(@(?:Disabled|Ignore))\b/, name: 'next' },
  { lang: 'python', re: /(@pytest\.mark\.skip)\b(?!if)/, name: 'next' },
  { lang: 'python', re: /(@unittest\.skip)\b(?!If|Unless)/, name: 'next' },
  { lang: 'python', re: /(?:^|[^\w.])(pytest\.skip)\s*\(/, name: 'enclosing' },
  { lang: 'go', re: /\b\w+(?:\(\))?\.(Skip(?:f|Now)?)\s*\(/, label: 't.Skip', name: 'enclosing' },
  { lang: 'rust', re: /(#\[ignore)\b/, label: '#[ignore]', name: 'next' },
  { lang: 'csharp', re: /\[\s*(?:[\w.]+(?:\([^)]*\))?\s*,\s*)*(Ignore)\b/, label: '[Ignore]', name: 'next' },
  { lang: 'csharp', re: /\[\s*\w+\s*\([^\]]*\b(Skip)\s*=\s*"/, label: 'Skip =', name: 'next' },
];

/** Declarations that name a test, per language; group 1 is the name. */
const DECLARATION: Record<Lang, RegExp> = {
  js: /^$/, // names come from literals
  jvm: /(?:\bvoid|\bfun|\bdef)\s+`?([\w ]+?)`?\s*\(|\bclass\s+(\w+)/,
  python: /^\s*(?:async\s+)?(?:def|class)\s+(\w+)/,
  go: /^func\s+(?:\([^)]*\)\s*)?(\w+)\s*\(/,
  rust: /\bfn\s+(\w+)/,
  csharp: /\b(?:void|Task)\s+(\w+)\s*\(|\bclass\s+(\w+)/,
};

const STRING_LITERAL = /^\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/;

export function langOf(file: string): Lang | undefined {
  const ext = path.extname(file).slice(1).toLowerCase();
  return (Object.keys(EXTENSIONS) as Lang[]).find((lang) => EXTENSIONS[lang].includes(ext));
}

/** The marker on a line of a file of that language, with the index just past it, or undefined. */
export function matchMarker(lang: Lang, line: string): { marker: Marker; label: string; end: number } | undefined {
  for (const marker of MARKERS) {
    if (marker.lang !== lang) continue;
    const m = marker.re.exec(line);
    if (m) return { marker, label: marker.label ?? m[1]!, end: m.index + m[0].length };
  }
  return undefined;
}

/** The test name from the lines of its file (`lines[0]` is line 1), or undefined. */
export function testNameNear(lang: Lang, lines: readonly string[], lineNo: number, where: 'next' | 'enclosing'): string | undefined {
  const decl = DECLARATION[lang];
  const index = lineNo - 1;
  if (where === 'next') {
    for (let i = index; i < Math.min(lines.length, index + LOOK_DOWN); i++) {
      const m = decl.exec(lines[i]!);
      if (m) return (m[1] ?? m[2])!.trim();
    }
  } else {
    for (let i = index; i >= Math.max(0, index - LOOK_UP); i--) {
      const m = decl.exec(lines[i]!);
      if (m) return (m[1] ?? m[2])!.trim();
    }
  }
  return undefined;
}

export interface SkippedOptions extends Pick<BlameOptions, 'maxFiles' | 'signal' | 'timeoutMs'> {
  readonly now?: number;
  readonly maxSkipped?: number;
}

/** Only files of the languages above, by their (case-sensitive) extension. */
const INCLUDE = Object.values(EXTENSIONS).flat().map((ext) => `:(glob)**/*.${ext}`);
const SKIP_PREFILTERS = SKIP_GREP_PATTERNS.map(ereToRegExp);

/** The marker on a line this source's grep returned, or undefined (wrong language, or not really a skip). */
function markerOf(hit: GrepHit): ReturnType<typeof matchMarker> {
  const lang = langOf(hit.path);
  // Go's t.Skip only means something in test files.
  if (!lang || (lang === 'go' && !hit.path.endsWith('_test.go'))) return undefined;
  return matchMarker(lang, hit.text);
}

/**
 * What this source's own grep would keep of a line any grep found: the same files (INCLUDE), the same prefilter,
 * then the precise marker check. For a grep shared with other sources (sourcesGrep.ts).
 */
export function acceptSkip(hit: GrepHit): ReturnType<typeof matchMarker> {
  const ext = path.extname(hit.path).slice(1);
  if (!Object.values(EXTENSIONS).some((list) => list.includes(ext))) return undefined;
  if (!SKIP_PREFILTERS.some((re) => re.test(hit.text))) return undefined;
  return markerOf(hit);
}

/** What the grep found, before ages. */
export interface SkippedScan {
  readonly hits: GrepHit[];
  readonly found: ReadonlyMap<GrepHit, { marker: Marker; label: string; end: number }>;
  readonly problems: string[];
}

export async function findSkippedTests(git: GitGateway, repoRoot: string, options: SkippedOptions = {}): Promise<SourceResult> {
  const now = options.now ?? Date.now();
  const scan = await grepSkippedTests(git, repoRoot, options);
  const blame = await blameAges(git, repoRoot, linesByFile(scan.hits), { now, maxFiles: options.maxFiles, signal: options.signal, timeoutMs: options.timeoutMs });
  return skippedTestCandidates(repoRoot, scan, blame);
}

export async function grepSkippedTests(git: GitGateway, repoRoot: string, options: Pick<SkippedOptions, 'maxSkipped' | 'signal' | 'timeoutMs'> = {}): Promise<SkippedScan> {
  const max = options.maxSkipped ?? DEFAULT_MAX_SKIPPED;
  const found = new Map<GrepHit, { marker: Marker; label: string; end: number }>();
  const outcome = await grepTracked(git, repoRoot, SKIP_GREP_PATTERNS, INCLUDE, max, (hit) => {
    const match = markerOf(hit);
    if (match) found.set(hit, match);
    return match !== undefined;
  }, { signal: options.signal, timeoutMs: options.timeoutMs });

  return { hits: outcome.hits, found, problems: outcome.truncated ? [skippedCapProblem(max)] : [] };
}

export const skippedCapProblem = (max: number): string => `Stopped at ${max} skipped tests; more exist.`;

/** A hit missing from `dated.ages` gets `ageUnknown`; names come from the work tree's files, read at most once each. */
export async function skippedTestCandidates(repoRoot: string, scan: SkippedScan, dated: BlameAges): Promise<SourceResult> {
  const problems = [...scan.problems, ...dated.problems];

  const fileLines = new Map<string, Promise<string[] | undefined>>();
  const readLines = (rel: string) => {
    let lines = fileLines.get(rel);
    if (!lines) {
      lines = readSmallFile(path.join(repoRoot, rel));
      fileLines.set(rel, lines);
    }
    return lines;
  };

  const ids = new IdMaker();
  const candidates: TaskCandidate[] = [];
  for (const hit of scan.hits) {
    const { marker, label, end } = scan.found.get(hit)!;
    let testName: string | undefined;
    if (marker.name === 'literal') testName = STRING_LITERAL.exec(hit.text.slice(end))?.[2];
    else {
      const lines = await readLines(hit.path);
      if (lines) testName = testNameNear(marker.lang, lines, hit.line, marker.name);
    }
    testName = testName ? sanitizeTitle(testName, 200) || undefined : undefined;
    const age = dated.ages.get(hit.path)?.get(hit.line);
    candidates.push({
      // The name (or, without one, the marker line itself) identifies the test when lines move.
      id: ids.make('skippedTest', repoRoot, hit.path, `${label} ${testName ?? hit.text}`),
      title: sanitizeTitle(`Skipped test: ${testName ?? path.posix.basename(hit.path)} (${label})`),
      repo: repoRoot,
      location: { file: path.join(repoRoot, hit.path), line: hit.line },
      signals: {
        kind: 'skippedTest', marker: label, ...(testName ? { testName } : {}), ageDays: age ?? 0,
        ...(age === undefined ? { ageUnknown: true } : {}), ...(dated.atLeast?.get(hit.path)?.has(hit.line) ? { ageAtLeast: true } : {}),
      },
    });
  }
  return { candidates, problems };
}

async function readSmallFile(file: string): Promise<string[] | undefined> {
  try {
    const buf = await readFile(file);
    return buf.length > MAX_READ_BYTES ? undefined : buf.toString('utf8').split(/\r?\n/);
  } catch {
    return undefined; // deleted or unreadable since the grep: no name, still a candidate
  }
}
