/**
 * The user's local calendar, from the time zone of this Node process (the `TZ` variable or the OS setting).
 * Node only: no `vscode`.
 */
import type { LocalCalendar } from '../core/ports';
import type { LocalDay } from '../core/model';

export class SystemCalendar implements LocalCalendar {
  dayOf(epochMs: number): LocalDay {
    const d = new Date(epochMs);
    return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}`;
  }

  /** Minutes EAST of UTC. `getTimezoneOffset()` counts minutes west, hence the negation (`|| 0` avoids -0). */
  utcOffsetMinutes(epochMs: number): number {
    return -new Date(epochMs).getTimezoneOffset() || 0;
  }

  /**
   * Asks the Date constructor for "tomorrow 00:00 local" instead of adding 24 h, so DST days of 23 or 25 hours
   * come out right. Where a zone skips midnight itself (e.g. America/Santiago), the constructor moves forward to the
   * first existing instant of that day, which is exactly where the new day starts.
   */
  nextMidnight(epochMs: number): number {
    const d = new Date(epochMs);
    return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, 0, 0, 0, 0).getTime();
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
