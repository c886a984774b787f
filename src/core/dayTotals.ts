/**
 * Coding minutes per local day from the intervals of every window.
 * Windows overlap in time (two windows open, both active), so a day's minutes are the length of the
 * UNION of its intervals, never their sum; the same holds within each repo and each language.
 * One sort by start, then one sweep: each key keeps a "covered until" mark, and an interval adds only
 * the part beyond that mark. Because intervals arrive in start order, that is exactly the union.
 */
import type { ActivityInterval, DayTotal, LocalDay } from './model';

const MS_PER_MINUTE = 60_000;

/** Keeps one interval per id, the one with the longest end (re-written snapshots of an open interval). */
export function dedupeIntervals(intervals: Iterable<ActivityInterval>): ActivityInterval[] {
  const byId = new Map<string, ActivityInterval>();
  for (const interval of intervals) {
    const seen = byId.get(interval.id);
    if (seen === undefined || interval.end > seen.end) byId.set(interval.id, interval);
  }
  return [...byId.values()];
}

/** A running union: `coveredUntil` is the furthest end seen so far, `ms` the covered length. */
interface Union {
  coveredUntil: number;
  ms: number;
}

interface DayUnion extends Union {
  readonly repos: Map<string, Union>;
  readonly languages: Map<string, Union>;
}

function addTo(union: Union, start: number, end: number): void {
  const from = start > union.coveredUntil ? start : union.coveredUntil;
  if (end > from) {
    union.ms += end - from;
    union.coveredUntil = end;
  }
}

function addKeyed(unions: Map<string, Union>, key: string, start: number, end: number): void {
  let union = unions.get(key);
  if (union === undefined) {
    union = { coveredUntil: Number.NEGATIVE_INFINITY, ms: 0 };
    unions.set(key, union);
  }
  addTo(union, start, end);
}

function toMinutes(unions: Map<string, Union>): Map<string, number> {
  const minutes = new Map<string, number>();
  for (const [key, union] of unions) minutes.set(key, union.ms / MS_PER_MINUTE);
  return minutes;
}

/**
 * Per local day (each interval counts on its recorded `day`), the union minutes overall, by repo and by
 * language. Minutes are exact (fractional); round only for display. The map iterates in day order.
 * Records that share an id (re-written snapshots of one interval) share its start, day, repo and
 * language, so the union already counts them once, up to the longest end: no de-duplication pass needed.
 */
export function dayTotals(intervals: Iterable<ActivityInterval>): Map<LocalDay, DayTotal> {
  const sorted = Array.from(intervals).sort((a, b) => a.start - b.start);
  const days = new Map<LocalDay, DayUnion>();
  let lastDay: LocalDay | undefined;
  let union: DayUnion | undefined;
  for (const { day, start, end, repo, language } of sorted) {
    if (!(end > start)) continue; // zero-length or corrupt: holds no time
    if (day !== lastDay) {
      // Sorted by start, consecutive intervals nearly always share a day: look it up only on change.
      lastDay = day;
      union = days.get(day);
      if (union === undefined) {
        union = { coveredUntil: Number.NEGATIVE_INFINITY, ms: 0, repos: new Map(), languages: new Map() };
        days.set(day, union);
      }
    }
    addTo(union!, start, end);
    addKeyed(union!.repos, repo, start, end);
    addKeyed(union!.languages, language, start, end);
  }
  const result = new Map<LocalDay, DayTotal>();
  for (const day of [...days.keys()].sort()) {
    const dayUnion = days.get(day)!;
    result.set(day, {
      day,
      minutes: dayUnion.ms / MS_PER_MINUTE,
      byRepo: toMinutes(dayUnion.repos),
      byLanguage: toMinutes(dayUnion.languages),
    });
  }
  return result;
}

/**
 * Day totals of several DISJOINT sets of intervals (such as different months, or stored summaries of past months
 * and the raw intervals of recent ones) as one map in day order. A day present in more than one part gets the sum of
 * its parts, which is the union only if the parts share no time on that day; the store files intervals by the month
 * of their day, so its parts never share a day. Inputs are not modified.
 */
export function mergeDayTotals(...parts: ReadonlyArray<ReadonlyMap<LocalDay, DayTotal>>): Map<LocalDay, DayTotal> {
  const merged = new Map<LocalDay, DayTotal>();
  let sorted = true;
  let lastDay = '';
  for (const part of parts) {
    for (const [day, total] of part) {
      const seen = merged.get(day);
      if (seen === undefined) {
        if (day < lastDay) sorted = false;
        else lastDay = day;
        merged.set(day, total);
      } else {
        merged.set(day, {
          day,
          minutes: seen.minutes + total.minutes,
          byRepo: sumMaps(seen.byRepo, total.byRepo),
          byLanguage: sumMaps(seen.byLanguage, total.byLanguage),
        });
      }
    }
  }
  if (sorted) return merged;
  return new Map([...merged].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

function sumMaps(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): Map<string, number> {
  const sum = new Map(a);
  for (const [key, minutes] of b) sum.set(key, (sum.get(key) ?? 0) + minutes);
  return sum;
}
