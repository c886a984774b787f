import assert from 'node:assert/strict';
import type { ActivityInterval, LocalDay, StreakSettings } from '../../../src/core/model';
import { dayTotals } from '../../../src/core/dayTotals';
import { buildSnapshot, buildSnapshotFromTotals, combinedDayTotals, formatMinutes, formatStreakLength, toCsv, toJson } from '../../../src/core/stats';

const MIN = 60_000;

/** An interval at UTC noon of `day` (offset 0), `minutes` long, starting `atMinute` after noon. */
function on(day: LocalDay, minutes: number, id: string, atMinute = 0, repo = 'repo', language = 'ts'): ActivityInterval {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const start = Date.UTC(y, m - 1, d, 12, 0) + atMinute * MIN;
  return { id, start, end: start + minutes * MIN, day, utcOffsetMinutes: 0, repo, language };
}

const settings: StreakSettings = { rule: { kind: 'weekdays' }, freezesPerMonth: 2, dailyGoalMinutes: 20 };

describe('buildSnapshot', () => {
  const intervals = [
    on('2026-03-01', 30, 'a:1'), // Sunday of the previous week
    on('2026-03-02', 25, 'a:2'), // Monday
    on('2026-03-08', 40, 'a:3'), // Sunday
    on('2026-03-08', 40, 'b:1', 20), // another window overlapping by 20 minutes
  ];

  it('sums the Monday–Sunday week containing today and takes today as a union', () => {
    const s = buildSnapshot({ intervals, commitDays: [], today: '2026-03-08', settings, now: 123 });
    assert.equal(s.today, '2026-03-08');
    assert.equal(s.todayMinutes, 60);
    assert.equal(s.weekMinutes, 25 + 60);
    assert.equal(s.ruleLabel, 'Weekdays');
    assert.equal(s.computedAt, 123);
    assert.equal(s.lastActivityAt, intervals[3]!.end);
  });

  it('starts a new week on Monday', () => {
    const s = buildSnapshot({ intervals: [...intervals, on('2026-03-09', 5, 'a:4')], commitDays: [], today: '2026-03-09', settings, now: 0 });
    assert.equal(s.weekMinutes, 5);
    assert.equal(s.todayMinutes, 5);
  });

  it('counts commit days and goal days toward the streak, but not days under the goal', () => {
    // Mon 2 (25 min), Tue 3 (commit), Wed 4 (10 min: under goal), today Thu 5.
    const s = buildSnapshot({
      intervals: [on('2026-03-02', 25, 'a:1'), on('2026-03-04', 10, 'a:2')],
      commitDays: ['2026-03-03'],
      today: '2026-03-05',
      settings: { ...settings, freezesPerMonth: 0 },
      now: 0,
    });
    assert.equal(s.streak.current, 0, 'Wednesday missed the goal');
    assert.equal(s.streak.best, 2);
    assert.equal(s.streak.lastHandsOnDay, '2026-03-03');
  });

  it('works with no data at all', () => {
    const s = buildSnapshot({ intervals: [], commitDays: [], today: '2026-03-08', settings, now: 0 });
    assert.equal(s.todayMinutes, 0);
    assert.equal(s.weekMinutes, 0);
    assert.equal(s.streak.current, 0);
    assert.equal(s.lastActivityAt, undefined);
  });
});

describe('buildSnapshotFromTotals', () => {
  // Two windows over three months, with a streak that runs across the month boundaries and overlaps within days.
  const intervals: ActivityInterval[] = [];
  for (const day of ['2026-01-28', '2026-01-29', '2026-01-30', '2026-02-02', '2026-02-03', '2026-02-27', '2026-03-02', '2026-03-03']) {
    intervals.push(on(day, 15, `a:${day}`), on(day, 15, `b:${day}`, 10, 'other', 'md'));
  }
  const split = (from: LocalDay) => ({
    pastTotals: dayTotals(intervals.filter((i) => i.day < from)),
    pastLastActivityAt: Math.max(...intervals.filter((i) => i.day < from).map((i) => i.end)),
    recentIntervals: intervals.filter((i) => i.day >= from),
  });

  it('gives exactly the snapshot of the raw intervals, wherever past and recent are split', () => {
    for (const today of ['2026-03-03', '2026-03-04', '2026-03-20']) {
      const raw = buildSnapshot({ intervals, commitDays: ['2026-02-26'], today, settings, now: 7 });
      for (const from of ['2026-02-01', '2026-03-01', '2026-01-29']) {
        const fast = buildSnapshotFromTotals({ ...split(from), commitDays: ['2026-02-26'], today, settings, now: 7 });
        assert.deepEqual(fast, raw, `today ${today}, split at ${from}`);
      }
    }
  });

  it('takes the last activity from the past when there is no recent interval', () => {
    const past = split('2026-04-01');
    const s = buildSnapshotFromTotals({ ...past, commitDays: [], today: '2026-04-10', settings, now: 0 });
    assert.equal(s.lastActivityAt, intervals.at(-1)!.end);
    assert.equal(s.todayMinutes, 0);
    assert.ok(s.streak.best >= 3);
  });

  it('combines past totals and recent intervals into the same day totals as the raw ones', () => {
    const { pastTotals, recentIntervals } = split('2026-02-01');
    assert.deepEqual(combinedDayTotals(pastTotals, recentIntervals), dayTotals(intervals));
  });
});

describe('formatMinutes and formatStreakLength', () => {
  it('rounds down to whole minutes and pads minutes after hours', () => {
    assert.equal(formatMinutes(0), '0m');
    assert.equal(formatMinutes(42.9), '42m');
    assert.equal(formatMinutes(59.99), '59m');
    assert.equal(formatMinutes(60), '1h 00m');
    assert.equal(formatMinutes(65), '1h 05m');
    assert.equal(formatMinutes(12 * 60 + 34), '12h 34m');
    assert.equal(formatMinutes(Number.NaN), '0m');
    assert.equal(formatMinutes(-3), '0m');
  });

  it('uses d for days and w for weeks', () => {
    assert.equal(formatStreakLength({ current: 5, unit: 'days' }), '5d');
    assert.equal(formatStreakLength({ current: 3, unit: 'weeks' }), '3w');
  });
});

describe('toCsv', () => {
  it('writes a header and one row per interval with ISO UTC times and minutes', () => {
    const csv = toCsv([{ ...on('2026-03-02', 90, 'w:1'), utcOffsetMinutes: -300 }]);
    assert.equal(
      csv,
      'start_utc,end_utc,day,utc_offset_minutes,minutes,repo,language,id\r\n' +
        '2026-03-02T12:00:00.000Z,2026-03-02T13:30:00.000Z,2026-03-02,-300,90,repo,ts,w:1\r\n',
    );
  });

  it('quotes commas, quotes and newlines', () => {
    const csv = toCsv([on('2026-03-02', 1, 'w:1', 0, '/home/me/a,b "c"', 'line\nbreak')]);
    const row = csv.split('\r\n')[1]!;
    assert.ok(row.endsWith(',"/home/me/a,b ""c""","line\nbreak",w:1'), row);
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    const csv = toCsv([
      on('2026-03-02', 1, 'w:1', 0, '=HYPERLINK("http://evil","x")', '+cmd'),
      on('2026-03-02', 1, 'w:2', 5, '-2+3', '@SUM(A1)'),
    ]);
    const [, first, second] = csv.split('\r\n');
    assert.ok(first!.includes(`"'=HYPERLINK(""http://evil"",""x"")",'+cmd`), first);
    assert.ok(second!.includes(`,'-2+3,'@SUM(A1),`), second);
    for (const row of [first!, second!]) {
      for (const cell of row.split(',')) assert.ok(!/^"?[=+@]/.test(cell), `dangerous cell ${cell}`);
    }
  });

  it('keeps one row per id, the longest, in start order', () => {
    const csv = toCsv([on('2026-03-03', 5, 'w:2'), on('2026-03-02', 5, 'w:1'), on('2026-03-02', 9, 'w:1')]);
    const rows = csv.trim().split('\r\n').slice(1);
    assert.equal(rows.length, 2);
    assert.ok(rows[0]!.endsWith(',9,repo,ts,w:1'), rows[0]);
    assert.ok(rows[1]!.endsWith(',w:2'));
  });
});

describe('toJson', () => {
  it('writes a versioned document that parses back to the intervals', () => {
    const doc = JSON.parse(toJson([on('2026-03-02', 30, 'w:1', 0, '=x'), on('2026-03-02', 45, 'w:1', 0, '=x')]));
    assert.equal(doc.format, 'hands-on-activity');
    assert.equal(doc.version, 1);
    assert.equal(doc.intervals.length, 1);
    assert.deepEqual(doc.intervals[0], {
      id: 'w:1',
      start: '2026-03-02T12:00:00.000Z',
      end: '2026-03-02T12:45:00.000Z',
      startMs: Date.UTC(2026, 2, 2, 12),
      endMs: Date.UTC(2026, 2, 2, 12, 45),
      day: '2026-03-02',
      utcOffsetMinutes: 0,
      minutes: 45,
      repo: '=x', // JSON is data, not a spreadsheet: kept verbatim
      language: 'ts',
    });
  });
});
