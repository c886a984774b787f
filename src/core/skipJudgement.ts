/**
 * Is a skipped-test marker a task a leader can act on, and what does the code say about it? Pure: the adapter
 * (skippedTests.ts) finds the markers and reads the file; this module reads the lines around one marker.
 *
 * - Not a task: a marker in a comment, doc or string (a Javadoc `{@code @Ignore}`, `// it.skip(`), and a conditional
 *   skip (guarded by an `if`, `guard`, `switch`, `catch`/`except`/`rescue`, a preprocessor `#if`, a postfix Ruby
 *   `if`/`unless`, or a Playwright/Pest condition argument): such a test runs where it can, skipping it elsewhere is
 *   the point.
 * - The reason, as the code gives it: the marker's own string argument (`@Disabled("…")`, `t.Skip("…")`,
 *   `#[ignore = "…"]`, `Skip = "…"`, `GTEST_SKIP() << "…"`), else a comment on the marker's line, else the comment
 *   right above it (above the test's other annotations).
 * - Disabled on purpose (benchmarks, manual runs, slow, flaky infrastructure, needs a network, device or
 *   credentials, run separately with `--ignored`): from the reason, the test's name and the file's path.
 */
import { codeOnly, commentText, isCommentLine, kindAt, maskLines, type CodeFamily, type MaskedLines } from './codeMask';
import { todoWaitsOn } from './todoJudgement';

export type SkipLanguage = 'js' | 'jvm' | 'scala' | 'python' | 'go' | 'rust' | 'csharp' | 'cpp' | 'ruby' | 'php' | 'swift';

const FAMILY: Readonly<Record<SkipLanguage, CodeFamily>> = {
  js: 'js', jvm: 'c', scala: 'c', python: 'python', go: 'go', rust: 'c', csharp: 'c', cpp: 'c', ruby: 'ruby', php: 'php', swift: 'c',
};

/** How far above a marker to look for its block, its comment and the lexer's starting point. */
const LOOK_UP = 200;
/** Lines after the marker its argument may span (`@Ignore(\n "a"\n + "b")`). */
const ARGUMENT_LINES = 8;
const MAX_REASON_CHARS = 200;

export interface SkipSite {
  readonly lang: SkipLanguage;
  /** The file's lines (`lines[0]` is line 1), or just the marker's line when the file could not be read. */
  readonly lines: readonly string[];
  /** 0-based index of the marker's line in `lines`. */
  readonly index: number;
  /** Where the marker starts on its line, and where its name ends (the argument, if any, follows). */
  readonly start: number;
  readonly end: number;
  /** `argument`: the marker's string argument is the reason; `none`: it has none (its literal is the test's name). */
  readonly reasonIn: 'argument' | 'none';
  /** Repository-relative path, for the on-purpose check (`benchmarks/`, `PerformanceTest.java`). */
  readonly path: string;
  readonly testName?: string;
  /**
   * When the marker's first argument may be a condition rather than a title or reason: `expression` (Playwright's
   * `test.skip(browserName === 'webkit', …)`: a comparison, a negation, `process.…`), `nonString` (Pest's
   * `->skip($onWindows, …)`: anything but a string or nothing).
   */
  readonly conditionArgument?: 'expression' | 'nonString';
}

export interface SkipJudgement {
  /** `skip`: a test disabled in code; `conditional` and `comment` (in a comment, a string or a `#define`) are not tasks. */
  readonly verdict: 'skip' | 'conditional' | 'comment';
  /** For `conditional`: the guarding code, trimmed (`if runtime.GOOS == "windows" {`). */
  readonly condition?: string;
  readonly reason?: string;
  readonly reasonFrom?: 'marker' | 'comment';
  /** Why the test is disabled on purpose, as a short phrase (`a benchmark`, `flaky`), when it is. */
  readonly onPurpose?: string;
  /** What re-enabling it waits on, when the reason says (`once inner literal extraction works`). */
  readonly waitsOn?: string;
}

/** The whole file lexed once, for judging several markers of it (judgeSkip's `masked`). */
export function maskFile(lang: SkipLanguage, lines: readonly string[]): MaskedLines {
  return maskLines(lines, 0, lines.length - 1, FAMILY[lang]);
}

/** `masked`: `maskFile(site.lang, site.lines)` when the caller judges several markers of one file; else a window is lexed. */
export function judgeSkip(site: SkipSite, masked: MaskedLines = maskLines(site.lines, site.index - LOOK_UP, site.index + ARGUMENT_LINES, FAMILY[site.lang])): SkipJudgement {
  if (kindAt(masked, site.index, site.start) !== 'c' || isDirective(site)) return { verdict: 'comment' };
  const condition = conditionOf(site, masked);
  if (condition !== undefined) return { verdict: 'conditional', condition };
  const fromMarker = site.reasonIn === 'argument' ? argumentText(masked, site.index, site.end) : undefined;
  const fromComment = fromMarker ? undefined : trailingComment(masked, site.index, site.end) ?? commentAbove(site, masked);
  const reason = fromMarker ?? fromComment;
  const onPurpose = onPurposeOf([reason, site.testName]) ?? onPurposeOfPath(site.path) ?? neverRuns(site, masked);
  const waitsOn = reason ? todoWaitsOn(reason) : undefined;
  const reasonFrom: SkipJudgement['reasonFrom'] = fromMarker ? 'marker' : 'comment';
  return {
    verdict: 'skip',
    ...(reason ? { reason, reasonFrom } : {}),
    ...(onPurpose ? { onPurpose } : {}),
    ...(waitsOn ? { waitsOn } : {}),
  };
}

/** A preprocessor line (`#define GTEST_SKIP() …`) defines or tests a marker; it does not skip a test. */
function isDirective(site: SkipSite): boolean {
  return (site.lang === 'cpp' || site.lang === 'csharp' || site.lang === 'swift') && /^\s*#\s*[a-z]/.test(site.lines[site.index]!);
}

// ---- conditions ----

/** A line that opens a conditional block, or `} else {`. Loops and function bodies are not conditions. */
const CONDITIONAL_OPENER = /^\s*(?:\}\s*)?(?:else\b|if\b|guard\b|switch\b|case\b|when\b|catch\b|unless\b|elif\b|elsif\b|except\b|rescue\b)|\b(?:if|guard|when|switch)\s*[(!#]/;
/** Python and Ruby blocks: the first less-indented line above. */
const INDENT_CONDITIONAL = /^\s*(?:if|elif|else|except|unless|elsif|rescue|when|case)\b/;

function conditionOf(site: SkipSite, masked: MaskedLines): string | undefined {
  const line = codeOnly(masked, site.index);
  const before = line.slice(0, site.start);
  // `if (x) t.Skip()`, `cond ? it.skip : it`, `isCI && it.skip(…)`.
  if (/\b(?:if|unless|guard|when)\b|\?\s*$|(?:&&|\|\|)\s*$/.test(before)) return trimmed(site.lines[site.index]!);
  const after = line.slice(site.end);
  // Ruby's and Python's postfix condition: `skip "x" if ENV["CI"]`.
  if ((site.lang === 'ruby' || site.lang === 'python') && /\b(?:if|unless)\b/.test(after)) return trimmed(site.lines[site.index]!);
  if (site.conditionArgument && conditionArgument(site.conditionArgument, after)) return trimmed(site.lines[site.index]!);
  const preprocessor = preprocessorCondition(site, masked);
  if (preprocessor) return preprocessor;
  const family = FAMILY[site.lang];
  return family === 'python' || family === 'ruby' ? indentCondition(site, masked) : braceCondition(site, masked);
}

/**
 * A condition passed as the marker's first argument (see SkipSite.conditionArgument). A string (a title or a
 * reason), a function (the test body) or nothing is not a condition.
 */
function conditionArgument(kind: 'expression' | 'nonString', after: string): boolean {
  const m = /^\s*\(\s*([^,)]*)/.exec(after);
  if (!m) return false;
  const first = m[1]!.trim();
  // A string argument is blanked out by codeOnly.
  if (first === '') return false;
  if (kind === 'nonString') return true;
  // A JS function there is the test's body.
  if (/^(?:async\s*)?(?:function\b|\(|\w+\s*=>)/.test(first)) return false;
  return /===|!==|==|!=|<|>|&&|\|\||^!|\bprocess\.|\bplatform\b|\bbrowserName\b|\bisMobile\b/.test(first);
}

/** Inside `#if`/`#ifdef`/`#else` (C, C++, C#, Swift): compiled or run only on some platforms. Include guards do not count. */
function preprocessorCondition(site: SkipSite, masked: MaskedLines): string | undefined {
  if (!(site.lang === 'cpp' || site.lang === 'csharp' || site.lang === 'swift')) return undefined;
  let depth = 0;
  for (let i = site.index - 1; i >= masked.first; i--) {
    const line = site.lines[i]!;
    if (/^\s*#\s*endif\b/.test(line)) depth++;
    else if (/^\s*#\s*(?:if|ifdef|ifndef)\b/.test(line)) {
      if (depth > 0) depth--;
      else if (!isIncludeGuard(site.lines, i)) return trimmed(line);
    } else if (depth === 0 && /^\s*#\s*(?:else|elif)\b/.test(line)) return trimmed(line);
  }
  return undefined;
}

function isIncludeGuard(lines: readonly string[], index: number): boolean {
  const guard = /^\s*#\s*(?:ifndef\s+(\w+)|ifdef\s+__cplusplus\b)/.exec(lines[index]!);
  if (!guard) return false;
  return guard[1] === undefined || new RegExp(`^\\s*#\\s*define\\s+${guard[1]}\\b`).test(lines[index + 1] ?? '');
}

/** The innermost `{` above the marker: a conditional block's opener makes the skip conditional. */
function braceCondition(site: SkipSite, masked: MaskedLines): string | undefined {
  let depth = 0;
  for (let i = site.index; i >= masked.first; i--) {
    const code = codeOnly(masked, i);
    const stop = i === site.index ? site.start : code.length;
    for (let c = stop - 1; c >= 0; c--) {
      const ch = code[c];
      if (ch === '}') depth++;
      else if (ch === '{') {
        if (depth > 0) {
          depth--;
          continue;
        }
        // Found the opener: its line up to the brace, or (Allman style) the line above.
        let at = i;
        let opener = code.slice(0, c).trim();
        while (opener === '' && at > masked.first) opener = codeOnly(masked, --at).trim();
        if (!CONDITIONAL_OPENER.test(opener)) return undefined;
        const original = site.lines[at]!;
        return trimmed(at === i ? original.slice(0, c + 1) : original);
      }
    }
  }
  return undefined;
}

function indentCondition(site: SkipSite, masked: MaskedLines): string | undefined {
  const indent = indentOf(site.lines[site.index]!);
  for (let i = site.index - 1; i >= masked.first; i--) {
    const code = codeOnly(masked, i);
    if (code.trim() === '') continue;
    if (indentOf(code) < indent) return INDENT_CONDITIONAL.test(code) ? trimmed(site.lines[i]!) : undefined;
  }
  return undefined;
}

function indentOf(line: string): number {
  return /^\s*/.exec(line.replace(/\t/g, '    '))![0].length;
}

// ---- reasons ----

/**
 * The string literals of the marker's argument, joined: from `end`, over `(`, `=`, `:`, `<<` and `+`, until the
 * argument ends (a closing bracket, a comma or `;` after the first literal, or the end of the line at depth 0).
 */
export function argumentText(masked: MaskedLines, index: number, end: number): string | undefined {
  const heredoc = heredocText(masked, index, end);
  if (heredoc !== undefined) return heredoc;
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = index; i <= index + ARGUMENT_LINES && i - masked.first < masked.lines.length; i++) {
    const line = masked.lines[i - masked.first]!;
    const kinds = masked.kinds[i - masked.first]!;
    for (let c = i === index ? end : 0; c < line.length; c++) {
      const kind = kinds[c];
      if (kind === 's') {
        current += line[c];
        continue;
      }
      if (current) {
        parts.push(unquote(current));
        current = '';
      }
      if (kind === 'm') continue;
      const ch = line[c]!;
      if ('([{'.includes(ch)) depth++;
      else if (')]}'.includes(ch)) {
        depth--;
        if (depth < 0 || (depth === 0 && parts.length > 0 && !/^\)\s*<</.test(line.slice(c)))) return joinReason(parts);
      } else if ((ch === ',' || ch === ';') && parts.length > 0) return joinReason(parts);
    }
    if (current) {
      parts.push(unquote(current));
      current = '';
    }
    // A statement continues on the next line only inside brackets, or when the next line goes on with a literal.
    const next = masked.lines[i + 1 - masked.first];
    if (depth <= 0 && !(next !== undefined && /^\s*(?:["'`]|<<|\+)/.test(next) && !/;\s*$/.test(line))) break;
  }
  return joinReason(parts);
}

/** A Ruby or PHP heredoc argument (`skip <<-EOS` … `EOS`): its lines up to the terminator. */
function heredocText(masked: MaskedLines, index: number, end: number): string | undefined {
  const line = masked.lines[index - masked.first] ?? '';
  const m = /^\s*\(?\s*<<<?[-~]?\s*(['"]?)([A-Za-z_]\w*)\1/.exec(line.slice(end));
  if (!m) return undefined;
  const body: string[] = [];
  for (let i = index + 1; i - masked.first < masked.lines.length && i <= index + ARGUMENT_LINES; i++) {
    const text = masked.lines[i - masked.first]!;
    if (text.trim() === m[2]) break;
    body.push(text);
  }
  return clean(body.join(' '));
}

function unquote(literal: string): string {
  return literal.replace(/^(?:"""|'''|["'`])/, '').replace(/(?:"""|'''|["'`])$/, '').replace(/\\(["'\\])/g, '$1');
}

function joinReason(parts: readonly string[]): string | undefined {
  return clean(parts.join(''));
}

function clean(text: string): string | undefined {
  const out = text.replace(/\s+/g, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(out)) return undefined;
  return out.length > MAX_REASON_CHARS ? `${out.slice(0, MAX_REASON_CHARS - 1)}…` : out;
}

/** A comment after the marker on its own line: `#[ignore] // needs network`. */
function trailingComment(masked: MaskedLines, index: number, end: number): string | undefined {
  const kinds = masked.kinds[index - masked.first] ?? '';
  const at = kinds.indexOf('m', end);
  return at < 0 ? undefined : clean(commentText(masked, index));
}

/** Lines a test's other annotations sit on, skipped when looking for the comment above: `@Test`, `#[test]`, `[Fact]`. */
const ANNOTATION_LINE = /^\s*(?:@[\w.]+|#\[|\[[A-Z])/;

/** The comment block right above the marker, above any other annotations of the same test. */
function commentAbove(site: SkipSite, masked: MaskedLines): string | undefined {
  let i = site.index - 1;
  while (i >= masked.first && !isCommentLine(masked, i) && ANNOTATION_LINE.test(codeOnly(masked, i)) && codeOnly(masked, i).trim() !== '') i--;
  const texts: string[] = [];
  for (; i >= masked.first && isCommentLine(masked, i) && texts.length < 8; i--) {
    const text = withoutDirective(commentText(masked, i));
    // Javadoc tags (`@author`, `@see`) say nothing about the skip.
    if (text && !/^@\w+/.test(text)) texts.unshift(text);
  }
  return clean(texts.join(' '));
}

/** Tool directives (`eslint-disable-next-line ava/no-skip-test -- Unreliable`): only their `-- description`, if any. */
const DIRECTIVE = /^(?:eslint-disable|eslint-enable|@ts-(?:ignore|expect-error|nocheck)|prettier-ignore|istanbul ignore|c8 ignore|noinspection|nolint|NOLINT|pylint:|noqa|type: ?ignore|rubocop:|swiftlint:|ktlint-disable|detekt|phpcs:|@phpstan-|@psalm-|NOSONAR|clang-format|cspell:)/;

function withoutDirective(text: string): string {
  if (!DIRECTIVE.test(text)) return text;
  const description = / -- (.+)$/.exec(text);
  return description ? description[1]!.trim() : '';
}

// ---- on purpose ----

/** Phrases that mark a test disabled on purpose, most specific first; each names itself in the tooltip. */
const ON_PURPOSE: ReadonlyArray<readonly [string, RegExp]> = [
  ['flaky', /\b(?:flak(?:y|e|es|iness)|intermittent(?:ly)?|non-?deterministic(?:ally)?|unstable|unreliable|racy|sporadic(?:ally)?)\b/i],
  ['a benchmark', /\b(?:bench(?:mark)?s?|perf(?:ormance)?|stress|load test|soak)\b/i],
  ['for manual runs', /\b(?:manual(?:ly)?|by hand|interactive(?:ly)?|debug(?:ging)? only|local(?:ly)? only|(?:don'?t|do not|not) (?:be )?run (?:it |this |them )?by default)\b/i],
  ['slow', /\b(?:slow|too long|takes (?:a (?:long )?)?(?:long|while|minutes|hours)|long[- ]running|expensive|time[- ]consuming)\b/i],
  ['run separately (--ignored)', /--ignored|\b(?:run (?:it )?(?:in|on) ci|ci only|nightly|run separately|integration tests?)\b/i],
  ['needs a network or a server', /\b(?:network|internet|online|offline|connectivity|external (?:service|server|api)|requires? (?:a )?(?:server|connection|service)|docker|dns)\b/i],
  ['needs a device or emulator', /\b(?:emulator|simulator|real device|physical device|on[- ]device|hardware|gpu|requires? (?:an? )?(?:\w+ )?device|device required)\b/i],
  // A case the test cannot reach at all (`we have no way of triggering this case`): no change to the test fixes that.
  ['cannot be triggered in a test', /\b(?:no way (?:of|to) (?:trigger|test|reproduc|simulat|exercis|reach)\w*|(?:not|never) (?:possible|feasible) to (?:test|trigger|reproduce|simulate)|impossible to (?:test|trigger|reproduce|simulate)|(?:can ?not|can'?t|could ?n'?t) (?:be )?(?:tested|triggered|reproduced|simulated)|untestable|not testable)\b/i],
  ['needs credentials', /\b(?:credentials?|api[- ]?keys?|access tokens?|auth tokens?|secrets?|passwords?)\b/i],
  // The behaviour the test checks was removed on purpose (`we no longer hash keys at serialization time`): the test is
  // obsolete, and deleting it is a decision, not a quick fix.
  ['obsolete: the behaviour was removed', /\b(?:no longer (?:supported|needed|applies|relevant|valid|(?:do|does|hash|use|allow|support|send|call)\w*)|(?:was|were|has been|have been) removed|not supported any ?more|obsolete|deprecated behaviou?r)\b/i],
];

/** The first on-purpose phrase any of the texts (reason, test name, path words) matches. */
export function onPurposeOf(texts: ReadonlyArray<string | undefined>): string | undefined {
  for (const [phrase, re] of ON_PURPOSE) if (texts.some((text) => text !== undefined && re.test(text))) return phrase;
  return undefined;
}

/**
 * A file that disables this many tests or more, most with no reason, does so by design (compile-only API checks,
 * benchmarks, tests run by hand): its skips are listed low, not one task each.
 */
export const MASS_DISABLED = 5;

/** The on-purpose phrase for one of `count` skips in its file that gave no reason of its own, or undefined. */
export function massDisabled(count: number, hasReason: boolean): string | undefined {
  return count >= MASS_DISABLED && !hasReason ? `one of ${count} tests disabled in this file` : undefined;
}

/**
 * Source sets of tests that run on a device or an emulator (Android instrumentation, Kotlin Multiplatform's iOS,
 * tvOS and watchOS targets): `src/androidTest/`, `src/androidInstrumentedTest/`, `src/iosSimulatorArm64Test/`.
 */
const DEVICE_SOURCE_SET = /(?:^|\/)(?:android(?:Instrumented|Device)?Test|(?:ios|tvos|watchos)[A-Za-z0-9]*Test)\//i;

/**
 * Only a benchmark or manual-run folder or file name says that much (`benchmarks/`, `PerformanceTest.java`), and a
 * device test source set: such tests need an emulator or a device a leader's laptop does not run.
 */
export function onPurposeOfPath(path: string): string | undefined {
  if (DEVICE_SOURCE_SET.test(path)) return 'needs a device or emulator';
  const words = pathWords(path);
  return ON_PURPOSE.find(([phrase, re]) => (phrase === 'a benchmark' || phrase === 'for manual runs') && re.test(words))?.[0];
}

/** An assumption that never holds (`assumeFalse(true)`, `assumeTrue(false)`, `Assume.That(false)`): the test never runs, by design. */
const ALWAYS_OFF = /\bassume(?:False|Not)?\s*\(\s*true\s*\)|\bassume(?:True|That)?\s*\(\s*false\s*\)|\bAssume\.(?:True|That)\s*\(\s*false\s*\)|\bAssume\.False\s*\(\s*true\s*\)/;
/** Words of a check that can fail: assert…, expect(…), verify(…), `should`, `fail(…)`, an expected exception. */
const ASSERTION = /\b(?:assert\w*|expect\w*|verify\w*|check(?:That|State|NotNull)?|fail|require|should\w*|must\w*|Assert\w*|XCTAssert\w*|XCTFail)\b|@Test\s*\(\s*expected/;
/** Lines that set up every test of a class: an assumption there switches the whole class off. */
const SETUP = /@(?:Before|BeforeEach|BeforeClass|BeforeAll)\b|\b(?:setUp|setup|setUpClass|SetUp)\s*\(|\[(?:SetUp|OneTimeSetUp)\]/;
/** How far a method-level marker's test body is read for an always-off assumption. */
const BODY_LINES = 60;

/**
 * What the test's code says about it: it never runs whatever is fixed (an always-false assumption in its body or in
 * its class's setup, or a disabled class none of whose code can fail: no assertion anywhere, it only checks that an
 * API compiles), or it needs what an assumption in its body names (`assumeNetwork()`).
 */
function neverRuns(site: SkipSite, masked: MaskedLines): string | undefined {
  if (site.lines.length <= 1) return undefined;
  const classLevel = declaresClass(site, masked);
  // Most files have neither: they are not read twice.
  if (!classLevel && !site.lines.some((line) => line.includes('ssume'))) return undefined;
  const whole = masked.first === 0 && masked.lines.length >= site.lines.length ? masked : maskLines(site.lines, 0, site.lines.length - 1, FAMILY[site.lang]);
  let setupAbove = -Infinity;
  let assertions = false;
  for (let i = 0; i < site.lines.length; i++) {
    const code = codeOnly(whole, i);
    if (SETUP.test(code)) setupAbove = i;
    const inSetup = i - setupAbove <= 3;
    const inBody = i > site.index && i <= site.index + BODY_LINES && !nextTestBetween(whole, site.index, i);
    if (ALWAYS_OFF.test(code) && (inSetup || inBody || (classLevel && i > site.index))) return 'never runs (an always-false assumption)';
    // `assumeNetwork()` in the test's body: its name says what the test needs (`assume Network` → a network).
    const assumption = inBody || inSetup ? /\b(assume[A-Z]\w*)\s*\(/.exec(code) : null;
    const needs = assumption ? onPurposeOf([pathWords(assumption[1]!)]) : undefined;
    if (needs) return needs;
    if (classLevel && i > site.index && ASSERTION.test(code)) assertions = true;
  }
  return classLevel && !assertions ? 'only checks that an API compiles (no assertions)' : undefined;
}

/** Annotation or attribute lines that start another test: `@Test`, `#[test]`, `[Fact]`, `[Test]`, a `def test_`. */
const TEST_START = /@(?:Test|ParameterizedTest|RepeatedTest|TestFactory)\b|#\[test\]|\[(?:Fact|Theory|Test|TestMethod|TestCase)\b|\bdef\s+test_|\bfunc\s+Test[A-Z_]/;

function nextTestBetween(masked: MaskedLines, from: number, to: number): boolean {
  // The marker's own test starts within a few lines of it; a test start past that is the next test.
  for (let i = from + 3; i < to; i++) if (TEST_START.test(codeOnly(masked, i))) return true;
  return false;
}

/** The marker disables a class: the first declaration after it (on its line or below) is a class, not a method. */
function declaresClass(site: SkipSite, masked: MaskedLines): boolean {
  for (let i = site.index; i < Math.min(site.lines.length, site.index + ARGUMENT_LINES); i++) {
    const code = (i === site.index ? codeOnly(masked, i).slice(site.end).replace(/^\s*\([^)]*\)/, '') : codeOnly(masked, i)).trim();
    if (code === '' || /^(?:@[\w.]+(?:\([^)]*\))?\s*)+$/.test(code) || /^\[[^\]]*\]$/.test(code)) continue;
    if (/\b(?:fun|void|def|func|fn)\b/.test(code)) return false;
    if (/\b(?:class|object)\s+\w/.test(code)) return true;
    if (i > site.index) return false;
  }
  return false;
}

/** A path's words: `gson/metrics/PerformanceTest.java` → `gson metrics Performance Test java`. */
export function pathWords(path: string): string {
  return path.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[/._-]+/g, ' ');
}

function trimmed(text: string): string {
  const out = text.replace(/\s+/g, ' ').trim();
  return out.length > 120 ? `${out.slice(0, 119)}…` : out;
}
