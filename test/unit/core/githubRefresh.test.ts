import assert from 'node:assert/strict';
import { afterRefresh } from '../../../src/core/githubRefresh';
import type { TaskCandidate } from '../../../src/core/tasks';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const EARLIER = NOW - 3_600_000;

function review(repo: string, number: number, title = `PR ${number}`): TaskCandidate {
  return {
    id: `review:${repo}#${number}`, title, repo, number, url: `https://github.com/${repo}/pull/${number}`,
    signals: { kind: 'review', additions: 10, deletions: 2, changedFiles: 1, waitingSince: EARLIER, isDraft: false, viaTeam: false, reviewCount: 0 },
  };
}
function bug(repo: string, number: number): TaskCandidate {
  return {
    id: `bug:${repo}#${number}`, title: `Bug ${number}`, repo, number, url: `https://github.com/${repo}/issues/${number}`,
    signals: { kind: 'bug', bodyLength: 10, comments: 0, labels: ['bug'], createdAt: EARLIER, assignees: [], hasLinkedPullRequest: false, inCurrentMilestone: false },
  };
}
const ids = (candidates: readonly TaskCandidate[]) => candidates.map((c) => c.id).sort();

describe('core/githubRefresh: what survives a GitHub refresh that failed', () => {
  const before = [review('o/a', 1), bug('o/a', 2), bug('o/b', 3)];

  it('a clean refresh replaces everything and is as of now', () => {
    const out = afterRefresh(before, EARLIER, [bug('o/a', 2)], [], NOW);
    assert.deepEqual(ids(out.candidates), ['bug:o/a#2']);
    assert.deepEqual(out.status, { kind: 'ok', asOf: NOW });
  });

  it('offline keeps the last results, newer answers winning, with their old time', () => {
    const renamed = review('o/a', 1, 'renamed');
    const out = afterRefresh(before, EARLIER, [renamed], [{ kind: 'network' }], NOW);
    assert.deepEqual(ids(out.candidates), ids(before));
    assert.equal(out.candidates.find((c) => c.id === renamed.id)?.title, 'renamed');
    assert.deepEqual(out.status, { kind: 'offline', asOf: EARLIER });
  });

  it('a timeout reads as offline; nothing before and nothing now has no time', () => {
    assert.deepEqual(afterRefresh([], undefined, [], [{ kind: 'timeout' }], NOW).status, { kind: 'offline' });
  });

  it('a rate limit keeps the results and says until when', () => {
    const until = NOW + 1_800_000;
    const out = afterRefresh(before, EARLIER, [], [{ kind: 'rateLimited', until, scope: 'o/a' }], NOW);
    assert.deepEqual(ids(out.candidates), ids(before));
    assert.deepEqual(out.status, { kind: 'rateLimited', until, asOf: EARLIER });
  });

  it('a refused token keeps the results and says so (stopping failures win over scoped ones)', () => {
    const out = afterRefresh(before, EARLIER, [], [{ kind: 'notFound', scope: 'o/b' }, { kind: 'unauthorized' }], NOW);
    assert.equal(out.status.kind, 'unauthorized');
    assert.deepEqual(ids(out.candidates), ids(before));
  });

  it('one repository failing keeps only that repository’s old results; the rest is fresh', () => {
    const failures = [{ kind: 'serverError', scope: 'o/b' }];
    const out = afterRefresh(before, EARLIER, [review('o/a', 1)], failures, NOW);
    // bug o/a#2 is gone from the fresh answer of o/a, so it is closed or taken: not kept.
    assert.deepEqual(ids(out.candidates), ['bug:o/b#3', 'review:o/a#1']);
    assert.deepEqual(out.status, { kind: 'partial', asOf: NOW, failures });
  });

  it('one PR failing keeps that PR, and a failed search keeps the old review requests', () => {
    const pr = afterRefresh(before, EARLIER, [bug('o/a', 2), bug('o/b', 3)], [{ kind: 'notFound', scope: 'o/a#1' }], NOW);
    assert.deepEqual(ids(pr.candidates), ids(before));
    const search = afterRefresh([review('x/y', 9)], EARLIER, [], [{ kind: 'validation', scope: 'search' }], NOW);
    assert.deepEqual(ids(search.candidates), ['review:x/y#9']);
  });
});
