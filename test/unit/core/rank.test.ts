import assert from 'node:assert/strict';
import { calibrate, NO_CALIBRATION } from '../../../src/core/calibration';
import { weekday } from '../../../src/core/localDays';
import { bestFit, budgetFit, exclusionOf, rankTasks, type RankOptions } from '../../../src/core/rank';
import type { BugSignals, ReviewSignals, Task, TaskCandidate, TaskSignals, TestGapSignals } from '../../../src/core/tasks';
import { workingDaysBetween } from '../../../src/core/workingDays';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The tests' calendar is UTC, so instants and days line up without a time zone. */
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** Monday 2026-03-09, 09:05. */
const MONDAY = Date.UTC(2026, 2, 9, 9, 5);
const at = (daysFromMonday: number, hour: number): number => Date.UTC(2026, 2, 9 + daysFromMonday, hour);

function options(overrides: Partial<RankOptions> = {}): RankOptions {
  return { now: MONDAY, calibration: NO_CALIBRATION, snoozed: new Map(), dismissed: new Set(), currentUser: 'dana', calendar: { dayOf }, ...overrides };
}
function candidate(id: string, signals: TaskSignals, extra: Partial<TaskCandidate> = {}): TaskCandidate {
  return { id, title: id, repo: 'acme/app', signals, ...extra };
}
function review(id: string, lines: number, waitingSince: number, extra: Partial<ReviewSignals> = {}): TaskCandidate {
  return candidate(id, { kind: 'review', additions: lines, deletions: 0, changedFiles: 2, waitingSince, isDraft: false, viaTeam: false, reviewCount: 0, ...extra });
}
function bug(id: string, extra: Partial<BugSignals> = {}): TaskCandidate {
  return candidate(id, { kind: 'bug', bodyLength: 400, comments: 1, labels: ['bug'], createdAt: MONDAY - 10 * DAY, assignees: [], hasLinkedPullRequest: false, inCurrentMilestone: false, ...extra });
}
function testGap(id: string, extra: Partial<TestGapSignals> = {}): TaskCandidate {
  return candidate(id, { kind: 'testGap', uncoveredLines: 8, uncoveredShare: 0.2, churn: 1, fixCommits: 0, hasTestFile: true, ...extra });
}
function todo(id: string, tag: 'TODO' | 'FIXME' | 'BUG' | 'HACK', ageDays: number): TaskCandidate {
  return candidate(id, { kind: 'todo', tag, text: 'handle the empty case', ageDays });
}
const ids = (tasks: readonly Task[]): string[] => tasks.map((t) => t.id);

describe('rankTasks', () => {
  it('uses a Monday in its fixtures', () => {
    assert.equal(weekday(dayOf(MONDAY)), 0);
  });

  describe('leader-fit rules', () => {
    it('never suggests a bug assigned to someone else, or co-assigned with someone else', () => {
      const tasks = rankTasks([bug('free'), bug('theirs', { assignees: ['sam'] }), bug('shared', { assignees: ['dana', 'sam'] })], options());
      assert.deepEqual(ids(tasks), ['free']);
      assert.equal(exclusionOf(bug('theirs', { assignees: ['sam'] }), options()), 'assignedToSomeoneElse');
    });

    it("keeps a bug assigned to the user alone (it is their own), whatever the login's case", () => {
      const tasks = rankTasks([bug('mine', { assignees: ['Dana'] })], options());
      assert.deepEqual(ids(tasks), ['mine']);
      assert.equal(tasks[0]!.reasons[0], 'Assigned to you, open 10 days');
    });

    it('treats any assignee as someone else when the user is unknown', () => {
      const tasks = rankTasks([bug('mine?', { assignees: ['dana'] }), bug('free')], options({ currentUser: undefined }));
      assert.deepEqual(ids(tasks), ['free']);
    });

    it('never suggests work already in progress: a bug with a linked PR, a draft PR; nor the current milestone', () => {
      const linked = bug('linked', { hasLinkedPullRequest: true });
      const draft = review('draft', 20, MONDAY - 7 * DAY, { isDraft: true });
      const milestone = bug('milestone', { inCurrentMilestone: true });
      assert.deepEqual(ids(rankTasks([linked, draft, milestone, bug('ok')], options())), ['ok']);
      assert.equal(exclusionOf(linked, options()), 'inProgress');
      assert.equal(exclusionOf(draft, options()), 'inProgress');
      assert.equal(exclusionOf(milestone, options()), 'inCurrentMilestone');
    });

    it('hides a snoozed task until its time comes, then shows it again', () => {
      const list = [todo('a', 'TODO', 5), todo('b', 'TODO', 5)];
      const snoozed = new Map([['a', MONDAY + HOUR]]);
      assert.deepEqual(ids(rankTasks(list, options({ snoozed }))), ['b']);
      assert.deepEqual(ids(rankTasks(list, options({ snoozed, now: MONDAY + HOUR }))).sort(), ['a', 'b']);
      assert.deepEqual(ids(rankTasks(list, options({ snoozed, now: MONDAY + 2 * HOUR }))).sort(), ['a', 'b']);
    });

    it('never shows a dismissed task', () => {
      const tasks = rankTasks([todo('a', 'FIXME', 5), todo('b', 'TODO', 5)], options({ dismissed: new Set(['a']) }));
      assert.deepEqual(ids(tasks), ['b']);
      assert.equal(exclusionOf(todo('a', 'FIXME', 5), options({ dismissed: new Set(['a']) })), 'dismissed');
    });
  });

  describe('score', () => {
    it('puts a task that fits the budget above a more valuable one that does not', () => {
      const bigReview = review('big-review', 380, MONDAY - 2 * HOUR); // ~60 min
      const smallTodo = todo('small-todo', 'TODO', 3); // ~10 min
      assert.deepEqual(ids(rankTasks([bigReview, smallTodo], options())), ['big-review', 'small-todo'], 'no budget: value decides');
      assert.deepEqual(ids(rankTasks([bigReview, smallTodo], options({ budgetMinutes: 15 }))), ['small-todo', 'big-review']);
      assert.equal(rankTasks([bigReview], options({ budgetMinutes: 15 })).length, 1, 'over budget is listed lower, not dropped');
    });

    it('penalises slightly over budget less than way over', () => {
      assert.equal(budgetFit(25, false, 30), 1);
      assert.equal(budgetFit(30, false, 30), 1);
      const slightly = budgetFit(35, false, 30);
      const way = budgetFit(90, false, 30);
      assert.ok(slightly < 1 && way < slightly / 2, `${slightly} ${way}`);
      assert.equal(budgetFit(90, true, undefined), 0.5);
      assert.equal(budgetFit(40, false, undefined), 1);
    });

    it('lists a PR too big for one sitting, marked, below a small one', () => {
      const tasks = rankTasks([review('huge', 2000, MONDAY - 3 * DAY), review('small', 40, MONDAY - 3 * DAY)], options());
      assert.deepEqual(ids(tasks), ['small', 'huge']);
      assert.equal(tasks[1]!.tooBigForOneSitting, true);
      assert.equal(tasks[1]!.estimateMinutes, 60);
      assert.ok(tasks[1]!.reasons.includes('Too big for one sitting: review it in parts'));
    });

    it('ranks a review waiting more than a working day above a fresh one of the same size', () => {
      const waiting = review('waiting', 60, at(-4, 15)); // Thursday afternoon
      const fresh = review('fresh', 60, MONDAY - HOUR);
      const tasks = rankTasks([fresh, waiting], options());
      assert.deepEqual(ids(tasks), ['waiting', 'fresh']);
      assert.equal(tasks[0]!.reasons[0], 'Waiting 2 working days for review');
      assert.ok(tasks[0]!.reasons.includes('No review yet: someone is blocked on it'));
      assert.equal(tasks[1]!.reasons[0], 'Waiting less than a working day for review');
    });

    it('does not count the weekend: Friday evening to Monday morning is one working day', () => {
      const [task] = rankTasks([review('fri', 60, at(-3, 18))], options());
      assert.equal(task!.reasons[0], 'Waiting 1 working day for review');
      assert.ok(!task!.reasons.some((r) => r.startsWith('No review yet')));
    });

    it('prefers the smaller of two reviews that waited equally long', () => {
      assert.deepEqual(ids(rankTasks([review('b-big', 300, at(-4, 9)), review('a-small', 30, at(-4, 9))], options())), ['a-small', 'b-big']);
    });

    it('ranks a risky test gap (churn, fixes, uncovered) above a calm one', () => {
      const calm = testGap('calm', { churn: 1, fixCommits: 0, uncoveredShare: 0.1 });
      const risky = testGap('risky', { churn: 9, fixCommits: 3, uncoveredShare: 0.6 });
      const tasks = rankTasks([calm, risky], options());
      assert.deepEqual(ids(tasks), ['risky', 'calm']);
      assert.ok(tasks[0]!.score > tasks[1]!.score);
      // Fix commits alone outweigh the same churn without them.
      assert.deepEqual(ids(rankTasks([testGap('no-fix', { churn: 9 }), testGap('fixes', { churn: 9, fixCommits: 4 })], options())), ['fixes', 'no-fix']);
    });

    it('ranks FIXME above TODO, and an old one above a new one', () => {
      assert.deepEqual(ids(rankTasks([todo('todo', 'TODO', 30), todo('fixme', 'FIXME', 30)], options())), ['fixme', 'todo']);
      assert.deepEqual(ids(rankTasks([todo('new', 'TODO', 1), todo('old', 'TODO', 300)], options())), ['old', 'new']);
    });

    it('gives the same order for any input order, breaking ties by id', () => {
      const list = [todo('t-b', 'TODO', 5), todo('t-a', 'TODO', 5), bug('bug'), testGap('gap', { churn: 9, fixCommits: 3 }), review('pr', 22, at(-4, 9)), todo('t-c', 'TODO', 5)];
      const expected = ids(rankTasks(list, options()));
      assert.deepEqual(expected.filter((id) => id.startsWith('t-')), ['t-a', 't-b', 't-c']);
      let seed = 42;
      const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
      for (let round = 0; round < 20; round++) {
        const shuffled = [...list];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        assert.deepEqual(ids(rankTasks(shuffled, options())), expected);
      }
    });
  });

  describe('parked items (shown, not offered)', () => {
    const waiting = candidate('waits', { kind: 'todo', tag: 'FIXME', text: 'remove in v2', ageDays: 900, waitsOn: 'version 2', fileChurn: 30 });
    const flaky = candidate('flaky', { kind: 'skippedTest', marker: '@Ignore', ageDays: 10, onPurpose: 'flaky' });
    const vague = candidate('vague', { kind: 'todo', tag: 'TODO', text: 'could be faster', ageDays: 4000, vague: true });

    it('rank after every offered task, each marked with why, whatever its score', () => {
      const tasks = rankTasks([waiting, flaky, vague, todo('plain', 'TODO', 1)], options());
      assert.deepEqual(ids(tasks).slice(0, 1), ['plain']);
      assert.deepEqual(Object.fromEntries(tasks.map((t) => [t.id, t.parked])), { plain: undefined, waits: 'waiting', flaky: 'onPurpose', vague: 'vague' });
    });

    it('are never what "I Have N Minutes…" offers, even when nothing else is left', () => {
      const tasks = rankTasks([waiting, flaky, testGap('big', { uncoveredLines: 200 })], options());
      assert.equal(bestFit(tasks, 30)?.id, 'big');
      assert.equal(bestFit(rankTasks([waiting, flaky], options()), 30), undefined);
    });
  });

  describe('tasks', () => {
    it('carry the kind, calibrated and base estimates, and the candidate fields', () => {
      const calibration = calibrate([1, 2, 3].map((d) => ({ kind: 'bug' as const, estimateMinutes: 20, actualMinutes: 30, finishedAt: MONDAY - d * DAY })), MONDAY);
      const [task] = rankTasks([bug('b')], options({ calibration }));
      assert.equal(task!.kind, 'bug');
      assert.equal(task!.baseEstimateMinutes, 30);
      assert.equal(task!.estimateMinutes, 45);
      assert.equal(task!.repo, 'acme/app');
      assert.ok(task!.reasons.includes('Estimate adjusted to your pace on past tasks (×1.5)'));
    });

    it('explain themselves in short sentences', () => {
      const pr = candidate('pr', { kind: 'review', additions: 18, deletions: 4, changedFiles: 2, waitingSince: at(-4, 16), isDraft: false, viaTeam: true, reviewCount: 0 });
      const gap = candidate(
        'gap',
        { kind: 'testGap', uncoveredLines: 8, uncoveredShare: 0.42, churn: 9, fixCommits: 3, hasTestFile: true, functionName: 'parseInvoice' },
        { location: { file: '/repo/src/invoice.ts', line: 12, endLine: 30 } },
      );
      const skipped = candidate('skip', { kind: 'skippedTest', marker: 'it.skip', testName: 'rounds totals', ageDays: 40 });
      const tasks = new Map(rankTasks([pr, gap, skipped, todo('fixme', 'FIXME', 34), bug('b', { labels: ['size/S'], comments: 1 })], options()).map((t) => [t.id, t]));
      assert.deepEqual(tasks.get('pr')!.reasons, ['Waiting 2 working days for review', '+18 −4 lines, ~5 min', 'No review yet: someone is blocked on it', 'Requested from your team']);
      assert.deepEqual(tasks.get('gap')!.reasons, ['Lines 12–30 uncovered', 'Changed in 9 commits, 3 of them fixes', '42% of the file uncovered']);
      assert.equal(tasks.get('gap')!.estimateMinutes, 20);
      assert.deepEqual(tasks.get('skip')!.reasons, ['Skipped with it.skip, last changed 40 days ago', 'Test: rounds totals']);
      assert.deepEqual(tasks.get('fixme')!.reasons, ['FIXME from 34 days ago', 'Marks a known defect']);
      assert.deepEqual(tasks.get('b')!.reasons, ['Nobody assigned, open 10 days', 'Labelled size S, ~25 min', 'Description of medium length, 1 comment']);
      const undated = rankTasks([candidate('u', { kind: 'todo', tag: 'HACK', text: 'x', ageDays: 0, ageUnknown: true }), candidate('s', { kind: 'skippedTest', marker: 'xit', ageDays: 0, ageUnknown: true })], options());
      assert.deepEqual(undated.map((t) => t.reasons[0]).sort(), ['HACK comment', 'Skipped with xit'], 'no "today" for a line blame could not date');
      for (const task of tasks.values()) assert.ok(task.reasons.length > 0 && task.reasons.every((r) => r.length > 0 && r.length <= 80), task.id);
    });
  });
});

describe('bestFit', () => {
  const ranked = rankTasks(
    [review('pr-45', 300, at(-4, 9)), testGap('gap-20', { churn: 9, fixCommits: 3 }), todo('todo-10', 'TODO', 3), bug('bug-30')],
    options(),
  );

  it('offers the best-ranked task that fits, not simply the best', () => {
    assert.equal(ranked[0]!.id, 'pr-45');
    assert.equal(bestFit(ranked, 25)!.id, 'gap-20');
    assert.equal(bestFit(ranked, 60)!.id, 'pr-45');
  });

  it('offers the smallest task when nothing fits, and nothing for an empty list', () => {
    assert.equal(bestFit(ranked, 5)!.id, 'todo-10');
    assert.equal(bestFit([], 30), undefined);
  });
});

describe('workingDaysBetween', () => {
  it('counts weekdays after the start day up to and including the end day', () => {
    assert.equal(workingDaysBetween(at(0, 9), at(0, 17), dayOf), 0, 'same day');
    assert.equal(workingDaysBetween(at(0, 17), at(1, 9), dayOf), 1, 'Monday evening to Tuesday morning');
    assert.equal(workingDaysBetween(at(-4, 15), MONDAY, dayOf), 2, 'Thursday to Monday');
    assert.equal(workingDaysBetween(at(-3, 18), MONDAY, dayOf), 1, 'Friday to Monday');
    assert.equal(workingDaysBetween(at(-2, 10), at(-1, 10), dayOf), 0, 'Saturday to Sunday');
    assert.equal(workingDaysBetween(at(-2, 10), MONDAY, dayOf), 1, 'Saturday to Monday');
    assert.equal(workingDaysBetween(at(0, 9), at(28, 9), dayOf), 20, 'four weeks');
    assert.equal(workingDaysBetween(at(0, 9), at(365, 9), dayOf), 261, 'a year: 52 weeks and a day');
  });

  it('is 0 when the end is not later', () => {
    assert.equal(workingDaysBetween(MONDAY, MONDAY, dayOf), 0);
    assert.equal(workingDaysBetween(MONDAY, MONDAY - 3 * DAY, dayOf), 0);
  });

  it('matches a day-by-day count for every start weekday and span', () => {
    for (let start = 0; start < 7; start++) {
      for (let span = 0; span < 30; span++) {
        let expected = 0;
        for (let d = start + 1; d <= start + span; d++) if (weekday(dayOf(at(d, 12))) < 5) expected++;
        assert.equal(workingDaysBetween(at(start, 12), at(start + span, 13), dayOf), expected, `${start}+${span}`);
      }
    }
  });
});
