import { strict as assert } from 'node:assert';
import { testGapReasons, type ReasonFacts } from '../../../src/core/taskReasons';
import type { TaskCandidate, TestGapSignals } from '../../../src/core/tasks';

const facts: ReasonFacts = { estimate: { minutes: 25, baseMinutes: 25, tooBigForOneSitting: false }, calibrationFactor: 1, ageDays: 0, waitingWorkingDays: 0, unblock: false };
const gap = (extra: Partial<TestGapSignals>): [TestGapSignals, TaskCandidate] => {
  const signals: TestGapSignals = { kind: 'testGap', uncoveredLines: 0, uncoveredShare: undefined, churn: 9, fixCommits: 3, hasTestFile: false, ...extra };
  return [signals, { id: 'g', title: 'Add tests for src/invoice.ts', repo: '/repo', signals }];
};

describe('test-gap reasons: the fix commits named', () => {
  it('names the fixes known, newest first, by short hash and subject, and says when more exist', () => {
    const [s, c] = gap({
      fixes: [
        { hash: '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d', subject: 'Fix crash on empty invoice' },
        { hash: '2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e', subject: 'fix(totals): round half to even' },
      ],
    });
    assert.equal(testGapReasons(s, c, facts)[0], 'Changed in 9 commits, 3 of them fixes: 1a2b3c4 Fix crash on empty invoice; 2b3c4d5 fix(totals): round half to even; …');
    const [all, allC] = gap({ fixCommits: 1, fixes: [{ hash: 'abcdef0123456789', subject: 'Fix crash' }] });
    assert.equal(testGapReasons(all, allC, facts)[0], 'Changed in 9 commits, 1 of them a fix: abcdef0 Fix crash');
  });

  it('shortens long subjects and keeps the old sentence when no fix is named', () => {
    const long = 'Fix a very long subject line that goes on and on about the details of the change';
    const [s, c] = gap({ fixCommits: 1, fixes: [{ hash: 'abcdef0123456789', subject: long }] });
    const reason = testGapReasons(s, c, facts)[0]!;
    assert.ok(reason.endsWith('…') && reason.length < 'Changed in 9 commits, 1 of them a fix: abcdef0 '.length + 51, reason);
    const [plain, plainC] = gap({});
    assert.equal(testGapReasons(plain, plainC, facts)[0], 'Changed in 9 commits, 3 of them fixes');
  });
});
