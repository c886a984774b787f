/** Shared wiring for the GitHub adapter tests: a server, a client pointed at it, a cache for ME. */
import { createGitHubClient } from '../../../../src/adapters/github/client';
import type { GitHubClient, GitHubClientOptions } from '../../../../src/adapters/github/client';
import { accountKey, GitHubCache } from '../../../../src/adapters/github/etagCache';
import { fetchGitHubCandidates } from '../../../../src/adapters/github/index';
import type { FetchGitHubOptions } from '../../../../src/adapters/github/index';
import { fixedOffsetCalendar } from '../../helpers/zoneCalendar';
import { ME, REPO_A } from './fakeGitHub';
import type { FixtureServer } from './fixtureServer';

/** Thursday noon UTC. */
export const NOW = Date.parse('2024-03-14T12:00:00Z');
export const utc = fixedOffsetCalendar(0);

export function clientFor(server: FixtureServer, options: Partial<GitHubClientOptions> = {}): GitHubClient {
  return createGitHubClient({ token: 'gho_test', baseUrl: server.baseUrl, userAgent: 'hands-on-test', retryBaseMs: 5, requestTimeoutMs: 2000, ...options });
}

export function cacheFor(client: GitHubClient, login = ME): GitHubCache {
  return GitHubCache.empty(accountKey(client.baseUrl, login));
}

export function refresh(client: GitHubClient, cache: GitHubCache, options: Partial<FetchGitHubOptions> = {}) {
  return fetchGitHubCandidates({
    client,
    cache,
    repos: [REPO_A],
    bugLabels: ['bug', 'good first issue', 'help wanted'],
    includeTeamReviews: false,
    login: ME,
    now: NOW,
    dayOf: utc.dayOf,
    ...options,
  });
}
