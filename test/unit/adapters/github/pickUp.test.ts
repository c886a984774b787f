import assert from 'node:assert/strict';
import type { GitHubClient } from '../../../../src/adapters/github/client';
import { GitHubError } from '../../../../src/adapters/github/errors';
import type { GitHubErrorKind } from '../../../../src/adapters/github/errors';
import { assignIssue, createDraftPull, createPull, defaultBranch, readIssue } from '../../../../src/adapters/github/pickUp';
import { coreHeaders, errorBody, ME } from './fakeGitHub';
import { issue, PICKUP_REPO, pickUpHandler, pickUpWorld } from './fakePickUp';
import type { PickUpFault, PickUpWorld } from './fakePickUp';
import { startServer } from './fixtureServer';
import type { FixtureServer } from './fixtureServer';
import { clientFor } from './setup';

const REPO = PICKUP_REPO;
const FULL = `${REPO.owner}/${REPO.name}`;
const OTHER = 'octokit-fixture-user-b';

describe('GitHub adapter: picking up a bug', function () {
  this.timeout(30_000);
  let server: FixtureServer;
  let world: PickUpWorld;
  let client: GitHubClient;

  const serve = async (fault?: PickUpFault, options: Parameters<typeof clientFor>[1] = {}) => {
    server = await startServer(pickUpHandler(world, fault));
    client = clientFor(server, options);
  };
  const sent = () => server.seen.map((r) => `${r.method} ${r.pathname.replace(`/repos/${FULL}`, '')}`);
  const failsWith = async (promise: Promise<unknown>, kind: GitHubErrorKind, scope: string) => {
    await assert.rejects(promise, (error: unknown) => {
      assert.ok(GitHubError.is(error), String(error));
      assert.equal(error.kind, kind);
      assert.equal(error.details.scope, scope);
      return true;
    });
  };

  beforeEach(() => {
    world = pickUpWorld();
    world.issues.set(12, issue(12, { title: 'Crash on save', body: 'Stack:\n    at save (/ci/src/billing/invoice.ts:10:5)' }));
    world.issues.set(13, issue(13, { body: null }));
    world.canAssign.add(ME);
  });
  afterEach(() => server?.close());

  describe('reading the issue', () => {
    it('title, body, state and assignees; a missing body reads as empty', async () => {
      await serve();
      const read = await readIssue(client, REPO, 12);
      assert.deepEqual(read, {
        number: 12, title: 'Crash on save', body: 'Stack:\n    at save (/ci/src/billing/invoice.ts:10:5)', open: true, assignees: [], url: `https://github.com/${FULL}/issues/12`,
      });
      assert.equal((await readIssue(client, REPO, 13)).body, '');
    });

    it('the default branch, as recorded', async () => {
      await serve();
      assert.equal(await defaultBranch(client, REPO), 'master');
    });
  });

  describe('assignIssue', () => {
    it('re-reads the issue, then assigns the user', async () => {
      await serve();
      assert.deepEqual(await assignIssue(client, REPO, 12, ME), { assigned: true, assignees: [ME], alreadyYours: false });
      assert.deepEqual(sent(), ['GET /issues/12', 'POST /issues/12/assignees']);
      assert.deepEqual(server.seen.find((r) => r.method === 'POST' && r.pathname === `/repos/${FULL}/issues/12/assignees`)?.body, { assignees: [ME] });
    });

    it('already yours (logins compare case-insensitively): nothing is sent', async () => {
      world.issues.set(12, issue(12, { assignees: [ME.toUpperCase()] }));
      await serve();
      assert.deepEqual(await assignIssue(client, REPO, 12, ME), { assigned: true, assignees: [ME.toUpperCase()], alreadyYours: true });
      assert.deepEqual(sent(), ['GET /issues/12']);
    });

    it('never takes work assigned to someone else', async () => {
      world.issues.set(12, issue(12, { assignees: [OTHER] }));
      await serve();
      assert.deepEqual(await assignIssue(client, REPO, 12, ME), { assigned: false, assignees: [OTHER], reason: 'assignedToOthers' });
      assert.deepEqual(sent(), ['GET /issues/12'], 'no assign request');
    });

    it('a closed issue is not picked up', async () => {
      world.issues.set(12, issue(12, { state: 'closed' }));
      await serve();
      assert.deepEqual(await assignIssue(client, REPO, 12, ME), { assigned: false, assignees: [], reason: 'closed' });
      assert.deepEqual(sent(), ['GET /issues/12']);
    });

    it('GitHub answers 201 but assigns nobody without push access: notPermitted', async () => {
      world.canAssign.clear();
      await serve();
      const result = await assignIssue(client, REPO, 12, ME);
      assert.deepEqual(result, { assigned: false, assignees: [], reason: 'notPermitted' });
      assert.equal(server.seen.length, 2);
    });

    it('someone assigned in the meantime: steps back off the issue', async () => {
      world.duringAssign = (raced) => raced.assignees.push({ login: OTHER });
      await serve();
      assert.deepEqual(await assignIssue(client, REPO, 12, ME), { assigned: false, assignees: [OTHER], reason: 'assignedToOthers' });
      assert.deepEqual(sent(), ['GET /issues/12', 'POST /issues/12/assignees', 'DELETE /issues/12/assignees']);
      assert.deepEqual(world.issues.get(12)!.assignees.map((a: { login: string }) => a.login), [OTHER]);
    });
  });

  describe('createDraftPull', () => {
    const input = { head: 'hands-on/12-crash-on-save', base: 'master', title: 'Fix crash on save', body: 'Fixes #12' };

    it('opens a draft PR', async () => {
      await serve();
      assert.deepEqual(await createDraftPull(client, REPO, input), { kind: 'created', number: 100, url: `https://github.com/${FULL}/pull/100`, draft: true });
      assert.deepEqual(server.seen.find((r) => r.method === 'POST' && r.pathname === `/repos/${FULL}/pulls`)?.body, { ...input, draft: true });
    });

    it('a PR already open for that head (opened earlier, or a retried request that had succeeded): returned, not an error', async () => {
      await serve();
      const first = await createDraftPull(client, REPO, input);
      // A new client, as from another window; also skips the throttling plugin's 3 s spacing of PR creation.
      client = clientFor(server);
      assert.deepEqual(await createDraftPull(client, REPO, input), { ...first, kind: 'exists' });
      assert.equal(server.seen.find((r) => r.method === 'GET' && r.pathname.endsWith('/pulls'))?.query.get('head'), `${REPO.owner}:${input.head}`);
    });

    it('422 "Draft pull requests are not supported" on a private repository: draftNotSupported', async () => {
      world.isPrivate = true;
      world.draftsSupported = false;
      await serve();
      assert.deepEqual(await createDraftPull(client, REPO, input), { kind: 'draftNotSupported' });
      assert.deepEqual(sent(), ['POST /pulls', 'GET /pulls', 'GET ']);
    });

    it('where drafts are not supported, the normal PR the caller then offers is created', async () => {
      world.isPrivate = true;
      world.draftsSupported = false;
      await serve();
      assert.deepEqual(await createPull(client, REPO, input, { draft: false }), { kind: 'created', number: 100, url: `https://github.com/${FULL}/pull/100`, draft: false });
    });

    it('any other 422 is a validation error (public repositories always allow drafts; no draft was asked)', async () => {
      await serve();
      await failsWith(createDraftPull(client, REPO, { ...input, base: 'no-such-branch' }), 'validation', FULL);
      world.isPrivate = true;
      client = clientFor(server);
      await failsWith(createPull(client, REPO, { ...input, base: 'no-such-branch' }, { draft: false }), 'validation', FULL);
    });
  });

  describe('faults', () => {
    it('401: unauthorized, scoped to the issue, not retried, nothing assigned', async () => {
      await serve(() => ({ status: 401, headers: coreHeaders(), body: errorBody('Bad credentials') }));
      await failsWith(assignIssue(client, REPO, 12, ME), 'unauthorized', `${FULL}#12`);
      assert.equal(server.seen.length, 1);
    });

    it('403 rate limit: rateLimited with the reset time, at once, and nothing sent until then', async () => {
      const reset = Date.now() + 30 * 60_000;
      await serve(() => ({ status: 403, headers: coreHeaders(0, reset), body: errorBody('API rate limit exceeded') }));
      const started = Date.now();
      await assert.rejects(readIssue(client, REPO, 12), (error: unknown) => GitHubError.is(error, 'rateLimited') && error.details.until === Math.floor(reset / 1000) * 1000);
      assert.ok(Date.now() - started < 2000);
      await failsWith(assignIssue(client, REPO, 12, ME), 'rateLimited', `${FULL}#12`);
      assert.equal(server.seen.length, 1);
    });

    it('404: notFound for an unknown issue or repository', async () => {
      await serve();
      await failsWith(readIssue(client, REPO, 999), 'notFound', `${FULL}#999`);
      await failsWith(defaultBranch(client, { owner: REPO.owner, name: 'gone' }), 'notFound', `${REPO.owner}/gone`);
    });

    it('5xx: a transient one is retried (assigning is idempotent); a lasting one is serverError after bounded retries', async () => {
      let failures = 1;
      await serve((r) => (r.method === 'POST' && failures-- > 0 ? { status: 502, headers: coreHeaders(), body: errorBody('Bad Gateway') } : undefined));
      assert.equal((await assignIssue(client, REPO, 12, ME)).assigned, true);
      await server.close();

      await serve(() => ({ status: 503, headers: coreHeaders(), body: errorBody('Service Unavailable') }), { retries: 2 });
      await failsWith(assignIssue(client, REPO, 12, ME), 'serverError', `${FULL}#12`);
      assert.equal(server.seen.length, 3, '1 + 2 retries, and no assign request after a failed read');
    });

    it('a server that never answers: timeout within the bound', async () => {
      await serve(() => 'hang', { requestTimeoutMs: 300 });
      const started = Date.now();
      await failsWith(assignIssue(client, REPO, 12, ME), 'timeout', `${FULL}#12`);
      assert.ok(Date.now() - started < 1500, `bounded (${Date.now() - started} ms)`);
    });
  });
});
