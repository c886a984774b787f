/**
 * The GitHub side of "Pick Up a Bug": take the issue, read it, and later open a draft PR.
 *
 * Leader-fit rule: never take work assigned to someone else. The bug list may be minutes old, so the issue
 * is read again right before assigning, and checked again in GitHub's answer (someone may have been
 * assigned in between; we then step back off the issue).
 *
 * GitHub answers the assign request with 201 and the issue even when it did nothing (the user lacks push
 * access): only the `assignees` of the answer tell.
 *
 * Requests go through `client.octokit.request` only (no `octokit.rest.*`, so @octokit/core would do), and
 * every failure leaves as a classified GitHubError scoped to `owner/name#number`.
 */
import type { GitHubClient } from './client';
import { sameLogin } from './context';
import { classifyGitHubError, GitHubError } from './errors';
import type { RepoRef } from './shapes';
import { repoKey } from './shapes';

export interface IssueSnapshot {
  readonly number: number;
  readonly title: string;
  /** Markdown as written; '' when the issue has none. */
  readonly body: string;
  readonly open: boolean;
  readonly assignees: readonly string[];
  readonly url: string;
}

export type AssignResult =
  | { readonly assigned: true; readonly assignees: readonly string[]; /** It was already yours: nothing sent. */ readonly alreadyYours: boolean }
  | { readonly assigned: false; readonly assignees: readonly string[]; readonly reason: AssignRefusal };

/**
 * assignedToOthers: someone else has it (read before asking, or appeared in GitHub's answer);
 * notPermitted: GitHub accepted the request but did not assign (no push access); closed: nothing to pick up.
 */
export type AssignRefusal = 'assignedToOthers' | 'notPermitted' | 'closed';

export interface PullRequestInput {
  /** A branch of `repo`, or `owner:branch` for a fork. */
  readonly head: string;
  readonly base: string;
  readonly title: string;
  readonly body: string;
}

export type PullResult =
  | { readonly kind: 'created' | 'exists'; readonly number: number; readonly url: string; readonly draft: boolean }
  /** Drafts are not available for this repository (private on a Free plan); the caller may offer a normal PR. */
  | { readonly kind: 'draftNotSupported' };

export async function readIssue(client: GitHubClient, repo: RepoRef, number: number): Promise<IssueSnapshot> {
  const response = await send(repo, number, () =>
    client.octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', { owner: repo.owner, repo: repo.name, issue_number: number }));
  return projectIssue(response.data);
}

/** Assigns `login`, unless the issue is closed or someone else has it. */
export async function assignIssue(client: GitHubClient, repo: RepoRef, number: number, login: string): Promise<AssignResult> {
  const before = await readIssue(client, repo, number);
  const others = (assignees: readonly string[]) => assignees.some((a) => !sameLogin(a, login));
  const mine = (assignees: readonly string[]) => assignees.some((a) => sameLogin(a, login));
  if (mine(before.assignees)) return { assigned: true, assignees: before.assignees, alreadyYours: true };
  if (others(before.assignees)) return { assigned: false, assignees: before.assignees, reason: 'assignedToOthers' };
  if (!before.open) return { assigned: false, assignees: before.assignees, reason: 'closed' };

  const params = { owner: repo.owner, repo: repo.name, issue_number: number, assignees: [login] };
  const answer = projectIssue((await send(repo, number, () => client.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/assignees', params))).data);
  if (!mine(answer.assignees)) return { assigned: false, assignees: answer.assignees, reason: 'notPermitted' };
  if (others(answer.assignees)) {
    // Someone was assigned between our read and our request: leave it to them.
    const after = await send(repo, number, () => client.octokit.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees', params));
    return { assigned: false, assignees: projectIssue(after.data).assignees, reason: 'assignedToOthers' };
  }
  return { assigned: true, assignees: answer.assignees, alreadyYours: false };
}

export async function defaultBranch(client: GitHubClient, repo: RepoRef): Promise<string> {
  return (await readRepository(client, repo)).defaultBranch;
}

export function createDraftPull(client: GitHubClient, repo: RepoRef, input: PullRequestInput): Promise<PullResult> {
  return createPull(client, repo, input, { draft: true });
}

/**
 * Opens a PR, or finds the open one already there for `head` (a second click, or a retried request that had
 * in fact succeeded).
 *
 * GitHub says "drafts are not supported here" only in the text of a 422, and our client turns failures into
 * GitHubErrors by status (message text is never matched), so it is inferred instead: a 422 for a draft, with
 * no PR open for the head, on a repository that is not public (public ones always allow drafts). Were the 422
 * about something else, the normal PR the caller then offers fails with the real reason.
 */
export async function createPull(client: GitHubClient, repo: RepoRef, input: PullRequestInput, options: { draft: boolean }): Promise<PullResult> {
  const params = { owner: repo.owner, repo: repo.name, head: input.head, base: input.base, title: input.title, body: input.body, draft: options.draft };
  try {
    const response = await send(repo, undefined, () => client.octokit.request('POST /repos/{owner}/{repo}/pulls', params));
    return { kind: 'created', ...projectPull(response.data) };
  } catch (error) {
    if (!GitHubError.is(error, 'validation')) throw error;
    const existing = await findOpenPull(client, repo, input.head);
    if (existing) return { kind: 'exists', ...existing };
    if (options.draft && !(await readRepository(client, repo)).isPublic) return { kind: 'draftNotSupported' };
    throw error;
  }
}

async function findOpenPull(client: GitHubClient, repo: RepoRef, head: string): Promise<{ number: number; url: string; draft: boolean } | undefined> {
  // The list filter wants `owner:branch`, even for a branch of the repository itself.
  const qualified = head.includes(':') ? head : `${repo.owner}:${head}`;
  const response = await send(repo, undefined, () =>
    client.octokit.request('GET /repos/{owner}/{repo}/pulls', { owner: repo.owner, repo: repo.name, head: qualified, state: 'open', per_page: 1 }));
  const first = (Array.isArray(response.data) ? response.data : [])[0];
  return first === undefined ? undefined : projectPull(first);
}

async function readRepository(client: GitHubClient, repo: RepoRef): Promise<{ defaultBranch: string; isPublic: boolean }> {
  const response = await send(repo, undefined, () => client.octokit.request('GET /repos/{owner}/{repo}', { owner: repo.owner, repo: repo.name }));
  const data = obj(response.data);
  // `visibility` is missing on older GitHub Enterprise servers; `private` is always there.
  const isPublic = typeof data.visibility === 'string' ? data.visibility === 'public' : data.private === false;
  return { defaultBranch: str(data.default_branch) || 'main', isPublic };
}

async function send<T>(repo: RepoRef, number: number | undefined, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw classifyGitHubError(error, Date.now()).withScope(number === undefined ? repoKey(repo) : `${repoKey(repo)}#${number}`);
  }
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function projectIssue(raw: unknown): IssueSnapshot {
  const issue = obj(raw);
  return {
    number: Number(issue.number),
    title: str(issue.title),
    body: str(issue.body),
    open: issue.state !== 'closed',
    // Deleted accounts come back as null entries (facts.md): skip them.
    assignees: (Array.isArray(issue.assignees) ? issue.assignees : []).map((a) => str(obj(a).login)).filter(Boolean),
    url: str(issue.html_url),
  };
}

function projectPull(raw: unknown): { number: number; url: string; draft: boolean } {
  const pull = obj(raw);
  return { number: Number(pull.number), url: str(pull.html_url), draft: pull.draft === true };
}
