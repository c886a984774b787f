/**
 * A small GitHub built from recorded @octokit/fixtures bodies, for the local server.
 *
 * Recorded and used as-is (shape): issue objects (paginate-issues), label objects (labels), the search
 * answer envelope and its headers (search-issues: note it has no ETag and `cache-control: no-cache`),
 * the 422 body (errors), response headers with x-ratelimit-* (paginate-issues, search-issues).
 * Not recorded anywhere in the package, so built from the nearest recorded body and said so where built:
 * pull requests (an issue object plus the PR-only keys), review-request searches (the recorded search
 * envelope holding PR items), timelines and milestones (GitHub's documented event/milestone keys),
 * 304s, rate-limit answers and SSO answers (recorded headers with the limit headers changed).
 */
import { createHash } from 'node:crypto';
import { clone, scenario } from './fixtureServer';
import type { Handler, Reply, SeenRequest } from './fixtureServer';

export const ME = 'hands-on-lead';
export const REPO_A = { owner: 'octokit-fixture-org', name: 'paginate-issues' };
export const REPO_B = { owner: 'octokit-fixture-org', name: 'hello-world' };
export const OTHER_REPO = 'octokit-fixture-org/search-issues';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Json = Record<string, any>;

const issuesRecords = scenario('paginate-issues');
const recordedIssues: Json[] = issuesRecords.flatMap((r) => r.response as Json[]);
const recordedCoreHeaders = issuesRecords[0]!.headers;
const searchRecord = scenario('search-issues')[0]!;
const recordedLabel = (scenario('labels').find((r) => r.method === 'get' && r.path.endsWith('/labels/test-label'))!.response) as Json;
export const recordedValidationError = scenario('errors')[0]!;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
export const label = (name: string): Json => ({ ...clone(recordedLabel), name });

/** Recorded headers with a live reset time (the normalised recordings hold a placeholder). */
export function coreHeaders(remaining = 4999, resetAt = Date.now() + HOUR): Record<string, string | number> {
  const h = { ...recordedCoreHeaders } as Record<string, string | number>;
  delete h.etag;
  delete h.link;
  h['x-ratelimit-remaining'] = String(remaining);
  h['x-ratelimit-reset'] = String(Math.floor(resetAt / 1000));
  return h;
}

export function searchHeaders(): Record<string, string | number> {
  const h = { ...searchRecord.headers } as Record<string, string | number>;
  h['x-ratelimit-reset'] = String(Math.floor((Date.now() + 60_000) / 1000));
  return h;
}

function issue(number: number, patch: Json): Json {
  const base = clone(recordedIssues.find((i) => i.number === number) ?? recordedIssues[0]!);
  const url = `https://github.com/${REPO_A.owner}/${REPO_A.name}/issues/${number}`;
  return { ...base, number, html_url: url, ...patch };
}

/** A PR: GitHub's pull object shares the issue keys and adds these (no recorded pull in the package). */
function pull(repo: string, number: number, p: { author: string; requested?: string[]; draft?: boolean; created: number; body?: string; additions: number; deletions: number; files: number; teams?: string[] }): Json {
  const base = clone(recordedIssues[0]!);
  const user = (login: string): Json => ({ ...clone(base.user), login });
  return {
    ...base,
    number,
    title: `PR ${number} in ${repo}`,
    html_url: `https://github.com/${repo}/pull/${number}`,
    user: user(p.author),
    body: p.body ?? null,
    draft: p.draft ?? false,
    created_at: iso(p.created),
    updated_at: iso(p.created + HOUR),
    requested_reviewers: (p.requested ?? []).map(user),
    requested_teams: (p.teams ?? []).map((slug) => ({ slug, name: slug })),
    head: { ref: `feature/${number}` },
    additions: p.additions,
    deletions: p.deletions,
    changed_files: p.files,
  };
}

export interface World {
  readonly now: number;
  issues: Json[];
  pulls: Map<string, Json[]>;
  timelines: Map<string, Json[]>;
  milestones: Json[];
  searchItems: Json[];
  searchExtra: Json;
  /** Open issues of repositories other than REPO_A, by `owner/name`. */
  otherIssues: Map<string, Json[]>;
}

export function world(now: number): World {
  const milestoneSoon = { number: 2, title: 'Sprint 7', state: 'open', due_on: iso(now + 3 * DAY) };
  const issues = [
    issue(13, { labels: [label('bug')] }),
    issue(12, { labels: [label('🐛 Bug')], body: 'Crash on save\n'.repeat(10) }),
    // The issues endpoint returns PRs too; this one must be filtered out.
    issue(11, { labels: [label('bug')], pull_request: { url: 'https://api.github.com/repos/x/y/pulls/11', html_url: 'https://github.com/x/y/pull/11', diff_url: '', patch_url: '', merged_at: null } }),
    issue(10, { labels: [label('Good First Issue')], user: null }),
    issue(9, { labels: [label('bug')] }),
    issue(8, { labels: [label('type: bug')], milestone: milestoneSoon }),
    issue(7, { labels: [label('question')] }),
  ];
  const a = `${REPO_A.owner}/${REPO_A.name}`;
  const pulls = new Map<string, Json[]>([
    [a, [
      pull(a, 21, { author: 'octokit-fixture-user-a', requested: [ME], created: now - 3 * DAY, body: 'Fixes #9', additions: 30, deletions: 10, files: 3 }),
      pull(a, 22, { author: 'octokit-fixture-user-b', requested: ['someone'], created: now - 5 * DAY, additions: 40, deletions: 20, files: 2 }),
      pull(a, 23, { author: 'octokit-fixture-user-b', draft: true, created: now - 5 * DAY, additions: 5, deletions: 0, files: 1 }),
      pull(a, 24, { author: 'octokit-fixture-user-b', created: now - 5 * DAY, additions: 250, deletions: 50, files: 9 }),
      pull(a, 25, { author: 'octokit-fixture-user-b', created: now - 5 * DAY, additions: 10, deletions: 10, files: 1 }),
    ]],
    [OTHER_REPO, [pull(OTHER_REPO, 2, { author: 'octokit-fixture-user-b', requested: [], teams: ['core'], created: now - 10 * DAY, additions: 120, deletions: 30, files: 6 })]],
    [`${REPO_B.owner}/${REPO_B.name}`, []],
  ]);
  // Timeline events: keys as documented by GitHub (no recorded timeline exists).
  const timelines = new Map<string, Json[]>([
    [`${a}#21`, [{ event: 'review_requested', created_at: iso(now - 2 * DAY), requested_reviewer: { login: ME } }]],
    [`${a}#25`, [{ event: 'reviewed', state: 'commented', submitted_at: iso(now - DAY), user: { login: 'octokit-fixture-user-a' } }]],
    [`${OTHER_REPO}#2`, [{ event: 'review_requested', created_at: iso(now - 4 * DAY), requested_team: { slug: 'core' } }]],
  ]);
  const searchItems = [pulls.get(a)![0]!, pulls.get(OTHER_REPO)![0]!].map((p) => {
    const repo = /github\.com\/([^/]+\/[^/]+)\//.exec(p.html_url)![1];
    return { ...clone(p), repository_url: `https://api.github.com/repos/${repo}`, pull_request: { url: '', html_url: p.html_url, diff_url: '', patch_url: '', merged_at: null } };
  });
  return { now, issues, pulls, timelines, milestones: [{ number: 1, title: 'Later', state: 'open', due_on: iso(now + 60 * DAY) }, milestoneSoon], searchItems, searchExtra: {}, otherIssues: new Map() };
}

const etagOf = (body: unknown) => `"${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 32)}"`;

/** 200 with an ETag, or 304 when the client already holds it (a 304 still carries the limit headers). */
function conditional(request: SeenRequest, body: unknown): Reply {
  const etag = etagOf(body);
  if (request.headers['if-none-match'] === etag) return { status: 304, headers: { ...coreHeaders(), etag } };
  return { status: 200, headers: { ...coreHeaders(), etag }, body };
}

/** Routes GitHub's REST paths to the world; `fault` may answer first (per test). */
/** Answers a request instead of the world, or undefined to let the world answer. */
export type Fault = (request: SeenRequest) => ReturnType<Handler> | undefined;

export function githubHandler(w: World, fault?: Fault): Handler {
  return (request) => {
    const override = fault?.(request);
    if (override) return override;
    const p = request.pathname;
    let m: RegExpExecArray | null;
    if (p === '/search/issues') {
      // As recorded: no ETag on search answers.
      const body = { ...clone(searchRecord.response as Json), total_count: w.searchItems.length, items: w.searchItems, ...w.searchExtra };
      return { status: 200, headers: searchHeaders(), body };
    }
    if ((m = /^\/repos\/([^/]+\/[^/]+)\/pulls$/.exec(p))) return conditional(request, w.pulls.get(m[1]!) ?? []);
    if ((m = /^\/repos\/([^/]+\/[^/]+)\/pulls\/(\d+)$/.exec(p))) {
      const found = (w.pulls.get(m[1]!) ?? []).find((x) => x.number === Number(m![2]));
      return found ? conditional(request, found) : { status: 404, headers: coreHeaders(), body: { message: 'Not Found', documentation_url: '' } };
    }
    if ((m = /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/timeline$/.exec(p))) return conditional(request, w.timelines.get(`${m[1]}#${m[2]}`) ?? []);
    if ((m = /^\/repos\/([^/]+\/[^/]+)\/issues$/.exec(p))) {
      const items = m[1] === `${REPO_A.owner}/${REPO_A.name}` ? w.issues : (w.otherIssues.get(m[1]!) ?? []);
      return conditional(request, items.filter((i) => request.query.get('assignee') !== 'none' || (i.assignees ?? []).length === 0));
    }
    if (/^\/repos\/[^/]+\/[^/]+\/milestones$/.test(p)) return conditional(request, w.milestones);
    return { status: 404, headers: coreHeaders(), body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
  };
}

/** The body GitHub sends with a 4xx: recorded errors-scenario shape. */
export function errorBody(message: string): Json {
  return { message, documentation_url: (recordedValidationError.response as Json).documentation_url };
}
