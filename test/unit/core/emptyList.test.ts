import assert from 'node:assert/strict';
import { explainEmptyList, MAX_HISTORY_DAYS } from '../../../src/core/emptyList';
import type { Task } from '../../../src/core/tasks';

const task = (id: string, parked?: Task['parked']): Task => ({
  id, title: id, repo: '/r', kind: 'todo', signals: { kind: 'todo', tag: 'TODO', text: id, ageDays: 1 },
  estimateMinutes: 10, baseEstimateMinutes: 10, tooBigForOneSitting: false, reasons: [], score: 0.1, ...(parked ? { parked } : {}),
});
const window = { start: 0, end: 86_400_000, commits: 3 };

describe('explainEmptyList', () => {
  it('says nothing while some task is offered, parked ones aside', () => {
    assert.equal(explainEmptyList([task('a'), task('b', 'waiting')], 2, [window], 180), undefined);
  });

  it('counts parked items and hidden candidates, and offers a longer window up to the maximum', () => {
    const empty = explainEmptyList([task('w', 'waiting')], 4, [window], 180)!;
    assert.deepEqual(empty, { windows: [window], parked: 1, hidden: 3, longerWindowDays: 365 });
    assert.equal(explainEmptyList([], 0, [window], 500)!.longerWindowDays, MAX_HISTORY_DAYS);
    assert.equal(explainEmptyList([], 0, [window], MAX_HISTORY_DAYS)!.longerWindowDays, undefined);
  });
});
