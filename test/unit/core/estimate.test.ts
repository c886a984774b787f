import assert from 'node:assert/strict';
import { calibrate, NO_CALIBRATION, weightedMedian, type FinishedTask } from '../../../src/core/calibration';
import { chooseTestScope, estimate, sizeFromLabels } from '../../../src/core/estimate';
import { skippedTestReasons, testGapReasons, todoReasons } from '../../../src/core/taskReasons';
import type { BugSignals, ReviewSignals, TaskCandidate, TestEvidence, TestGapSignals, TodoSignals } from '../../../src/core/tasks';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 4, 12);

function review(additions: number, deletions: number, changedFiles = 1): ReviewSignals {
  return { kind: 'review', additions, deletions, changedFiles, waitingSince: NOW, isDraft: false, viaTeam: false, reviewCount: 0 };
}
function bug(labels: string[], bodyLength = 500, comments = 2): BugSignals {
  return { kind: 'bug', labels, bodyLength, comments, createdAt: NOW, assignees: [], hasLinkedPullRequest: false, inCurrentMilestone: false };
}
function testGap(uncoveredLines: number, hasTestFile = true): TestGapSignals {
  return { kind: 'testGap', uncoveredLines, uncoveredShare: 0.5, churn: 3, fixCommits: 1, hasTestFile };
}
function todo(tag: TodoSignals['tag'], text = 'tidy this'): TodoSignals {
  return { kind: 'todo', tag, text, ageDays: 10 };
}
function finished(kind: FinishedTask['kind'], estimateMinutes: number, actualMinutes: number, daysAgo = 1): FinishedTask {
  return { kind, estimateMinutes, actualMinutes, finishedAt: NOW - daysAgo * DAY };
}

describe('estimate', () => {
  describe('reviews', () => {
    it('never goes under 5 minutes, even for a one-line PR', () => {
      assert.equal(estimate(review(1, 0)).minutes, 5);
      assert.equal(estimate(review(0, 0, 0)).minutes, 5);
      assert.equal(estimate(review(18, 4, 2)).minutes, 5); // journey 3: "#482 (+18 −4) … (~5 min)"
    });

    it('reads about 400 changed lines an hour, with a little per file', () => {
      assert.equal(estimate(review(150, 50, 4)).minutes, 30); // 200 lines = 30 min, + 2 min for 4 files, rounded to 5
      assert.equal(estimate(review(60, 0, 1)).minutes, 10); // 9 + 0.5
      assert.equal(estimate(review(400, 0, 0)).minutes, 60);
      assert.equal(estimate(review(400, 0, 0)).tooBigForOneSitting, false, 'exactly one session still fits');
    });

    it('caps a big PR at one 60-minute session and marks it too big instead of hiding it', () => {
      for (const [a, d, files] of [[450, 0, 10], [1500, 500, 40], [100_000, 0, 1]] as const) {
        const e = estimate(review(a, d, files));
        assert.equal(e.minutes, 60, `${a}+${d}`);
        assert.equal(e.tooBigForOneSitting, true, `${a}+${d}`);
      }
      assert.equal(estimate(review(100, 20, 3)).tooBigForOneSitting, false);
    });

    it('never gives a bigger PR a smaller estimate', () => {
      let previous = 0;
      for (let lines = 0; lines <= 1000; lines += 7) {
        const minutes = estimate(review(lines, 0, 2)).minutes;
        assert.ok(minutes >= previous, `${lines} lines: ${minutes} < ${previous}`);
        previous = minutes;
      }
    });
  });

  describe('size labels', () => {
    const cases: Array<[string[], string | undefined]> = [
      [['size/XS'], 'XS'],
      [['Size: Small'], 'S'],
      [['SIZE/l'], 'L'],
      [['size/M'], 'M'],
      [['🐛 size - M'], 'M'],
      [['size:🟢small'], 'S'],
      [['Size: X-Large'], 'XL'],
      [['effort/high'], 'L'],
      [['Effort: Low'], 'S'],
      [['difficulty: easy'], 'S'],
      [['T-Shirt: XS'], 'XS'],
      [['good first issue'], 'S'],
      [['Good First Issue 🌱'], 'S'],
      [['bug', 'help wanted'], undefined],
      [['oversize', 'sizes', 'size'], undefined],
      [['good first issue', 'size/XL'], 'XL'], // an explicit size beats a hint
      [['size/S', 'size/L'], 'L'], // several sizes: the careful (larger) one
      [[], undefined],
    ];
    for (const [labels, expected] of cases) {
      it(`${JSON.stringify(labels)} → ${expected ?? 'no size'}`, () => {
        assert.equal(sizeFromLabels(labels), expected);
      });
    }
  });

  describe('bugs', () => {
    it('defaults to about 30 minutes without a size label', () => {
      assert.equal(estimate(bug(['bug'])).minutes, 30);
    });

    it('follows the size label, whatever its spelling', () => {
      const xs = estimate(bug(['🐞 Size/xs'])).minutes;
      const m = estimate(bug(['size: medium'])).minutes;
      const l = estimate(bug(['Size/L'])).minutes;
      assert.ok(xs < 30 && 30 < m && m < l, `${xs} ${m} ${l}`);
      assert.equal(estimate(bug(['good first issue'])).minutes, 25);
    });

    it('grows with a long body and a long thread, within 10–90 minutes', () => {
      assert.ok(estimate(bug([], 5000, 2)).minutes > estimate(bug([], 500, 2)).minutes);
      assert.ok(estimate(bug([], 500, 12)).minutes > estimate(bug([], 500, 2)).minutes);
      assert.equal(estimate(bug(['size/XS'], 10, 0)).minutes, 10);
      const huge = estimate(bug(['size/XL'], 10_000, 50));
      assert.equal(huge.minutes, 90);
      assert.equal(huge.tooBigForOneSitting, true);
      assert.equal(estimate(bug(['size/S'])).tooBigForOneSitting, false);
    });
  });

  describe('test gaps, skipped tests and TODOs', () => {
    it('costs about 2.5 minutes per uncovered line, 10 to 60', () => {
      assert.equal(estimate(testGap(1)).minutes, 10);
      assert.equal(estimate(testGap(8)).minutes, 20);
      assert.equal(estimate(testGap(16)).minutes, 40);
      const big = estimate(testGap(200));
      assert.equal(big.minutes, 60);
      assert.equal(big.tooBigForOneSitting, true);
    });

    it('adds setup time when the file has no test file yet', () => {
      assert.equal(estimate(testGap(8, false)).minutes, 30);
      assert.ok(estimate(testGap(0, false)).minutes > estimate(testGap(0, true)).minutes);
    });

    it('sizes an untested file by what there is to test: lines of logic, branches and functions', () => {
      const sized = (logicLines: number, branches: number, functions: number) =>
        estimate({ kind: 'testGap', uncoveredLines: 0, uncoveredShare: undefined, churn: 3, fixCommits: 0, hasTestFile: false, scope: { logicLines, functions, branches } });
      assert.equal(sized(16, 2, 1).minutes, 20);
      assert.equal(sized(40, 8, 3).minutes, 35);
      assert.equal(sized(1500, 300, 80).minutes, 60);
      assert.equal(sized(1500, 300, 80).tooBigForOneSitting, true);
      assert.ok(sized(16, 2, 1).minutes < sized(40, 8, 3).minutes && sized(40, 8, 3).minutes < sized(120, 30, 10).minutes);
    });

    it('sizes a regression test as one case: a little more for a bigger function, bounded, and the setup of a first test file', () => {
      const regression = (logicLines: number, branches: number, hasTestFile = true) => estimate({
        kind: 'testGap', uncoveredLines: 0, uncoveredShare: undefined, churn: 3, fixCommits: 1, hasTestFile,
        scope: { logicLines, functions: 1, branches }, regressionFor: { hash: 'a'.repeat(40), subject: 'Fix it', ageDays: 5, file: 'src/a.ts', changedLines: 2 },
      });
      assert.equal(regression(10, 2).minutes, 10);
      assert.equal(regression(126, 43).minutes, 25);
      assert.equal(regression(310, 97).minutes, 30, 'a 300-line function costs reading, not a test of all of it');
      assert.equal(regression(10, 2, false).minutes, 20);
    });

    it('tests a whole file when it fits a sitting, else its weightiest function that does', () => {
      const fn = (name: string, logicLines: number, branches: number, line: number) => ({ name, line, endLine: line + logicLines + 1, logicLines, branches });
      const small = { logicLines: 30, branches: 4, functions: [fn('a', 20, 3, 1), fn('b', 10, 1, 30)], types: [], topLevelNames: [], extensionNames: [] };
      assert.deepEqual(chooseTestScope(small), { scope: { logicLines: 30, functions: 2, branches: 4 }, fileSize: { logicLines: 30, functions: 2, branches: 4 } });
      const huge = { logicLines: 1500, branches: 200, types: [], topLevelNames: [], extensionNames: [],
        functions: [fn('giant', 400, 90, 10), fn('parse', 60, 12, 500), fn('helper', 30, 2, 600), fn('tiny', 2, 0, 700)] };
      const scope = chooseTestScope(huge);
      assert.equal(scope.focus?.name, 'parse', 'the giant one does not fit a sitting; parse is the weightiest that does');
      assert.deepEqual(scope.scope, { logicLines: 60, functions: 1, branches: 12 });
      assert.deepEqual(scope.fileSize, { logicLines: 1500, functions: 4, branches: 200 });
    });

    it('gives a skipped test about 15 minutes and a TODO 5–30 by tag and length', () => {
      assert.equal(estimate({ kind: 'skippedTest', marker: 'it.skip', ageDays: 3 }).minutes, 15);
      assert.equal(estimate({ kind: 'skippedTest', marker: 'it.skip', ageDays: 400 }).minutes, 20, 'an old skip drifted further');
      assert.equal(estimate({ kind: 'skippedTest', marker: 'it.skip', ageDays: 180 }).minutes, 15);
      assert.equal(estimate({ kind: 'skippedTest', marker: 'it.skip', ageDays: 180, ageAtLeast: true }).minutes, 20, 'older than a 180-day window is old');
      assert.ok(estimate(todo('FIXME')).minutes > estimate(todo('TODO')).minutes);
      assert.ok(estimate(todo('HACK')).minutes > estimate(todo('TODO')).minutes);
      assert.ok(estimate(todo('TODO', 'x'.repeat(300))).minutes > estimate(todo('TODO')).minutes);
      for (const tag of ['TODO', 'FIXME', 'BUG', 'HACK'] as const) {
        for (const text of ['', 'x'.repeat(5000)]) {
          const minutes = estimate(todo(tag, text)).minutes;
          assert.ok(minutes >= 5 && minutes <= 30, `${tag} ${text.length}: ${minutes}`);
        }
      }
    });
  });

  describe('calibration', () => {
    it('needs at least 3 finished tasks of a kind', () => {
      const two = calibrate([finished('bug', 30, 60), finished('bug', 30, 60)], NOW);
      assert.equal(two.factors.bug, undefined);
      assert.equal(estimate(bug([]), two).minutes, 30);
      const three = calibrate([finished('bug', 30, 60), finished('bug', 30, 60), finished('bug', 30, 60)], NOW);
      assert.equal(three.factors.bug, 2);
    });

    it('moves estimates toward the actual minutes, per kind', () => {
      const calibration = calibrate([finished('bug', 30, 45), finished('bug', 20, 30), finished('bug', 40, 60), finished('review', 10, 10)], NOW);
      assert.equal(calibration.factors.bug, 1.5);
      assert.equal(calibration.factors.review, undefined);
      const e = estimate(bug([]), calibration);
      assert.equal(e.minutes, 45);
      assert.equal(e.baseMinutes, 30, 'the base estimate stays uncalibrated');
      assert.equal(estimate(review(100, 0, 0), calibration).minutes, estimate(review(100, 0, 0)).minutes);
    });

    it('clamps the factor to 0.5–2, and a slower pace can make a review too big', () => {
      const slow = calibrate([1, 2, 3].map(() => finished('review', 10, 80)), NOW);
      assert.equal(slow.factors.review, 2);
      const e = estimate(review(300, 0, 0), slow); // 45 min × 2
      assert.equal(e.minutes, 60);
      assert.equal(e.tooBigForOneSitting, true);
      const fast = calibrate([1, 2, 3].map(() => finished('testGap', 40, 2)), NOW);
      assert.equal(fast.factors.testGap, 0.5);
      assert.equal(estimate(testGap(16), fast).minutes, 20);
      assert.equal(estimate(testGap(1), fast).minutes, 10, 'the floor still holds');
    });

    it('ignores one outlier (median, not mean) and invalid samples', () => {
      const calibration = calibrate(
        [finished('todo', 10, 10), finished('todo', 10, 11), finished('todo', 10, 300), finished('todo', 0, 10), finished('todo', 10, Number.NaN)],
        NOW,
      );
      assert.equal(calibration.factors.todo, 1.1);
    });

    it('weighs recent tasks more than old ones', () => {
      const old = [1, 2, 3].map(() => finished('bug', 30, 60, 300));
      const recent = [finished('bug', 30, 30, 1), finished('bug', 30, 30, 2)];
      assert.equal(calibrate([...old, ...recent], NOW).factors.bug, 1, 'two recent tasks outweigh three from ten months ago');
      assert.equal(calibrate([...old, ...recent], NOW + 10_000 * DAY).factors.bug, 1);
      assert.equal(weightedMedian([{ ratio: 1, weight: 1 }, { ratio: 2, weight: 1 }]), 1.5);
      assert.equal(weightedMedian([{ ratio: 1, weight: 1 }, { ratio: 2, weight: 3 }]), 2);
    });

    it('leaves everything alone without calibration', () => {
      assert.deepEqual(estimate(bug(['size/M']), NO_CALIBRATION), estimate(bug(['size/M'])));
    });
  });

  it('says in a test gap\'s tooltip which evidence of tests was found, or that none was, and what there is to test', () => {
    const candidate: TaskCandidate = { id: 'g', title: 'Add tests for src/a.ts', repo: '/r', signals: testGap(0, false) };
    const facts = { estimate: estimate(testGap(0, false)), calibrationFactor: 1, ageDays: 0, waitingWorkingDays: 0, unblock: false };
    const none = testGapReasons({ ...testGap(0, false), uncoveredShare: undefined, evidenceChecked: ['name', 'import', 'coChange'], scope: { logicLines: 22, functions: 3, branches: 4 } }, candidate, facts);
    assert.deepEqual(none, ['Changed in 3 commits, 1 of them a fix', 'No test found: none named for it, none imports it, none changed with it', '22 lines of logic, 4 branches in 3 functions']);
    const part = testGapReasons({
      ...testGap(0, false), uncoveredShare: undefined, evidenceChecked: ['name', 'reference', 'coChange', 'coverage'], functionName: 'Parser.parse',
      scope: { logicLines: 40, functions: 1, branches: 1 }, fileSize: { logicLines: 900, functions: 60, branches: 200 },
    }, candidate, facts);
    assert.deepEqual(part.slice(1), ['No test found: none named for it, none uses what it declares, none changed with it, no coverage report covers it', 'Parser.parse: 40 lines of logic, 1 branch; the file has 900 lines of logic in 60 functions']);
    const found = (testEvidence: TestEvidence) => testGapReasons({ ...testGap(5, true), testEvidence }, candidate, facts).find((r) => r.startsWith('Has tests'));
    assert.equal(found({ kind: 'import', testFile: 'test/a.js' }), 'Has tests: test/a.js imports it');
    assert.equal(found({ kind: 'coChange', testFile: 'test/req.js', commits: 4 }), 'Has tests: changed with tests in 4 commits, test/req.js most often');
    assert.equal(found({ kind: 'coChange', testFile: 'test/req.fresh.js', commits: 1 }), 'Has tests: changed in a commit with test/req.fresh.js');
    assert.equal(found({ kind: 'reference', testFile: 'ATest.java', name: 'A' }), 'Has tests: ATest.java uses A');
    assert.equal(found({ kind: 'name', testFile: 'a.test.ts' }), 'Has tests: a.test.ts is named for it');
    assert.equal(found({ kind: 'inline' }), 'Has tests: tests inside the file');
  });

  it('says "over N days" when an age is a lower bound, and the exact age otherwise', () => {
    assert.equal(todoReasons({ kind: 'todo', tag: 'TODO', text: 'x', ageDays: 180, ageAtLeast: true })[0], 'TODO from over 180 days ago');
    assert.equal(todoReasons({ kind: 'todo', tag: 'TODO', text: 'x', ageDays: 40 })[0], 'TODO from 40 days ago');
    assert.equal(skippedTestReasons({ kind: 'skippedTest', marker: 'xit', ageDays: 730, ageAtLeast: true })[0], 'Skipped with xit, last changed over 2 years ago');
  });
});
