/**
 * Calibration: how far the user's own finished tasks ran over or under their estimates, per kind.
 * The factor is a weighted median of actual/estimate ratios: one interrupted session (a 90-minute
 * "5-minute review" because a meeting ran into it) must not swing the next estimates, and a median
 * ignores such outliers where a mean would not. Recent tasks weigh more because people get faster.
 */
import type { TaskKind } from './tasks';

export interface FinishedTask {
  readonly kind: TaskKind;
  /** What the task was called, for the dashboard; absent in records saved before titles were kept. */
  readonly title?: string;
  /** The estimate *before* calibration (Task.baseEstimateMinutes), so the factor measures the formula, not itself. */
  readonly estimateMinutes: number;
  /** Measured by the focus timer. */
  readonly actualMinutes: number;
  /** Epoch ms. */
  readonly finishedAt: number;
}

/** Multiplier per kind; a kind that is absent is uncalibrated (factor 1). */
export interface Calibration {
  readonly factors: Readonly<Partial<Record<TaskKind, number>>>;
}

export const NO_CALIBRATION: Calibration = { factors: {} };

/** Fewer finished tasks than this and the median is noise; estimates stay as the formulas give them. */
export const MIN_CALIBRATION_SAMPLES = 3;
export const MIN_FACTOR = 0.5;
export const MAX_FACTOR = 2;
/** A task finished this many days ago counts half as much as one finished now. */
export const CALIBRATION_HALF_LIFE_DAYS = 30;
const MS_PER_DAY = 86_400_000;

export function calibrationFactor(calibration: Calibration | undefined, kind: TaskKind): number {
  return calibration?.factors[kind] ?? 1;
}

/** Factors per kind from finished tasks, as of `now`. Invalid samples (zero, negative, not finite) are ignored. */
export function calibrate(finished: readonly FinishedTask[], now: number): Calibration {
  const byKind = new Map<TaskKind, { ratio: number; weight: number }[]>();
  for (const task of finished) {
    const valid = task.estimateMinutes > 0 && task.actualMinutes > 0 && Number.isFinite(task.actualMinutes / task.estimateMinutes);
    if (!valid) continue;
    // A timestamp from the future (clock moved) counts as now rather than weighing more than now.
    const ageDays = Math.max(0, now - task.finishedAt) / MS_PER_DAY;
    const samples = byKind.get(task.kind) ?? [];
    samples.push({ ratio: task.actualMinutes / task.estimateMinutes, weight: 0.5 ** (ageDays / CALIBRATION_HALF_LIFE_DAYS) });
    byKind.set(task.kind, samples);
  }
  const factors: Partial<Record<TaskKind, number>> = {};
  for (const [kind, samples] of byKind) {
    if (samples.length < MIN_CALIBRATION_SAMPLES) continue;
    factors[kind] = Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, weightedMedian(samples)));
  }
  return { factors };
}

/** The ratio at which half the total weight lies on each side; halfway between two when the split falls exactly on a boundary. */
export function weightedMedian(samples: readonly { readonly ratio: number; readonly weight: number }[]): number {
  const sorted = [...samples].sort((a, b) => a.ratio - b.ratio);
  const total = sorted.reduce((sum, s) => sum + s.weight, 0);
  const half = total / 2;
  const epsilon = total * 1e-9; // relative: weights of old samples are tiny
  let below = 0;
  for (let i = 0; i < sorted.length; i++) {
    below += sorted[i]!.weight;
    if (below > half + epsilon) return sorted[i]!.ratio;
    if (Math.abs(below - half) <= epsilon && i + 1 < sorted.length) return (sorted[i]!.ratio + sorted[i + 1]!.ratio) / 2;
  }
  return sorted[sorted.length - 1]?.ratio ?? 1;
}
