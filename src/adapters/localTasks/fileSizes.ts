/**
 * Adds each test gap's file size (bytes, from the work tree) to its signals: the risk formula grows with it
 * (core/taskValue.ts testGapRisk). Node only. One `stat` per candidate, all at once: the list is already cut to
 * MAX_TEST_GAPS, so this costs a few milliseconds, never a walk of the repository.
 */
import { stat } from 'node:fs/promises';
import type { TaskCandidate } from '../../core/tasks';
import type { SourceResult } from './todos';

export async function withFileSizes(result: SourceResult): Promise<SourceResult> {
  const candidates = await Promise.all(result.candidates.map(async (candidate): Promise<TaskCandidate> => {
    const file = candidate.location?.file;
    if (candidate.signals.kind !== 'testGap' || !file || candidate.signals.bytes !== undefined) return candidate;
    // A file that vanished since the listing keeps an unknown size: the formula assumes a typical one.
    const bytes = await stat(file).then((s) => (s.isFile() ? s.size : undefined), () => undefined);
    return bytes === undefined ? candidate : { ...candidate, signals: { ...candidate.signals, bytes } };
  }));
  return { ...result, candidates };
}
