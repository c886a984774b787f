import assert from 'node:assert/strict';
import { NO_CALIBRATION } from '../../../src/core/calibration';
import { chooseNudgeAction } from '../../../src/core/nudgeAction';
import { rankTasks } from '../../../src/core/rank';
import type { Task, TaskCandidate, TaskSignals } from '../../../src/core/tasks';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 9, 9, 5);
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Real tasks, ranked and estimated by core/rank, so the test sees the estimates the extension would. */
function ranked(...candidates: TaskCandidate[]): Task[] {
  return rankTasks(candidates, { now: NOW, calibration: NO_CALIBRATION, snoozed: new Map(), dismissed: new Set(), currentUser: 'dana', calendar: { dayOf } });
}
function candidate(id: string, signals: TaskSignals, extra: Partial<TaskCandidate> = {}): TaskCandidate {
  return { id, title: id, repo: 'acme/app', signals, ...extra };
}
const review = (id: string, lines: number, extra: { isDraft?: boolean } = {}): TaskCandidate =>
  candidate(id, { kind: 'review', additions: lines, deletions: 4, changedFiles: 2, waitingSince: NOW - 2 * DAY, isDraft: extra.isDraft ?? false, viaTeam: false, reviewCount: 0 }, { url: `https://github.com/acme/app/pull/${id}`, number: 1 });
const bug = (id: string, bodyLength = 400): TaskCandidate =>
  candidate(id, { kind: 'bug', bodyLength, comments: 1, labels: ['bug'], createdAt: NOW - 10 * DAY, assignees: [], hasLinkedPullRequest: false, inCurrentMilestone: false }, { number: 7, url: 'https://github.com/acme/app/issues/7' });
const todo = (id: string): TaskCandidate =>
  candidate(id, { kind: 'todo', tag: 'FIXME', text: 'handle the empty case', ageDays: 40 }, { repo: '/repo', location: { file: '/repo/a.ts', line: 3 } });

describe('chooseNudgeAction', () => {
  it('offers a small review first: reading a diff starts at once', () => {
    const action = chooseNudgeAction(ranked(todo('fixme'), bug('crash'), review('pr', 18)), 30);
    assert.equal(action.kind, 'review');
    assert.equal(action.kind === 'review' && action.task.id, 'pr');
  });

  it('skips draft reviews and reviews too big for the budget, then offers a bug that fits', () => {
    const tasks = ranked(review('draft', 10, { isDraft: true }), review('huge', 2_000), bug('crash'));
    const action = chooseNudgeAction(tasks, 30);
    assert.equal(action.kind, 'bug');
    assert.equal(action.kind === 'bug' && action.task.id, 'crash');
  });

  it('offers a local task when there is no review or bug, and it is one that opens a file', () => {
    const action = chooseNudgeAction(ranked(todo('fixme')), 30);
    assert.equal(action.kind, 'task');
    assert.equal(action.kind === 'task' && action.task.location?.file, '/repo/a.ts');
  });

  it('never offers a task over the budget', () => {
    const tasks = ranked(bug('crash'), todo('fixme'));
    const smallest = Math.min(...tasks.map((t) => t.estimateMinutes));
    assert.equal(chooseNudgeAction(tasks, smallest - 1).kind, 'whatChanged');
  });

  it('never offers a parked item: a TODO waiting for the next major version is not a task for the gap', () => {
    const waiting = candidate('waits', { kind: 'todo', tag: 'FIXME', text: 'remove in v2', ageDays: 40, waitsOn: 'version 2' }, { location: { file: '/repo/a.ts', line: 3 } });
    assert.deepEqual(chooseNudgeAction(ranked(waiting), 30), { kind: 'whatChanged' });
  });

  it('falls back to What Changed when nothing is suggested, so a nudge always has an action', () => {
    assert.deepEqual(chooseNudgeAction([], 30), { kind: 'whatChanged' });
  });
});
