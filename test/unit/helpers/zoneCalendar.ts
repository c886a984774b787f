/**
 * LocalCalendar implementations for tests: a fixed UTC offset, and a real IANA zone through Intl
 * (DST included). Test code only; production uses src/adapters' system calendar.
 */
import type { LocalDay } from '../../../src/core/model';
import type { LocalCalendar } from '../../../src/core/ports';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** A calendar that is always `offsetMinutes` east of UTC (no DST). */
export function fixedOffsetCalendar(offsetMinutes: number): LocalCalendar {
  const shift = offsetMinutes * MS_PER_MINUTE;
  return {
    dayOf: (ms) => new Date(ms + shift).toISOString().slice(0, 10),
    utcOffsetMinutes: () => offsetMinutes,
    nextMidnight: (ms) => (Math.floor((ms + shift) / MS_PER_DAY) + 1) * MS_PER_DAY - shift,
  };
}

/** A calendar for a named zone such as `America/New_York`, via Intl.DateTimeFormat. */
export function zoneCalendar(timeZone: string): LocalCalendar {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const parts = (ms: number): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const part of format.formatToParts(ms)) if (part.type !== 'literal') out[part.type] = Number(part.value);
    return out;
  };
  const dayOf = (ms: number): LocalDay => {
    const p = parts(ms);
    return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  };
  return {
    dayOf,
    utcOffsetMinutes: (ms) => {
      const p = parts(ms);
      const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
      return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MS_PER_MINUTE);
    },
    nextMidnight: (ms) => {
      // The first instant whose local day differs: binary search, robust even where midnight is skipped.
      const day = dayOf(ms);
      let lo = ms; // dayOf(lo) === day
      let hi = ms + 2 * MS_PER_DAY; // dayOf(hi) !== day
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (dayOf(mid) === day) lo = mid;
        else hi = mid;
      }
      return hi;
    },
  };
}
