import assert from 'node:assert/strict';
import type { BugSignals, ReviewSignals, TaskCandidate } from '../../../../src/core/tasks';
import { accountKey, GitHubCache } from '../../../../src/adapters/github/etagCache';
import { githubHandler, ME, OTHER_REPO, REPO_A, world } from './fakeGitHub';
import { startServer } from './fixtureServer';
import type { FixtureServer } from './fixtureServer';
import { cacheFor, clientFor, NOW, refresh } from './setup';

const DAY = 86_400_000;
const A = `${REPO_A.owner}/${REPO_A.name}`;
const byId = (candidates: TaskCandidate[]) => new Map(candidates.map((c) => [c.id, c]));

describe('GitHub adapter: a refresh against recorded GitHub answers', function () {
  this.timeout(30_000);
  let server: FixtureServer;
  beforeEach(async () => {
    server = await startServer(githubHandler(world(NOW)));
  });
  afterEach(() => server.close());

  it('finds review requests with sizes and request times, the unblock list, and bugs', async () => {
    const client = clientFor(server);
    const result = await refresh(client, cacheFor(client));
    assert.deepEqual(result.errors, []);
    assert.equal(result.partial, false);
    const found = byId(result.candidates);
    assert.deepEqual([...found.keys()].sort(), [
      `bug:${A}#10`, `bug:${A}#12`, `bug:${A}#13`, `bug:${A}#8`, `bug:${A}#9`,
      `review:${A}#21`, `review:${A}#22`, `review:${OTHER_REPO}#2`,
    ].sort());

    const direct = found.get(`review:${A}#21`)!;
    assert.deepEqual(direct.signals, { kind: 'review', additions: 30, deletions: 10, changedFiles: 3, waitingSince: NOW - 2 * DAY, isDraft: false, viaTeam: false, reviewCount: 0 } satisfies ReviewSignals);
    assert.equal(direct.url, `https://github.com/${A}/pull/21`);
    const unblock = found.get(`review:${A}#22`)!.signals as ReviewSignals;
    assert.deepEqual([unblock.additions + unblock.deletions, unblock.reviewCount, unblock.waitingSince], [60, 0, NOW - 5 * DAY]);
    const outside = found.get(`review:${OTHER_REPO}#2`)!.signals as ReviewSignals;
    assert.deepEqual([outside.additions, outside.deletions, outside.changedFiles], [120, 30, 6]);

    // The search asked for direct requests only, without drafts or archived repositories.
    const search = server.seen.find((r) => r.pathname === '/search/issues')!;
    assert.equal(search.query.get('q'), 'is:pr is:open archived:false -is:draft user-review-requested:@me');
  });

  it('shows issue and PR titles as plain one-line text: no markup, control characters or bidi tricks', async () => {
    const w = world(NOW);
    // Titles anyone can give an issue or a PR on a public repository.
    w.issues[0]!.title = 'Crash <img src=x onerror=alert(1)> on **save**\u0007\n[click](https://evil.example)';
    w.pulls.get(A)![0]!.title = 'Fix \u202Egnp.exe\u202C \u001b[31mred\u001b[0m `x`';
    server.handler = githubHandler(w);
    const client = clientFor(server);
    const found = byId((await refresh(client, cacheFor(client))).candidates);
    const bug = found.get(`bug:${A}#${w.issues[0]!.number}`)!;
    assert.equal(bug.title, 'Crash img src=x onerror=alert(1) on save click (https://evil.example)');
    assert.equal(found.get(`review:${A}#21`)!.title, 'Fix gnp.exe red x');
  });

  it('reads bugs: PRs in the issue list dropped, user null, odd label spellings, linked PRs, current milestone', async () => {
    const client = clientFor(server);
    const found = byId((await refresh(client, cacheFor(client))).candidates);
    const bug = (n: number) => found.get(`bug:${A}#${n}`)!.signals as BugSignals;
    assert.equal(found.has(`bug:${A}#11`), false, 'a PR in the issues list is not a bug');
    assert.equal(found.has(`bug:${A}#7`), false, 'no bug label');
    assert.deepEqual(bug(12).labels, ['🐛 Bug']);
    assert.equal(bug(12).bodyLength, 'Crash on save\n'.length * 10);
    assert.deepEqual(bug(10).labels, ['Good First Issue'], 'user: null is fine');
    assert.equal(bug(9).hasLinkedPullRequest, true, 'PR #21 says "Fixes #9"');
    assert.equal(bug(13).hasLinkedPullRequest, false);
    assert.equal(bug(8).inCurrentMilestone, true, 'milestone due in 3 days beats one due in 60');
    assert.equal(bug(13).inCurrentMilestone, false);
    const issueRequest = server.seen.find((r) => r.pathname === `/repos/${A}/issues`)!;
    assert.deepEqual([issueRequest.query.get('state'), issueRequest.query.get('assignee'), issueRequest.query.get('labels')], ['open', 'none', null]);
  });

  it('marks team requests and dates them from the team request', async () => {
    const client = clientFor(server);
    const result = await refresh(client, cacheFor(client), { includeTeamReviews: true });
    const s = byId(result.candidates).get(`review:${OTHER_REPO}#2`)!.signals as ReviewSignals;
    assert.deepEqual([s.viaTeam, s.waitingSince], [true, NOW - 4 * DAY]);
    assert.match(server.seen.find((r) => r.pathname === '/search/issues')!.query.get('q')!, / review-requested:@me$/);
  });

  it('second refresh with nothing changed: all 304, 2 requests, no rate limit spent, same candidates', async () => {
    const client = clientFor(server);
    const cache = cacheFor(client);
    const first = await refresh(client, cache);
    assert.ok(first.requests >= 10, `first refresh fetched details (${first.requests})`);
    assert.ok(first.rateLimitCost > 0);
    const before = server.seen.length;
    const second = await refresh(client, cache, { now: NOW + 60_000 });
    assert.deepEqual(second.candidates, first.candidates);
    assert.equal(second.requests, 2, 'open-PR list + issue list, both 304; review search reused');
    assert.equal(second.rateLimitCost, 0);
    assert.ok(server.seen.slice(before).every((r) => r.headers['if-none-match']), 'every request was conditional');

    // Asking for a fresh search: one more request, charged to the search limit (search has no ETag).
    const forced = await refresh(client, cache, { now: NOW + 120_000, searchMaxAgeMs: 0 });
    assert.deepEqual([forced.requests, forced.rateLimitCost], [3, 1]);
    assert.deepEqual(forced.candidates, first.candidates);
  });

  it('the cache survives JSON and a new client, and never serves another account', async () => {
    const client = clientFor(server);
    const cache = cacheFor(client);
    const first = await refresh(client, cache);
    const snapshot = JSON.parse(JSON.stringify(cache.toJSON()));

    const again = clientFor(server);
    const restored = GitHubCache.restore(snapshot, accountKey(again.baseUrl, ME));
    const second = await refresh(again, restored, { now: NOW + 60_000 });
    assert.deepEqual([second.requests, second.rateLimitCost], [2, 0]);
    assert.deepEqual(second.candidates, first.candidates);

    const other = GitHubCache.restore(snapshot, accountKey(again.baseUrl, 'someone-else'));
    assert.equal(other.size, 0, 'a switched account starts empty');
    await assert.rejects(refresh(again, other), /another account/);
  });

  it('a change is picked up: a new bug appears on the next refresh', async () => {
    const w = world(NOW);
    server.handler = githubHandler(w);
    const client = clientFor(server);
    const cache = cacheFor(client);
    await refresh(client, cache);
    w.issues.push({ ...w.issues[0], number: 99, html_url: 'https://github.com/x/y/issues/99' });
    const second = await refresh(client, cache, { now: NOW + 60_000 });
    assert.ok(second.candidates.some((c) => c.id === `bug:${A}#99`));
    assert.equal(second.rateLimitCost, 1, 'only the changed issue list costs');
  });
});
