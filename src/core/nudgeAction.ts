/**
 * The one concrete thing a nudge offers. A nudge without an action is nagging, so there is always one: the smallest
 * review waiting for the user, else a bug that fits the budget, else any small local task, else reading what changed.
 * Pure: the caller passes the ranked tasks.
 */
import type { Task } from './tasks';

export type NudgeAction =
  /** Open the pull request: reading a small diff starts in seconds. */
  | { readonly kind: 'review'; readonly task: Task }
  /** Pick Up a Bug with this bug: assign, branch, timer. */
  | { readonly kind: 'bug'; readonly task: Task }
  /** Start the focus timer on a local task (test gap, skipped test, TODO); it opens the file. */
  | { readonly kind: 'task'; readonly task: Task }
  /** Nothing fits: "What Changed Since I Last Coded" is still under a minute to open and read. */
  | { readonly kind: 'whatChanged' };

/**
 * `tasks` are ranked best first; the first that fits wins within each kind. Drafts, tasks too big for one sitting,
 * tasks over `budgetMinutes` and parked items (waiting, disabled on purpose) are skipped: the promise is something that
 * fits the gap the user has.
 */
export function chooseNudgeAction(tasks: readonly Task[], budgetMinutes: number): NudgeAction {
  const fits = tasks.filter((task) => task.parked === undefined && !task.tooBigForOneSitting && task.estimateMinutes <= budgetMinutes);
  const review = fits.find((task) => task.signals.kind === 'review' && !task.signals.isDraft && task.url !== undefined);
  if (review) return { kind: 'review', task: review };
  const bug = fits.find((task) => task.kind === 'bug' && task.number !== undefined);
  if (bug) return { kind: 'bug', task: bug };
  const local = fits.find((task) => task.location !== undefined && task.kind !== 'review' && task.kind !== 'bug');
  if (local) return { kind: 'task', task: local };
  return { kind: 'whatChanged' };
}
