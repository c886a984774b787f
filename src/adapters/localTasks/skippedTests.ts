/**
 * Skipped and disabled tests, found with `git grep` and aged with `git blame`. Node only.
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
import { blameAges, type BlameOptions } from './blame';
import { grepTracked, type GrepHit } from './grep';
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

export async function findSkippedTests(git: GitGateway, repoRoot: string, options: SkippedOptions = {}): Promise<SourceResult> {
  const now = options.now ?? Date.now();
  const max = options.maxSkipped ?? DEFAULT_MAX_SKIPPED;
  const include = Object.values(EXTENSIONS).flat().map((ext) => `:(glob)**/*.${ext}`);
  const found = new Map<GrepHit, { marker: Marker; label: string; end: number }>();
  const outcome = await grepTracked(git, repoRoot, SKIP_GREP_PATTERNS, include, max, (hit) => {
    const lang = langOf(hit.path);
    // Go's t.Skip only means something in test files.
    if (!lang || (lang === 'go' && !hit.path.endsWith('_test.go'))) return false;
    const match = matchMarker(lang, hit.text);
    if (match) found.set(hit, match);
    return match !== undefined;
  }, { signal: options.signal, timeoutMs: options.timeoutMs });

  const problems: string[] = [];
  if (outcome.truncated) problems.push(`Stopped at ${max} skipped tests; more exist.`);
  const blame = await blameAges(git, repoRoot, linesByFile(outcome.hits), { now, maxFiles: options.maxFiles, signal: options.signal, timeoutMs: options.timeoutMs });
  problems.push(...blame.problems);

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
  for (const hit of outcome.hits) {
    const { marker, label, end } = found.get(hit)!;
    let testName: string | undefined;
    if (marker.name === 'literal') testName = STRING_LITERAL.exec(hit.text.slice(end))?.[2];
    else {
      const lines = await readLines(hit.path);
      if (lines) testName = testNameNear(marker.lang, lines, hit.line, marker.name);
    }
    testName = testName ? sanitizeTitle(testName, 200) || undefined : undefined;
    const age = blame.ages.get(hit.path)?.get(hit.line);
    candidates.push({
      // The name (or, without one, the marker line itself) identifies the test when lines move.
      id: ids.make('skippedTest', repoRoot, hit.path, `${label} ${testName ?? hit.text}`),
      title: sanitizeTitle(`Skipped test: ${testName ?? path.posix.basename(hit.path)} (${label})`),
      repo: repoRoot,
      location: { file: path.join(repoRoot, hit.path), line: hit.line },
      signals: {
        kind: 'skippedTest', marker: label, ...(testName ? { testName } : {}), ageDays: age ?? 0,
        ...(age === undefined ? { ageUnknown: true } : {}),
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
