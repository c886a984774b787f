/** Words and figures as the extension worded them: templates with `{0}` filled in here, dates through Intl. */
import { dayNumber } from '../../core/localDays';
import type { LocalDay } from '../../core/model';
import type { DashboardText } from '../../vscode/dashboard/protocol';

/** `vscode.l10n.t`'s placeholders: `{0}`, `{1}`… */
export function fill(template: string, ...args: Array<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const arg = args[Number(index)];
    return arg === undefined ? whole : String(arg);
  });
}

/** Whole minutes, rounded down as in the status bar: `42m`, `1h 05m`. */
export function minutesText(text: DashboardText, minutes: number): string {
  const whole = Number.isFinite(minutes) && minutes > 0 ? Math.floor(minutes) : 0;
  return whole < 60 ? fill(text.minutes, whole) : fill(text.hoursMinutes, Math.floor(whole / 60), String(whole % 60).padStart(2, '0'));
}

export function streakText(text: DashboardText, count: number, unit: 'days' | 'weeks'): string {
  if (unit === 'weeks') return count === 1 ? text.oneWeek : fill(text.weeks, count);
  return count === 1 ? text.oneDay : fill(text.days, count);
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Cuts a label for a chart axis; the full text stays in the tooltip and the table. */
export function truncate(label: string, max: number): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('')}…`;
}

/** Dates formatted for the user's VS Code language; a LocalDay is a label, so it is formatted as UTC. */
export class DayFormat {
  private readonly shortDate: Intl.DateTimeFormat;
  private readonly weekdayDate: Intl.DateTimeFormat;
  private readonly month: Intl.DateTimeFormat;
  private readonly weekday: Intl.DateTimeFormat;

  constructor(locale: string) {
    const make = (options: Intl.DateTimeFormatOptions) => {
      try {
        return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
      } catch {
        return new Intl.DateTimeFormat('en', { ...options, timeZone: 'UTC' }); // an unknown language tag
      }
    };
    this.shortDate = make({ month: 'short', day: 'numeric' });
    this.weekdayDate = make({ weekday: 'short', month: 'short', day: 'numeric' });
    this.month = make({ month: 'short' });
    this.weekday = make({ weekday: 'short' });
  }

  /** `Mar 3`. */
  short(day: LocalDay): string {
    return this.shortDate.format(utc(day));
  }

  /** `Mon, Mar 3`. */
  withWeekday(day: LocalDay): string {
    return this.weekdayDate.format(utc(day));
  }

  monthOf(day: LocalDay): string {
    return this.month.format(utc(day));
  }

  /** Monday first, as Hands-On's weeks. 2024-01-01 was a Monday. */
  weekdays(): string[] {
    return Array.from({ length: 7 }, (_, i) => this.weekday.format(Date.UTC(2024, 0, 1 + i)));
  }
}

/** Midnight UTC of the day's label. */
function utc(day: LocalDay): number {
  return dayNumber(day) * 86_400_000;
}
