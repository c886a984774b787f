/**
 * Slim projections of GitHub's REST payloads: only the fields we read, with the odd cases made safe
 * (`user: null` for deleted accounts, missing bodies, labels as strings or objects). These are what the
 * ETag cache stores, so keep them small and plain JSON.
 */

export interface RepoRef {
  readonly owner: string;
  readonly name: string;
}

export const repoKey = (repo: RepoRef): string => `${repo.owner}/${repo.name}`;

/** `owner/name` (a task's `repo`) back to its parts: the inverse of repoKey. */
export function parseRepoKey(key: string): RepoRef {
  const [owner = '', name = ''] = key.split('/');
  return { owner, name };
}

export interface SlimPull {
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly draft: boolean;
  readonly author: string | undefined;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly requestedUsers: readonly string[];
  readonly requestedTeams: readonly string[];
  /** Issues of the same repository this PR says it closes (closing keywords, or our own branch name). */
  readonly closes: readonly number[];
}

export interface SlimMilestone {
  readonly number: number;
  readonly open: boolean;
  readonly dueOn: number | undefined;
}

export interface SlimIssue {
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly isPullRequest: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
  readonly comments: number;
  readonly bodyLength: number;
  readonly milestone: SlimMilestone | undefined;
}

export interface SlimSearchPull {
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly draft: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const time = (v: unknown): number => {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? t : 0;
};
const login = (v: unknown): string | undefined => str(obj(v).login) || undefined;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function projectPull(raw: unknown, repoName: string): SlimPull {
  const p = obj(raw);
  const number = num(p.number);
  return {
    number,
    title: str(p.title),
    url: str(p.html_url),
    draft: p.draft === true,
    author: login(p.user),
    createdAt: time(p.created_at),
    updatedAt: time(p.updated_at),
    requestedUsers: list(p.requested_reviewers).map(login).filter((l): l is string => l !== undefined),
    requestedTeams: list(p.requested_teams).map((t) => str(obj(t).slug)).filter(Boolean),
    closes: closedIssueNumbers(`${str(p.title)}\n${str(p.body)}`, str(obj(p.head).ref), repoName),
  };
}

export function projectIssue(raw: unknown): SlimIssue {
  const i = obj(raw);
  const milestone = i.milestone ? obj(i.milestone) : undefined;
  return {
    number: num(i.number),
    title: str(i.title),
    url: str(i.html_url),
    // The issues endpoint returns PRs too, marked by this key (facts.md).
    isPullRequest: i.pull_request !== undefined && i.pull_request !== null,
    createdAt: time(i.created_at),
    updatedAt: time(i.updated_at),
    labels: list(i.labels).map((l) => (typeof l === 'string' ? l : str(obj(l).name))).filter(Boolean),
    assignees: list(i.assignees).map(login).filter((l): l is string => l !== undefined),
    comments: num(i.comments),
    bodyLength: str(i.body).length,
    milestone: milestone && { number: num(milestone.number), open: milestone.state !== 'closed', dueOn: time(milestone.due_on) || undefined },
  };
}

export function projectSearchPull(raw: unknown): SlimSearchPull {
  const i = obj(raw);
  // repository_url is `<api base>/repos/{owner}/{name}` on github.com and GHE alike.
  const repo = /\/repos\/([^/]+\/[^/]+)$/.exec(str(i.repository_url))?.[1] ?? '';
  return {
    repo,
    number: num(i.number),
    title: str(i.title),
    url: str(i.html_url),
    draft: i.draft === true,
    createdAt: time(i.created_at),
    updatedAt: time(i.updated_at),
  };
}

/**
 * GitHub's closing keywords ("Fixes #12", "closes owner/name#12", an issue URL) in a PR's title or body,
 * plus our own branch template `hands-on/12-slug`. Same-repository references only.
 * Cheap and request-free (the PR list is fetched anyway); it misses links made only in the sidebar.
 */
export function closedIssueNumbers(text: string, headRef: string, repoName: string): number[] {
  const found = new Set<number>();
  const keyword = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b:?\s+(?:([\w.-]+\/[\w.-]+)#|https?:\/\/\S+?\/([\w.-]+\/[\w.-]+)\/issues\/|#)(\d+)/gi;
  for (const m of text.matchAll(keyword)) {
    const other = m[1] ?? m[2];
    if (other === undefined || other.toLowerCase() === repoName.toLowerCase()) found.add(Number(m[3]));
  }
  const branch = /^hands-on\/(\d+)-/.exec(headRef);
  if (branch) found.add(Number(branch[1]));
  return [...found];
}

/** True when the response's Link header has a next page. */
export function hasNextPage(headers: Record<string, string | number | undefined>): boolean {
  return /rel="next"/.test(String(headers.link ?? ''));
}
