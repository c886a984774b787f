import { strict as assert } from 'node:assert';
import { NO_CALIBRATION } from '../../../src/core/calibration';
import { estimate } from '../../../src/core/estimate';
import { rankTasks, type RankOptions } from '../../../src/core/rank';
import { skippedTestReasons, todoReasons } from '../../../src/core/taskReasons';
import type { SkippedTestSignals, TaskCandidate, TaskSignals, TodoSignals } from '../../../src/core/tasks';

const NOW = Date.UTC(2026, 2, 9, 9, 5);
const options: RankOptions = { now: NOW, calibration: NO_CALIBRATION, snoozed: new Map(), dismissed: new Set(), calendar: { dayOf: (ms) => new Date(ms).toISOString().slice(0, 10) }, budgetMinutes: 30 };
const candidate = (id: string, signals: TaskSignals): TaskCandidate => ({ id, title: id, repo: '/repo', signals });
const fixme = (extra: Partial<TodoSignals> = {}): TodoSignals => ({ kind: 'todo', tag: 'FIXME', text: 'handle the empty invoice', ageDays: 400, ...extra });
const skipped = (extra: Partial<SkippedTestSignals> = {}): SkippedTestSignals => ({ kind: 'skippedTest', marker: '@Disabled', testName: 'savesInvoice', ageDays: 400, ...extra });
/** An untested file changed once in the window: a quiet test gap. */
const quietGap = candidate('quiet-gap', { kind: 'testGap', uncoveredLines: 0, uncoveredShare: undefined, churn: 1, fixCommits: 0, hasTestFile: false });

describe('skipped tests and TODOs: estimates, values and reasons for what is (not) actionable', () => {
  it('ranks a FIXME in hot code above a test gap on a quiet file, and the same FIXME in a quiet file below it', () => {
    const ids = (list: TaskCandidate[]) => rankTasks(list, options).map((t) => t.id);
    assert.deepEqual(ids([quietGap, candidate('hot-fixme', fixme({ fileChurn: 10 }))]), ['hot-fixme', 'quiet-gap']);
    assert.deepEqual(ids([quietGap, candidate('cold-fixme', fixme({ ageDays: 10 }))]), ['quiet-gap', 'cold-fixme']);
  });

  it('lifts a named defect in hot code more than a plain TODO there: an untested busy file outranks the TODO', () => {
    const busyGap = candidate('busy-gap', { kind: 'testGap', uncoveredLines: 0, uncoveredShare: undefined, churn: 10, fixCommits: 1, hasTestFile: false, bytes: 8000 });
    const ids = rankTasks([candidate('hot-todo', { kind: 'todo', tag: 'TODO', text: 'use separate stats for writes', ageDays: 800, fileChurn: 14 }), busyGap, candidate('hot-fixme', fixme({ fileChurn: 14 }))], options).map((t) => t.id);
    assert.equal(ids[2], 'hot-todo', ids.join(' '));
  });

  it('ranks a FIXME in a build or CI config below the same FIXME in the product, and says why', () => {
    const ids = rankTasks([candidate('tooling', fixme({ inTooling: true })), candidate('product', fixme())], options).map((t) => t.id);
    assert.deepEqual(ids, ['product', 'tooling']);
    assert.ok(todoReasons(fixme({ inTooling: true })).some((r) => /build, CI or tool configuration/.test(r)));
  });

  it('lists waiting TODOs, vague notes and skips disabled on purpose below every actionable one, estimated at the cap', () => {
    const list = [
      candidate('waiting', fixme({ waitsOn: 'version 2', fileChurn: 20 })),
      candidate('vague', fixme({ text: 'could be faster', vague: true, fileChurn: 20 })),
      candidate('benchmark', skipped({ onPurpose: 'a benchmark' })),
      candidate('waiting-skip', skipped({ waitsOn: 'inner literal extraction works' })),
      candidate('todo', { kind: 'todo', tag: 'TODO', text: 'split invoice', ageDays: 1 }),
      candidate('skip', skipped()),
      quietGap,
    ];
    const ranked = rankTasks(list, options).map((t) => t.id);
    assert.deepEqual(ranked.slice(0, 3).sort(), ['quiet-gap', 'skip', 'todo']);
    assert.deepEqual(new Set(ranked.slice(3)), new Set(['waiting', 'vague', 'benchmark', 'waiting-skip']));
    assert.equal(estimate(fixme({ waitsOn: 'version 2' })).minutes, 30);
    assert.equal(estimate(fixme({ text: 'do this better', vague: true })).minutes, 30);
    assert.equal(estimate(fixme()).minutes, 15);
    assert.equal(estimate(skipped({ onPurpose: 'flaky' })).minutes, 30);
    assert.equal(estimate(skipped({ waitsOn: 'x' })).minutes, 30);
    assert.equal(estimate(skipped()).minutes, 20);
  });

  it('says why in the tooltip: the reason from the code, what it waits on, on purpose, merged comments and lines, a busy file', () => {
    assert.deepEqual(skippedTestReasons(skipped({
      reason: 'Re-enable once inner literal extraction works', reasonFrom: 'comment', waitsOn: 'inner literal extraction works',
      notes: ['TODO: write a test for HTTP/1.0'], alsoAt: [85, 90], fileChurn: 3,
    })), [
      'Waits for: inner literal extraction works; not actionable until then',
      'Skipped with @Disabled, last changed 1 year ago',
      'Comment: Re-enable once inner literal extraction works',
      'Test: savesInvoice',
      'Also here: TODO: write a test for HTTP/1.0',
      'Also at lines 85 and 90',
      'File changed in 3 commits of the history window',
    ]);
    assert.deepEqual(skippedTestReasons(skipped({ reason: 'Flaky', reasonFrom: 'marker', onPurpose: 'flaky' })), [
      'Disabled on purpose (flaky): listed low', 'Skipped with @Disabled, last changed 1 year ago', 'Reason: Flaky', 'Test: savesInvoice',
    ]);
    assert.deepEqual(todoReasons(fixme({ waitsOn: 'version 2', alsoAt: [141] })), [
      'Waits for: version 2; not actionable until then', 'FIXME from 1 year ago', 'Marks a known defect', 'Also at line 141',
    ]);
    assert.equal(todoReasons(fixme({ vague: true }))[0], 'An open-ended design note, not a quick task');
    assert.deepEqual(todoReasons(fixme({ notes: ['TODO: a', 'TODO: b', 'TODO: c', 'TODO: d', 'TODO: e'] })).slice(2), [
      'Also here: TODO: a', 'Also here: TODO: b', 'Also here: TODO: c', 'And 2 more here',
    ]);
    assert.equal(todoReasons(fixme())[0], 'FIXME from 1 year ago');
    assert.deepEqual(todoReasons(fixme({ alsoIn: ['Cargo.toml:65'] })).slice(2), ['Also in: Cargo.toml:65']);
    const copies = ['b/T.java:2', 'c/T.java:3', 'd/T.java:4', 'e/T.java:5', 'f/T.java:6'];
    assert.equal(skippedTestReasons(skipped({ alsoIn: copies.slice(0, 3) })).at(-1), 'Also in: b/T.java:2, c/T.java:3 and d/T.java:4');
    assert.equal(skippedTestReasons(skipped({ alsoIn: copies })).at(-1), 'Also in: b/T.java:2, c/T.java:3, d/T.java:4 and 2 more');
  });
});
