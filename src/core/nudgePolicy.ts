/**
 * When Hands-On may nudge a leader who has drifted from the code, and when it must not. Pure: the caller
 * supplies the clock, the calendar, the hands-on days and what the user chose (snooze, don't show again).
 *
 * Attention rules (product.md): one nudge at a time, at most one a day, never in quiet hours, never while a
 * focus timer runs or the user is typing. Quiet hours are evenings plus the days the streak rule does not ask
 * for, so a `weekdays` user is never nudged at the weekend.
 */
import { addDays, dayNumber, mondayOf, weekday } from './localDays';
import type { LocalDay, StreakRule } from './model';
import type { LocalCalendar } from './ports';

/** Minutes after local midnight. A range that ends before it starts wraps past midnight (18:00–09:00). */
export interface QuietHours {
  readonly from: number;
  readonly to: number;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { from: 18 * 60, to: 9 * 60 };
export const DEFAULT_AFTER_WORKING_DAYS = 3;

/** What the user chose, as persisted by the caller. */
export interface NudgeChoices {
  readonly enabled: boolean;
  readonly dontShowAgain: boolean;
  /** No nudge before this instant (epoch ms). */
  readonly snoozedUntil?: number;
  /** The local day the last nudge was shown. */
  readonly lastShownDay?: LocalDay;
}

export interface NudgeInputs {
  readonly now: number;
  readonly calendar: Pick<LocalCalendar, 'dayOf' | 'utcOffsetMinutes'>;
  readonly rule: StreakRule;
  /** Local days that were hands-on (goal minutes or an authored commit), in any order. */
  readonly handsOnDays: ReadonlySet<LocalDay>;
  readonly choices: NudgeChoices;
  readonly quietHours?: QuietHours;
  /** `handsOn.nudges.afterWorkingDays`. */
  readonly afterWorkingDays?: number;
  readonly focusTimerRunning: boolean;
  /** The user typed or edited recently: a notification now would interrupt real work. */
  readonly typing: boolean;
}

export type NudgeSilence =
  | 'disabled'
  | 'dontShowAgain'
  | 'snoozed'
  | 'alreadyToday'
  | 'quietHours'
  | 'focusTimer'
  | 'typing'
  | 'notDrifted';

export type NudgeDecision =
  | { readonly nudge: false; readonly because: NudgeSilence }
  /** drifted: `missedDays` required days in a row have passed without a hands-on day. weekAtRisk: a perWeek:N week breaks unless the user codes today. */
  | { readonly nudge: true; readonly why: 'drifted' | 'weekAtRisk'; readonly missedDays: number };

/** Checked in this order, so the answer names the first rule that holds the nudge back. */
export function decideNudge(inputs: NudgeInputs): NudgeDecision {
  const { now, calendar, rule, choices } = inputs;
  const today = calendar.dayOf(now);
  if (!choices.enabled) return silent('disabled');
  if (choices.dontShowAgain) return silent('dontShowAgain');
  if (choices.snoozedUntil !== undefined && now < choices.snoozedUntil) return silent('snoozed');
  if (choices.lastShownDay === today) return silent('alreadyToday');
  if (isQuiet(now, today, rule, calendar, inputs.quietHours ?? DEFAULT_QUIET_HOURS)) return silent('quietHours');
  if (inputs.focusTimerRunning) return silent('focusTimer');
  if (inputs.typing) return silent('typing');
  if (inputs.handsOnDays.has(today)) return silent('notDrifted');

  const missedDays = missedRequiredDays(today, rule, inputs.handsOnDays);
  if (missedDays >= (inputs.afterWorkingDays ?? DEFAULT_AFTER_WORKING_DAYS)) return { nudge: true, why: 'drifted', missedDays };
  if (rule.kind === 'perWeek' && weekAtRisk(today, rule, inputs.handsOnDays)) return { nudge: true, why: 'weekAtRisk', missedDays };
  return silent('notDrifted');
}

/** Whether the rule asks for `day` at all: the days it does not are quiet all day. */
export function isRequiredDay(day: LocalDay, rule: StreakRule): boolean {
  const dow = weekday(day); // 0 = Monday
  switch (rule.kind) {
    case 'daily':
      return true;
    case 'weekdays':
      return dow < 5;
    case 'perWeek':
      // N days a week fit in the working week up to 5; 6 adds Saturday; 7 is every day.
      return dow < Math.max(5, rule.days);
  }
}

/**
 * Required days strictly between the last hands-on day and today, counted back from yesterday. Today does not
 * count: it is not over. With no hands-on day at all, counting stops after a year (the answer is "long").
 */
export function missedRequiredDays(today: LocalDay, rule: StreakRule, handsOnDays: ReadonlySet<LocalDay>): number {
  let missed = 0;
  for (let back = 1; back <= 366; back++) {
    const day = addDays(today, -back);
    if (handsOnDays.has(day)) break;
    if (isRequiredDay(day, rule)) missed++;
  }
  return missed;
}

/**
 * perWeek:N: the hands-on days still needed this week no longer fit in its remaining required days (today
 * included), so without today the week needs weekend work or breaks. A week that cannot be saved even with every
 * remaining day is lost, and a nudge would only nag.
 */
function weekAtRisk(today: LocalDay, rule: Extract<StreakRule, { kind: 'perWeek' }>, handsOnDays: ReadonlySet<LocalDay>): boolean {
  const monday = mondayOf(today);
  let done = 0;
  for (let i = 0; i < 7; i++) if (handsOnDays.has(addDays(monday, i))) done++;
  const needed = rule.days - done;
  const first = dayNumber(today) - dayNumber(monday);
  let requiredLeft = 0;
  for (let i = first; i < 7; i++) if (isRequiredDay(addDays(monday, i), rule)) requiredLeft++;
  return needed > 0 && needed >= requiredLeft && needed <= 7 - first;
}

function isQuiet(now: number, today: LocalDay, rule: StreakRule, calendar: NudgeInputs['calendar'], quiet: QuietHours): boolean {
  if (!isRequiredDay(today, rule)) return true;
  const minute = minuteOfDay(now, calendar);
  if (quiet.from === quiet.to) return false;
  return quiet.from < quiet.to ? minute >= quiet.from && minute < quiet.to : minute >= quiet.from || minute < quiet.to;
}

function minuteOfDay(now: number, calendar: NudgeInputs['calendar']): number {
  const local = now + calendar.utcOffsetMinutes(now) * 60_000;
  return Math.floor((((local % 86_400_000) + 86_400_000) % 86_400_000) / 60_000);
}

/** `18:00-09:00` → quiet hours; undefined when it does not read as two HH:MM times. */
export function parseQuietHours(text: string): QuietHours | undefined {
  const m = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m) return undefined;
  const [fh, fm, th, tm] = m.slice(1).map(Number) as [number, number, number, number];
  if (fh > 23 || th > 23 || fm > 59 || tm > 59) return undefined;
  return { from: fh * 60 + fm, to: th * 60 + tm };
}

const silent = (because: NudgeSilence): NudgeDecision => ({ nudge: false, because });
