import { strict as assert } from 'node:assert';
import { coverageGapCandidates } from '../../../src/core/coverageGaps';
import type { TestGapSignals } from '../../../src/core/tasks';

const context = {
  repoRoot: '/repo',
  history: new Map([['src/invoice.ts', { churn: 9, fixCommits: 3 }]]),
  hasTestFile: (file: string) => file === 'src/covered.ts',
};

describe('coverage test gaps', () => {
  it('names the function and the uncovered range with the most uncovered lines', () => {
    const [gap, ...rest] = coverageGapCandidates(
      [
        {
          relativePath: 'src/invoice.ts',
          absolutePath: '/repo/src/invoice.ts',
          uncoveredLines: [3, 12, 13, 14, 20, 30],
          uncoveredShare: 0.4,
          uncoveredRanges: [
            { start: 3, end: 3 },
            { start: 12, end: 30, functionName: 'parseInvoice' },
          ],
        },
      ],
      context,
    );
    assert.equal(rest.length, 0);
    assert.equal(gap!.title, 'Write a test for parseInvoice (lines 12–30 uncovered)');
    assert.deepEqual(gap!.location, { file: '/repo/src/invoice.ts', line: 12, endLine: 30 });
    const signals = gap!.signals as TestGapSignals;
    assert.equal(signals.uncoveredLines, 5, 'only executable uncovered lines inside the range count');
    assert.equal(signals.churn, 9);
    assert.equal(signals.fixCommits, 3);
    assert.equal(signals.functionName, 'parseInvoice');
    assert.equal(signals.hasTestFile, false);
  });

  it('suggests nothing for a fully covered file, and names lines when no function is known', () => {
    const gaps = coverageGapCandidates(
      [
        { relativePath: 'src/covered.ts', absolutePath: '/repo/src/covered.ts', uncoveredLines: [], uncoveredShare: 0, uncoveredRanges: [] },
        { relativePath: 'lib/x.py', absolutePath: '/repo/lib/x.py', uncoveredLines: [7], uncoveredShare: 0.1, uncoveredRanges: [{ start: 7, end: 7 }] },
      ],
      context,
    );
    assert.deepEqual(gaps.map((g) => g.title), ['Cover line 7 of lib/x.py']);
    assert.equal((gaps[0]!.signals as TestGapSignals).churn, 0);
  });
});
