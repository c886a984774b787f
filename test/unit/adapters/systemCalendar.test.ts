import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { SystemCalendar } from '../../../src/adapters/systemCalendar';

const PROBE = path.join(__dirname, 'fixtures', 'calendarProbe.ts');
const HOUR = 3_600_000;

interface Sample { at: number; day: string; offset: number; next: number }

/** Runs the probe in a child process whose whole life is spent in `tz`. */
function probe(tz: string, instants: readonly string[]): { tz: string; samples: Sample[]; violations: string[] } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', PROBE, ...instants.map((i) => String(Date.parse(i)))], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

describe('SystemCalendar', () => {
  it('America/New_York: 2026-03-08 has 23 hours and 2026-11-01 has 25', function () {
    this.timeout(30_000);
    const r = probe('America/New_York', [
      '2026-03-08T05:00:00Z', // local midnight, EST (-05:00)
      '2026-03-08T04:59:00Z', // 23:59 on the 7th
      '2026-11-01T04:00:00Z', // local midnight, EDT (-04:00)
    ]);
    assert.equal(r.tz, 'America/New_York');
    const [springStart, lateOn7th, fallStart] = r.samples as [Sample, Sample, Sample];
    assert.equal(springStart.day, '2026-03-08');
    assert.equal(springStart.offset, -300);
    assert.equal(springStart.next - springStart.at, 23 * HOUR);
    assert.equal(new Date(springStart.next).toISOString(), '2026-03-09T04:00:00.000Z');
    assert.equal(lateOn7th.day, '2026-03-07');
    assert.equal(lateOn7th.next, springStart.at);
    assert.equal(fallStart.day, '2026-11-01');
    assert.equal(fallStart.offset, -240);
    assert.equal(fallStart.next - fallStart.at, 25 * HOUR);
    assert.deepEqual(r.violations, []);
  });

  it('Europe/Berlin: 2026-03-29 has 23 hours and 2026-10-25 has 25, offsets east are positive', function () {
    this.timeout(30_000);
    const r = probe('Europe/Berlin', ['2026-03-28T23:00:00Z', '2026-10-24T22:00:00Z', '2026-07-01T12:00:00Z']);
    const [spring, fall, summer] = r.samples as [Sample, Sample, Sample];
    assert.equal(spring.day, '2026-03-29');
    assert.equal(spring.offset, 60);
    assert.equal(spring.next - spring.at, 23 * HOUR);
    assert.equal(fall.day, '2026-10-25');
    assert.equal(fall.next - fall.at, 25 * HOUR);
    assert.equal(summer.offset, 120);
    assert.deepEqual(r.violations, []);
  });

  it('America/Santiago: when midnight itself is skipped, the next day starts at its first real instant', function () {
    this.timeout(30_000);
    // Chile springs forward at 24:00 on Saturday 2026-09-05, so 2026-09-06 begins at 01:00 -03:00.
    const r = probe('America/Santiago', ['2026-09-05T16:00:00Z']);
    const [saturday] = r.samples as [Sample];
    assert.equal(saturday.day, '2026-09-05');
    assert.equal(new Date(saturday.next).toISOString(), '2026-09-06T04:00:00.000Z');
    assert.deepEqual(r.violations, []);
  });

  it('in this process, agrees with the Date local getters it is built on', () => {
    const calendar = new SystemCalendar();
    const at = Date.parse('2026-05-17T10:20:30Z');
    const d = new Date(at);
    assert.equal(calendar.utcOffsetMinutes(at), -d.getTimezoneOffset() || 0);
    const expected = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    assert.equal(calendar.dayOf(at), expected);
    assert.ok(calendar.nextMidnight(at) > at);
  });
});
