/**
 * Arithmetic on local calendar days (`YYYY-MM-DD`).
 * Everything is done on the date parts through Date.UTC, never on local instants, so daylight-saving
 * changes and time-zone moves cannot shift a day: a LocalDay is a label, not a moment.
 */
import type { LocalDay } from './model';

const MS_PER_DAY = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Weekday numbers used throughout Hands-On: 0 = Monday … 6 = Sunday (ISO order, weeks start on Monday). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** True for a well-formed, existing calendar date such as `2026-02-28` (but not `2026-02-30`). */
export function isLocalDay(text: string): boolean {
  const match = DAY_PATTERN.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return formatDayNumber(Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY)) === text;
}

/** Days since 1970-01-01 for a LocalDay. Integer day numbers make streak scans cheap loops over ints. */
export function dayNumber(day: LocalDay): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new RangeError(`Not a local day (YYYY-MM-DD): ${JSON.stringify(day)}`);
  return Math.floor(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY);
}

/** The LocalDay for a day number from {@link dayNumber}. */
export function formatDayNumber(n: number): LocalDay {
  const date = new Date(n * MS_PER_DAY);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

export function addDays(day: LocalDay, days: number): LocalDay {
  return formatDayNumber(dayNumber(day) + days);
}

/** `to - from` in whole days; negative when `to` is earlier. */
export function daysBetween(from: LocalDay, to: LocalDay): number {
  return dayNumber(to) - dayNumber(from);
}

/** Weekday of a day number; 1970-01-01 was a Thursday (3). */
export function weekdayOfNumber(n: number): Weekday {
  return ((((n + 3) % 7) + 7) % 7) as Weekday;
}

/** 0 = Monday … 6 = Sunday. */
export function weekday(day: LocalDay): Weekday {
  return weekdayOfNumber(dayNumber(day));
}

/** Monday to Friday. */
export function isWeekday(day: LocalDay): boolean {
  return weekday(day) < 5;
}

/** The Monday of the Monday–Sunday week containing `day`. */
export function mondayOf(day: LocalDay): LocalDay {
  const n = dayNumber(day);
  return formatDayNumber(n - weekdayOfNumber(n));
}

/** The calendar month, `YYYY-MM`. */
export function monthOf(day: LocalDay): string {
  return day.slice(0, 7);
}

/** Sort comparator; the fixed-width format makes string order equal calendar order. */
export function compareDays(a: LocalDay, b: LocalDay): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first day of the calendar month before the month of `day`: `2026-03-17` → `2026-02-01`, `2026-01-05` → `2025-12-01`. */
export function firstDayOfPreviousMonth(day: LocalDay): LocalDay {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new RangeError(`Not a local day (YYYY-MM-DD): ${JSON.stringify(day)}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-01`;
}
