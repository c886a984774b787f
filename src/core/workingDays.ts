/**
 * Working days (Monday–Friday) between two instants, counted on the user's local calendar so a
 * review requested on Friday evening has not "waited two days" on Monday morning.
 * Whole days, not hours: a request waits 1 working day on the next weekday, 2 on the one after.
 * Public holidays are not known here; a weekday holiday counts as a working day.
 */
import { dayNumber } from './localDays';
import type { LocalDay } from './model';

/**
 * Weekdays after `fromMs`'s local day, up to and including `toMs`'s local day; 0 when `toMs` is not later.
 * `dayOf` maps an instant to its local day (LocalCalendar.dayOf). O(1) however long the wait.
 */
export function workingDaysBetween(fromMs: number, toMs: number, dayOf: (epochMs: number) => LocalDay): number {
  if (!(toMs > fromMs)) return 0;
  const from = dayNumber(dayOf(fromMs));
  const to = dayNumber(dayOf(toMs));
  return to > from ? weekdaysBefore(to + 1) - weekdaysBefore(from + 1) : 0;
}

/** Weekdays among all day numbers below `n`, up to a constant: only differences are meaningful. */
function weekdaysBefore(n: number): number {
  // Shift so that 0 is a Monday: day 0 (1970-01-01) was a Thursday, 3 days after Monday.
  const shifted = n + 3;
  const weeks = Math.floor(shifted / 7);
  const rest = shifted - weeks * 7;
  return weeks * 5 + Math.min(rest, 5);
}
