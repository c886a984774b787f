import assert from 'node:assert/strict';
import { ActivityTracker } from '../../../src/core/activity';
import type { ActivityInterval } from '../../../src/core/model';
import type { LocalCalendar } from '../../../src/core/ports';
import { fixedOffsetCalendar, zoneCalendar } from '../helpers/zoneCalendar';

const MIN = 60_000;
const IDLE = 5 * MIN;
const T0 = Date.UTC(2026, 4, 12, 9, 0); // Tuesday 2026-05-12 09:00 UTC

function tracker(calendar: LocalCalendar = fixedOffsetCalendar(0), extra: { maxIntervalMs?: number } = {}): ActivityTracker {
  return new ActivityTracker({ windowId: 'w1', idleTimeoutMs: IDLE, calendar, ...extra });
}

/** Events every `stepMs` from `from` to `to` inclusive. */
function recordEvery(t: ActivityTracker, from: number, to: number, stepMs: number, repo = 'r', language = 'ts'): void {
  for (let at = from; at <= to; at += stepMs) t.record(at, repo, language);
}

const spans = (intervals: ActivityInterval[]) => intervals.map((i) => [i.start, i.end]);

describe('ActivityTracker', () => {
  it('extends across gaps up to the idle timeout and splits on a longer gap', () => {
    const t = tracker();
    t.record(T0, 'r', 'ts');
    t.record(T0 + IDLE, 'r', 'ts'); // exactly the timeout: still continuous
    t.record(T0 + 2 * IDLE + 1, 'r', 'ts'); // 1 ms beyond: a new interval
    t.record(T0 + 2 * IDLE + 1 + MIN, 'r', 'ts');
    const out = t.drain(T0 + 2 * IDLE + 1 + MIN);
    assert.deepEqual(spans(out), [
      [T0, T0 + IDLE],
      [T0 + 2 * IDLE + 1, T0 + 2 * IDLE + 1 + MIN],
    ]);
    assert.deepEqual(out.map((i) => i.id), ['w1:1', 'w1:2']);
  });

  it('treats a sleep/resume gap of hours as just a gap', () => {
    const t = tracker();
    recordEvery(t, T0, T0 + 10 * MIN, MIN);
    recordEvery(t, T0 + 3 * 60 * MIN, T0 + 3 * 60 * MIN + 2 * MIN, MIN);
    const out = t.drain(T0 + 4 * 60 * MIN);
    assert.deepEqual(spans(out), [
      [T0, T0 + 10 * MIN],
      [T0 + 180 * MIN, T0 + 182 * MIN],
    ]);
  });

  it('closes at the switch instant and reopens there when the repo or language changes', () => {
    const t = tracker();
    t.record(T0, 'api', 'ts');
    t.record(T0 + 2 * MIN, 'api', 'ts');
    t.record(T0 + 3 * MIN, 'web', 'ts'); // repo switch after a 1-minute gap: the minute counts for api
    t.record(T0 + 4 * MIN, 'web', 'css'); // language switch
    t.record(T0 + 6 * MIN, 'web', 'css');
    const out = t.drain(T0 + 6 * MIN);
    assert.deepEqual(
      out.map((i) => [i.repo, i.language, (i.end - i.start) / MIN]),
      [
        ['api', 'ts', 3],
        ['web', 'ts', 1],
        ['web', 'css', 2],
      ],
    );
    assert.equal(out[0]!.end, out[1]!.start);
    assert.equal(out[1]!.end, out[2]!.start);
  });

  it('gives drained snapshots of the open interval one stable id, and returns closed ones only once', () => {
    const t = tracker();
    recordEvery(t, T0, T0 + 3 * MIN, MIN);
    const first = t.drain(T0 + 3 * MIN);
    recordEvery(t, T0 + 4 * MIN, T0 + 8 * MIN, MIN);
    const second = t.drain(T0 + 8 * MIN);
    assert.equal(first.length, 1);
    assert.equal(second.length, 1);
    assert.equal(first[0]!.id, second[0]!.id, 'a re-written open interval keeps its id');
    assert.equal(first[0]!.end, T0 + 3 * MIN);
    assert.equal(second[0]!.end, T0 + 8 * MIN);

    t.record(T0 + 60 * MIN, 'r', 'ts'); // closes the first after a long gap
    t.record(T0 + 61 * MIN, 'r', 'ts');
    const third = t.drain(T0 + 61 * MIN);
    assert.deepEqual(third.map((i) => i.id), [first[0]!.id, 'w1:2']);
    const fourth = t.drain(T0 + 61 * MIN);
    assert.deepEqual(fourth.map((i) => i.id), ['w1:2'], 'the closed interval is not returned again');
  });

  it('closes an open interval that has gone idle by drain time, and then returns nothing more', () => {
    const t = tracker();
    recordEvery(t, T0, T0 + 2 * MIN, MIN);
    assert.equal(t.drain(T0 + 20 * MIN).length, 1);
    assert.deepEqual(t.drain(T0 + 21 * MIN), []);
  });

  it('peek shows pending intervals without consuming them', () => {
    const t = tracker();
    recordEvery(t, T0, T0 + 2 * MIN, MIN);
    t.record(T0 + 30 * MIN, 'r', 'ts');
    t.record(T0 + 31 * MIN, 'r', 'ts');
    assert.equal(t.peek(T0 + 31 * MIN).length, 2);
    assert.equal(t.drain(T0 + 31 * MIN).length, 2, 'peek left them in place');
    assert.equal(t.peek(T0 + 31 * MIN).length, 1, 'only the open one is pending after drain');
  });

  it('leaves out zero-length intervals from lone events', () => {
    const t = tracker();
    t.record(T0, 'r', 'ts');
    t.record(T0 + 60 * MIN, 'r', 'ts');
    assert.deepEqual(t.drain(T0 + 120 * MIN), []);
  });

  it('close() extends to now only within the idle timeout, and the next event opens a new interval', () => {
    const t = tracker();
    recordEvery(t, T0, T0 + 2 * MIN, MIN);
    t.close(T0 + 4 * MIN);
    t.record(T0 + 5 * MIN, 'r', 'ts');
    t.record(T0 + 6 * MIN, 'r', 'ts');
    const out = t.drain(T0 + 6 * MIN);
    assert.deepEqual(spans(out), [
      [T0, T0 + 4 * MIN],
      [T0 + 5 * MIN, T0 + 6 * MIN],
    ]);

    const late = tracker();
    recordEvery(late, T0, T0 + 2 * MIN, MIN);
    late.close(T0 + 60 * MIN); // the user left long ago: no time after the last event
    assert.deepEqual(spans(late.drain(T0 + 60 * MIN)), [[T0, T0 + 2 * MIN]]);
  });

  it('applies a changed idle timeout to later gaps', () => {
    const t = tracker();
    t.record(T0, 'r', 'ts');
    t.setIdleTimeout(15 * MIN);
    t.record(T0 + 10 * MIN, 'r', 'ts');
    assert.deepEqual(spans(t.drain(T0 + 10 * MIN)), [[T0, T0 + 10 * MIN]]);
    assert.throws(() => t.setIdleTimeout(0), RangeError);
  });

  it('never produces negative durations when the clock goes backwards', () => {
    const t = tracker();
    recordEvery(t, T0, T0 + 10 * MIN, MIN);
    t.record(T0 + 9 * MIN, 'r', 'ts'); // jitter within the idle timeout: ignored
    t.record(T0 + 11 * MIN, 'r', 'ts');
    t.record(T0 - 60 * MIN, 'r', 'ts'); // clock set back an hour: start afresh
    t.record(T0 - 58 * MIN, 'r', 'ts');
    const out = t.drain(T0 - 58 * MIN);
    assert.deepEqual(spans(out), [
      [T0, T0 + 11 * MIN],
      [T0 - 60 * MIN, T0 - 58 * MIN],
    ]);
    for (const interval of out) assert.ok(interval.end >= interval.start);
  });

  it('splits at local midnight with a fixed +05:30 offset, each part on its own day', () => {
    const calendar = fixedOffsetCalendar(330);
    const midnight = Date.UTC(2026, 4, 12, 18, 30); // 2026-05-13 00:00 at +05:30
    const t = tracker(calendar);
    recordEvery(t, midnight - 10 * MIN, midnight + 10 * MIN, 2 * MIN + 17_000);
    const out = t.drain(midnight + 10 * MIN);
    assert.equal(out.length, 2);
    assert.equal(out[0]!.end, midnight);
    assert.equal(out[1]!.start, midnight);
    assert.deepEqual(out.map((i) => i.day), ['2026-05-12', '2026-05-13']);
    assert.deepEqual(out.map((i) => i.utcOffsetMinutes), [330, 330]);
    assert.notEqual(out[0]!.id, out[1]!.id);
  });

  it('splits at the real local midnight after a DST switch (America/New_York, 2026-03-08)', () => {
    const calendar = zoneCalendar('America/New_York');
    // 01:30 EST to 03:30 EDT is one real hour; then midnight 2026-03-09 00:00 EDT = 04:00Z.
    const before = Date.UTC(2026, 2, 8, 6, 30);
    const t = tracker(calendar);
    recordEvery(t, before, before + 60 * MIN, MIN);
    const midnight = Date.UTC(2026, 2, 9, 4, 0);
    recordEvery(t, midnight - 5 * MIN, midnight + 5 * MIN, MIN);
    const out = t.drain(midnight + 5 * MIN);
    assert.deepEqual(
      out.map((i) => [i.day, i.utcOffsetMinutes, (i.end - i.start) / MIN]),
      [
        ['2026-03-08', -300, 60],
        ['2026-03-08', -240, 5],
        ['2026-03-09', -240, 5],
      ],
    );
    assert.equal(out[1]!.end, midnight);
  });

  it('splits at midnight in Europe/Berlin after the autumn switch (2026-10-25 has 25 hours)', () => {
    const calendar = zoneCalendar('Europe/Berlin');
    const midnight = Date.UTC(2026, 9, 25, 23, 0); // 2026-10-26 00:00 CET
    const t = tracker(calendar);
    recordEvery(t, midnight - 3 * MIN, midnight + 3 * MIN, MIN);
    const out = t.drain(midnight + 3 * MIN);
    assert.deepEqual(out.map((i) => [i.day, i.start, i.end]), [
      ['2026-10-25', midnight - 3 * MIN, midnight],
      ['2026-10-26', midnight, midnight + 3 * MIN],
    ]);
    assert.deepEqual(out.map((i) => i.utcOffsetMinutes), [60, 60]);
  });

  it('splits at midnight even when closing or draining after a gap within the timeout', () => {
    const calendar = fixedOffsetCalendar(-300);
    const midnight = Date.UTC(2026, 4, 13, 5, 0);
    const t = tracker(calendar);
    t.record(midnight - 2 * MIN, 'r', 'ts');
    t.close(midnight + 2 * MIN);
    assert.deepEqual(t.drain(midnight + 2 * MIN).map((i) => [i.day, i.end - i.start]), [
      ['2026-05-12', 2 * MIN],
      ['2026-05-13', 2 * MIN],
    ]);
  });

  it('keeps the day and offset of the zone an interval started in, even if the zone changes before drain', () => {
    let zone = fixedOffsetCalendar(540); // Tokyo
    const moving: LocalCalendar = {
      dayOf: (ms) => zone.dayOf(ms),
      utcOffsetMinutes: (ms) => zone.utcOffsetMinutes(ms),
      nextMidnight: (ms) => zone.nextMidnight(ms),
    };
    const t = tracker(moving);
    const start = Date.UTC(2026, 4, 9, 23, 0); // May 10, 08:00 in Tokyo; still May 9 in UTC
    recordEvery(t, start, start + 10 * MIN, MIN);
    zone = fixedOffsetCalendar(-420); // the laptop now says Los Angeles
    const out = t.drain(start + 10 * MIN);
    assert.deepEqual(out.map((i) => [i.day, i.utcOffsetMinutes]), [['2026-05-10', 540]]);
  });

  it('reports the last event time, undefined before any event', () => {
    const t = tracker();
    assert.equal(t.lastActivityAt, undefined);
    t.record(T0, 'r', 'ts');
    t.record(T0 + MIN, 'r', 'md');
    assert.equal(t.lastActivityAt, T0 + MIN);
  });

  it('caps an interval at maxIntervalMs without losing time', () => {
    const t = tracker(fixedOffsetCalendar(0), { maxIntervalMs: 30 * MIN });
    recordEvery(t, T0, T0 + 70 * MIN, MIN);
    const out = t.drain(T0 + 70 * MIN);
    assert.deepEqual(out.map((i) => (i.end - i.start) / MIN), [30, 30, 10]);
  });

  it('does not consult the calendar while extending an interval', () => {
    let calls = 0;
    const inner = fixedOffsetCalendar(0);
    const counting: LocalCalendar = {
      dayOf: (ms) => (calls++, inner.dayOf(ms)),
      utcOffsetMinutes: (ms) => (calls++, inner.utcOffsetMinutes(ms)),
      nextMidnight: (ms) => (calls++, inner.nextMidnight(ms)),
    };
    const t = tracker(counting);
    t.record(T0, 'r', 'ts');
    const afterOpen = calls;
    recordEvery(t, T0 + 1000, T0 + 3 * 60 * MIN, 1000);
    assert.equal(calls, afterOpen);
  });

  it('records a million events quickly (loose bound; the bench measures precisely)', () => {
    const repo = 'repo';
    const language = 'typescript';
    let nsPerEvent = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run++) {
      // Best of 3, so a busy machine does not fail the test; each run is 1M events over ~2.8 hours.
      const t = tracker();
      const started = process.hrtime.bigint();
      for (let i = 0; i < 1_000_000; i++) t.record(T0 + i * 10, repo, language);
      nsPerEvent = Math.min(nsPerEvent, Number(process.hrtime.bigint() - started) / 1_000_000);
      assert.equal(t.drain(T0 + 10_000_000).length, 1);
    }
    assert.ok(nsPerEvent < 1000, `${nsPerEvent.toFixed(0)} ns per event`);
  });
});
