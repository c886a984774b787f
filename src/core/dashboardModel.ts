/**
 * The dashboard's figures as plain JSON: what the webview draws, and nothing it would have to work out itself.
 * Pure: the caller passes the day totals, the hands-on days, the streak, the rule, the finished tasks and the drift
 * map it has read, plus `dayOf` to place instants on the user's calendar.
 *
 * All day arithmetic is on LocalDay labels (core/localDays), so a daylight-saving change cannot drop or double a day:
 * the 12-week series always has 84 consecutive days and the calendar 52 Monday-to-Sunday weeks.
 */
import type { FinishedTask } from './calibration';
import type { DriftMapRow } from './drift';
import { addDays, mondayOf } from './localDays';
import type { DayTotal, LocalDay, StreakRule, StreakSummary } from './model';
import { isRequiredDay } from './nudgePolicy';
import type { TaskKind } from './tasks';

/** The minutes chart and the repository and language split cover this many weeks, ending today. */
export const SERIES_WEEKS = 12;
/** The streak calendar: this many Monday-to-Sunday weeks, the current one last. */
export const CALENDAR_WEEKS = 52;
/** Finished tasks shown, newest first. */
export const MAX_TASK_ROWS = 20;

/**
 * What a calendar day was for the streak:
 * - `handsOn`: the goal was reached or a commit authored;
 * - `frozen`: a freeze covered a miss (perWeek: every unworked required day of a frozen week);
 * - `missed`: a required day that passed without hands-on work (perWeek: in a week that fell short, or can no longer
 *   meet its target);
 * - `pending`: still open: today, or under perWeek an unworked required day of this week while its target can be met;
 * - `notRequired`: the rule does not ask for the day (a weekend under `weekdays`; under perWeek, a week already met);
 * - `noHistory`: before the first hands-on day on record, when there was no streak to keep;
 * - `future`: after today.
 */
export type CalendarState = 'handsOn' | 'frozen' | 'missed' | 'pending' | 'notRequired' | 'noHistory' | 'future';

export interface CalendarCell {
  readonly day: LocalDay;
  readonly state: CalendarState;
  /** Union coding minutes of the day, exact (the webview rounds down for display). */
  readonly minutes: number;
  /** Shade of a hands-on day against the daily goal: 1 below it, 2 up to twice, 3 up to four times, 4 beyond; 0 otherwise. */
  readonly level: 0 | 1 | 2 | 3 | 4;
}

export interface DayMinutes {
  readonly day: LocalDay;
  readonly minutes: number;
}

export interface SplitRow {
  /** The repository path or language id as recorded. */
  readonly key: string;
  /** What to show: a repository's folder name (its whole path when two share a name), the language id as is. */
  readonly label: string;
  readonly minutes: number;
  /** Of all minutes in the window, 0–1. */
  readonly share: number;
}

export interface DriftRow {
  /** Label of the repository, as for the split. */
  readonly repo: string;
  /** The area, e.g. `src/billing`. */
  readonly dir: string;
  /** Commits by others touching it in the churn window (90 days). */
  readonly teamCommits: number;
  /** The local day the user last committed there; absent when never. */
  readonly lastTouchedDay?: LocalDay;
}

export interface TaskRow {
  /** Empty for tasks finished before titles were recorded. */
  readonly title: string;
  readonly kind: TaskKind;
  readonly estimateMinutes: number;
  readonly actualMinutes: number;
  readonly finishedDay: LocalDay;
}

export interface DashboardSummary {
  readonly todayMinutes: number;
  /** Coding minutes over the {@link SERIES_WEEKS} weeks of the series. */
  readonly seriesMinutes: number;
  /** Hands-on days and freezes in the calendar's 52 weeks. */
  readonly handsOnDays: number;
  readonly freezes: number;
  readonly streak?: { readonly current: number; readonly best: number; readonly unit: 'days' | 'weeks' };
}

export interface DashboardModel {
  readonly today: LocalDay;
  readonly dailyGoalMinutes: number;
  readonly summary: DashboardSummary;
  /** {@link SERIES_WEEKS} × 7 days, oldest first, today last. */
  readonly minutesPerDay: readonly DayMinutes[];
  /** {@link CALENDAR_WEEKS} × 7 cells, week by week from the oldest Monday; the days after today are `future`. */
  readonly calendar: readonly CalendarCell[];
  /** Over the days of `minutesPerDay`, most minutes first. */
  readonly byRepo: readonly SplitRow[];
  readonly byLanguage: readonly SplitRow[];
  /** Areas ranked by team commits over all repositories; absent while the history is still being read. */
  readonly drift?: readonly DriftRow[];
  /** Newest first, at most {@link MAX_TASK_ROWS}. */
  readonly tasks: readonly TaskRow[];
}

export interface RepositoryDrift {
  /** The repository root. */
  readonly repo: string;
  readonly rows: readonly DriftMapRow[];
}

export interface DashboardInputs {
  readonly today: LocalDay;
  readonly dayTotals: ReadonlyMap<LocalDay, DayTotal>;
  /** Days that were hands-on (core/streak handsOnDays), any order. */
  readonly handsOnDays: ReadonlySet<LocalDay>;
  /** The streak as computed for the status bar; its `frozen` days mark the freezes. Undefined before the first figures. */
  readonly streak: StreakSummary | undefined;
  readonly rule: StreakRule;
  readonly dailyGoalMinutes: number;
  readonly finishedTasks: readonly FinishedTask[];
  /** Per repository; undefined while it is being read. */
  readonly drift: readonly RepositoryDrift[] | undefined;
  /** The user's local day of an instant (epoch ms). */
  readonly dayOf: (epochMs: number) => LocalDay;
}

export function buildDashboardModel(inputs: DashboardInputs): DashboardModel {
  const minutesPerDay = seriesDays(inputs.today).map((day) => ({ day, minutes: inputs.dayTotals.get(day)?.minutes ?? 0 }));
  const calendar = calendarCells(inputs);
  const seriesTotals = minutesPerDay.map(({ day }) => inputs.dayTotals.get(day)).filter((t): t is DayTotal => t !== undefined);
  const byRepoMinutes = sumSplit(seriesTotals, (t) => t.byRepo);
  const repoLabels = shortRepoLabels([...byRepoMinutes.keys(), ...(inputs.drift ?? []).map((d) => d.repo)]);
  const seriesMinutes = minutesPerDay.reduce((sum, d) => sum + d.minutes, 0);
  const streak = inputs.streak;
  return {
    today: inputs.today,
    dailyGoalMinutes: inputs.dailyGoalMinutes,
    summary: {
      todayMinutes: inputs.dayTotals.get(inputs.today)?.minutes ?? 0,
      seriesMinutes,
      handsOnDays: calendar.filter((c) => c.state === 'handsOn').length,
      freezes: calendar.filter((c) => c.state === 'frozen').length,
      ...(streak && { streak: { current: streak.current, best: streak.best, unit: streak.unit } }),
    },
    minutesPerDay,
    calendar,
    byRepo: splitRows(byRepoMinutes, (key) => repoLabels.get(key) ?? key),
    byLanguage: splitRows(sumSplit(seriesTotals, (t) => t.byLanguage), (key) => key),
    ...(inputs.drift && { drift: driftRows(inputs.drift, repoLabels, inputs.dayOf) }),
    tasks: taskRows(inputs.finishedTasks, inputs.dayOf),
  };
}

/** The {@link SERIES_WEEKS} × 7 days ending today, oldest first. */
function seriesDays(today: LocalDay): LocalDay[] {
  const count = SERIES_WEEKS * 7;
  return Array.from({ length: count }, (_, i) => addDays(today, i - count + 1));
}

function calendarCells(inputs: DashboardInputs): CalendarCell[] {
  const { today, rule, handsOnDays } = inputs;
  const firstMonday = addDays(mondayOf(today), -(CALENDAR_WEEKS - 1) * 7);
  const frozen = new Set(inputs.streak?.frozen ?? []);
  let firstHandsOn: LocalDay | undefined;
  for (const day of handsOnDays) if (firstHandsOn === undefined || day < firstHandsOn) firstHandsOn = day;

  const cells: CalendarCell[] = [];
  for (let week = 0; week < CALENDAR_WEEKS; week++) {
    const monday = addDays(firstMonday, week * 7);
    const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
    const facts = weekFacts(days, today, rule, handsOnDays, frozen);
    for (const day of days) {
      const minutes = inputs.dayTotals.get(day)?.minutes ?? 0;
      const state = dayState(day, facts, { today, rule, handsOnDays, frozen, firstHandsOn });
      cells.push({ day, state, minutes, level: state === 'handsOn' ? level(minutes, inputs.dailyGoalMinutes) : 0 });
    }
  }
  return cells;
}

interface WeekFacts {
  /** Hands-on days of the week up to today. */
  readonly handsOn: number;
  /** perWeek: a freeze covered this week (the streak records a frozen week by its Monday). */
  readonly frozen: boolean;
  /** perWeek: the current week, while its target can still be met. */
  readonly open: boolean;
}

function weekFacts(days: readonly LocalDay[], today: LocalDay, rule: StreakRule, handsOnDays: ReadonlySet<LocalDay>, frozen: ReadonlySet<LocalDay>): WeekFacts {
  const handsOn = days.filter((d) => d <= today && handsOnDays.has(d)).length;
  const current = days.includes(today);
  // As core/streak judges the current week: the days from today to Sunday can still count (today unless it does).
  const stillPossible = current ? days.filter((d) => d > today).length + (handsOnDays.has(today) ? 0 : 1) : 0;
  const target = rule.kind === 'perWeek' ? rule.days : 0;
  return { handsOn, frozen: frozen.has(days[0]!), open: current && handsOn + stillPossible >= target };
}

interface DayContext {
  readonly today: LocalDay;
  readonly rule: StreakRule;
  readonly handsOnDays: ReadonlySet<LocalDay>;
  readonly frozen: ReadonlySet<LocalDay>;
  readonly firstHandsOn: LocalDay | undefined;
}

function dayState(day: LocalDay, week: WeekFacts, context: DayContext): CalendarState {
  const { today, rule } = context;
  if (day > today) return 'future';
  if (context.handsOnDays.has(day)) return 'handsOn';
  if (!isRequiredDay(day, rule)) return 'notRequired';
  if (rule.kind === 'perWeek') {
    if (week.frozen) return 'frozen';
    if (week.handsOn >= rule.days) return 'notRequired';
    if (week.open) return 'pending';
  } else {
    if (context.frozen.has(day)) return 'frozen';
    if (day === today) return 'pending';
  }
  // Before the first hands-on day there was no streak to keep: a fresh install must not open on a wall of misses.
  if (context.firstHandsOn === undefined || day < context.firstHandsOn) return 'noHistory';
  return 'missed';
}

function level(minutes: number, goal: number): CalendarCell['level'] {
  const g = goal > 0 ? goal : 1;
  if (minutes < g) return 1; // a day made hands-on by a commit alone
  if (minutes < 2 * g) return 2;
  if (minutes < 4 * g) return 3;
  return 4;
}

function sumSplit(totals: readonly DayTotal[], pick: (t: DayTotal) => ReadonlyMap<string, number>): Map<string, number> {
  const sums = new Map<string, number>();
  for (const total of totals) for (const [key, minutes] of pick(total)) sums.set(key, (sums.get(key) ?? 0) + minutes);
  return sums;
}

function splitRows(sums: ReadonlyMap<string, number>, label: (key: string) => string): SplitRow[] {
  // The repository and language splits are each a union per key, so their parts may overlap (two windows, two
  // repositories at once): shares are of the split's own sum, which is what its bars are drawn against.
  const total = [...sums.values()].reduce((a, b) => a + b, 0);
  return [...sums]
    .filter(([, minutes]) => minutes > 0)
    .map(([key, minutes]) => ({ key, label: label(key), minutes, share: total > 0 ? minutes / total : 0 }))
    .sort((a, b) => b.minutes - a.minutes || a.label.localeCompare(b.label));
}

/**
 * Repositories are recorded by their root path; show the folder name, unless two share it (then the whole path,
 * so the two stay apart).
 */
export function shortRepoLabels(keys: Iterable<string>): Map<string, string> {
  const unique = [...new Set(keys)];
  const nameOf = (key: string): string => key.split(/[\\/]/).filter(Boolean).at(-1) ?? key;
  const count = new Map<string, number>();
  for (const key of unique) count.set(nameOf(key), (count.get(nameOf(key)) ?? 0) + 1);
  return new Map(unique.map((key) => [key, count.get(nameOf(key))! > 1 ? key : nameOf(key)]));
}

function driftRows(drift: readonly RepositoryDrift[], labels: ReadonlyMap<string, string>, dayOf: (ms: number) => LocalDay): DriftRow[] {
  return drift
    .flatMap(({ repo, rows }) =>
      rows.map((row) => ({
        repo: labels.get(repo) ?? repo,
        dir: row.dir,
        teamCommits: row.teamCommits,
        ...(row.myLastTouch !== undefined && { lastTouchedDay: dayOf(row.myLastTouch) }),
      })),
    )
    .sort((a, b) => b.teamCommits - a.teamCommits || a.repo.localeCompare(b.repo) || a.dir.localeCompare(b.dir));
}

function taskRows(finished: readonly FinishedTask[], dayOf: (ms: number) => LocalDay): TaskRow[] {
  return [...finished]
    .filter((t) => Number.isFinite(t.finishedAt) && Number.isFinite(t.actualMinutes) && Number.isFinite(t.estimateMinutes))
    .sort((a, b) => b.finishedAt - a.finishedAt)
    .slice(0, MAX_TASK_ROWS)
    .map((t) => ({
      title: typeof t.title === 'string' ? t.title : '',
      kind: t.kind,
      estimateMinutes: t.estimateMinutes,
      actualMinutes: t.actualMinutes,
      finishedDay: dayOf(t.finishedAt),
    }));
}
