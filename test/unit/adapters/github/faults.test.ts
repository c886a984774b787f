import assert from 'node:assert/strict';
import { GitHubError } from '../../../../src/adapters/github/errors';
import type { Fault } from './fakeGitHub';
import { coreHeaders, errorBody, githubHandler, recordedValidationError, REPO_A, REPO_B, searchHeaders, world } from './fakeGitHub';
import { startServer } from './fixtureServer';
import type { FixtureServer } from './fixtureServer';
import { cacheFor, clientFor, NOW, refresh } from './setup';

const A = `${REPO_A.owner}/${REPO_A.name}`;
const B = `${REPO_B.owner}/${REPO_B.name}`;

describe('GitHub adapter: faults (faults.md 2, 5–10)', function () {
  this.timeout(30_000);
  let server: FixtureServer;
  const serve = async (fault: Fault) => {
    server = await startServer(githubHandler(world(NOW), fault));
  };
  afterEach(() => server?.close());

  it('401: unauthorized, and the refresh stops instead of failing every request', async () => {
    await serve(() => ({ status: 401, headers: coreHeaders(), body: errorBody('Bad credentials') }));
    const client = clientFor(server);
    const result = await refresh(client, cacheFor(client), { repos: [REPO_A, REPO_B] });
    assert.deepEqual(result.errors.map((e) => e.kind), ['unauthorized']);
    assert.equal(result.partial, true);
    assert.ok(result.requests <= 2, `no retry of a 401 (${result.requests})`);
  });

  it('403 with remaining 0: rateLimited until the reset, no waiting, and no request until then', async () => {
    const reset = Date.now() + 45 * 60_000;
    await serve(() => ({ status: 403, headers: coreHeaders(0, reset), body: errorBody('API rate limit exceeded') }));
    const client = clientFor(server);
    const started = Date.now();
    const result = await refresh(client, cacheFor(client));
    assert.ok(Date.now() - started < 2000, 'gave up at once rather than sleeping until the reset');
    assert.equal(result.errors[0]?.kind, 'rateLimited');
    assert.equal(result.errors[0]?.details.until, Math.floor(reset / 1000) * 1000);
    assert.equal(result.rateLimitedUntil, Math.floor(reset / 1000) * 1000);
    assert.equal(result.requests, 1);
    const again = await refresh(client, cacheFor(client));
    assert.equal(again.requests, 0, 'never spins on a limit');
    assert.equal(again.errors[0]?.kind, 'rateLimited');
  });

  it('429 with a short retry-after is waited out once; a long one gives up with its time', async () => {
    let first = true;
    await serve((r) => {
      if (r.pathname !== `/repos/${A}/pulls` || !first) return undefined;
      first = false;
      return { status: 429, headers: { ...coreHeaders(), 'retry-after': '1' }, body: errorBody('Too many requests') };
    });
    const client = clientFor(server);
    const result = await refresh(client, cacheFor(client));
    assert.deepEqual(result.errors, []);
    await server.close();

    await serve(() => ({ status: 429, headers: { ...coreHeaders(), 'retry-after': '120' }, body: errorBody('Too many requests') }));
    const other = clientFor(server);
    const before = Date.now();
    const limited = await refresh(other, cacheFor(other));
    assert.equal(limited.errors[0]?.kind, 'rateLimited');
    const until = limited.errors[0]!.details.until!;
    assert.ok(until >= before + 119_000 && until <= Date.now() + 120_000, 'until = now + retry-after');
    assert.equal(limited.requests, 1, 'a 429 is not retried by the retry plugin');
  });

  it('secondary limit without retry-after: at least 60 s, nothing sent meanwhile', async () => {
    // GitHub's secondary-limit answer: a 403 whose message names it; the throttling plugin recognises it.
    await serve(() => ({ status: 403, headers: coreHeaders(), body: errorBody('You have exceeded a secondary rate limit. Please wait a few minutes before you try again.') }));
    const client = clientFor(server);
    const before = Date.now();
    const result = await refresh(client, cacheFor(client));
    assert.equal(result.errors[0]?.kind, 'rateLimited');
    assert.ok(result.errors[0]!.details.until! >= before + 60_000);
    assert.equal(result.requests, 1);
    assert.equal((await refresh(client, cacheFor(client))).requests, 0);
  });

  it('5xx: retried a bounded number of times, then serverError; other work continues', async () => {
    await serve((r) => (r.pathname === `/repos/${A}/pulls` ? { status: 502, headers: coreHeaders(), body: errorBody('Bad Gateway') } : (undefined)));
    const client = clientFor(server, { retries: 2 });
    const result = await refresh(client, cacheFor(client));
    assert.deepEqual(result.errors.map((e) => [e.kind, e.details.scope]), [['serverError', A]]);
    assert.equal(server.seen.filter((r) => r.pathname === `/repos/${A}/pulls`).length, 3, '1 + 2 retries');
    assert.ok(result.candidates.some((c) => c.id.startsWith('bug:')), 'bugs still came through');
  });

  it('a server that never answers: timeout within the bound, and the refresh stops', async () => {
    await serve(() => 'hang');
    const client = clientFor(server, { requestTimeoutMs: 300 });
    const started = Date.now();
    const result = await refresh(client, cacheFor(client), { repos: [REPO_A, REPO_B] });
    assert.ok(Date.now() - started < 1500, `bounded (${Date.now() - started} ms)`);
    assert.deepEqual(result.errors.map((e) => e.kind), ['timeout']);
  });

  it('connection reset or refused: network error after bounded retries', async () => {
    await serve(() => 'reset');
    const client = clientFor(server);
    const result = await refresh(client, cacheFor(client));
    assert.deepEqual(result.errors.map((e) => e.kind), ['network']);
    assert.ok(result.requests <= 3 + 1, `bounded (${result.requests})`);
  });

  it('SAML SSO on one org: ssoRequired with the URL for that repository, the other succeeds', async () => {
    const sso = 'https://github.com/orgs/octokit-fixture-org/sso?authorization_request=abc';
    await serve((r) => (r.pathname.startsWith(`/repos/${B}/`)
      ? { status: 403, headers: { ...coreHeaders(), 'x-github-sso': `required; url=${sso}` }, body: errorBody('Resource protected by organization SAML enforcement.') }
      : (undefined)));
    const client = clientFor(server);
    const result = await refresh(client, cacheFor(client), { repos: [REPO_B, REPO_A] });
    assert.deepEqual(result.errors.map((e) => [e.kind, e.details.scope, e.details.ssoUrl]), [['ssoRequired', B, sso]]);
    assert.ok(result.candidates.some((c) => c.repo === A && c.id.startsWith('bug:')));
    assert.equal(result.partial, true);
  });

  it('search 422 (recorded validation body): validation error, partial, repositories still read', async () => {
    await serve((r) => (r.pathname === '/search/issues' ? { status: 422, headers: searchHeaders(), body: recordedValidationError.response } : (undefined)));
    const client = clientFor(server);
    const result = await refresh(client, cacheFor(client));
    assert.deepEqual(result.errors.map((e) => [e.kind, e.details.scope]), [['validation', 'search']]);
    assert.equal(result.partial, true);
    assert.ok(result.candidates.length > 0);
  });

  it('incomplete_results or more than we read: partial', async () => {
    const w = world(NOW);
    w.searchExtra = { incomplete_results: true };
    server = await startServer(githubHandler(w));
    const client = clientFor(server);
    assert.equal((await refresh(client, cacheFor(client))).partial, true);
    w.searchExtra = { total_count: 1500 };
    assert.equal((await refresh(client, cacheFor(client), { searchMaxAgeMs: 0 })).partial, true);
  });

  it('a classic token without repo scope is reported', async () => {
    await serve(() => undefined);
    const client = clientFor(server);
    const result = await refresh(client, cacheFor(client));
    // The recorded headers list the recording token's scopes, repo included.
    assert.equal(result.missingRepoScope, false);
    server.handler = githubHandler(world(NOW), (r) => {
      const reply = githubHandler(world(NOW))(r) as { status: number; headers: Record<string, string> };
      return { ...reply, headers: { ...reply.headers, 'x-oauth-scopes': 'read:user, user:email' } };
    });
    assert.equal((await refresh(client, cacheFor(client), { searchMaxAgeMs: 0 })).missingRepoScope, true);
  });

  it('classified errors are GitHubErrors', async () => {
    await serve(() => ({ status: 404, headers: coreHeaders(), body: errorBody('Not Found') }));
    const client = clientFor(server);
    const result = await refresh(client, cacheFor(client));
    assert.ok(result.errors.every((e) => GitHubError.is(e)));
    assert.ok(result.errors.some((e) => GitHubError.is(e, 'notFound')));
  });
});
