/**
 * Why a task list is empty, and what would change it: an empty list must never leave the user guessing whether
 * Hands-On looked at all. Pure: the front ends (the view's message line, the CLI) word it.
 */
import type { Task } from './tasks';

/** What the local scan of one repository read: the history window that decided churn, fixes and test gaps. */
export interface ScanWindow {
  /** Epoch ms. */
  readonly start: number;
  /** Epoch ms: the last commit when the repository has been idle (see history.ts windowEndFor). */
  readonly end: number;
  /** Commits read in the window (merges left out). */
  readonly commits: number;
}

/** The longest history window the setting allows (package.json handsOn.historyDays maximum). */
export const MAX_HISTORY_DAYS = 730;

export interface EmptyListExplanation {
  /** The windows read, one per repository scanned. */
  readonly windows: readonly ScanWindow[];
  /** Items shown but not offered (Task.parked): waiting on other work, disabled on purpose, open-ended notes. */
  readonly parked: number;
  /** Candidates the user or the leader-fit rules hid: snoozed, dismissed, assigned to someone else, in progress. */
  readonly hidden: number;
  /** A longer window to try, in days, when the setting allows one; undefined when it is already at its maximum. */
  readonly longerWindowDays: number | undefined;
}

/**
 * The explanation for a list with no offered task, or undefined when some task is offered. `tasks` is the ranked
 * list (parked items included); `candidates` how many candidates there were before snooze, dismissal and the
 * leader-fit rules.
 */
export function explainEmptyList(tasks: readonly Task[], candidates: number, windows: readonly ScanWindow[], historyDays: number): EmptyListExplanation | undefined {
  const parked = tasks.filter((task) => task.parked !== undefined).length;
  if (tasks.length > parked) return undefined;
  return {
    windows,
    parked,
    hidden: Math.max(0, candidates - tasks.length),
    longerWindowDays: historyDays < MAX_HISTORY_DAYS ? Math.min(MAX_HISTORY_DAYS, Math.max(365, historyDays * 2)) : undefined,
  };
}
