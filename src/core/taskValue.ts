/**
 * How much a task is worth a leader's spare minutes, roughly 0–1, before fit to the time budget.
 * Reviews start highest because an unreviewed PR blocks someone; a risky untested file comes next;
 * TODOs last because they rarely block anyone. Each kind then rises with its own urgency signal.
 * An undated TODO or skipped test (`ageUnknown`) has ageDays 0, so it earns no age bonus: the careful reading.
 */
import { ESTIMATE_BOUNDS } from './estimate';
import type { ReviewSignals, SkippedTestSignals, TestGapSignals, TodoSignals } from './tasks';

/** More than one full working day with no review from anyone: the PR's author is likely blocked. */
export function isUnblockWorthy(s: ReviewSignals, waitingWorkingDays: number): boolean {
  return waitingWorkingDays > 1 && s.reviewCount === 0;
}

export function reviewValue(s: ReviewSignals, waitingWorkingDays: number): number {
  const lines = s.additions + s.deletions;
  const waiting = Math.min(0.3, 0.1 * waitingWorkingDays);
  const unblock = isUnblockWorthy(s, waitingWorkingDays) ? 0.15 : 0;
  // Small PRs first: quick to finish, and finishing is what unblocks the author.
  const smallness = 0.15 * (1 - Math.min(1, lines / 500));
  // A team request may be picked up by a teammate; a personal one waits for this user.
  const team = s.viaTeam ? -0.1 : 0;
  return 0.5 + waiting + unblock + smallness + team;
}

export function bugValue(ageDays: number, estimateMinutes: number): number {
  const age = Math.min(0.2, (0.2 * Math.max(0, ageDays)) / 90);
  const { min, max } = ESTIMATE_BOUNDS.bug;
  const smallness = 0.2 * (1 - Math.min(1, Math.max(0, (estimateMinutes - min) / (max - min))));
  return 0.4 + age + smallness;
}

/** Bytes assumed when a file's size is unknown: a typical source file, so the unknown neither lifts nor sinks it. */
export const TYPICAL_SOURCE_BYTES = 4_000;

/**
 * Risk that the file needs a fix soon, 0–1, from what the history window and the tree say. The signals are the
 * classic ones of defect-prediction studies (e.g. Ostrand, Weyuker and Bell's model: size, prior changes, prior
 * faults): commits touching the file, behaviour fixes among them (core/commitKind.ts), the file's size, and the share
 * nobody tests. Each counts on a log scale, so one huge number cannot drown the others; the weights were read off
 * `npm run eval:risk` (precision@20 of the files fixed in the next 180 days, on the corpus), where the result barely
 * moves when they change (fixes 0–0.5, size 0.5–0.75): a plateau, not a fit to one repository.
 * The log score is squashed with a logistic so the value stays comparable with the other kinds: a small, rarely
 * changed file scores ~0.1, a typical untested one ~0.3, a large, churning, often-fixed one ~0.9.
 */
export function testGapRisk(s: TestGapSignals): number {
  // No report: a file with no test file at all is wholly untested; with one, assume half.
  const uncovered = Math.min(1, Math.max(0, s.uncoveredShare ?? (s.hasTestFile ? 0.5 : 1)));
  const score =
    Math.log1p(Math.max(0, s.churn)) +
    0.5 * Math.log1p(Math.max(0, s.fixCommits)) +
    0.5 * Math.log1p(Math.max(0, s.bytes ?? TYPICAL_SOURCE_BYTES)) +
    0.5 * uncovered;
  return 1 / (1 + Math.exp(-(score - 7) / 1.5));
}

export function testGapValue(s: TestGapSignals): number {
  if (s.untestedFunction) return untestedFunctionValue(s);
  const value = 0.25 + 0.6 * testGapRisk(s);
  return s.regressionFor ? Math.max(value, regressionValue(s)) : value;
}

/** How long a fix without a test stays urgent: its value falls to the floor over this many days. */
const REGRESSION_HORIZON_DAYS = 365;

/**
 * A behaviour fix that came without a test: the bug it fixed can come back unnoticed, and the test is one concrete
 * case. Worth about a typical untested file when old (0.4), up to a risky one when recent and in hot code (0.65);
 * never below the file's own test-gap value (testGapValue takes the larger).
 */
export function regressionValue(s: TestGapSignals): number {
  const age = Math.max(0, s.regressionFor?.ageDays ?? REGRESSION_HORIZON_DAYS);
  const recency = Math.max(0, 1 - age / REGRESSION_HORIZON_DAYS);
  return 0.4 + 0.15 * recency + 0.1 * hotness(s.churn);
}

/** Lines plus three per branch at which a function counts as fully weighty (a 30-line function with 10 branches). */
const WEIGHTY_FUNCTION = 60;

/**
 * One public function no test names, in a file that has tests: the file's risk (its tests make it count as half
 * covered, so it stays below the same file untested), a little more for a weightier function, never above what an
 * untested file of the same risk gets.
 */
export function untestedFunctionValue(s: TestGapSignals): number {
  const scope = s.scope ?? { logicLines: 0, branches: 0 };
  const weight = Math.min(1, Math.max(0, scope.logicLines + 3 * scope.branches) / WEIGHTY_FUNCTION);
  return 0.22 + 0.6 * testGapRisk({ ...s, hasTestFile: true }) + 0.03 * weight;
}

/** Commits touching the file in the history window, saturating at 10: hot code. */
function hotness(fileChurn: number | undefined): number {
  return Math.min(1, Math.max(0, fileChurn ?? 0) / 10);
}

/** Below every actionable task of any kind, yet still listed: waiting on other work, or disabled on purpose. */
const WAITING_VALUE = 0.05;
const ON_PURPOSE_VALUE = 0.08;
const VAGUE_VALUE = 0.08;

export function skippedTestValue(s: SkippedTestSignals): number {
  if (s.waitsOn !== undefined) return WAITING_VALUE;
  if (s.onPurpose !== undefined) return ON_PURPOSE_VALUE;
  return 0.3 + Math.min(0.1, (0.1 * Math.max(0, s.ageDays)) / 365) + 0.1 * hotness(s.fileChurn);
}

const TAG_VALUE: Readonly<Record<TodoSignals['tag'], number>> = { BUG: 0.15, FIXME: 0.12, HACK: 0.08, TODO: 0 };

/** A FIXME in a file changed in 10 commits of the window (0.57) beats a test gap on a quiet file (~0.38). */
export function todoValue(s: TodoSignals): number {
  if (s.waitsOn !== undefined) return WAITING_VALUE;
  if (s.vague === true) return VAGUE_VALUE;
  // Hot code lifts a named defect (FIXME, BUG, HACK) most: a plain TODO there is as often a design note as a task,
  // and a concrete test task on the same code says more.
  const heat = (s.tag === 'TODO' ? 0.1 : 0.2) * hotness(s.fileChurn);
  const value = 0.15 + TAG_VALUE[s.tag] + Math.min(0.1, (0.1 * Math.max(0, s.ageDays)) / 365) + heat;
  // A note in a build script or a CI config is about the tooling: below the product's own TODOs.
  return s.inTooling ? value / 2 : value;
}
