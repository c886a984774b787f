/**
 * Time estimates, in minutes, from each candidate's own signals.
 * Each kind has a raw formula (unbounded, unrounded) and bounds. Calibration multiplies the raw
 * figure *before* clamping, so a slow reviewer's 50-minute review can become a too-big 60, and a fast
 * fixer's bug never drops under the floor that setting up a branch costs anyway.
 */
import { calibrationFactor, type Calibration } from './calibration';
import type { FunctionShape, SourceShape } from './sourceShape';
import type { BugSignals, CodeSize, ReviewSignals, SkippedTestSignals, TaskKind, TaskSignals, TestGapSignals, TodoSignals } from './tasks';

/** A leader's gap between meetings is at most about an hour; anything longer does not fit one sitting. */
export const SESSION_MINUTES = 60;

export interface Estimate {
  /** Calibrated, clamped to the kind's bounds and rounded (to 5 minutes above 10). */
  readonly minutes: number;
  /** The same before calibration: what finished tasks must record, so calibration never chases its own tail. */
  readonly baseMinutes: number;
  /** The calibrated work exceeds one {@link SESSION_MINUTES} sitting; the task is marked, not hidden. */
  readonly tooBigForOneSitting: boolean;
}

/** Lowest and highest estimate per kind: below the floor the context switch dominates, above the cap the number stops meaning anything. */
export const ESTIMATE_BOUNDS: Readonly<Record<TaskKind, { readonly min: number; readonly max: number }>> = {
  review: { min: 5, max: SESSION_MINUTES },
  bug: { min: 10, max: 90 },
  testGap: { min: 10, max: 60 },
  skippedTest: { min: 5, max: 30 },
  todo: { min: 5, max: 30 },
};

export function estimate(signals: TaskSignals, calibration?: Calibration): Estimate {
  const raw = rawMinutes(signals);
  const bounds = ESTIMATE_BOUNDS[signals.kind];
  const calibrated = raw * calibrationFactor(calibration, signals.kind);
  return {
    minutes: roundMinutes(clamp(calibrated, bounds.min, bounds.max)),
    baseMinutes: roundMinutes(clamp(raw, bounds.min, bounds.max)),
    tooBigForOneSitting: calibrated > SESSION_MINUTES,
  };
}

/** Unbounded minutes before calibration. */
export function rawMinutes(signals: TaskSignals): number {
  switch (signals.kind) {
    case 'review': return reviewMinutes(signals);
    case 'bug': return bugMinutes(signals);
    case 'testGap': return testGapMinutes(signals);
    case 'skippedTest': return skippedTestMinutes(signals);
    case 'todo': return todoMinutes(signals);
  }
}

// Review: code review runs at 300–500 lines an hour (SmartBear/Cisco study); 400 is the middle.
const REVIEW_LINES_PER_HOUR = 400;
/** Opening a file, finding its context: a little per file on top of the lines. */
const REVIEW_MINUTES_PER_FILE = 0.5;

function reviewMinutes(s: ReviewSignals): number {
  const lines = Math.max(0, s.additions) + Math.max(0, s.deletions);
  return (lines * 60) / REVIEW_LINES_PER_HOUR + Math.max(0, s.changedFiles) * REVIEW_MINUTES_PER_FILE;
}

// Bug: a size label is the team's own judgement, so it sets the base; body and discussion nudge it.
export type SizeClass = 'XS' | 'S' | 'M' | 'L' | 'XL';
const SIZE_MINUTES: Readonly<Record<SizeClass, number>> = { XS: 15, S: 25, M: 45, L: 75, XL: 120 };
const DEFAULT_BUG_MINUTES = 30;

function bugMinutes(s: BugSignals): number {
  const size = sizeFromLabels(s.labels);
  const base = size ? SIZE_MINUTES[size] : DEFAULT_BUG_MINUTES;
  // A short report is usually a clear one; a long one means reproduction steps, logs, or a vague problem.
  const body = s.bodyLength < 300 ? -5 : s.bodyLength <= 1500 ? 0 : s.bodyLength <= 4000 ? 10 : 20;
  // A long thread means people disagree about the cause or the fix; the first few comments are normal.
  const discussion = Math.min(20, 2 * Math.max(0, s.comments - 3));
  return base + body + discussion;
}

const SIZE_PREFIXES = new Set(['size', 'effort', 'complexity', 'difficulty', 'estimate', 'tshirt', 't shirt']);
const SIZE_WORDS: ReadonlyArray<readonly [SizeClass, readonly string[]]> = [
  ['XS', ['xs', 'xsmall', 'extrasmall', 'tiny', 'trivial', 'verysmall', 'minimal', 'verylow']],
  ['S', ['s', 'small', 'low', 'easy', 'simple', 'minor']],
  ['M', ['m', 'medium', 'med', 'moderate', 'normal', 'mid']],
  ['L', ['l', 'large', 'high', 'hard', 'big', 'major']],
  ['XL', ['xl', 'xlarge', 'extralarge', 'xxl', 'huge', 'veryhigh', 'verylarge', 'epic']],
];
/** Labels that say "small" without a size prefix. Weaker than an explicit size label. */
const SMALL_HINTS: ReadonlyArray<readonly [SizeClass, string]> = [
  ['S', 'good first issue'],
  ['S', 'beginner'],
  ['S', 'starter'],
  ['S', 'easy'],
  ['S', 'quick win'],
  ['S', 'small'],
  ['XS', 'trivial'],
  ['XS', 'tiny'],
];

/**
 * The size a bug's labels claim: `size/XS`, `Size: Small`, `effort:low`, `🟢 size - S`, `good first issue`…
 * Explicit size labels win over hints; among several, the largest wins (the careful reading).
 */
export function sizeFromLabels(labels: readonly string[]): SizeClass | undefined {
  let explicit: SizeClass | undefined;
  let hinted: SizeClass | undefined;
  for (const label of labels) {
    const words = normaliseLabel(label);
    const explicitSize = explicitSizeOf(words);
    if (explicitSize) explicit = larger(explicit, explicitSize);
    else {
      const hint = SMALL_HINTS.find(([, phrase]) => words === phrase);
      if (hint) hinted = larger(hinted, hint[0]);
    }
  }
  return explicit ?? hinted;
}

/** Lower case, emoji and punctuation turned into single spaces: `🐛 Size/XS` → `size xs`. */
function normaliseLabel(label: string): string {
  return label.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function explicitSizeOf(words: string): SizeClass | undefined {
  for (const prefix of SIZE_PREFIXES) {
    if (!words.startsWith(prefix + ' ')) continue;
    const rest = words.slice(prefix.length + 1).replace(/ /g, '');
    const match = SIZE_WORDS.find(([, names]) => names.includes(rest));
    if (match) return match[0];
  }
  return undefined;
}

const SIZE_ORDER: readonly SizeClass[] = ['XS', 'S', 'M', 'L', 'XL'];
function larger(a: SizeClass | undefined, b: SizeClass): SizeClass {
  return a === undefined || SIZE_ORDER.indexOf(b) > SIZE_ORDER.indexOf(a) ? b : a;
}

// Test gap: writing a test costs about 2–3 minutes per uncovered line (arrange, act, assert, a case or two).
const TEST_MINUTES_PER_UNCOVERED_LINE = 2.5;
/** The first test file for a module needs imports, fixtures and a runner check. */
const FIRST_TEST_FILE_SETUP_MINUTES = 10;
/** No coverage data at all: one focused test of one function. */
const UNKNOWN_RANGE_MINUTES = 15;

/** A function in a tested file: finding its test file, and the fixtures the other tests there use. */
const EXISTING_TEST_FILE_MINUTES = 3;

function testGapMinutes(s: TestGapSignals): number {
  if (s.regressionFor) return regressionTestMinutes(s);
  if (s.untestedFunction && s.scope) return codeSizeMinutes(s.scope) + EXISTING_TEST_FILE_MINUTES;
  const lines = s.uncoveredLines > 0 ? s.uncoveredLines * TEST_MINUTES_PER_UNCOVERED_LINE : s.scope ? codeSizeMinutes(s.scope) : UNKNOWN_RANGE_MINUTES;
  return lines + (s.hasTestFile ? 0 : FIRST_TEST_FILE_SETUP_MINUTES);
}

// Sized from the code (no coverage report): reading it and a first case, then a case per decision point and a little
// per line and per function to understand. A 20-line helper with 3 branches is ~15 min, a 300-line module hours.
const CODE_BASE_MINUTES = 4;
const MINUTES_PER_LOGIC_LINE = 0.15;
const MINUTES_PER_BRANCH = 1.5;
const MINUTES_PER_FUNCTION = 0.5;

/** Minutes to write tests for code of this size, before the first-test-file setup. */
export function codeSizeMinutes(size: CodeSize): number {
  return CODE_BASE_MINUTES + MINUTES_PER_LOGIC_LINE * Math.max(0, size.logicLines) + MINUTES_PER_BRANCH * Math.max(0, size.branches)
    + MINUTES_PER_FUNCTION * Math.max(0, size.functions);
}

// Regression test: one case that fails without the fix. Read the fix and the code it changed (a little per line and
// decision of that function), reproduce, assert; a first test file for the module costs its setup on top.
const REGRESSION_BASE_MINUTES = 10;
const REGRESSION_MINUTES_PER_LOGIC_LINE = 0.05;
const REGRESSION_MINUTES_PER_BRANCH = 0.25;
/** One case needs only the path to the fix: a huge function costs more to read, but not without bound. */
const REGRESSION_MAX_READING_MINUTES = 20;

/** Minutes to write the regression test for a fix that came without one (`s.regressionFor`). */
export function regressionTestMinutes(s: TestGapSignals): number {
  const scope = s.scope ?? { logicLines: 0, functions: 0, branches: 0 };
  const reading = REGRESSION_MINUTES_PER_LOGIC_LINE * Math.max(0, scope.logicLines) + REGRESSION_MINUTES_PER_BRANCH * Math.max(0, scope.branches);
  return REGRESSION_BASE_MINUTES + Math.min(REGRESSION_MAX_READING_MINUTES, reading) + (s.hasTestFile ? 0 : FIRST_TEST_FILE_SETUP_MINUTES);
}

export interface TestScope {
  /** What the task covers: the whole file, or `focus`. */
  readonly scope: CodeSize;
  readonly fileSize: CodeSize;
  /** The function to test when the whole file does not fit a sitting. */
  readonly focus?: FunctionShape;
}

/**
 * The part of a file to test in one sitting: the whole file when it fits, else its weightiest function (lines plus
 * three per decision) that fits, else its weightiest function (the task is then marked too big).
 */
export function chooseTestScope(shape: SourceShape): TestScope {
  const fileSize: CodeSize = { logicLines: shape.logicLines, functions: shape.functions.length, branches: shape.branches };
  const fits = (size: CodeSize) => codeSizeMinutes(size) + FIRST_TEST_FILE_SETUP_MINUTES <= WHOLE_FILE_MINUTES;
  if (fits(fileSize) || shape.functions.length <= 1) return { scope: fileSize, fileSize };
  const sizeOf = (fn: FunctionShape): CodeSize => ({ logicLines: fn.logicLines, functions: 1, branches: fn.branches });
  const weight = (fn: FunctionShape) => fn.logicLines + 3 * fn.branches;
  const ranked = shape.functions.filter((fn) => fn.logicLines >= 3).sort((a, b) => weight(b) - weight(a) || a.line - b.line);
  const focus = ranked.find((fn) => codeSizeMinutes(sizeOf(fn)) + FIRST_TEST_FILE_SETUP_MINUTES <= SESSION_MINUTES) ?? ranked[0];
  return focus ? { scope: sizeOf(focus), fileSize, focus } : { scope: fileSize, fileSize };
}

/** A whole file is one task up to this many minutes; beyond, the task names one function. */
const WHOLE_FILE_MINUTES = 45;

// Skipped test: re-enable, see why it fails, fix it or the test. Old skips drifted further from the code.
function skippedTestMinutes(s: SkippedTestSignals): number {
  // Disabled on purpose (a benchmark, flaky infrastructure) or waiting on other work: no quick re-enable.
  if (s.onPurpose !== undefined || s.waitsOn !== undefined) return ESTIMATE_BOUNDS.skippedTest.max;
  // A lower bound of 180 (a line older than a 180-day history window) is past 180 in truth.
  return s.ageDays > 180 || (s.ageAtLeast === true && s.ageDays >= 180) ? 20 : 15;
}

// TODO: FIXME/BUG name a known defect and HACK a shortcut to undo; a plain TODO is often a small tidy-up.
const TAG_MINUTES: Readonly<Record<TodoSignals['tag'], number>> = { TODO: 10, FIXME: 15, BUG: 20, HACK: 20 };

function todoMinutes(s: TodoSignals): number {
  // Waiting on a release or an upstream fix, or an open-ended design note: not a quick tidy-up.
  if (s.waitsOn !== undefined || s.vague === true) return ESTIMATE_BOUNDS.todo.max;
  // A longer comment usually describes more work: a minute per 20 characters beyond a short phrase.
  const extra = Math.min(10, Math.max(0, s.text.trim().length - 40) / 20);
  return TAG_MINUTES[s.tag] + extra;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Number.isFinite(value) ? value : min));
}

/** Whole minutes up to 10, then steps of 5: "~17 min" claims a precision no estimate has. */
function roundMinutes(minutes: number): number {
  return minutes <= 10 ? Math.round(minutes) : Math.round(minutes / 5) * 5;
}
