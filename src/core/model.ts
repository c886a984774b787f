/**
 * The shared vocabulary of Hands-On. Pure data: no behaviour, no I/O.
 * Times are epoch milliseconds (UTC). Calendar days are the user's local days as they lived them,
 * recorded when the time was spent, so a later time-zone move never reshuffles history.
 */

/** A local calendar date, `YYYY-MM-DD`. */
export type LocalDay = string;

/** One editor event that counts as activity. */
export interface ActivityEvent {
  /** Epoch ms. */
  readonly at: number;
  /** Git root of the workspace folder the event happened in, or a stable label when there is none. */
  readonly repo: string;
  /** VS Code language id, e.g. `typescript`; `''` when unknown (terminal, debug). */
  readonly language: string;
}

/**
 * A stretch of continuous coding in one window, repo and language, inside one local day.
 * Records are idempotent: the same `id` may be written again with a later `end` and readers keep the longest.
 */
export interface ActivityInterval {
  /** Unique across windows: `<windowId>:<sequence>`. */
  readonly id: string;
  readonly start: number;
  readonly end: number;
  /** The local day of `start`; an interval never crosses local midnight. */
  readonly day: LocalDay;
  /** Minutes east of UTC at `start`, kept so days stay right after DST changes and moves. */
  readonly utcOffsetMinutes: number;
  readonly repo: string;
  readonly language: string;
}

/** Coding minutes of one local day: the union over all windows, never their sum. */
export interface DayTotal {
  readonly day: LocalDay;
  readonly minutes: number;
  readonly byRepo: ReadonlyMap<string, number>;
  readonly byLanguage: ReadonlyMap<string, number>;
}

/** `daily`: every day; `weekdays`: Monday–Friday; `perWeek`: at least N hands-on days each Monday–Sunday week. */
export type StreakRule =
  | { readonly kind: 'daily' }
  | { readonly kind: 'weekdays' }
  | { readonly kind: 'perWeek'; readonly days: number };

export interface StreakSettings {
  readonly rule: StreakRule;
  readonly freezesPerMonth: number;
  readonly dailyGoalMinutes: number;
}

export interface StreakSummary {
  /** Length of the unbroken streak ending today (or yesterday, while today can still count). */
  readonly current: number;
  /** `days` for daily and weekdays; `weeks` for perWeek rules. */
  readonly unit: 'days' | 'weeks';
  readonly best: number;
  readonly lastHandsOnDay: LocalDay | undefined;
  /** Days (or week-start days) that a freeze covered, oldest first. */
  readonly frozen: readonly LocalDay[];
  readonly todayIsHandsOn: boolean;
}

/** Everything the status bar and "Show Coding Stats" need; cheap to cache and show at start-up. */
export interface StatsSnapshot {
  readonly today: LocalDay;
  readonly todayMinutes: number;
  /** Monday–Sunday week containing today. */
  readonly weekMinutes: number;
  readonly streak: StreakSummary;
  readonly ruleLabel: string;
  readonly computedAt: number;
  /** Epoch ms of the end of the latest interval, for "time since you last coded"; undefined when none. */
  readonly lastActivityAt?: number;
}
