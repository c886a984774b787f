/** What the core needs from the outside world. Adapters implement these; tests pass real or fake ones. */
import type { ActivityInterval, DayTotal, LocalDay } from './model';

export interface Clock {
  now(): number;
}

/** Maps instants to the user's local calendar. The real one uses the process time zone. */
export interface LocalCalendar {
  dayOf(epochMs: number): LocalDay;
  utcOffsetMinutes(epochMs: number): number;
  /** Epoch ms of the next local midnight after `epochMs`. */
  nextMidnight(epochMs: number): number;
}

/** A line the store could not read, reported once and never rewritten. */
export interface StoreProblem {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

export interface ActivityStore {
  /** Appends to this window's own log. Never rewrites other data. */
  append(intervals: readonly ActivityInterval[]): Promise<void>;
  /** Every interval from every window's log, de-duplicated by id (longest `end` wins). */
  loadAll(): Promise<{ intervals: ActivityInterval[]; problems: StoreProblem[] }>;
}

/** What start-up needs from the whole activity history, without holding (or parsing) every interval. */
export interface ActivityHistory {
  /** Union day totals of every day before `recentFromDay`, in day order (from per-month summaries where valid). */
  readonly pastTotals: Map<LocalDay, DayTotal>;
  /** Latest interval end among the past days; undefined when there are none. */
  readonly pastLastActivityAt: number | undefined;
  /** First day kept as raw intervals: the first day of the month before `today`'s. */
  readonly recentFromDay: LocalDay;
  /** Every interval filed in the recent months, de-duplicated by id (longest `end` wins), sorted by start. */
  readonly recentIntervals: ActivityInterval[];
  /** Unreadable lines and files, past months included (a summary remembers the problems of its month). */
  readonly problems: StoreProblem[];
}

export interface ActivityHistoryReader {
  /**
   * Day totals of the past and raw intervals of the current and previous month of `today`. Gives the same figures as
   * `dayTotals(loadAll().intervals)`, only faster.
   */
  loadHistory(options: { readonly today: LocalDay }): Promise<ActivityHistory>;
}

/** A repository's authored commits, as local days of the author. */
export interface CommitHistory {
  /**
   * Days on which any of `emails` authored a commit in `repoRoot`, using each commit's own UTC offset
   * (the day as the author lived it). `sinceDay` bounds the walk.
   */
  authoredDays(repoRoot: string, emails: readonly string[], sinceDay?: LocalDay): Promise<LocalDay[]>;
  /** git `user.email` for the repository, if set. */
  userEmail(repoRoot: string): Promise<string | undefined>;
  /** The git root containing `folder`, or undefined when it is not in a repository. */
  repoRoot(folder: string): Promise<string | undefined>;
}
