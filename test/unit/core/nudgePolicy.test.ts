import assert from 'node:assert/strict';
import type { LocalDay, StreakRule } from '../../../src/core/model';
import { decideNudge, isRequiredDay, missedRequiredDays, parseQuietHours } from '../../../src/core/nudgePolicy';
import type { NudgeChoices, NudgeInputs } from '../../../src/core/nudgePolicy';
import { fixedOffsetCalendar, zoneCalendar } from '../helpers/zoneCalendar';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 2026-03-02, 00:00 UTC. */
const MONDAY = Date.UTC(2026, 2, 2);
const utc = fixedOffsetCalendar(0);
const WEEKDAYS: StreakRule = { kind: 'weekdays' };
const OPEN: NudgeChoices = { enabled: true, dontShowAgain: false };

const at = (dayOffset: number, hour: number, minute = 0) => MONDAY + dayOffset * DAY + hour * HOUR + minute * 60_000;
const days = (...offsets: number[]): Set<LocalDay> => new Set(offsets.map((o) => utc.dayOf(MONDAY + o * DAY)));

function inputs(patch: Partial<NudgeInputs>): NudgeInputs {
  return { now: at(7, 10), calendar: utc, rule: WEEKDAYS, handsOnDays: days(), choices: OPEN, focusTimerRunning: false, typing: false, ...patch };
}

/**
 * A fake clock through `weeks` weeks, asking every 30 minutes as the extension does, showing each nudge the policy
 * allows and recording it as the caller would. `coded(dayOffset)` says which days were hands-on.
 */
function simulate(options: { weeks: number; rule?: StreakRule; coded: (dayOffset: number) => boolean; focusAt?: (now: number) => boolean; choices?: Partial<NudgeChoices> }) {
  const shown: { now: number; why: string }[] = [];
  let choices: NudgeChoices = { ...OPEN, ...options.choices };
  // The two weeks before the simulation, as `coded` says: a user with a past, not a first install.
  const handsOnDays = new Set<LocalDay>([...Array(14).keys()].map((i) => i - 14).filter(options.coded).map((d) => utc.dayOf(MONDAY + d * DAY)));
  for (let now = MONDAY; now < MONDAY + options.weeks * 7 * DAY; now += 30 * 60_000) {
    const offset = Math.floor((now - MONDAY) / DAY);
    // A day becomes hands-on once it is over (the policy never counts today anyway).
    if (options.coded(offset - 1)) handsOnDays.add(utc.dayOf(now - DAY));
    const decision = decideNudge(inputs({ now, rule: options.rule ?? WEEKDAYS, handsOnDays, choices, focusTimerRunning: options.focusAt?.(now) ?? false }));
    if (decision.nudge) {
      shown.push({ now, why: decision.why });
      choices = { ...choices, lastShownDay: utc.dayOf(now) };
    }
  }
  return shown;
}

describe('core/nudgePolicy: when a drifted leader may be nudged', () => {
  it('three working days away: one nudge on the fourth morning, outside quiet hours, and at most one a day', () => {
    // Coded every weekday until Tuesday of week 1, then nothing for two weeks.
    const shown = simulate({ weeks: 3, coded: (d) => d <= 1 && ((d % 7) + 7) % 7 < 5 });
    const first = shown[0]!;
    // Missed Wed, Thu, Fri: the first nudge is the next working day (Monday of week 2), at 09:00 when quiet hours end.
    assert.equal(new Date(first.now).toISOString(), '2026-03-09T09:00:00.000Z');
    assert.equal(first.why, 'drifted');
    const perDay = new Map<string, number>();
    for (const s of shown) perDay.set(utc.dayOf(s.now), (perDay.get(utc.dayOf(s.now)) ?? 0) + 1);
    assert.ok([...perDay.values()].every((n) => n === 1), 'more than one nudge on a day');
    for (const s of shown) {
      const hour = new Date(s.now).getUTCHours();
      assert.ok(hour >= 9 && hour < 18, `nudge in quiet hours at ${new Date(s.now).toISOString()}`);
      assert.ok(new Date(s.now).getUTCDay() >= 1 && new Date(s.now).getUTCDay() <= 5, 'a weekday rule was nudged at the weekend');
    }
    // Week 2 and week 3 weekdays, Monday to Friday: 10 at most.
    assert.equal(shown.length, 10);
  });

  it('never nudges someone who codes every working day, and weekends off never count as drift', () => {
    assert.deepEqual(simulate({ weeks: 4, coded: (d) => ((d % 7) + 7) % 7 < 5 }), []);
  });

  it('snooze for a day or a week, and Don’t Show Again, are honoured', () => {
    const drifted = days(-10);
    const snoozed = decideNudge(inputs({ handsOnDays: drifted, choices: { ...OPEN, snoozedUntil: at(8, 0) } }));
    assert.deepEqual(snoozed, { nudge: false, because: 'snoozed' });
    assert.equal(decideNudge(inputs({ now: at(8, 10), handsOnDays: drifted, choices: { ...OPEN, snoozedUntil: at(8, 0) } })).nudge, true, 'the snooze ended');
    assert.deepEqual(decideNudge(inputs({ handsOnDays: drifted, choices: { ...OPEN, dontShowAgain: true } })), { nudge: false, because: 'dontShowAgain' });
    assert.deepEqual(decideNudge(inputs({ handsOnDays: drifted, choices: { ...OPEN, enabled: false } })), { nudge: false, because: 'disabled' });
    // A week's snooze through the simulation: nothing in week 2, nudges again in week 3.
    const shown = simulate({ weeks: 3, coded: () => false, choices: { snoozedUntil: MONDAY + 14 * DAY } });
    assert.ok(shown.length > 0 && shown.every((s) => s.now >= MONDAY + 14 * DAY), 'nudged while snoozed');
  });

  it('never during a focus timer or while typing', () => {
    const drifted = days(-10);
    assert.deepEqual(decideNudge(inputs({ handsOnDays: drifted, focusTimerRunning: true })), { nudge: false, because: 'focusTimer' });
    assert.deepEqual(decideNudge(inputs({ handsOnDays: drifted, typing: true })), { nudge: false, because: 'typing' });
    // A timer running every morning until 11:00 moves each nudge to 11:00, never into it.
    const shown = simulate({ weeks: 2, coded: () => false, focusAt: (now) => new Date(now).getUTCHours() < 11 });
    assert.ok(shown.length > 0 && shown.every((s) => new Date(s.now).getUTCHours() >= 11));
  });

  it('perWeek:N nudges when the week would otherwise need weekend work, and never once it is lost', () => {
    const rule: StreakRule = { kind: 'perWeek', days: 3 };
    const week = (now: number, coded: Set<LocalDay>) => decideNudge(inputs({ now, rule, handsOnDays: coded }));
    // Wednesday, coded Monday: two more needed, Wed–Fri left. Fine.
    assert.deepEqual(week(at(2, 10), days(0)), { nudge: false, because: 'notDrifted' });
    // Friday, coded Wednesday: two needed, one weekday left: without today it takes the weekend.
    assert.deepEqual(week(at(4, 10), days(2)), { nudge: true, why: 'weekAtRisk', missedDays: 1 });
    // Friday, coded Wednesday and Thursday: the last one is due today, the last weekday.
    assert.deepEqual(week(at(4, 10), days(2, 3)), { nudge: true, why: 'weekAtRisk', missedDays: 0 });
    // perWeek:5, Friday, coded Monday only: four needed, three days left: lost, so no week nudge (drift aside).
    assert.deepEqual(decideNudge(inputs({ now: at(4, 10), rule: { kind: 'perWeek', days: 5 }, handsOnDays: days(0), afterWorkingDays: 10 })), { nudge: false, because: 'notDrifted' });
  });

  it('counts only the days the rule asks for, and quiet days follow the rule', () => {
    assert.equal(missedRequiredDays(utc.dayOf(at(7, 10)), WEEKDAYS, days(1)), 3, 'Wed, Thu, Fri; the weekend is not counted');
    assert.equal(missedRequiredDays(utc.dayOf(at(7, 10)), { kind: 'daily' }, days(1)), 5);
    assert.equal(isRequiredDay(utc.dayOf(at(5, 0)), WEEKDAYS), false, 'Saturday');
    assert.equal(isRequiredDay(utc.dayOf(at(5, 0)), { kind: 'perWeek', days: 6 }), true);
    assert.equal(isRequiredDay(utc.dayOf(at(6, 0)), { kind: 'perWeek', days: 6 }), false, 'Sunday');
    assert.deepEqual(decideNudge(inputs({ now: at(12, 10), handsOnDays: days(0) })), { nudge: false, because: 'quietHours' }, 'Saturday, weekdays rule');
    assert.equal(decideNudge(inputs({ now: at(12, 10), rule: { kind: 'daily' }, handsOnDays: days(0) })).nudge, true, 'daily rule: Saturday is a day like any');
  });

  it('quiet hours are local: 08:30 in New York is quiet even when it is 13:30 UTC', () => {
    const ny = zoneCalendar('America/New_York');
    const morningNy = Date.UTC(2026, 2, 9, 13, 30); // Monday 09:30 EDT (daylight time began on March 8)
    assert.equal(decideNudge(inputs({ now: morningNy, calendar: ny, handsOnDays: days(-10) })).nudge, true);
    const earlyNy = Date.UTC(2026, 2, 9, 12, 30); // 08:30 EDT
    assert.deepEqual(decideNudge(inputs({ now: earlyNy, calendar: ny, handsOnDays: days(-10) })), { nudge: false, because: 'quietHours' });
  });

  it('reads the quiet-hours setting', () => {
    assert.deepEqual(parseQuietHours('18:00-09:00'), { from: 1080, to: 540 });
    assert.deepEqual(parseQuietHours(' 12:30 - 13:15 '), { from: 750, to: 795 });
    for (const bad of ['', 'evenings', '25:00-09:00', '18:60-09:00', '18-09']) assert.equal(parseQuietHours(bad), undefined, bad);
  });
});
