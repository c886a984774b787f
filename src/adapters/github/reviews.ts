/**
 * Review requests and the "unblock" list.
 *
 * - Requests for the user, anywhere: one search, `is:pr is:open archived:false -is:draft` plus
 *   `user-review-requested:@me` (direct only) or `review-requested:@me` (teams too). GitHub sends search
 *   answers with `Cache-Control: no-cache` and no ETag (see the recorded search-issues fixture), so a search
 *   can never be a free 304: its result is reused for `searchMaxAgeMs` instead.
 * - Requests in workspace repositories are also read from each repository's open-PR list (ETag-cached,
 *   needed for the unblock list anyway), so those stay current even while the search result is reused.
 * - Unblock: open, non-draft PRs by others in workspace repositories, at most `maxLines` changed lines,
 *   waiting more than one working day with no review from anyone.
 */
import { sanitizeTitle } from '../../core/displayText';
import { workingDaysBetween } from '../../core/workingDays';
import type { ReviewSignals, TaskCandidate } from '../../core/tasks';
import type { FetchContext } from './context';
import { sameLogin } from './context';
import { conditionalGet } from './etagCache';
import type { PullDetails } from './pullDetails';
import { pullDetails } from './pullDetails';
import type { RepoRef, SlimPull, SlimSearchPull } from './shapes';
import { projectPull, projectSearchPull, repoKey } from './shapes';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PullList {
  readonly pulls: readonly SlimPull[];
  /** False when GitHub answered 304: nothing in the list changed. */
  readonly fresh: boolean;
}

/** The newest 100 open PRs of a repository (one request; enough for "waiting a day or two"). */
export async function listOpenPulls(ctx: FetchContext, repo: RepoRef): Promise<PullList> {
  const name = repoKey(repo);
  const result = await conditionalGet(ctx.client, ctx.cache, 'GET /repos/{owner}/{repo}/pulls', { owner: repo.owner, repo: repo.name, state: 'open', per_page: 100 },
    (data) => (Array.isArray(data) ? data : []).map((p) => projectPull(p, name)));
  return { pulls: result.value, fresh: result.fresh };
}

export interface ReviewSearch {
  readonly items: readonly SlimSearchPull[];
  /** incomplete_results, more than we read (1,000 at most exist for search), or SSO-hidden orgs. */
  readonly partial: boolean;
  /** When the search ran (it may be reused from the cache). */
  readonly at: number;
}

export function reviewSearchQuery(includeTeamReviews: boolean): string {
  return `is:pr is:open archived:false -is:draft ${includeTeamReviews ? 'review-requested:@me' : 'user-review-requested:@me'}`;
}

export async function searchReviewRequests(ctx: FetchContext, includeTeamReviews: boolean, maxAgeMs: number): Promise<ReviewSearch> {
  const q = reviewSearchQuery(includeTeamReviews);
  const key = `search:${q}`;
  const cached = ctx.cache.get(key)?.value as ReviewSearch | undefined;
  if (cached && ctx.now - cached.at >= 0 && ctx.now - cached.at < maxAgeMs) return cached;
  const result = await conditionalGet(ctx.client, ctx.cache, 'GET /search/issues', { q, per_page: 100 }, (data, headers) => {
    const d = data as { total_count?: number; incomplete_results?: boolean; items?: unknown[] };
    const items = (d.items ?? []).map(projectSearchPull).filter((p) => p.repo !== '');
    const ssoHidden = String(headers['x-github-sso'] ?? '').startsWith('partial-results');
    return { items, partial: d.incomplete_results === true || (d.total_count ?? 0) > items.length || ssoHidden, at: ctx.now };
  });
  const search = { ...result.value, at: ctx.now };
  ctx.cache.set(key, { value: search, at: ctx.now });
  return search;
}

/** PRs in this repository's list that ask the user directly for review (no search needed). */
export function directRequests(pulls: readonly SlimPull[], login: string): SlimPull[] {
  return pulls.filter((p) => !p.draft && p.requestedUsers.some((u) => sameLogin(u, login)));
}

/** Cheap pre-filter before any per-PR request: not draft, not ours, not asking us, at least a day old. */
export function unblockSuspects(pulls: readonly SlimPull[], login: string, now: number): SlimPull[] {
  return pulls.filter((p) => !p.draft && !sameLogin(p.author, login) && !p.requestedUsers.some((u) => sameLogin(u, login)) && now - p.createdAt > DAY_MS);
}

export interface PullRef {
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly updatedAt: number;
}

export async function reviewCandidate(ctx: FetchContext, pull: PullRef, requested: 'me' | 'team'): Promise<TaskCandidate> {
  const d = await pullDetails(ctx, pull.repo, pull.number, pull.updatedAt);
  const viaTeam = requested === 'team' && !d.requestedUsers.some((u) => sameLogin(u, ctx.login));
  const since = (viaTeam ? d.requestedFromTeamAt : d.requestedFromMeAt) ?? d.readyAt ?? d.createdAt;
  return candidate(pull, d, since, viaTeam);
}

/** The unblock candidate, or undefined when the details rule it out (too big, reviewed, not waiting long). */
export async function unblockCandidate(ctx: FetchContext, pull: PullRef, maxLines: number): Promise<TaskCandidate | undefined> {
  const d = await pullDetails(ctx, pull.repo, pull.number, pull.updatedAt);
  if (d.draft || d.reviewCount > 0 || d.additions + d.deletions > maxLines) return undefined;
  const since = d.readyAt ?? d.createdAt;
  // Same rule as core/taskValue isUnblockWorthy: more than one working day on the user's calendar.
  if (workingDaysBetween(since, ctx.now, ctx.dayOf) <= 1) return undefined;
  return candidate(pull, d, since, false);
}

function candidate(pull: PullRef, d: PullDetails, waitingSince: number, viaTeam: boolean): TaskCandidate {
  const signals: ReviewSignals = {
    kind: 'review',
    additions: d.additions,
    deletions: d.deletions,
    changedFiles: d.changedFiles,
    waitingSince,
    isDraft: d.draft,
    viaTeam,
    reviewCount: d.reviewCount,
  };
  return { id: `review:${pull.repo}#${pull.number}`, title: sanitizeTitle(pull.title), repo: pull.repo, url: pull.url, number: pull.number, signals };
}
