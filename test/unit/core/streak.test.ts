import assert from 'node:assert/strict';
import { ActivityTracker } from '../../../src/core/activity';
import { dayTotals } from '../../../src/core/dayTotals';
import { addDays } from '../../../src/core/localDays';
import type { ActivityInterval, LocalDay, StreakRule, StreakSettings } from '../../../src/core/model';
import { computeStreak, handsOnDays } from '../../../src/core/streak';
import { zoneCalendar } from '../helpers/zoneCalendar';

/** Every day from `from` to `to` inclusive. */
function range(from: LocalDay, to: LocalDay): LocalDay[] {
  const out: LocalDay[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) out.push(day);
  return out;
}

function without(days: LocalDay[], ...missing: LocalDay[]): LocalDay[] {
  return days.filter((d) => !missing.includes(d));
}

function settings(rule: StreakRule, freezesPerMonth = 0): StreakSettings {
  return { rule, freezesPerMonth, dailyGoalMinutes: 20 };
}

const daily: StreakRule = { kind: 'daily' };
const weekdays: StreakRule = { kind: 'weekdays' };
const perWeek = (days: number): StreakRule => ({ kind: 'perWeek', days });

// March 2026: Mondays are the 2nd, 9th, 16th, 23rd and 30th.

describe('computeStreak: daily', () => {
  it('counts every hands-on day up to and including today', () => {
    const s = computeStreak({ handsOnDays: range('2026-03-01', '2026-03-10'), today: '2026-03-10', settings: settings(daily) });
    assert.deepEqual(s, { current: 10, unit: 'days', best: 10, lastHandsOnDay: '2026-03-10', frozen: [], todayIsHandsOn: true });
  });

  it('counts through yesterday while today is still in progress', () => {
    const s = computeStreak({ handsOnDays: new Set(range('2026-03-01', '2026-03-09')), today: '2026-03-10', settings: settings(daily) });
    assert.equal(s.current, 9);
    assert.equal(s.todayIsHandsOn, false);
  });

  it('breaks on a missed day and remembers the best run', () => {
    const days = [...range('2026-02-20', '2026-03-04'), ...range('2026-03-06', '2026-03-09')];
    const s = computeStreak({ handsOnDays: days, today: '2026-03-10', settings: settings(daily) });
    assert.equal(s.current, 4);
    assert.equal(s.best, 13);
  });

  it('is over once yesterday was missed', () => {
    const s = computeStreak({ handsOnDays: range('2026-03-01', '2026-03-08'), today: '2026-03-10', settings: settings(daily) });
    assert.equal(s.current, 0);
    assert.equal(s.best, 8);
    assert.equal(s.lastHandsOnDay, '2026-03-08');
  });

  it('returns an empty summary without hands-on days, and ignores future and malformed days', () => {
    assert.deepEqual(computeStreak({ handsOnDays: [], today: '2026-03-10', settings: settings(daily) }), {
      current: 0,
      unit: 'days',
      best: 0,
      lastHandsOnDay: undefined,
      frozen: [],
      todayIsHandsOn: false,
    });
    const s = computeStreak({ handsOnDays: ['2026-03-09', '2026-03-11', 'garbage'], today: '2026-03-10', settings: settings(daily) });
    assert.equal(s.current, 1);
    assert.equal(s.lastHandsOnDay, '2026-03-09');
  });

  it('ignores hands-on days before firstDay', () => {
    const s = computeStreak({ handsOnDays: range('2026-03-01', '2026-03-10'), today: '2026-03-10', settings: settings(daily), firstDay: '2026-03-06' });
    assert.equal(s.current, 5);
    assert.equal(s.best, 5);
  });
});

describe('computeStreak: weekdays', () => {
  it('never lets a weekend break the streak', () => {
    const days = [...range('2026-03-02', '2026-03-06'), ...range('2026-03-09', '2026-03-11')];
    const s = computeStreak({ handsOnDays: days, today: '2026-03-12', settings: settings(weekdays) });
    assert.equal(s.current, 8);
  });

  it('does not count weekend days toward the length, so it never rewards weekend work', () => {
    const days = [...range('2026-03-02', '2026-03-11')]; // includes Sat 7 and Sun 8
    const s = computeStreak({ handsOnDays: days, today: '2026-03-12', settings: settings(weekdays) });
    assert.equal(s.current, 8);
    assert.equal(s.lastHandsOnDay, '2026-03-11');
  });

  it('breaks on a missed Friday without freezes, and a freeze covers it', () => {
    const days = without([...range('2026-03-02', '2026-03-06'), ...range('2026-03-09', '2026-03-11')], '2026-03-06');
    const broken = computeStreak({ handsOnDays: days, today: '2026-03-12', settings: settings(weekdays, 0) });
    assert.equal(broken.current, 3);
    assert.equal(broken.best, 4);
    const frozen = computeStreak({ handsOnDays: days, today: '2026-03-12', settings: settings(weekdays, 1) });
    assert.equal(frozen.current, 7, 'the frozen Friday adds nothing');
    assert.deepEqual(frozen.frozen, ['2026-03-06']);
  });

  it('starts a streak only on a hands-on weekday', () => {
    const weekendOnly = computeStreak({ handsOnDays: ['2026-03-07', '2026-03-08'], today: '2026-03-09', settings: settings(weekdays) });
    assert.equal(weekendOnly.current, 0);
    assert.equal(weekendOnly.lastHandsOnDay, '2026-03-08');
    const mondayToo = computeStreak({ handsOnDays: ['2026-03-07', '2026-03-08', '2026-03-09'], today: '2026-03-09', settings: settings(weekdays) });
    assert.equal(mondayToo.current, 1);
  });

  it('keeps Friday\'s streak alive on a Monday morning before any coding', () => {
    const s = computeStreak({ handsOnDays: range('2026-03-02', '2026-03-06'), today: '2026-03-09', settings: settings(weekdays) });
    assert.equal(s.current, 5);
    assert.deepEqual(s.frozen, []);
  });
});

describe('computeStreak: perWeek:3', () => {
  const twoGoodWeeks = ['2026-03-02', '2026-03-04', '2026-03-06', '2026-03-10', '2026-03-12', '2026-03-14'];

  it('counts weeks that met the target, in weeks, with the current week pending while reachable', () => {
    const s = computeStreak({ handsOnDays: [...twoGoodWeeks, '2026-03-16'], today: '2026-03-18', settings: settings(perWeek(3)) });
    assert.equal(s.unit, 'weeks');
    assert.equal(s.current, 2);
    assert.equal(s.best, 2);
  });

  it('adds the current week as soon as it reaches the target', () => {
    const s = computeStreak({ handsOnDays: [...twoGoodWeeks, ...range('2026-03-16', '2026-03-18')], today: '2026-03-18', settings: settings(perWeek(3)) });
    assert.equal(s.current, 3);
  });

  it('keeps the current week pending on Saturday when 1 + today + Sunday can still make 3', () => {
    const s = computeStreak({ handsOnDays: [...twoGoodWeeks, '2026-03-16'], today: '2026-03-21', settings: settings(perWeek(3)) });
    assert.equal(s.current, 2);
  });

  it('fails the current week once the target is out of reach, unless a freeze covers it', () => {
    const lost = computeStreak({ handsOnDays: twoGoodWeeks, today: '2026-03-21', settings: settings(perWeek(3), 0) });
    assert.equal(lost.current, 0);
    assert.equal(lost.best, 2);
    const frozen = computeStreak({ handsOnDays: twoGoodWeeks, today: '2026-03-21', settings: settings(perWeek(3), 1) });
    assert.equal(frozen.current, 2);
    assert.deepEqual(frozen.frozen, ['2026-03-16']);
  });

  it('breaks on a past week with too few days', () => {
    const days = ['2026-03-02', '2026-03-04', '2026-03-06', '2026-03-10', '2026-03-12', ...range('2026-03-16', '2026-03-18')];
    const s = computeStreak({ handsOnDays: days, today: '2026-03-18', settings: settings(perWeek(3)) });
    assert.equal(s.current, 1);
  });

  it('charges a missed week to the month of its Monday', () => {
    // perWeek:1, one freeze a month. Weeks of Mar 23 and Mar 30 (ending Apr 5) are both March's.
    const s = computeStreak({ handsOnDays: ['2026-03-16', '2026-04-06'], today: '2026-04-08', settings: settings(perWeek(1), 1) });
    assert.deepEqual(s.frozen, ['2026-03-23']);
    assert.equal(s.current, 1, 'the week of Mar 30 found March\'s freeze spent and broke the streak');
  });
});

describe('computeStreak: freezes', () => {
  it('covers up to freezesPerMonth missed days without adding them to the length', () => {
    const days = without(range('2026-03-01', '2026-03-20'), '2026-03-05', '2026-03-12');
    const s = computeStreak({ handsOnDays: days, today: '2026-03-20', settings: settings(daily, 2) });
    assert.equal(s.current, 18);
    assert.deepEqual(s.frozen, ['2026-03-05', '2026-03-12']);
  });

  it('breaks on the first miss after the month\'s freezes run out', () => {
    const days = without(range('2026-03-01', '2026-03-20'), '2026-03-05', '2026-03-12', '2026-03-15');
    const s = computeStreak({ handsOnDays: days, today: '2026-03-20', settings: settings(daily, 2) });
    assert.equal(s.current, 5);
    assert.equal(s.best, 12);
    assert.deepEqual(s.frozen, ['2026-03-05', '2026-03-12']);
  });

  it('gives each calendar month its own budget', () => {
    const days = without(range('2026-03-25', '2026-04-05'), '2026-03-30', '2026-03-31', '2026-04-01');
    const s = computeStreak({ handsOnDays: days, today: '2026-04-05', settings: settings(daily, 2) });
    assert.equal(s.current, 9);
    assert.deepEqual(s.frozen, ['2026-03-30', '2026-03-31', '2026-04-01']);
  });

  it('spends no freezes while there is no streak to protect', () => {
    const days = ['2026-03-28', '2026-03-29', '2026-04-04', '2026-04-05', '2026-04-06', '2026-04-08'];
    const s = computeStreak({ handsOnDays: days, today: '2026-04-08', settings: settings(daily, 1) });
    assert.deepEqual(s.frozen, ['2026-03-30', '2026-04-07'], 'April 1–3 fell between streaks and cost nothing');
    assert.equal(s.current, 4);
  });

  it('does not spend a freeze on today', () => {
    const s = computeStreak({ handsOnDays: range('2026-03-01', '2026-03-09'), today: '2026-03-10', settings: settings(daily, 1) });
    assert.deepEqual(s.frozen, []);
  });
});

describe('computeStreak: DST and time-zone moves', () => {
  it('counts days straight across the US and EU DST switches', () => {
    for (const [from, to] of [
      ['2026-03-07', '2026-03-09'],
      ['2026-03-28', '2026-03-30'],
      ['2026-10-31', '2026-11-02'],
    ] as const) {
      const s = computeStreak({ handsOnDays: range(from, to), today: to, settings: settings(daily) });
      assert.equal(s.current, 3, `${from}..${to}`);
    }
    const long = computeStreak({ handsOnDays: range('2026-03-01', '2026-11-30'), today: '2026-11-30', settings: settings(daily) });
    assert.equal(long.current, 275);
  });

  it('uses the local days recorded in New York evenings, not UTC days, across 2026-03-08', () => {
    const calendar = zoneCalendar('America/New_York');
    const tracker = new ActivityTracker({ windowId: 'ny', idleTimeoutMs: 5 * 60_000, calendar });
    const intervals: ActivityInterval[] = [];
    for (const day of range('2026-03-06', '2026-03-10')) {
      // 21:00–21:30 local: already the next day in UTC. Offset -5 before the switch, -4 after.
      const offsetHours = day < '2026-03-08' ? 5 : 4;
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      const start = Date.UTC(y, m - 1, d, 21 + offsetHours, 0);
      for (let t = start; t <= start + 30 * 60_000; t += 60_000) tracker.record(t, 'repo', 'ts');
      intervals.push(...tracker.drain(start + 24 * 60 * 60_000));
    }
    assert.deepEqual(intervals.map((i) => i.day), range('2026-03-06', '2026-03-10'));
    const onDays = handsOnDays(dayTotals(intervals), [], 20);
    const s = computeStreak({ handsOnDays: onDays, today: '2026-03-10', settings: settings(daily) });
    assert.equal(s.current, 5);
    assert.equal(s.todayIsHandsOn, true);
  });

  it('keeps each interval on its recorded day after a move from Tokyo to Los Angeles', () => {
    const intervals: ActivityInterval[] = [
      // 08:00–08:30 in Tokyo on May 10 is still May 9 in UTC.
      { id: 'a:1', start: Date.UTC(2026, 4, 9, 23, 0), end: Date.UTC(2026, 4, 9, 23, 30), day: '2026-05-10', utcOffsetMinutes: 540, repo: 'r', language: 'ts' },
      // 20:00–20:30 in Los Angeles on May 11 is already May 12 in UTC.
      { id: 'b:1', start: Date.UTC(2026, 4, 12, 3, 0), end: Date.UTC(2026, 4, 12, 3, 30), day: '2026-05-11', utcOffsetMinutes: -420, repo: 'r', language: 'ts' },
    ];
    const totals = dayTotals(intervals);
    assert.deepEqual([...totals.keys()], ['2026-05-10', '2026-05-11']);
    const s = computeStreak({ handsOnDays: handsOnDays(totals, [], 20), today: '2026-05-11', settings: settings(daily) });
    assert.equal(s.current, 2);
  });
});

describe('handsOnDays', () => {
  it('takes days that reach the goal plus days with a commit', () => {
    const totals = dayTotals([
      { id: 'a:1', start: 0, end: 20 * 60_000, day: '2026-03-02', utcOffsetMinutes: 0, repo: 'r', language: 'ts' },
      { id: 'a:2', start: 86_400_000, end: 86_400_000 + 19 * 60_000 + 59_000, day: '2026-03-03', utcOffsetMinutes: 0, repo: 'r', language: 'ts' },
    ]);
    assert.deepEqual([...handsOnDays(totals, ['2026-03-04'], 20)].sort(), ['2026-03-02', '2026-03-04']);
  });
});

describe('computeStreak: cost', () => {
  it('handles twenty years of daily history quickly', () => {
    const days = range('2006-01-01', '2025-12-31');
    const started = performance.now();
    const s = computeStreak({ handsOnDays: days, today: '2026-01-01', settings: settings(daily) });
    const elapsed = performance.now() - started;
    assert.equal(s.current, days.length);
    assert.ok(elapsed < 200, `took ${elapsed.toFixed(1)} ms`);
  });
});
