// GitHub in the Suggested Tasks view, against a local fake GitHub made of recorded @octokit/fixtures answers
// (test/unit/adapters/github/fakeGitHub.ts) on 127.0.0.1. The workspace repository gets a remote pointing at it,
// and the test-mode API swaps VS Code's sign-in for a fixed token, since a test cannot sign in for real.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { coreHeaders, errorBody, githubHandler, ME, REPO_A, world } from '../unit/adapters/github/fakeGitHub';
import type { Fault } from '../unit/adapters/github/fakeGitHub';
import { startServer } from '../unit/adapters/github/fixtureServer';
import type { FixtureServer } from '../unit/adapters/github/fixtureServer';
import { handsOn, waitFor, workspaceRoot } from './extensionApi';

const A = `${REPO_A.owner}/${REPO_A.name}`;
const REMOTE = 'hands-on-fake-github';

describe('GitHub tasks in the view', function () {
  this.timeout(60_000);
  let server: FixtureServer;
  let fault: Fault | undefined;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: workspaceRoot().fsPath, encoding: 'utf8' });
  const signInAs = async (token: string) => (await handsOn()).testing.useGitHub({ baseUrl: server.baseUrl, token, login: ME });

  before(async () => {
    server = await startServer(githubHandler(world(Date.now()), (request) => fault?.(request)));
    git('remote', 'add', REMOTE, `${server.baseUrl.replace(/\/api\/v3$/, '')}/${A}.git`);
  });

  after(async () => {
    (await handsOn()).testing.useGitHub(undefined);
    git('remote', 'remove', REMOTE);
    await server.close();
  });

  beforeEach(() => (fault = undefined));

  it('a signed-in user sees review requests and small bugs next to the local tasks', async () => {
    const api = await handsOn();
    await signInAs('gho_first');
    await api.refreshTasks();
    const ids = api.tasks().map((t) => t.id);
    assert.ok(ids.includes(`review:${A}#21`), `no review request in ${ids.join(', ')}`);
    assert.ok(ids.includes(`bug:${A}#13`), `no small bug in ${ids.join(', ')}`);
    assert.ok(!ids.includes(`bug:${A}#9`), 'bug #9 has a linked PR and must be left out');
    assert.ok(api.tasks().some((t) => t.kind === 'todo'), 'the local TODO disappeared');
    const review = api.tasks().find((t) => t.id === `review:${A}#21`)!;
    assert.ok(review.estimateMinutes >= 5 && review.estimateMinutes <= 60, `review estimate ${review.estimateMinutes}`);
    assert.equal(review.url, `https://github.com/${A}/pull/21`);
    assert.equal(api.testing.githubState(), 'ok');
    assert.equal(api.testing.githubMessage(), undefined);
    // Saved per account, so a restart (or a day offline) still has them.
    const saved = await waitFor(() => fs.readdirSync(api.testing.storagePath).filter((f) => /^github-[0-9a-f]+\.json$/.test(f)).length > 0 && fs.readdirSync(api.testing.storagePath), 'the saved GitHub results');
    assert.equal(saved.filter((f) => f.startsWith('github-')).length, 1, `saved files: ${saved.join(', ')}`);
  });

  it('a refresh with nothing changed is answered by 304s and keeps the list', async () => {
    const api = await handsOn();
    const before = server.seen.length;
    await api.refreshTasks();
    const sent = server.seen.slice(before);
    const conditional = sent.filter((r) => r.headers['if-none-match']);
    assert.ok(conditional.length >= 2, `expected conditional requests, saw ${sent.map((r) => r.url).join(', ')}`);
    assert.ok(api.tasks().some((t) => t.id === `review:${A}#21`));
  });

  it('offline: the last results stay, with the time they are from', async () => {
    const api = await handsOn();
    fault = () => 'reset';
    await api.refreshTasks();
    assert.equal(api.testing.githubState(), 'offline');
    assert.ok(api.tasks().some((t) => t.id === `review:${A}#21`), 'the cached review request was dropped');
    assert.match(api.testing.githubMessage() ?? '', /unreachable.*as of \d/i);
  });

  it('a refused token (401) asks to sign in again once, and keeps the last results', async () => {
    const api = await handsOn();
    fault = () => ({ status: 401, headers: coreHeaders(), body: errorBody('Bad credentials') });
    const asked = api.testing.githubRenewRequests();
    await api.refreshTasks();
    await api.refreshTasks();
    assert.equal(api.testing.githubRenewRequests() - asked, 1, 'asked more than once (or never)');
    assert.equal(api.testing.githubState(), 'unauthorized');
    assert.match(api.testing.githubMessage() ?? '', /sign in again/i);
    assert.ok(api.tasks().some((t) => t.id === `bug:${A}#13`));
  });

  it('a rate limit shows the cached results and when GitHub will be asked again', async () => {
    const api = await handsOn();
    // A new token: a new client, so the previous test's state does not count.
    await signInAs('gho_second');
    const resetAt = Date.now() + 30 * 60_000;
    fault = () => ({ status: 403, headers: coreHeaders(0, resetAt), body: errorBody('API rate limit exceeded for user ID 1.') });
    await api.refreshTasks();
    assert.equal(api.testing.githubState(), 'rateLimited');
    assert.match(api.testing.githubMessage() ?? '', /rate limit.*refreshing again at/i);
    assert.ok(api.tasks().some((t) => t.id === `review:${A}#21`), 'the cached review request was dropped');
    // The gate holds: no request reaches GitHub before the reset.
    const before = server.seen.length;
    await api.refreshTasks();
    assert.equal(server.seen.length, before, 'requests were sent during the rate limit');
  });

  it('not signed in: only local tasks, and the view offers sign-in', async () => {
    const api = await handsOn();
    api.testing.useGitHub(undefined); // VS Code's own sign-in, where nobody is signed in to GitHub
    await api.refreshTasks();
    await waitFor(() => api.testing.githubState() === 'signedOut', 'the signed-out state', 20_000);
    assert.ok(!api.tasks().some((t) => t.kind === 'review' || t.kind === 'bug'), 'GitHub tasks outlived the sign-out');
    assert.ok(api.tasks().some((t) => t.kind === 'todo'));
    assert.match(api.testing.githubMessage() ?? '', /sign in to github/i);
  });
});
