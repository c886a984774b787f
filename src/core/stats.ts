/**
 * Stats for the status bar and the stats view, display formatting, and the data export.
 */
import { dayTotals, dedupeIntervals, mergeDayTotals } from './dayTotals';
import { addDays, mondayOf } from './localDays';
import type { ActivityInterval, DayTotal, LocalDay, StatsSnapshot, StreakSettings, StreakSummary } from './model';
import { computeStreak, handsOnDays } from './streak';
import { streakRuleLabel } from './streakRule';

interface SnapshotContext {
  /** Days with an authored commit. */
  readonly commitDays: Iterable<LocalDay>;
  readonly today: LocalDay;
  readonly settings: StreakSettings;
  readonly now: number;
}

export interface SnapshotInput extends SnapshotContext {
  /** Every stored interval plus the tracker's unflushed ones; duplicates by id are fine. */
  readonly intervals: Iterable<ActivityInterval>;
}

export interface TotalsSnapshotInput extends SnapshotContext {
  /**
   * Union day totals of older days, already summarised (e.g. from per-month summaries). They must not share a day
   * with `recentIntervals` (see {@link mergeDayTotals}).
   */
  readonly pastTotals: ReadonlyMap<LocalDay, DayTotal>;
  /** Latest interval end behind `pastTotals`, for "time since you last coded" when no recent interval exists. */
  readonly pastLastActivityAt?: number;
  /** Raw intervals of the recent days, stored or unflushed; duplicates by id are fine. */
  readonly recentIntervals: Iterable<ActivityInterval>;
}

/** The snapshot from raw intervals only: the same flow as {@link buildSnapshotFromTotals} with no summarised past. */
export function buildSnapshot(input: SnapshotInput): StatsSnapshot {
  return buildSnapshotFromTotals({ ...input, pastTotals: new Map(), recentIntervals: input.intervals });
}

/** Past day totals and recent raw intervals as one day-ordered map of union totals. */
export function combinedDayTotals(pastTotals: ReadonlyMap<LocalDay, DayTotal>, recentIntervals: Iterable<ActivityInterval>): Map<LocalDay, DayTotal> {
  const recent = dayTotals(recentIntervals);
  return pastTotals.size === 0 ? recent : mergeDayTotals(pastTotals, recent);
}

/** The snapshot from summarised past days plus raw recent intervals; this is the only snapshot flow. */
export function buildSnapshotFromTotals(input: TotalsSnapshotInput): StatsSnapshot {
  const recent = [...input.recentIntervals];
  const totals = combinedDayTotals(input.pastTotals, recent);
  const monday = mondayOf(input.today);
  let weekMinutes = 0;
  for (let i = 0; i < 7; i++) weekMinutes += totals.get(addDays(monday, i))?.minutes ?? 0;
  let lastActivityAt = input.pastLastActivityAt;
  for (const interval of recent) if (lastActivityAt === undefined || interval.end > lastActivityAt) lastActivityAt = interval.end;
  return {
    today: input.today,
    todayMinutes: totals.get(input.today)?.minutes ?? 0,
    weekMinutes,
    streak: computeStreak({
      handsOnDays: handsOnDays(totals, input.commitDays, input.settings.dailyGoalMinutes),
      today: input.today,
      settings: input.settings,
    }),
    ruleLabel: streakRuleLabel(input.settings.rule),
    computedAt: input.now,
    lastActivityAt,
  };
}

/** Whole minutes for display, rounded down: `0m`, `42m`, `1h 05m`, `12h 00m`. */
export function formatMinutes(minutes: number): string {
  const whole = Number.isFinite(minutes) && minutes > 0 ? Math.floor(minutes) : 0;
  if (whole < 60) return `${whole}m`;
  const rest = whole % 60;
  return `${Math.floor(whole / 60)}h ${rest < 10 ? '0' : ''}${rest}m`;
}

/** Streak length for the status bar: `5d` or `3w`. */
export function formatStreakLength(streak: Pick<StreakSummary, 'current' | 'unit'>): string {
  return `${streak.current}${streak.unit === 'weeks' ? 'w' : 'd'}`;
}

const MS_PER_MINUTE = 60_000;

function exportRows(intervals: Iterable<ActivityInterval>): ActivityInterval[] {
  return dedupeIntervals(intervals).sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
}

function exportMinutes(interval: ActivityInterval): number {
  return Math.round(((interval.end - interval.start) / MS_PER_MINUTE) * 100) / 100;
}

/** RFC 4180 quoting, for any field. */
function quoteCsv(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * For text that came from outside (repo paths, language ids, ids): a spreadsheet would run a cell that
 * starts with = + - @ (or tab / carriage return) as a formula, so such a cell gets a leading apostrophe.
 */
function csvText(field: string): string {
  return quoteCsv(/^[=+\-@\t\r]/.test(field) ? `'${field}` : field);
}

const CSV_HEADER = ['start_utc', 'end_utc', 'day', 'utc_offset_minutes', 'minutes', 'repo', 'language', 'id'];

/** Header plus one CRLF-terminated row per interval (de-duplicated by id, sorted by start). */
export function toCsv(intervals: Iterable<ActivityInterval>): string {
  const lines = [CSV_HEADER.join(',')];
  for (const interval of exportRows(intervals)) {
    lines.push(
      [
        new Date(interval.start).toISOString(),
        new Date(interval.end).toISOString(),
        csvText(interval.day),
        String(interval.utcOffsetMinutes),
        String(exportMinutes(interval)),
        csvText(interval.repo),
        csvText(interval.language),
        csvText(interval.id),
      ].join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

/** A versioned JSON document with the same rows as the CSV, plus the raw epoch ms. */
export function toJson(intervals: Iterable<ActivityInterval>): string {
  const rows = exportRows(intervals).map((interval) => ({
    id: interval.id,
    start: new Date(interval.start).toISOString(),
    end: new Date(interval.end).toISOString(),
    startMs: interval.start,
    endMs: interval.end,
    day: interval.day,
    utcOffsetMinutes: interval.utcOffsetMinutes,
    minutes: exportMinutes(interval),
    repo: interval.repo,
    language: interval.language,
  }));
  return JSON.stringify({ format: 'hands-on-activity', version: 1, intervals: rows }, null, 2) + '\n';
}
