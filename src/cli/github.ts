/**
 * GitHub candidates for `hands-on suggest` when GITHUB_TOKEN is set: review requests, the unblock list and small
 * bugs of the repository's GitHub remotes (src/adapters/github), merged by the caller with the local tasks.
 *
 * Never throws: every failure becomes one stderr line saying what happened and the local tasks still print, because
 * a CI job or a script calling `suggest` should not fail over a flaky network or an expired token.
 * No cache: the CLI keeps no state between runs (it never writes anything), so every run starts with an empty
 * ETag cache and an always-fresh review search; the extension is the one that persists the cache.
 */
import { GitGateway } from '../adapters/gitProcess';
import { readRemotes } from '../adapters/gitRemotes';
import { accountKey, createGitHubClient, fetchGitHubCandidates, GitHubCache, GitHubUrlError, normalizeGitHubBaseUrl, webUrlFor } from '../adapters/github';
import { classifyGitHubError } from '../adapters/github/errors';
import type { GitHubError } from '../adapters/github/errors';
import { parseGitHubRemotes } from '../core/githubRemote';
import type { GitHubRemoteRepo } from '../core/githubRemote';
import type { TaskCandidate } from '../core/tasks';

export const DEFAULT_BUG_LABELS: readonly string[] = ['bug', 'good first issue', 'help wanted'];

export interface GitHubContext {
  readonly repoRoot: string;
  readonly env: NodeJS.ProcessEnv;
  readonly warn: (line: string) => void;
  /** `--github-url`; wins over GITHUB_API_URL (the GitHub Actions variable). */
  readonly githubUrl?: string;
  readonly bugLabels?: readonly string[];
  readonly includeTeamReviews?: boolean;
  readonly now?: number;
  readonly git?: GitGateway;
}

export interface GitHubCandidates {
  readonly candidates: TaskCandidate[];
  /** The token's login, for rankTasks' `currentUser`; undefined when GitHub was not asked or refused. */
  readonly login?: string;
}

const NONE: GitHubCandidates = { candidates: [] };

/** The token GitHub is read with, or undefined when none is set (then only local tasks are listed). */
export function githubToken(env: NodeJS.ProcessEnv): string | undefined {
  return env.GITHUB_TOKEN?.trim() || undefined;
}

export async function githubCandidates(context: GitHubContext): Promise<GitHubCandidates> {
  const token = githubToken(context.env);
  if (!token) return NONE;
  let baseUrl: string;
  try {
    baseUrl = normalizeGitHubBaseUrl(context.githubUrl ?? context.env.GITHUB_API_URL);
  } catch (error) {
    if (!(error instanceof GitHubUrlError)) throw error;
    context.warn(`GitHub: ${error.message} Showing local tasks only.`);
    return NONE;
  }
  const repos = await githubRepos(context, webUrlFor(baseUrl));
  const client = createGitHubClient({ token, baseUrl, userAgent: 'hands-on-cli' });
  try {
    const { data: user } = await client.octokit.request('GET /user');
    const result = await fetchGitHubCandidates({
      client,
      repos,
      bugLabels: context.bugLabels ?? DEFAULT_BUG_LABELS,
      includeTeamReviews: context.includeTeamReviews ?? false,
      login: user.login,
      cache: GitHubCache.empty(accountKey(client.baseUrl, user.login)),
      searchMaxAgeMs: 0,
      ...(context.now !== undefined && { now: context.now }),
    });
    for (const error of result.errors) context.warn(describeGitHubError(error));
    if (result.missingRepoScope) context.warn('GitHub: GITHUB_TOKEN lacks the "repo" scope, so private repositories are left out.');
    return { candidates: result.candidates, login: user.login };
  } catch (error) {
    context.warn(describeGitHubError(classifyGitHubError(error, Date.now())));
    return NONE;
  }
}

/**
 * `{ owner, name }` of each remote on the server in use. A failing `git remote` only loses the per-repository
 * sources: the review search is account-wide and still runs.
 */
async function githubRepos(context: GitHubContext, webUrl: string): Promise<GitHubRemoteRepo[]> {
  try {
    return parseGitHubRemotes(await readRemotes(context.git ?? new GitGateway({ env: context.env }), context.repoRoot), webUrl);
  } catch (error) {
    context.warn(`GitHub: could not read the git remotes (${error instanceof Error ? error.message : String(error)}); only review requests are shown.`);
    return [];
  }
}

/** One line per failure, by kind (never by message text, see errors.ts). */
export function describeGitHubError(error: GitHubError): string {
  const scope = error.details.scope && error.details.scope !== 'search' ? ` for ${error.details.scope}` : '';
  switch (error.kind) {
    case 'unauthorized':
      return 'GitHub: GITHUB_TOKEN was refused (401): it is invalid, expired or revoked. Showing local tasks only.';
    case 'rateLimited':
      return `GitHub: rate limit reached; showing local tasks only until ${error.details.until === undefined ? 'it resets' : hhmm(error.details.until)}.`;
    case 'network':
    case 'timeout':
      return 'GitHub unreachable; showing local tasks only.';
    case 'ssoRequired':
      return `GitHub: the organisation requires SAML single sign-on${scope}; authorise the token${error.details.ssoUrl ? ` at ${error.details.ssoUrl}` : ''}.`;
    case 'notFound':
      return `GitHub: not found${scope} (the token may not see it).`;
    default:
      return `GitHub: ${error.message}${scope}`;
  }
}

/** Local wall-clock time, as the user reads a clock. */
function hhmm(epochMs: number): string {
  const d = new Date(epochMs);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
