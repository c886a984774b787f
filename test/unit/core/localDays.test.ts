import assert from 'node:assert/strict';
import {
  addDays,
  compareDays,
  dayNumber,
  daysBetween,
  firstDayOfPreviousMonth,
  formatDayNumber,
  isLocalDay,
  isWeekday,
  mondayOf,
  monthOf,
  weekday,
} from '../../../src/core/localDays';

describe('localDays', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    assert.equal(addDays('2026-01-31', 1), '2026-02-01');
    assert.equal(addDays('2025-12-31', 1), '2026-01-01');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2026-02-28', 1), '2026-03-01');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
    assert.equal(addDays('2026-05-10', 0), '2026-05-10');
  });

  it('is unaffected by DST changes: days around the switches are exactly one apart', () => {
    // US 2026-03-08, EU 2026-03-29, US/EU fall 2026-11-01 / 2026-10-25.
    for (const day of ['2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01']) {
      assert.equal(daysBetween(addDays(day, -1), day), 1);
      assert.equal(daysBetween(day, addDays(day, 1)), 1);
    }
    assert.equal(daysBetween('2026-03-01', '2026-04-01'), 31);
  });

  it('counts days between in both directions', () => {
    assert.equal(daysBetween('2026-01-01', '2027-01-01'), 365);
    assert.equal(daysBetween('2028-01-01', '2029-01-01'), 366);
    assert.equal(daysBetween('2026-01-10', '2026-01-03'), -7);
  });

  it('numbers weekdays Monday = 0 … Sunday = 6', () => {
    assert.equal(weekday('2026-03-02'), 0); // Monday
    assert.equal(weekday('2026-03-06'), 4); // Friday
    assert.equal(weekday('2026-03-08'), 6); // Sunday
    assert.equal(weekday('1970-01-01'), 3); // Thursday
    assert.equal(weekday('1969-12-29'), 0); // before the epoch: still a Monday
    assert.equal(isWeekday('2026-03-06'), true);
    assert.equal(isWeekday('2026-03-07'), false);
    assert.equal(isWeekday('2026-03-08'), false);
  });

  it('finds the Monday of a week, across a month boundary', () => {
    assert.equal(mondayOf('2026-03-08'), '2026-03-02');
    assert.equal(mondayOf('2026-03-02'), '2026-03-02');
    assert.equal(mondayOf('2026-04-01'), '2026-03-30');
    assert.equal(mondayOf('2026-01-01'), '2025-12-29');
  });

  it('finds the first day of the previous month, across a year boundary', () => {
    assert.equal(firstDayOfPreviousMonth('2026-03-17'), '2026-02-01');
    assert.equal(firstDayOfPreviousMonth('2026-03-01'), '2026-02-01');
    assert.equal(firstDayOfPreviousMonth('2026-01-31'), '2025-12-01');
    assert.equal(firstDayOfPreviousMonth('2026-11-27'), '2026-10-01');
    assert.throws(() => firstDayOfPreviousMonth('2026-3-1'), RangeError);
  });

  it('gives the month and compares days', () => {
    assert.equal(monthOf('2026-11-01'), '2026-11');
    assert.deepEqual(['2026-03-10', '2025-12-31', '2026-03-09'].sort(compareDays), ['2025-12-31', '2026-03-09', '2026-03-10']);
    assert.equal(compareDays('2026-01-01', '2026-01-01'), 0);
  });

  it('round-trips day numbers and validates days', () => {
    assert.equal(dayNumber('1970-01-02'), 1);
    assert.equal(formatDayNumber(dayNumber('2026-07-04')), '2026-07-04');
    assert.equal(isLocalDay('2026-02-28'), true);
    assert.equal(isLocalDay('2026-02-30'), false);
    assert.equal(isLocalDay('2026-2-3'), false);
    assert.throws(() => dayNumber('yesterday'), RangeError);
  });
});
