/**
 * Skipped and disabled tests, found with `git grep`; in two phases like todos.ts (`grepSkippedTests`, then
 * `skippedTestCandidates` with ages), or both with `git blame` ages (`findSkippedTests`). Node only.
 *
 * Each language's markers only count in that language's files (by extension) that may hold tests (by path:
 * `mayHoldTests`), so `@Ignore` in a TypeScript decorator, `xit(` in a Python file or `skip` in a Ruby library does
 * not. The test name comes from the string literal at a JS/TS, Scala or RSpec marker, from the `TEST(Suite, Name)`
 * of a GoogleTest marker, else from the nearest declaration: the next one for decorators/annotations/attributes,
 * the enclosing one (searching upwards) for calls made inside a test body (`t.Skip()`, `pytest.skip()`).
 * Every file with a marker is read from the work tree (at most 2 MB) for the lines around it: core/skipJudgement.ts
 * then drops markers in comments or strings and conditional skips, and reads the reason and whether the test is
 * disabled on purpose.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { MaskedLines } from '../../core/codeMask';
import { judgeSkip, maskFile, massDisabled, type SkipJudgement, type SkipLanguage, type SkipSite } from '../../core/skipJudgement';
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

type Lang = SkipLanguage;

const EXTENSIONS: Record<Lang, readonly string[]> = {
  js: ['js', 'jsx', 'ts', 'tsx', 'mjs', 'cjs', 'mts', 'cts'],
  jvm: ['java', 'kt', 'groovy'],
  scala: ['scala'],
  python: ['py'],
  go: ['go'],
  rust: ['rs'],
  csharp: ['cs'],
  cpp: ['c', 'cc', 'cpp', 'cxx', 'h', 'hh', 'hpp', 'hxx'],
  ruby: ['rb'],
  php: ['php'],
  swift: ['swift'],
};

/** git grep prefilter (POSIX ERE, no `\b`): the union of every language's markers. */
export const SKIP_GREP_PATTERNS: readonly string[] = [
  '(it|test|describe|context|suite|specify)\\.(skip|todo)[[:space:]]*\\(',
  '(^|[^A-Za-z0-9_$.])x(it|describe|test|context|specify|example|scenario|feature)[[:space:]]*[("\']',
  '@(Disabled|Ignore)',
  '(pytest\\.mark\\.skip|unittest\\.skip|pytest\\.skip[[:space:]]*\\()',
  '(skipTest|SkipTest)[[:space:]]*\\(',
  '\\.Skip(f|Now)?[[:space:]]*\\(',
  '#\\[ignore',
  '\\[[^]]*Ignore',
  'Skip[[:space:]]*=',
  'DISABLED_',
  'GTEST_SKIP',
  '^[[:space:]]*(skip|pending)',
  '(:(skip|pending)|(skip|pending)[[:space:]]*(:|=>))',
  'markTest(Skipped|Incomplete)',
  '->(skip|todo)[[:space:]]*\\(',
  'XCTSkip[[:space:]]*\\(',
  '\\.disabled[[:space:]]*\\(',
  '(ignore ?\\(|" ignore|"\\.ignore|ignore (should|must|can|in|when|that|which|of))',
];

/**
 * Strings one of which every line any SKIP_GREP_PATTERNS entry matches contains, pattern by pattern: `.skip`/`.todo`;
 * `x` + the test function (`xit`… and `xexample`, `xscenario`, `xfeature` for RSpec); `Disabled`/`Ignore`; `.skip`
 * again for pytest/unittest; `skip`/`Skip` for `skipTest`/`SkipTest`; `Skip` for Go's `.Skip(` and C#'s `Skip =`;
 * `#[ignore`; `Ignore` for C#'s attribute; `DISABLED_`, `GTEST_SKIP`; `skip`/`pending` for RSpec/Minitest;
 * `Skip`/`markTestIncomplete` for PHPUnit; `skip`/`->todo` for Pest; `Skip` for `XCTSkip`; `.disabled`; ScalaTest's `ignore`
 * forms. A fixed-string prefilter for sourcesGrep.ts; keep in step.
 */
export const SKIP_KEYWORDS: readonly string[] = [
  '.skip', '.todo', 'xit', 'xdescribe', 'xtest', 'xcontext', 'xspecify', 'xexample', 'xscenario', 'xfeature', 'Disabled',
  'Ignore', 'Skip', '#[ignore', 'DISABLED_', 'GTEST_SKIP', 'skip', 'pending', 'markTestIncomplete', '->todo', '.disabled', 'ignore(',
  'ignore (', '" ignore', '".ignore', 'ignore should', 'ignore must', 'ignore can', 'ignore in', 'ignore when',
  'ignore that', 'ignore which', 'ignore of',
];

interface Marker {
  readonly langs: readonly Lang[];
  /** The first group that matched is the marker as shown, unless `label` is given. */
  readonly re: RegExp;
  readonly label?: string;
  /**
   * Where the test name is: the string literal after the marker (`literal`), or before it on its line (`before`:
   * Scala's `"name" ignore`), `TEST(Suite, Name)` (`gtest`), the next declaration, or the enclosing one.
   */
  readonly name: 'literal' | 'before' | 'gtest' | 'next' | 'enclosing';
  /** The marker's string argument is the reason (`@Disabled("…")`); otherwise its literal names the test. */
  readonly reasonIn: 'argument' | 'none';
  readonly conditionArgument?: SkipSite['conditionArgument'];
  /** Attributes that also mean other things (C#'s `[Ignore]` on a mapped property): only on a test method or class. */
  readonly onDeclaration?: boolean;
}

const GTEST = '\\b(?:TEST|TEST_F|TEST_P|TYPED_TEST|TYPED_TEST_P)\\s*\\(\\s*';

/** The precise per-line checks, in priority order; the first that matches names the marker. */
export const MARKERS: readonly Marker[] = [
  { langs: ['js'], re: /(?:^|[^\w$.])((?:it|test|describe|context|suite|specify)\.skip)\s*\(/, name: 'literal', reasonIn: 'none', conditionArgument: 'expression' },
  { langs: ['js'], re: /(?:^|[^\w$.])((?:it|test|describe|context|suite|specify)\.todo)\s*\(/, name: 'literal', reasonIn: 'none' },
  { langs: ['js'], re: /(?:^|[^\w$.])(x(?:it|describe|test|context|specify))\s*\(/, name: 'literal', reasonIn: 'none' },
  { langs: ['jvm', 'scala'], re: /(@(?:Disabled|Ignore))\b/, name: 'next', reasonIn: 'argument' },
  { langs: ['scala'], re: /(?:^|[^\w.])(ignore)\s*\(\s*"/, name: 'literal', reasonIn: 'none' },
  { langs: ['scala'], re: /\b(ignore) (?:should|must|can|in|when|that|which|of)\b/, name: 'literal', reasonIn: 'none' },
  { langs: ['scala'], re: /" (ignore)\b|"\.(ignore)\b/, name: 'before', reasonIn: 'none' },
  { langs: ['python'], re: /(@pytest\.mark\.skip)\b(?!if)/, name: 'next', reasonIn: 'argument' },
  { langs: ['python'], re: /(@unittest\.skip)\b(?!If|Unless)/, name: 'next', reasonIn: 'argument' },
  { langs: ['python'], re: /(?:^|[^\w.])(pytest\.skip)\s*\(/, name: 'enclosing', reasonIn: 'argument' },
  { langs: ['python'], re: /\b(self\.skipTest)\s*\(/, name: 'enclosing', reasonIn: 'argument' },
  { langs: ['python'], re: /\braise\s+(?:unittest\.)?(SkipTest)\s*\(/, name: 'enclosing', reasonIn: 'argument' },
  { langs: ['go'], re: /\b\w+(?:\(\))?\.(Skip(?:f|Now)?)\s*\(/, label: 't.Skip', name: 'enclosing', reasonIn: 'argument' },
  { langs: ['rust'], re: /(#\[ignore)\b/, label: '#[ignore]', name: 'next', reasonIn: 'argument' },
  { langs: ['csharp'], re: /\[\s*(?:[\w.]+(?:\([^)]*\))?\s*,\s*)*(Ignore)\b/, label: '[Ignore]', name: 'next', reasonIn: 'argument', onDeclaration: true },
  { langs: ['csharp'], re: /\[\s*\w+\s*\([^\]]*\b(Skip)\s*=\s*"/, label: 'Skip =', name: 'next', reasonIn: 'argument' },
  { langs: ['cpp'], re: new RegExp(`${GTEST}(?:(DISABLED_)\\w*\\s*,|\\w+\\s*,\\s*(DISABLED_))`), name: 'gtest', reasonIn: 'none' },
  { langs: ['cpp'], re: /\b(GTEST_SKIP)\s*\(/, name: 'enclosing', reasonIn: 'argument' },
  { langs: ['ruby'], re: /(?:^|[^\w.])(x(?:it|describe|context|specify|example|scenario|feature))\b\s*[("']/, name: 'literal', reasonIn: 'none' },
  // Minitest's and RSpec's `skip`/`pending` statements (`skip "why"`, a bare `skip`); not `skip = 1` or `skip?`.
  { langs: ['ruby'], re: /^\s*(skip|pending)(?![\w?!])(?:\s*$|\s*\(|\s+(?![=+\-*/|&>%]|<(?!<)|if\b|unless\b))/, name: 'enclosing', reasonIn: 'argument' },
  { langs: ['ruby'], re: /^\s*(?:it|specify|example|scenario|describe|context|feature)\b.*?[,(]\s*(?::(skip|pending)\b|(skip|pending)\s*(?::(?!:)|=>))/, label: 'skip:', name: 'enclosing', reasonIn: 'argument' },
  { langs: ['php'], re: /(?:->|::)(markTestSkipped|markTestIncomplete)\s*\(/, name: 'enclosing', reasonIn: 'argument' },
  { langs: ['php'], re: /->(skip|todo)\s*\(/, label: '->skip', name: 'enclosing', reasonIn: 'argument', conditionArgument: 'nonString' },
  { langs: ['swift'], re: /\b(XCTSkip)\s*\(/, name: 'enclosing', reasonIn: 'argument' },
  { langs: ['swift'], re: /@(?:Test|Suite)\b.*(\.disabled)\s*\((?!\s*if\s*:)/, name: 'next', reasonIn: 'argument' },
];

/** Declarations that name a test, per language; the first group that matched is the name. */
const DECLARATION: Record<Lang, RegExp> = {
  js: /^$/, // names come from literals
  jvm: /(?:\bvoid|\bfun|\bdef)\s+`?([\w ]+?)`?\s*\(|\bclass\s+(\w+)/,
  scala: /\bdef\s+(\w+)|\bclass\s+(\w+)/,
  python: /^\s*(?:async\s+)?(?:def|class)\s+(\w+)/,
  go: /^func\s+(?:\([^)]*\)\s*)?(\w+)\s*\(/,
  rust: /\bfn\s+(\w+)/,
  csharp: /\b(?:void|Task)\s+(\w+)\s*\(|\bclass\s+(\w+)/,
  cpp: new RegExp(`${GTEST}(\\w+)\\s*,\\s*(\\w+)`),
  ruby: /^\s*(?:it|specify|example|scenario|test|describe|context|feature)\s*\(?\s*["']([^"']*)["']|^\s*def\s+(\w+)/,
  php: /\bfunction\s+(\w+)\s*\(|^\s*(?:test|it)\s*\(\s*["']([^"']+)/,
  swift: /\bfunc\s+(\w+)\s*\(/,
};

const STRING_LITERAL = /^\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/;
const LAST_STRING_LITERAL = /(['"`])((?:\\.|(?!\1)[^\\])*)\1\s*$/;

export function langOf(file: string): Lang | undefined {
  const ext = path.extname(file).slice(1).toLowerCase();
  return (Object.keys(EXTENSIONS) as Lang[]).find((lang) => EXTENSIONS[lang].includes(ext));
}

/** Path words that say "tests live here": folders (`test/`, `spec/`, `androidTest/`, `Foo.Tests/`) or file names (`_test.go`, `FooSpec.scala`). */
const TEST_WORDS = new Set(['test', 'tests', 'testing', 'spec', 'specs', 'suite', 'suites', 'unittest', 'unittests', 'conftest', 'e2e', 'it']);

/**
 * Whether a file of that language may hold tests, by its path. Rust tests sit in any source file (`#[cfg(test)]`);
 * Go's only in `_test.go` files; elsewhere a folder or file name must say test/spec/suite (split on `/`, `.`, `_`,
 * `-` and camel case: `okhttp/src/jvmTest/…`, `AbstractFileSystemTest.kt`, `spec_request.rb`).
 */
export function mayHoldTests(lang: Lang, file: string): boolean {
  if (lang === 'rust') return true;
  if (lang === 'go') return file.endsWith('_test.go');
  const words = file.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s/._-]+/);
  return words.some((word) => TEST_WORDS.has(word.toLowerCase()));
}

export interface MarkerMatch {
  readonly marker: Marker;
  readonly label: string;
  /** Where the marker's name starts and ends on the line, and where the whole match ends. */
  readonly start: number;
  readonly wordEnd: number;
  readonly end: number;
}

/** The marker on a line of a file of that language, or undefined. */
export function matchMarker(lang: Lang, line: string): MarkerMatch | undefined {
  for (const marker of MARKERS) {
    if (!marker.langs.includes(lang)) continue;
    const m = marker.re.exec(line);
    if (!m) continue;
    const group = m.findIndex((g, i) => i > 0 && g !== undefined);
    const word = m[group]!;
    const start = m.index + m[0].indexOf(word);
    return { marker, label: marker.label ?? word, start, wordEnd: start + word.length, end: m.index + m[0].length };
  }
  return undefined;
}

/** The test name from the lines of its file (`lines[0]` is line 1), or undefined. */
export function testNameNear(lang: Lang, lines: readonly string[], lineNo: number, where: 'next' | 'enclosing'): string | undefined {
  const decl = DECLARATION[lang];
  const index = lineNo - 1;
  const from = where === 'next' ? index : Math.max(0, index - LOOK_UP);
  const to = where === 'next' ? Math.min(lines.length, index + LOOK_DOWN) - 1 : index;
  for (let k = 0; k <= to - from; k++) {
    const i = where === 'next' ? from + k : to - k;
    const m = decl.exec(lines[i]!);
    if (m) return declarationName(lang, m);
  }
  return undefined;
}

function declarationName(lang: Lang, m: RegExpExecArray): string {
  if (lang === 'cpp') return `${m[1]!.replace(/^DISABLED_/, '')}.${m[2]!.replace(/^DISABLED_/, '')}`;
  return m.slice(1).find((g) => g !== undefined)!.trim();
}

/**
 * True when the first line after the marker (past other attributes, comments and blank lines) declares a method or
 * a class: C#'s `[Ignore]` also marks properties that a mapper must skip (AutoMapper), which are no tests.
 */
function onDeclaration(lang: Lang, lines: readonly string[], lineNo: number): boolean {
  for (let i = lineNo; i < Math.min(lines.length, lineNo + LOOK_DOWN); i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('[') || line.startsWith('//') || line.startsWith('#')) continue;
    return DECLARATION[lang].test(line);
  }
  // The attribute and the declaration on one line: `[Test, Ignore("x")] public void Adds() {}`.
  return DECLARATION[lang].test(lines[lineNo - 1] ?? '');
}

export interface SkippedOptions extends Pick<BlameOptions, 'maxFiles' | 'signal' | 'timeoutMs'> {
  readonly now?: number;
  readonly maxSkipped?: number;
}

/** Only files of the languages above, by their (case-sensitive) extension. */
const INCLUDE = Object.values(EXTENSIONS).flat().map((ext) => `:(glob)**/*.${ext}`);
const SKIP_PREFILTERS = SKIP_GREP_PATTERNS.map(ereToRegExp);

/** The marker on a line this source's grep returned, or undefined (wrong language or file, or not really a skip). */
function markerOf(hit: GrepHit): MarkerMatch | undefined {
  const lang = langOf(hit.path);
  if (!lang || !mayHoldTests(lang, hit.path)) return undefined;
  return matchMarker(lang, hit.text);
}

/**
 * What this source's own grep would keep of a line any grep found: the same files (INCLUDE), the same prefilter,
 * then the precise marker check. For a grep shared with other sources (sourcesGrep.ts).
 */
export function acceptSkip(hit: GrepHit): MarkerMatch | undefined {
  const ext = path.extname(hit.path).slice(1);
  if (!Object.values(EXTENSIONS).some((list) => list.includes(ext))) return undefined;
  if (!SKIP_PREFILTERS.some((re) => re.test(hit.text))) return undefined;
  return markerOf(hit);
}

/** What the grep found, before ages and before the lines around each marker were read. */
export interface SkippedScan {
  readonly hits: GrepHit[];
  readonly found: ReadonlyMap<GrepHit, MarkerMatch>;
  readonly problems: string[];
}

/** A marker that is a skipped test (not in a comment, not conditional), with what its file says about it. */
export interface JudgedSkip {
  readonly hit: GrepHit;
  readonly label: string;
  readonly testName?: string;
  readonly judgement: SkipJudgement;
}

export async function findSkippedTests(git: GitGateway, repoRoot: string, options: SkippedOptions = {}): Promise<SourceResult> {
  const now = options.now ?? Date.now();
  const scan = await grepSkippedTests(git, repoRoot, options);
  // Judged first: a conditional skip or one in a comment is never dated (blame is a process per file).
  const judged = await judgeSkippedTests(repoRoot, scan);
  const blame = await blameAges(git, repoRoot, linesByFile(judged.map((j) => j.hit)), { now, maxFiles: options.maxFiles, signal: options.signal, timeoutMs: options.timeoutMs });
  return skippedTestCandidates(repoRoot, judged, scan.problems, blame);
}

export async function grepSkippedTests(git: GitGateway, repoRoot: string, options: Pick<SkippedOptions, 'maxSkipped' | 'signal' | 'timeoutMs'> = {}): Promise<SkippedScan> {
  const max = options.maxSkipped ?? DEFAULT_MAX_SKIPPED;
  const found = new Map<GrepHit, MarkerMatch>();
  const outcome = await grepTracked(git, repoRoot, SKIP_GREP_PATTERNS, INCLUDE, max, (hit) => {
    const match = markerOf(hit);
    if (match) found.set(hit, match);
    return match !== undefined;
  }, { signal: options.signal, timeoutMs: options.timeoutMs });

  return { hits: outcome.hits, found, problems: outcome.truncated ? [skippedCapProblem(max)] : [] };
}

export const skippedCapProblem = (max: number): string => `Stopped at ${max} skipped tests; more exist.`;

/**
 * Reads each file with a marker from the work tree (once; at most 2 MB, else only the marker's line is judged), names
 * the test and judges the marker (core/skipJudgement.ts). Keeps the skipped tests, in grep order.
 */
export async function judgeSkippedTests(repoRoot: string, scan: SkippedScan): Promise<JudgedSkip[]> {
  const files = new Map<string, Promise<string[] | undefined>>();
  for (const hit of scan.hits) if (!files.has(hit.path)) files.set(hit.path, readSmallFile(path.join(repoRoot, hit.path)));
  // Each file is lexed once, however many markers it has.
  const masks = new Map<string, MaskedLines>();
  const judged: JudgedSkip[] = [];
  for (const hit of scan.hits) {
    const match = scan.found.get(hit)!;
    const lang = langOf(hit.path)!;
    const read = await files.get(hit.path)!;
    // The file changed since the grep (or is too big): judge the grep's line alone.
    const lines = read && read[hit.line - 1] === hit.text.replace(/\r$/, '') ? read : [hit.text];
    const lineNo = lines === read ? hit.line : 1;
    if (match.marker.onDeclaration && !onDeclaration(lang, lines, lineNo)) continue;
    const testName = nameOf(lang, match, hit.text, lines, lineNo);
    let masked = lines === read ? masks.get(hit.path) : undefined;
    if (!masked) {
      masked = maskFile(lang, lines);
      if (lines === read) masks.set(hit.path, masked);
    }
    const judgement = judgeSafely({
      lang, lines, index: lineNo - 1, start: match.start, end: match.wordEnd, reasonIn: match.marker.reasonIn, path: hit.path,
      ...(testName ? { testName } : {}), ...(match.marker.conditionArgument ? { conditionArgument: match.marker.conditionArgument } : {}),
    }, masked);
    if (judgement.verdict === 'skip') judged.push({ hit, label: match.label, ...(testName ? { testName } : {}), judgement });
  }
  const perFile = new Map<string, number>();
  for (const { hit } of judged) perFile.set(hit.path, (perFile.get(hit.path) ?? 0) + 1);
  return judged.map((skip) => {
    const mass = skip.judgement.onPurpose ? undefined : massDisabled(perFile.get(skip.hit.path)!, skip.judgement.reason !== undefined);
    return mass ? { ...skip, judgement: { ...skip.judgement, onPurpose: mass } } : skip;
  });
}

/** The judgement reads arbitrary repository text: should it ever fail, the marker stays a plain skipped test. */
function judgeSafely(site: SkipSite, masked: MaskedLines): SkipJudgement {
  try {
    return judgeSkip(site, masked);
  } catch {
    return { verdict: 'skip' };
  }
}

function nameOf(lang: Lang, match: MarkerMatch, text: string, lines: readonly string[], lineNo: number): string | undefined {
  const { marker } = match;
  let name: string | undefined;
  if (marker.name === 'literal') name = STRING_LITERAL.exec(text.slice(match.wordEnd).replace(/^\s*\(?/, ''))?.[2];
  else if (marker.name === 'before') name = LAST_STRING_LITERAL.exec(text.slice(0, match.start).replace(/\s*\.?$/, ''))?.[2];
  else if (marker.name === 'gtest') {
    const m = DECLARATION.cpp.exec(text);
    name = m ? declarationName('cpp', m) : undefined;
  } else name = testNameNear(lang, lines, lineNo, marker.name);
  return name ? sanitizeTitle(name, 200) || undefined : undefined;
}

/** A hit missing from `dated.ages` gets `ageUnknown`. */
export function skippedTestCandidates(repoRoot: string, judged: readonly JudgedSkip[], scanProblems: readonly string[], dated: BlameAges): SourceResult {
  const problems = [...scanProblems, ...dated.problems];
  const ids = new IdMaker();
  const candidates = judged.map(({ hit, label, testName, judgement }): TaskCandidate => {
    const age = dated.ages.get(hit.path)?.get(hit.line);
    const { reason, reasonFrom, onPurpose, waitsOn } = judgement;
    return {
      // The name (or, without one, the marker line itself) identifies the test when lines move.
      id: ids.make('skippedTest', repoRoot, hit.path, `${label} ${testName ?? hit.text}`),
      title: sanitizeTitle(`Skipped test: ${testName ?? path.posix.basename(hit.path)} (${label})`),
      repo: repoRoot,
      location: { file: path.join(repoRoot, hit.path), line: hit.line },
      signals: {
        kind: 'skippedTest', marker: label, ...(testName ? { testName } : {}), ageDays: age ?? 0,
        ...(age === undefined ? { ageUnknown: true } : {}), ...(dated.atLeast?.get(hit.path)?.has(hit.line) ? { ageAtLeast: true } : {}),
        ...(reason ? { reason: sanitizeTitle(reason, 200), reasonFrom } : {}), ...(onPurpose ? { onPurpose } : {}),
        ...(waitsOn ? { waitsOn: sanitizeTitle(waitsOn, 120) } : {}),
      },
    };
  });
  return { candidates, problems };
}

async function readSmallFile(file: string): Promise<string[] | undefined> {
  try {
    const buf = await readFile(file);
    return buf.length > MAX_READ_BYTES ? undefined : buf.toString('utf8').split(/\r?\n/);
  } catch {
    return undefined; // deleted or unreadable since the grep: judged on its line alone, still a candidate
  }
}
