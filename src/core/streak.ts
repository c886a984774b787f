/**
 * The humane streak. All arithmetic is on LocalDay numbers, so DST changes and time-zone moves cannot
 * break it: a day is hands-on by the day it was recorded on.
 *
 * Semantics:
 * - A run starts on a hands-on day (or, for perWeek, a week that met its target): never on a freeze.
 * - `daily`: every calendar day is required and every hands-on day adds 1.
 * - `weekdays`: Monday–Friday are required and each hands-on weekday adds 1. Weekend days are neutral:
 *   they never break the streak and never lengthen it, so the streak gives no reason to code at weekends.
 * - `perWeek:N`: each Monday–Sunday week needs N hands-on days; the length is in weeks. The current week
 *   adds 1 as soon as it has N; until then it is pending while N is still reachable, and a miss once not.
 * - Today is in progress: a day that is not (yet) hands-on today never breaks or freezes anything; the
 *   streak then counts through yesterday. A hands-on today adds to it.
 * - Freezes: up to `freezesPerMonth` missed required days per calendar month (perWeek: missed weeks,
 *   charged to the month of the week's Monday) are covered automatically, oldest first, while a run is
 *   alive. A frozen day keeps the run alive but adds nothing to its length. Misses outside a run spend no
 *   freezes. When the month's freezes are spent, the next miss ends the run.
 * - `best` is the longest run ever under the same rules (including the current one).
 * Cost: linear in the number of days from the first hands-on day to today.
 */
import { dayNumber, formatDayNumber, weekdayOfNumber } from './localDays';
import type { DayTotal, LocalDay, StreakSettings, StreakSummary } from './model';

export interface StreakInput {
  /** Days that were hands-on (goal minutes reached or a commit authored); see {@link handsOnDays}. */
  readonly handsOnDays: ReadonlySet<LocalDay> | readonly LocalDay[];
  readonly today: LocalDay;
  readonly settings: StreakSettings;
  /** Optional horizon: hands-on days before it are ignored (e.g. to bound a very long history). */
  readonly firstDay?: LocalDay;
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 86_400_000;

/** Days whose union coding minutes reach the goal, plus days with an authored commit. */
export function handsOnDays(
  totals: Iterable<DayTotal> | ReadonlyMap<LocalDay, DayTotal>,
  commitDays: Iterable<LocalDay>,
  dailyGoalMinutes: number,
): Set<LocalDay> {
  const days = new Set<LocalDay>(commitDays);
  const values: Iterable<DayTotal> = isMap(totals) ? totals.values() : totals;
  for (const total of values) if (total.minutes >= dailyGoalMinutes) days.add(total.day);
  return days;
}

function isMap(x: Iterable<DayTotal> | ReadonlyMap<LocalDay, DayTotal>): x is ReadonlyMap<LocalDay, DayTotal> {
  return x instanceof Map;
}

/** `year * 12 + month` of a day number: the freeze budget resets when this changes. */
function monthIndex(n: number): number {
  const date = new Date(n * MS_PER_DAY);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** Spends freezes month by month. Misses arrive in chronological order, so only one month is live. */
class FreezeBudget {
  private month = Number.NaN;
  private used = 0;
  readonly frozen: number[] = [];

  constructor(private readonly perMonth: number) {}

  /** Covers the miss on `day` (a day, or a week's Monday) if its month's budget allows. */
  tryCover(day: number): boolean {
    const month = monthIndex(day);
    if (month !== this.month) {
      this.month = month;
      this.used = 0;
    }
    if (this.used >= this.perMonth) return false;
    this.used += 1;
    this.frozen.push(day);
    return true;
  }
}

/** A run of the streak: alive or not, and its length in days or weeks. */
class Run {
  active = false;
  length = 0;
  best = 0;

  constructor(private readonly freezes: FreezeBudget) {}

  hit(): void {
    if (!this.active) {
      this.active = true;
      this.length = 0;
    }
    this.length += 1;
    if (this.length > this.best) this.best = this.length;
  }

  miss(day: number): void {
    if (!this.active) return;
    if (this.freezes.tryCover(day)) return;
    this.active = false;
    this.length = 0;
  }
}

export function computeStreak(input: StreakInput): StreakSummary {
  const { settings } = input;
  const today = dayNumber(input.today);
  const horizon = input.firstDay !== undefined ? dayNumber(input.firstDay) : Number.NEGATIVE_INFINITY;
  const unit = settings.rule.kind === 'perWeek' ? 'weeks' : 'days';

  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const numbers: number[] = [];
  for (const day of input.handsOnDays) {
    if (!DAY_PATTERN.test(day)) continue; // corrupt input must not take the status bar down
    const n = dayNumber(day);
    if (n > today || n < horizon) continue;
    numbers.push(n);
    if (n < first) first = n;
    if (n > last) last = n;
  }
  if (numbers.length === 0) {
    return { current: 0, unit, best: 0, lastHandsOnDay: undefined, frozen: [], todayIsHandsOn: false };
  }

  // One flag per day from the first hands-on day to today: the scans below are plain index loops.
  const on = new Uint8Array(today - first + 1);
  for (const n of numbers) on[n - first] = 1;
  const isOn = (n: number): boolean => on[n - first] === 1;

  const freezes = new FreezeBudget(Math.max(0, Math.floor(settings.freezesPerMonth) || 0));
  const run = new Run(freezes);
  if (settings.rule.kind === 'perWeek') {
    scanWeeks(first, today, Math.min(7, Math.max(1, Math.floor(settings.rule.days))), isOn, run);
  } else {
    scanDays(first, today, settings.rule.kind === 'weekdays', isOn, run);
  }

  return {
    current: run.active ? run.length : 0,
    unit,
    best: run.best,
    lastHandsOnDay: formatDayNumber(last),
    frozen: freezes.frozen.map(formatDayNumber),
    todayIsHandsOn: isOn(today),
  };
}

function scanDays(first: number, today: number, weekdaysOnly: boolean, isOn: (n: number) => boolean, run: Run): void {
  for (let n = first; n <= today; n++) {
    const required = !weekdaysOnly || weekdayOfNumber(n) < 5;
    if (!required) continue; // weekend under `weekdays`: neutral either way
    if (isOn(n)) run.hit();
    else if (n < today) run.miss(n); // today is still in progress
  }
}

function scanWeeks(first: number, today: number, target: number, isOn: (n: number) => boolean, run: Run): void {
  const currentMonday = today - weekdayOfNumber(today);
  for (let monday = first - weekdayOfNumber(first); monday <= currentMonday; monday += 7) {
    let count = 0;
    const lastDay = Math.min(monday + 6, today);
    for (let n = Math.max(monday, first); n <= lastDay; n++) if (isOn(n)) count += 1;
    if (count >= target) {
      run.hit();
      continue;
    }
    if (monday === currentMonday) {
      // Days that can still become hands-on: today (unless it already is) and the rest of the week.
      const stillPossible = monday + 6 - today + (isOn(today) ? 0 : 1);
      if (count + stillPossible >= target) continue; // pending, not failed
    }
    run.miss(monday);
  }
}
