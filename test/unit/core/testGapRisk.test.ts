import { strict as assert } from 'node:assert';
import type { TestGapSignals } from '../../../src/core/tasks';
import { testGapRisk, testGapValue, TYPICAL_SOURCE_BYTES } from '../../../src/core/taskValue';

const gap = (extra: Partial<TestGapSignals>): TestGapSignals => ({
  kind: 'testGap', uncoveredLines: 0, uncoveredShare: undefined, churn: 2, fixCommits: 0, hasTestFile: false, bytes: 4_000, ...extra,
});

describe('testGapRisk: churn, fixes, size and the untested share, on log scales', () => {
  it('grows with each signal', () => {
    const base = testGapRisk(gap({}));
    assert.ok(testGapRisk(gap({ churn: 3 })) > base);
    assert.ok(testGapRisk(gap({ fixCommits: 1 })) > base);
    assert.ok(testGapRisk(gap({ bytes: 40_000 })) > base, 'a bigger file has more to break');
    assert.ok(testGapRisk(gap({ hasTestFile: true })) < base);
    assert.ok(testGapRisk(gap({ uncoveredShare: 0.9 })) > testGapRisk(gap({ uncoveredShare: 0.1 })));
  });

  it('reads an unknown size as a typical source file', () => {
    assert.equal(testGapRisk(gap({ bytes: undefined })), testGapRisk(gap({ bytes: TYPICAL_SOURCE_BYTES })));
  });

  it('spreads tasks over 0–1: a tiny quiet file low, a typical untested one in the middle, a big, hot, fixed one high', () => {
    const tiny = testGapRisk(gap({ churn: 1, bytes: 200, hasTestFile: true }));
    const typical = testGapRisk(gap({}));
    const hot = testGapRisk(gap({ churn: 20, fixCommits: 5, bytes: 100_000 }));
    assert.ok(tiny < 0.15, String(tiny));
    assert.ok(typical > 0.2 && typical < 0.4, String(typical));
    assert.ok(hot > 0.85 && hot < 1, String(hot));
    // No cap: past the old saturation points (20 commits, 5 fixes) more still ranks higher, so a big history has no ties.
    assert.ok(testGapRisk(gap({ churn: 40, fixCommits: 10, bytes: 100_000 })) > hot);
    assert.ok(testGapValue(gap({ churn: 40, fixCommits: 10, bytes: 100_000 })) <= 0.85);
  });

  it('does not let one signal drown the others: the log of size weighs like half the log of churn', () => {
    // Ten times the size is worth about as much as three times the commits (0.5·ln 10 ≈ ln 3).
    const bigger = testGapRisk(gap({ churn: 2, bytes: 40_000 }));
    const busier = testGapRisk(gap({ churn: 8, bytes: 4_000 }));
    assert.ok(Math.abs(bigger - busier) < 0.05, `${bigger} vs ${busier}`);
    assert.ok(testGapRisk(gap({ churn: 0, fixCommits: 0, bytes: 10_000_000 })) < 0.75, 'a huge file nobody touches is not the riskiest of all');
  });
});

describe('regression tests: a fix that came without a test', () => {
  const fix = (ageDays: number) => ({ hash: 'a'.repeat(40), subject: 'Fix it', ageDays, file: 'src/a.ts', changedLines: 2 });

  it('is worth about a typical untested file when old and up to a risky one when recent and hot, never less than its file', () => {
    const recent = testGapValue(gap({ hasTestFile: true, regressionFor: fix(3) }));
    const old = testGapValue(gap({ hasTestFile: true, regressionFor: fix(300) }));
    const hot = testGapValue(gap({ hasTestFile: true, churn: 12, regressionFor: fix(3) }));
    assert.ok(recent > old, `${recent} > ${old}`);
    assert.ok(hot > recent);
    assert.ok(old >= 0.4 && hot <= 0.7, `${old} ${hot}`);
    assert.ok(recent > testGapValue(gap({})), 'a recent untested fix outranks a typical untested file');
    const risky = gap({ churn: 20, fixCommits: 5, bytes: 100_000 });
    assert.equal(testGapValue({ ...risky, regressionFor: fix(300) }), testGapValue(risky), "the file's own risk when it is higher");
  });
});
