/**
 * GitHub's pick-up endpoints (read an issue, assign, read the repository, open a PR) for the local fixture
 * server, built from recorded @octokit/fixtures bodies:
 * - issues: the issue object GitHub returned in add-labels-to-issue (POST …/issues, 201); changed: number,
 *   title, body, state, assignees/assignee, html_url, url;
 * - users (assignees): that issue's recorded `user`; changed: login;
 * - the repository: get-repository's object; changed: name, full_name, private, visibility, html_url;
 * - 4xx bodies: the recorded 422 of the errors scenario; changed: `errors[].message` and `resource`;
 * - headers: add-labels-to-issue's recorded response headers, with a live rate-limit reset (coreHeaders).
 * Not recorded anywhere in the package: pull requests. They are the recorded issue object plus GitHub's
 * documented PR-only keys (head, base, draft, merged), as fakeGitHub.ts does.
 *
 * GitHub behaviour mirrored here: POST …/assignees answers 201 with the issue even when it silently
 * assigned nobody (a login without push access), and a second PR for the same head is a 422.
 */
import { clone, scenario } from './fixtureServer';
import type { Handler, Reply, SeenRequest } from './fixtureServer';
import { coreHeaders, recordedValidationError } from './fakeGitHub';

type Json = Record<string, any>;

export const PICKUP_REPO = { owner: 'octokit-fixture-org', name: 'add-labels-to-issue' };
const FULL_NAME = `${PICKUP_REPO.owner}/${PICKUP_REPO.name}`;

const issueRecord = scenario('add-labels-to-issue').find((r) => r.method === 'post' && r.path.endsWith('/issues'))!;
const recordedIssue = issueRecord.response as Json;
const recordedRepo = scenario('get-repository')[0]!.response as Json;

export const user = (login: string): Json => ({ ...clone(recordedIssue.user), login, url: `https://api.github.com/users/${login}`, html_url: `https://github.com/${login}` });

export function issue(number: number, patch: { title?: string; body?: string | null; state?: 'open' | 'closed'; assignees?: string[] } = {}): Json {
  const assignees = (patch.assignees ?? []).map(user);
  return {
    ...clone(recordedIssue),
    number,
    title: patch.title ?? recordedIssue.title,
    body: patch.body === undefined ? recordedIssue.body : patch.body,
    state: patch.state ?? 'open',
    assignees,
    assignee: assignees[0] ?? null,
    url: `https://api.github.com/repos/${FULL_NAME}/issues/${number}`,
    html_url: `https://github.com/${FULL_NAME}/issues/${number}`,
  };
}

/** A PR: the recorded issue object plus the PR-only keys (no recorded pull in the package). */
function pull(number: number, head: string, base: string, title: string, draft: boolean): Json {
  return {
    ...clone(recordedIssue),
    number,
    title,
    draft,
    merged: false,
    state: 'open',
    head: { ref: head, label: `${PICKUP_REPO.owner}:${head}` },
    base: { ref: base, label: `${PICKUP_REPO.owner}:${base}` },
    url: `https://api.github.com/repos/${FULL_NAME}/pulls/${number}`,
    html_url: `https://github.com/${FULL_NAME}/pull/${number}`,
  };
}

/** The recorded 422 body with one custom error, as GitHub words its pull-request refusals. */
function validation(message: string): Json {
  const body = clone(recordedValidationError.response as Json);
  body.errors = [{ ...body.errors[0], resource: 'PullRequest', code: 'custom', field: undefined, message }];
  return body;
}

export interface PickUpWorld {
  readonly issues: Map<number, Json>;
  /** Logins with push access: GitHub assigns only those, and ignores the rest without an error. */
  readonly canAssign: Set<string>;
  readonly branches: Set<string>;
  isPrivate: boolean;
  /** False for a private repository on a Free plan. */
  draftsSupported: boolean;
  readonly pulls: Json[];
  /** Runs between GitHub reading the issue for an assign request and answering it: a concurrent edit. */
  duringAssign?: (issue: Json) => void;
}

export function pickUpWorld(): PickUpWorld {
  return {
    issues: new Map(),
    canAssign: new Set(),
    branches: new Set(['master', 'hands-on/12-crash-on-save']),
    isPrivate: false,
    draftsSupported: true,
    pulls: [],
  };
}

/** Answers a request instead of the world, or undefined to let the world answer. */
export type PickUpFault = (request: SeenRequest) => ReturnType<Handler> | undefined;

export function pickUpHandler(w: PickUpWorld, fault?: PickUpFault): Handler {
  const ok = (status: number, body: unknown): Reply => ({ status, headers: coreHeaders(), body });
  const notFound = (): Reply => ({ status: 404, headers: coreHeaders(), body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } });
  return (request) => {
    const override = fault?.(request);
    if (override) return override;
    const { method, pathname: p } = request;
    const body = (request.body as Json | undefined) ?? {};
    const repoPath = `/repos/${FULL_NAME}`;
    if (!p.startsWith(repoPath)) return notFound();
    const rest = p.slice(repoPath.length);
    let m: RegExpExecArray | null;

    if (rest === '' && method === 'GET') {
      return ok(200, { ...clone(recordedRepo), name: PICKUP_REPO.name, full_name: FULL_NAME, private: w.isPrivate, visibility: w.isPrivate ? 'private' : 'public', html_url: `https://github.com/${FULL_NAME}` });
    }
    if ((m = /^\/issues\/(\d+)$/.exec(rest)) && method === 'GET') {
      const found = w.issues.get(Number(m[1]));
      return found ? ok(200, found) : notFound();
    }
    if ((m = /^\/issues\/(\d+)\/assignees$/.exec(rest))) {
      const found = w.issues.get(Number(m[1]));
      if (!found) return notFound();
      const logins: string[] = body.assignees ?? [];
      if (method === 'POST') {
        w.duringAssign?.(found);
        for (const login of logins) {
          if (w.canAssign.has(login) && !found.assignees.some((a: Json) => a.login === login)) found.assignees.push(user(login));
        }
      } else if (method === 'DELETE') {
        found.assignees = found.assignees.filter((a: Json) => !logins.includes(a.login));
      }
      found.assignee = found.assignees[0] ?? null;
      return ok(method === 'POST' ? 201 : 200, found);
    }
    if (rest === '/pulls' && method === 'GET') {
      const head = request.query.get('head');
      return ok(200, w.pulls.filter((x) => x.state === 'open' && (!head || x.head.label === head)));
    }
    if (rest === '/pulls' && method === 'POST') {
      if (body.draft && !w.draftsSupported) return { status: 422, headers: coreHeaders(), body: validation('Draft pull requests are not supported in this repository.') };
      if (!w.branches.has(body.base) || !w.branches.has(body.head)) return { status: 422, headers: coreHeaders(), body: validation(`Invalid base or head: ${body.base}, ${body.head}`) };
      if (w.pulls.some((x) => x.state === 'open' && x.head.ref === body.head)) {
        return { status: 422, headers: coreHeaders(), body: validation(`A pull request already exists for ${PICKUP_REPO.owner}:${body.head}.`) };
      }
      const created = pull(100 + w.pulls.length, body.head, body.base, body.title, body.draft === true);
      w.pulls.push(created);
      return ok(201, created);
    }
    return notFound();
  };
}
