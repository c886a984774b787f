/**
 * Ranking: candidates in, tasks out, best first.
 * 1. Leader-fit rules and the user's snooze/dismiss choices remove candidates outright: a leader must
 *    never land on someone's critical path, whatever the score would say.
 * 2. Every remaining candidate gets an estimate (calibrated), a value (taskValue) and a fit to the
 *    budget; score = value × fit. Nothing is dropped for size: a too-big task is listed lower, marked.
 * 3. Ties break on id, so the same input always gives the same order.
 */
import type { Calibration } from './calibration';
import { calibrationFactor } from './calibration';
import { estimate } from './estimate';
import type { LocalCalendar } from './ports';
import { taskReasons } from './taskReasons';
import type { ParkedReason, Task, TaskCandidate } from './tasks';
import { bugValue, isUnblockWorthy, reviewValue, skippedTestValue, testGapValue, todoValue } from './taskValue';
import { workingDaysBetween } from './workingDays';

export interface RankOptions {
  /** Minutes the user has; absent means "just list them", where only too-big tasks are held back. */
  readonly budgetMinutes?: number;
  /** Epoch ms. */
  readonly now: number;
  readonly calibration: Calibration;
  /** Candidate id → epoch ms until which it is snoozed; it returns once that time has come. */
  readonly snoozed: ReadonlyMap<string, number>;
  readonly dismissed: ReadonlySet<string>;
  /** GitHub login of the user; needed to tell "assigned to me" from "assigned to someone else". */
  readonly currentUser?: string;
  /** For working days: waiting is counted on the user's own calendar. */
  readonly calendar: Pick<LocalCalendar, 'dayOf'>;
}

export type Exclusion = 'dismissed' | 'snoozed' | 'assignedToSomeoneElse' | 'inProgress' | 'inCurrentMilestone';

const MS_PER_DAY = 86_400_000;

export function rankTasks(candidates: readonly TaskCandidate[], options: RankOptions): Task[] {
  const tasks: Task[] = [];
  for (const candidate of candidates) {
    if (exclusionOf(candidate, options) === undefined) tasks.push(toTask(candidate, options));
  }
  return tasks.sort(compareTasks);
}

/**
 * Why a candidate is never suggested, or undefined when it may be.
 * A bug assigned to the current user alone is kept: it is the user's own work, not someone else's path.
 * Without a known current user, any assignee is treated as someone else (the careful reading).
 * A draft PR is in progress by definition: its author has not asked for review yet.
 */
export function exclusionOf(candidate: TaskCandidate, options: Pick<RankOptions, 'now' | 'snoozed' | 'dismissed' | 'currentUser'>): Exclusion | undefined {
  if (options.dismissed.has(candidate.id)) return 'dismissed';
  const until = options.snoozed.get(candidate.id);
  if (until !== undefined && until > options.now) return 'snoozed';
  const s = candidate.signals;
  if (s.kind === 'review' && s.isDraft) return 'inProgress';
  if (s.kind === 'bug') {
    const me = options.currentUser?.toLowerCase();
    if (s.assignees.some((login) => me === undefined || login.toLowerCase() !== me)) return 'assignedToSomeoneElse';
    if (s.hasLinkedPullRequest) return 'inProgress';
    if (s.inCurrentMilestone) return 'inCurrentMilestone';
  }
  return undefined;
}

/** Why a candidate is shown but not offered (see Task.parked), or undefined for an actionable one. */
export function parkedReasonOf(s: TaskCandidate['signals']): ParkedReason | undefined {
  if (s.kind !== 'todo' && s.kind !== 'skippedTest') return undefined;
  if (s.waitsOn !== undefined) return 'waiting';
  if (s.kind === 'skippedTest' && s.onPurpose !== undefined) return 'onPurpose';
  if (s.kind === 'todo' && s.vague === true) return 'vague';
  return undefined;
}

function toTask(candidate: TaskCandidate, options: RankOptions): Task {
  const s = candidate.signals;
  const est = estimate(s, options.calibration);
  const waitingWorkingDays = s.kind === 'review' ? workingDaysBetween(s.waitingSince, options.now, options.calendar.dayOf) : 0;
  const ageDays = s.kind === 'bug' ? Math.max(0, Math.floor((options.now - s.createdAt) / MS_PER_DAY)) : 0;
  const value =
    s.kind === 'review' ? reviewValue(s, waitingWorkingDays)
    : s.kind === 'bug' ? bugValue(ageDays, est.minutes)
    : s.kind === 'testGap' ? testGapValue(s)
    : s.kind === 'skippedTest' ? skippedTestValue(s)
    : todoValue(s);
  const fit = budgetFit(est.minutes, est.tooBigForOneSitting, options.budgetMinutes);
  const reasons = taskReasons(candidate, {
    estimate: est,
    calibrationFactor: calibrationFactor(options.calibration, s.kind),
    ageDays,
    waitingWorkingDays,
    unblock: s.kind === 'review' && isUnblockWorthy(s, waitingWorkingDays),
  });
  const parked = parkedReasonOf(s);
  return {
    ...candidate,
    ...(parked ? { parked } : {}),
    kind: s.kind,
    estimateMinutes: est.minutes,
    baseEstimateMinutes: est.baseMinutes,
    tooBigForOneSitting: est.tooBigForOneSitting,
    reasons,
    // Rounded so that equal tasks tie exactly and the id decides, whatever the float noise.
    score: Math.round(value * fit * 1e6) / 1e6,
  };
}

/**
 * 1 when the task fits the budget; slightly over (up to 25 %) loses up to 30 %, since a few minutes can
 * usually be found; beyond that the fit falls with the square of the overrun. Without a budget, only a
 * task too big for one sitting is held back (by half).
 */
export function budgetFit(estimateMinutes: number, tooBig: boolean, budgetMinutes: number | undefined): number {
  if (budgetMinutes === undefined || !(budgetMinutes > 0)) return tooBig ? 0.5 : 1;
  const over = estimateMinutes / budgetMinutes;
  if (over <= 1) return 1;
  if (over <= 1.25) return 1 - 1.2 * (over - 1);
  return 0.7 * (1.25 / over) ** 2;
}

function compareTasks(a: Task, b: Task): number {
  // Offered tasks first, whatever their scores: a parked item is never a suggestion.
  if ((a.parked === undefined) !== (b.parked === undefined)) return a.parked === undefined ? -1 : 1;
  if (a.score !== b.score) return b.score - a.score;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * "I Have N Minutes…": the best-ranked task whose estimate fits, else the smallest one (the earliest
 * ranked among equals), so the user always gets an offer. `tasks` must be ranked, best first.
 */
export function bestFit(tasks: readonly Task[], minutes: number): Task | undefined {
  const offered = tasks.filter((task) => task.parked === undefined);
  const fitting = offered.find((task) => task.estimateMinutes <= minutes);
  if (fitting) return fitting;
  let smallest: Task | undefined;
  for (const task of offered) if (!smallest || task.estimateMinutes < smallest.estimateMinutes) smallest = task;
  return smallest;
}
