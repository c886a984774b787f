import assert from 'node:assert/strict';
import { finishFocus, startFocus } from '../../../src/core/focus';

describe('core/focus: the record a finished session leaves', () => {
  const task = { id: 't1', kind: 'todo' as const, title: 'TODO: handle empty input', repo: '/work/app', estimateMinutes: 12, baseEstimateMinutes: 10 };
  const start = Date.parse('2026-03-18T10:00:00Z');

  it('keeps the task’s title (for the dashboard) and the base estimate against the minutes taken', () => {
    assert.deepEqual(finishFocus(startFocus(task, start), start + 14.5 * 60_000), {
      kind: 'todo',
      title: 'TODO: handle empty input',
      estimateMinutes: 10,
      actualMinutes: 14.5,
      finishedAt: start + 14.5 * 60_000,
    });
  });

  it('records nothing for a session under a minute', () => {
    assert.equal(finishFocus(startFocus(task, start), start + 59_000), undefined);
  });
});
