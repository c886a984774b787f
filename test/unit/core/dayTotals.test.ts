import assert from 'node:assert/strict';
import { dayTotals, dedupeIntervals, mergeDayTotals } from '../../../src/core/dayTotals';
import type { ActivityInterval } from '../../../src/core/model';

const MIN = 60_000;
const BASE = Date.UTC(2026, 4, 12, 8, 0);

function interval(id: string, fromMin: number, toMin: number, repo = 'api', language = 'ts', day = '2026-05-12'): ActivityInterval {
  return { id, start: BASE + fromMin * MIN, end: BASE + toMin * MIN, day, utcOffsetMinutes: 0, repo, language };
}

describe('dayTotals', () => {
  it('takes the union across three overlapping windows, never the sum', () => {
    const intervals = [
      interval('a:1', 0, 30, 'api', 'ts'), // window a
      interval('b:1', 10, 40, 'web', 'ts'), // window b overlaps a by 20
      interval('c:1', 35, 50, 'web', 'css'), // window c overlaps b by 5
      interval('c:2', 100, 110, 'api', 'md'), // disjoint
    ];
    const total = dayTotals(intervals).get('2026-05-12')!;
    const sum = 30 + 30 + 15 + 10;
    assert.equal(total.minutes, 60); // [0,50] ∪ [100,110]
    assert.notEqual(total.minutes, sum);
    assert.equal(total.byRepo.get('api'), 40); // [0,30] ∪ [100,110]
    assert.equal(total.byRepo.get('web'), 40); // [10,40] ∪ [35,50] = [10,50]
    assert.equal(total.byLanguage.get('ts'), 40); // [0,40]
    assert.equal(total.byLanguage.get('css'), 15);
    assert.equal(total.byLanguage.get('md'), 10);
  });

  it('counts an interval contained in another once', () => {
    const total = dayTotals([interval('a:1', 0, 60), interval('b:1', 10, 20), interval('c:1', 30, 40)]).get('2026-05-12')!;
    assert.equal(total.minutes, 60);
  });

  it('keeps the longest end among records with the same id', () => {
    const snapshots = [interval('a:1', 0, 10), interval('a:1', 0, 25), interval('a:1', 0, 20)];
    assert.equal(dayTotals(snapshots).get('2026-05-12')!.minutes, 25);
    assert.deepEqual(dedupeIntervals(snapshots).map((i) => i.end), [BASE + 25 * MIN]);
  });

  it('keeps each interval on its recorded day and returns days in order', () => {
    const totals = dayTotals([
      interval('a:2', 2000, 2010, 'api', 'ts', '2026-05-13'),
      interval('a:1', 0, 20, 'api', 'ts', '2026-05-12'),
    ]);
    assert.deepEqual([...totals.keys()], ['2026-05-12', '2026-05-13']);
    assert.equal(totals.get('2026-05-13')!.minutes, 10);
  });

  it('ignores zero-length and inverted intervals', () => {
    const totals = dayTotals([interval('a:1', 5, 5), interval('a:2', 9, 3)]);
    assert.equal(totals.size, 0);
  });

  it('summarises a year from 3 windows in well under 50 ms', () => {
    const intervals: ActivityInterval[] = [];
    for (let d = 0; d < 365; d++) {
      const day = new Date(BASE + d * 86_400_000).toISOString().slice(0, 10);
      for (let w = 0; w < 3; w++) {
        for (let k = 0; k < 30; k++) {
          const from = d * 1440 + k * 12 + w * 3;
          intervals.push(interval(`w${w}:${d * 100 + k}`, from, from + 8, `repo${k % 4}`, `lang${k % 3}`, day));
        }
      }
    }
    // Best of 5 after a warm-up: measures the algorithm, not the JIT or a busy CI machine.
    let totals = dayTotals(intervals);
    let elapsed = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      totals = dayTotals(intervals);
      elapsed = Math.min(elapsed, performance.now() - started);
    }
    assert.equal(intervals.length, 32_850);
    assert.equal(totals.size, 365);
    // Slot k covers [12k, 12k+14] across the three staggered windows, so slots touch: one block [0, 362].
    assert.equal(totals.get('2026-05-12')!.minutes, 29 * 12 + 14);
    assert.ok(elapsed < 50, `took ${elapsed.toFixed(1)} ms`);
  });
});

describe('mergeDayTotals', () => {
  const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`) - BASE;
  const on = (id: string, day: string, fromMin: number, toMin: number, repo = 'api', language = 'ts'): ActivityInterval =>
    interval(id, dayStart(day) / MIN + fromMin, dayStart(day) / MIN + toMin, repo, language, day);

  it('equals the totals of all intervals when the parts hold different months, in day order', () => {
    const jan = [on('a:1', '2026-01-30', 0, 30), on('b:1', '2026-01-30', 10, 40, 'web'), on('a:2', '2026-01-31', 0, 5, 'api', 'md')];
    const feb = [on('a:3', '2026-02-01', 0, 20), on('c:1', '2026-02-02', 0, 7, 'web', 'css')];
    // Parts out of order on purpose: the result is still in day order.
    const merged = mergeDayTotals(dayTotals(feb), dayTotals(jan));
    assert.deepEqual(merged, dayTotals([...jan, ...feb]));
    assert.deepEqual([...merged.keys()], ['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02']);
  });

  it('adds a day found in two parts, per repo and language too, without touching the inputs', () => {
    const a = dayTotals([on('a:1', '2026-01-30', 0, 30, 'api', 'ts')]);
    const b = dayTotals([on('b:1', '2026-01-30', 60, 70, 'web', 'ts')]);
    const merged = mergeDayTotals(a, b).get('2026-01-30')!;
    assert.equal(merged.minutes, 40);
    assert.deepEqual(merged.byRepo, new Map([['api', 30], ['web', 10]]));
    assert.deepEqual(merged.byLanguage, new Map([['ts', 40]]));
    assert.equal(a.get('2026-01-30')!.minutes, 30);
    assert.deepEqual(a.get('2026-01-30')!.byLanguage, new Map([['ts', 30]]));
  });

  it('handles no parts and empty parts', () => {
    assert.deepEqual(mergeDayTotals(), new Map());
    assert.deepEqual(mergeDayTotals(new Map(), new Map()), new Map());
  });
});
