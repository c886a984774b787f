/**
 * Small bugs: open, unassigned issues with one of the bug labels, in the workspace repositories.
 *
 * Requests (core limit, ETag-cached, so an unchanged repository costs one free 304):
 * - One `GET /repos/{o}/{r}/issues?state=open&assignee=none&per_page=100`, labels matched here rather than
 *   by the server, so N labels cost one request, not N, and odd label spellings still match.
 * - Only when that page is full (a next page exists) one more request per label, filtered by the server,
 *   so big repositories are not limited to their 100 newest unassigned issues.
 * - The milestones list, only when a matching issue has a milestone and the issue list changed.
 *
 * Linked PRs: taken from the repository's open-PR list (fetched anyway for reviews) by closing keywords
 * ("Fixes #12") and our own branch name: no request per issue. Such issues are returned with
 * `hasLinkedPullRequest: true`; core/rank excludes them as in progress. Links made only in the sidebar are missed.
 */
import { sanitizeTitle } from '../../core/displayText';
import type { BugSignals, TaskCandidate } from '../../core/tasks';
import type { FetchContext } from './context';
import { conditionalGet } from './etagCache';
import type { RepoRef, SlimIssue, SlimPull } from './shapes';
import { hasNextPage, projectIssue, repoKey } from './shapes';

export interface IssuePage {
  readonly issues: readonly SlimIssue[];
  readonly more: boolean;
}

export interface BugIssues {
  readonly issues: readonly SlimIssue[];
  readonly fresh: boolean;
}

/** Lower case, NFKC, emoji and decoration dropped: "🐛 Bug", "BUG" and "bug " all read as "bug". */
export function normalizeLabel(label: string): string {
  return label.normalize('NFKC').replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A label matches a configured one when equal after normalising, or when its last `:`/`/` segment is ("type: bug", "kind/bug"). */
export function labelMatches(label: string, wanted: ReadonlySet<string>): boolean {
  const n = normalizeLabel(label);
  if (wanted.has(n)) return true;
  const last = n.split(/[:/]/).pop()?.trim();
  return last !== undefined && last !== n && wanted.has(last);
}

export async function listBugIssues(ctx: FetchContext, repo: RepoRef, bugLabels: readonly string[]): Promise<BugIssues> {
  const wanted = new Set(bugLabels.map(normalizeLabel).filter(Boolean));
  const base = { owner: repo.owner, repo: repo.name, state: 'open', assignee: 'none', per_page: 100 };
  const first = await page(ctx, base);
  let fresh = first.fresh;
  const byNumber = new Map<number, SlimIssue>();
  const keep = (issues: readonly SlimIssue[]): void => {
    for (const i of issues) if (!i.isPullRequest && i.assignees.length === 0 && i.labels.some((l) => labelMatches(l, wanted))) byNumber.set(i.number, i);
  };
  keep(first.value.issues);
  if (first.value.more) {
    for (const label of bugLabels) {
      // GitHub splits `labels` on commas, so a label containing one cannot be asked for by name.
      if (label.includes(',')) continue;
      const filtered = await page(ctx, { ...base, labels: label });
      fresh ||= filtered.fresh;
      keep(filtered.value.issues);
    }
  }
  return { issues: [...byNumber.values()], fresh };
}

function page(ctx: FetchContext, params: Record<string, string | number>) {
  return conditionalGet(ctx.client, ctx.cache, 'GET /repos/{owner}/{repo}/issues', params, (data, headers): IssuePage => ({
    issues: (Array.isArray(data) ? data : []).map(projectIssue),
    more: hasNextPage(headers),
  }));
}

/**
 * The repository's current milestone: the open one whose due date is nearest to now. Asked only when some
 * bug has a milestone; reused while the issue list is unchanged (a due-date edit alone is noticed later).
 */
export async function currentMilestone(ctx: FetchContext, repo: RepoRef, issues: BugIssues): Promise<number | undefined> {
  if (!issues.issues.some((i) => i.milestone?.open)) return undefined;
  const key = `milestone:${repoKey(repo)}`;
  const cached = ctx.cache.get(key);
  if (cached && !issues.fresh) return cached.value as number | undefined;
  const result = await conditionalGet(ctx.client, ctx.cache, 'GET /repos/{owner}/{repo}/milestones', { owner: repo.owner, repo: repo.name, state: 'open', per_page: 100 },
    (data) => (Array.isArray(data) ? data : []).map((m) => ({ number: Number((m as { number?: unknown }).number), dueOn: Date.parse(String((m as { due_on?: unknown }).due_on ?? '')) })));
  let best: number | undefined;
  let bestDistance = Infinity;
  for (const m of result.value) {
    if (!Number.isFinite(m.dueOn)) continue;
    const distance = Math.abs(m.dueOn - ctx.now);
    if (distance < bestDistance) [best, bestDistance] = [m.number, distance];
  }
  ctx.cache.set(key, { value: best, at: ctx.now });
  return best;
}

export function bugCandidates(repo: RepoRef, issues: readonly SlimIssue[], pulls: readonly SlimPull[], milestone: number | undefined): TaskCandidate[] {
  const name = repoKey(repo);
  const linked = new Set(pulls.flatMap((p) => p.closes));
  return issues.map((i) => {
    const signals: BugSignals = {
      kind: 'bug',
      bodyLength: i.bodyLength,
      comments: i.comments,
      labels: i.labels,
      createdAt: i.createdAt,
      assignees: i.assignees,
      hasLinkedPullRequest: linked.has(i.number),
      inCurrentMilestone: milestone !== undefined && i.milestone?.number === milestone,
    };
    return { id: `bug:${name}#${i.number}`, title: sanitizeTitle(i.title), repo: name, url: i.url, number: i.number, signals };
  });
}
