/** What the core needs from the outside world. Adapters implement these; tests pass real or fake ones. */
import type { ActivityInterval, LocalDay } from './model';

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
