/**
 * GitHub task sources for one refresh: review requests, the unblock list and small bugs, as core
 * TaskCandidates. Never throws for one repository's failure: each failure becomes a classified error with
 * its scope (`owner/name`, `owner/name#12`, `search`) and the rest carries on. Failures that would fail
 * every later request too (401, rate limit, offline, timeout) stop the refresh early instead of repeating.
 *
 * Request budget when nothing changed: one 304 for the open-PR list and one for the issue list per
 * repository (plus one per bug label for repositories with over 100 unassigned open issues), and the review
 * search only when its result is older than `searchMaxAgeMs` (search answers carry no ETag, so they cost
 * search quota). Per-PR details are reused while the PR's `updated_at` is unchanged: no request.
 *
 * On failure the caller keeps showing its previous candidates for the failed scopes, with `asOf`.
 */
import type { LocalDay } from '../../core/model';
import type { TaskCandidate } from '../../core/tasks';
import { SystemCalendar } from '../systemCalendar';
import { listBugIssues, bugCandidates, currentMilestone } from './bugs';
import type { GitHubClient } from './client';
import type { FetchContext } from './context';
import { classifyGitHubError, GitHubError } from './errors';
import type { GitHubErrorKind } from './errors';
import { accountKey } from './etagCache';
import type { GitHubCache } from './etagCache';
import { mapLimit } from '../mapLimit';
import { directRequests, listOpenPulls, reviewCandidate, searchReviewRequests, unblockCandidate, unblockSuspects } from './reviews';
import type { PullList } from './reviews';
import type { RepoRef } from './shapes';
import { repoKey } from './shapes';

export { createGitHubClient } from './client';
export type { GitHubClient, GitHubClientOptions } from './client';
export { GitHubError } from './errors';
export type { GitHubErrorKind } from './errors';
export { accountKey, GitHubCache } from './etagCache';
export type { GitHubCacheSnapshot } from './etagCache';
export { normalizeGitHubBaseUrl, GitHubUrlError, webUrlFor } from './baseUrl';
export type { RepoRef } from './shapes';
export { parseRepoKey } from './shapes';

export interface FetchGitHubOptions {
  readonly client: GitHubClient;
  /** Workspace repositories (from their GitHub remotes). */
  readonly repos: readonly RepoRef[];
  /** `handsOn.github.bugLabels`. */
  readonly bugLabels: readonly string[];
  readonly includeTeamReviews: boolean;
  /** The signed-in user's login. */
  readonly login: string;
  /** Must belong to `accountKey(client.baseUrl, login)`. */
  readonly cache: GitHubCache;
  readonly now?: number;
  readonly dayOf?: (epochMs: number) => LocalDay;
  /** Reuse the review search this long. Default 15 min; pass 0 for a refresh the user asked for. */
  readonly searchMaxAgeMs?: number;
  /** Unblock list: at most this many changed lines. Default 100. */
  readonly unblockMaxLines?: number;
  /** Unblock suspects examined per repository (newest first). Default 20. */
  readonly unblockMaxPerRepo?: number;
  readonly concurrency?: number;
}

export interface GitHubFetchResult {
  readonly candidates: TaskCandidate[];
  /** Something was left out: an error, incomplete search results, an SSO-hidden org. */
  readonly partial: boolean;
  readonly errors: GitHubError[];
  /** HTTP requests sent in this refresh, retries and 304s included. */
  readonly requests: number;
  /** Requests GitHub charged to a rate limit (answers with x-ratelimit-* that were not 304). */
  readonly rateLimitCost: number;
  readonly asOf: number;
  /** When some rate limit is in force: the time requests resume ("refreshes at HH:MM"). */
  readonly rateLimitedUntil?: number;
  /** The token is a classic OAuth token without `repo`: private repositories are invisible (faults.md 4). */
  readonly missingRepoScope: boolean;
}

/** Kinds that would fail every later request of this refresh the same way. */
const STOPS_REFRESH = new Set<GitHubErrorKind>(['unauthorized', 'rateLimited', 'network', 'timeout']);
const DEFAULT_SEARCH_MAX_AGE_MS = 15 * 60_000;

export async function fetchGitHubCandidates(options: FetchGitHubOptions): Promise<GitHubFetchResult> {
  const { client, cache, login } = options;
  if (cache.account !== accountKey(client.baseUrl, login)) {
    throw new Error('GitHub cache belongs to another account; make it with GitHubCache.restore(snapshot, accountKey(baseUrl, login)).');
  }
  const now = options.now ?? Date.now();
  const calendar = options.dayOf ? undefined : new SystemCalendar();
  const ctx: FetchContext = { client, cache, login, now, dayOf: options.dayOf ?? ((ms) => calendar!.dayOf(ms)) };
  const start = { requests: client.meter.requests, cost: client.meter.rateLimitCost };
  const concurrency = options.concurrency ?? 4;
  const errors: GitHubError[] = [];
  const found = new Map<string, TaskCandidate>();
  let partial = false;
  let stopped = false;

  const guard = async <T>(scope: string, work: () => Promise<T>): Promise<T | undefined> => {
    if (stopped) {
      partial = true;
      return undefined;
    }
    try {
      return await work();
    } catch (error) {
      const classified = classifyGitHubError(error, Date.now()).withScope(scope);
      partial = true;
      if (!errors.some((e) => e.kind === classified.kind && (STOPS_REFRESH.has(e.kind) || e.details.scope === scope))) errors.push(classified);
      if (STOPS_REFRESH.has(classified.kind)) stopped = true;
      return undefined;
    }
  };
  const add = (candidate: TaskCandidate | undefined): void => {
    if (candidate && !found.has(candidate.id)) found.set(candidate.id, candidate);
  };

  const pullLists = new Map<string, PullList>();
  await mapLimit(options.repos, concurrency, async (repo) => {
    const name = repoKey(repo);
    const pulls = await guard(name, () => listOpenPulls(ctx, repo));
    if (pulls) pullLists.set(name, pulls);
    const issues = await guard(name, () => listBugIssues(ctx, repo, options.bugLabels));
    if (issues) {
      const milestone = await guard(name, () => currentMilestone(ctx, repo, issues));
      for (const bug of bugCandidates(repo, issues.issues, pulls?.pulls ?? [], milestone)) add(bug);
    }
    if (!pulls) return;
    const ref = (p: { number: number; title: string; url: string; updatedAt: number }) => ({ repo: name, number: p.number, title: p.title, url: p.url, updatedAt: p.updatedAt });
    for (const p of directRequests(pulls.pulls, login)) add(await guard(`${name}#${p.number}`, () => reviewCandidate(ctx, ref(p), 'me')));
    const suspects = unblockSuspects(pulls.pulls, login, now).sort((a, b) => b.createdAt - a.createdAt).slice(0, options.unblockMaxPerRepo ?? 20);
    for (const p of suspects) add(await guard(`${name}#${p.number}`, () => unblockCandidate(ctx, ref(p), options.unblockMaxLines ?? 100)));
  });

  const search = await guard('search', () => searchReviewRequests(ctx, options.includeTeamReviews, options.searchMaxAgeMs ?? DEFAULT_SEARCH_MAX_AGE_MS));
  if (search) {
    partial ||= search.partial;
    const pending = search.items.filter((item) => {
      if (found.has(`review:${item.repo}#${item.number}`)) return false;
      // A workspace repository's fresh PR list is the truth for direct requests; the search may be reused and stale.
      return options.includeTeamReviews || !pullLists.has(item.repo);
    });
    const results = await mapLimit(pending, concurrency, (item) =>
      guard(`${item.repo}#${item.number}`, () => reviewCandidate(ctx, item, options.includeTeamReviews ? 'team' : 'me')));
    results.forEach(add);
  }

  const scopes = client.meter.scopes;
  const rateLimitedUntil = client.rateLimitedUntil();
  return {
    candidates: [...found.values()],
    partial,
    errors,
    requests: client.meter.requests - start.requests,
    rateLimitCost: client.meter.rateLimitCost - start.cost,
    asOf: now,
    ...(rateLimitedUntil !== undefined && { rateLimitedUntil }),
    missingRepoScope: scopes !== undefined && !scopes.split(',').map((s) => s.trim()).includes('repo'),
  };
}
