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

/**
 * Risk that the file breaks again: churn and bug-fix commits (the best predictors of future defects in
 * defect-prediction studies) plus the share nobody tests. Each term saturates so one huge number cannot dominate.
 */
export function testGapRisk(s: TestGapSignals): number {
  const churn = Math.min(1, Math.max(0, s.churn) / 20);
  const fixes = Math.min(1, Math.max(0, s.fixCommits) / 5);
  // No report: a file with no test file at all is wholly untested; with one, assume half.
  const uncovered = s.uncoveredShare ?? (s.hasTestFile ? 0.5 : 1);
  return 0.4 * churn + 0.4 * fixes + 0.2 * Math.min(1, Math.max(0, uncovered));
}

export function testGapValue(s: TestGapSignals): number {
  return 0.25 + 0.6 * testGapRisk(s);
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
  return 0.15 + TAG_VALUE[s.tag] + Math.min(0.1, (0.1 * Math.max(0, s.ageDays)) / 365) + 0.2 * hotness(s.fileChurn);
}
