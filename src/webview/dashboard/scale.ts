/** Axis steps people read at a glance: minutes in 5, 10, 15, 30 or whole hours; counts in 1, 2, 5, 10, 20, 50… */

const MINUTE_STEPS = [5, 10, 15, 30, 60, 120, 180, 240, 360, 480];

/** The axis top and its step, for values up to `max` minutes, with at most `ticks` steps. */
export function minuteAxis(max: number, ticks = 4): { top: number; step: number } {
  const step = MINUTE_STEPS.find((s) => max / s <= ticks) ?? Math.ceil(max / ticks / 60) * 60;
  return { top: Math.max(step, Math.ceil(max / step) * step), step };
}

/** The largest of `values`, at least 1, so an all-zero chart still has a scale. */
export function maxOf(values: Iterable<number>): number {
  let max = 1;
  for (const value of values) if (value > max) max = value;
  return max;
}
