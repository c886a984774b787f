import assert from 'node:assert/strict';
import { classifyGitHubError, GitHubError, SECONDARY_MAX_MS, SECONDARY_MIN_MS } from '../../../../src/adapters/github/errors';

const NOW = 1_700_000_000_000;
const fail = (status: number, headers: Record<string, string> = {}, message = 'any text') =>
  Object.assign(new Error(message), { status, response: { headers }, request: { method: 'GET', url: 'https://api.github.com/repos/o/r/issues?x=1' } });

describe('GitHub adapter: error classification (status and headers only)', () => {
  it('maps statuses', () => {
    assert.equal(classifyGitHubError(fail(401), NOW).kind, 'unauthorized');
    assert.equal(classifyGitHubError(fail(403), NOW).kind, 'forbidden');
    assert.equal(classifyGitHubError(fail(404), NOW).kind, 'notFound');
    assert.equal(classifyGitHubError(fail(422), NOW).kind, 'validation');
    assert.equal(classifyGitHubError(fail(503), NOW).kind, 'serverError');
    assert.equal(classifyGitHubError(fail(403), NOW).details.request, 'GET /repos/o/r/issues', 'no query, no token');
  });

  it('ignores message text: a 403 that merely says "rate limit" is forbidden', () => {
    assert.equal(classifyGitHubError(fail(403, {}, 'API rate limit exceeded'), NOW).kind, 'forbidden');
  });

  it('rate limits: retry-after first, then remaining 0 → reset, then 429 / secondary ≥ 60 s doubling, capped', () => {
    assert.equal(classifyGitHubError(fail(403, { 'retry-after': '30', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700009999' }), NOW).details.until, NOW + 30_000);
    assert.equal(classifyGitHubError(fail(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700003600' }), NOW).details.until, 1_700_003_600_000);
    assert.equal(classifyGitHubError(fail(429), NOW).details.until, NOW + SECONDARY_MIN_MS);
    assert.equal(classifyGitHubError(fail(403), NOW, { secondaryLimit: true, secondaryStreak: 2 }).details.until, NOW + 4 * SECONDARY_MIN_MS);
    assert.equal(classifyGitHubError(fail(403), NOW, { secondaryLimit: true, secondaryStreak: 50 }).details.until, NOW + SECONDARY_MAX_MS);
  });

  it('SSO: ssoRequired with the authorisation URL', () => {
    const e = classifyGitHubError(fail(403, { 'x-github-sso': 'required; url=https://github.com/orgs/acme/sso?authorization_request=x' }), NOW);
    assert.deepEqual([e.kind, e.details.ssoUrl], ['ssoRequired', 'https://github.com/orgs/acme/sso?authorization_request=x']);
  });

  it('no HTTP answer: network; our timeout or a TimeoutError: timeout', () => {
    assert.equal(classifyGitHubError(Object.assign(new Error('fetch failed'), { status: 500, request: {} }), NOW).kind, 'network');
    assert.equal(classifyGitHubError(Object.assign(new Error('x'), { name: 'AbortError', handsOnTimeout: true }), NOW).kind, 'timeout');
    assert.equal(classifyGitHubError(new DOMException('t', 'TimeoutError'), NOW).kind, 'timeout');
    assert.equal(classifyGitHubError('weird', NOW).kind, 'network');
  });

  it('is() checks the brand and optionally the kind', () => {
    const e = new GitHubError('notFound', 'x');
    assert.ok(GitHubError.is(e));
    assert.ok(GitHubError.is(e, 'notFound'));
    assert.equal(GitHubError.is(e, 'timeout'), false);
    assert.ok(!GitHubError.is(new Error('x')));
    assert.equal(e.withScope('o/r').details.scope, 'o/r');
  });
});
