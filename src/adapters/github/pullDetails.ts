/**
 * What the PR lists do not say: size (additions/deletions/changed files, only on the single-PR endpoint),
 * reviews given, and when review was requested.
 *
 * Request time comes from the issue timeline's `review_requested` events (exact, and the same page also
 * lists `reviewed` events, so one request gives both). Only the first 100 timeline events are read: when the
 * latest request for us is not among them we fall back to when the PR became ready for review, else when it
 * was opened (ReviewSignals allows "or the PR opened, if unknown"). If the timeline has more pages, the
 * review count comes from the reviews endpoint instead, so "no review yet" is never a guess.
 *
 * Derived-cached by the PR's `updated_at` (a new commit, review or review request bumps it): an unchanged PR
 * costs no request at all, not even a 304.
 */
import type { FetchContext } from './context';
import { sameLogin } from './context';
import { conditionalGet } from './etagCache';
import { hasNextPage, parseRepoKey } from './shapes';

export interface PullDetails {
  readonly additions: number;
  readonly deletions: number;
  readonly changedFiles: number;
  readonly draft: boolean;
  readonly author: string | undefined;
  readonly requestedUsers: readonly string[];
  readonly createdAt: number;
  /** Reviews by anyone but the author (an author's replies are stored as "commented" reviews). */
  readonly reviewCount: number;
  /** Latest review request addressed to the signed-in user / to any team. */
  readonly requestedFromMeAt: number | undefined;
  readonly requestedFromTeamAt: number | undefined;
  /** Latest draft → ready transition. */
  readonly readyAt: number | undefined;
}

interface TimelineSummary {
  readonly reviewers: number;
  readonly requestedFromMeAt: number | undefined;
  readonly requestedFromTeamAt: number | undefined;
  readonly readyAt: number | undefined;
  readonly truncated: boolean;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const time = (v: unknown): number | undefined => {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? t : undefined;
};
const later = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined ? b : b === undefined ? a : Math.max(a, b));

export async function pullDetails(ctx: FetchContext, repo: string, number: number, updatedAt: number): Promise<PullDetails> {
  const key = `pr:${repo}#${number}`;
  const cached = ctx.cache.get(key)?.value as { updatedAt: number; details: PullDetails } | undefined;
  if (cached && cached.updatedAt === updatedAt) return cached.details;

  const { owner, name } = parseRepoKey(repo);
  const pull = await conditionalGet(ctx.client, ctx.cache, 'GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner, repo: name, pull_number: number }, (data) => {
    const p = obj(data);
    return {
      additions: Number(p.additions) || 0,
      deletions: Number(p.deletions) || 0,
      changedFiles: Number(p.changed_files) || 0,
      draft: p.draft === true,
      author: typeof obj(p.user).login === 'string' ? (obj(p.user).login as string) : undefined,
      requestedUsers: (Array.isArray(p.requested_reviewers) ? p.requested_reviewers : []).map((u) => String(obj(u).login ?? '')).filter(Boolean),
      createdAt: time(p.created_at) ?? 0,
    };
  });
  const author = pull.value.author;
  const timeline = await conditionalGet(ctx.client, ctx.cache, 'GET /repos/{owner}/{repo}/issues/{issue_number}/timeline', { owner, repo: name, issue_number: number, per_page: 100 },
    (data, headers): TimelineSummary => summarizeTimeline(Array.isArray(data) ? data : [], author, ctx.login, hasNextPage(headers)));
  let reviewCount = timeline.value.reviewers;
  if (timeline.value.truncated) {
    const reviews = await conditionalGet(ctx.client, ctx.cache, 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { owner, repo: name, pull_number: number, per_page: 100 },
      (data) => (Array.isArray(data) ? data : []).filter((r) => obj(r).state !== 'PENDING' && !sameLogin(String(obj(obj(r).user).login ?? ''), author ?? '')).length);
    reviewCount = reviews.value;
  }
  const details: PullDetails = {
    ...pull.value,
    reviewCount,
    requestedFromMeAt: timeline.value.requestedFromMeAt,
    requestedFromTeamAt: timeline.value.requestedFromTeamAt,
    readyAt: timeline.value.readyAt,
  };
  ctx.cache.set(key, { value: { updatedAt, details }, at: ctx.now });
  return details;
}

function summarizeTimeline(events: unknown[], author: string | undefined, login: string, truncated: boolean): TimelineSummary {
  let reviewers = 0;
  let requestedFromMeAt: number | undefined;
  let requestedFromTeamAt: number | undefined;
  let readyAt: number | undefined;
  for (const raw of events) {
    const e = obj(raw);
    if (e.event === 'reviewed') {
      const by = obj(e.user).login;
      if (e.state !== 'pending' && !(typeof by === 'string' && author !== undefined && sameLogin(by, author))) reviewers++;
    } else if (e.event === 'review_requested') {
      const at = time(e.created_at);
      if (sameLogin(obj(e.requested_reviewer).login as string | undefined, login)) requestedFromMeAt = later(requestedFromMeAt, at);
      else if (e.requested_team) requestedFromTeamAt = later(requestedFromTeamAt, at);
    } else if (e.event === 'ready_for_review') {
      readyAt = later(readyAt, time(e.created_at));
    }
  }
  return { reviewers, requestedFromMeAt, requestedFromTeamAt, readyAt, truncated };
}
