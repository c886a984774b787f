/**
 * The one place GitHub failures get a meaning. Classified by HTTP status and headers only, never by
 * message text (messages change and are localised on GHE). The caller's reaction hangs on `kind`:
 * unauthorized → ask to sign in again (once); rateLimited → show "refreshes at HH:MM"; ssoRequired → explain
 * SSO for that org; network/timeout/serverError → show cached data with an offline badge.
 */

export type GitHubErrorKind =
  | 'unauthorized'
  | 'rateLimited'
  | 'ssoRequired'
  | 'forbidden'
  | 'notFound'
  | 'validation'
  | 'serverError'
  | 'network'
  | 'timeout';

const BRAND = Symbol.for('hands-on.GitHubError');

/** Secondary-limit backoff: at least 60 s (GitHub's advice when there is no retry-after), doubling, capped. */
export const SECONDARY_MIN_MS = 60_000;
export const SECONDARY_MAX_MS = 60 * 60_000;

export interface GitHubErrorDetails {
  readonly status?: number;
  /** rateLimited: epoch ms when requests may resume. */
  readonly until?: number;
  /** ssoRequired: where the user authorises the token for the org. */
  readonly ssoUrl?: string;
  /** What failed: `owner/name`, `search`, … Set by the caller that knows. */
  readonly scope?: string;
  /** The request that failed, `GET /repos/…` (no query, no token). */
  readonly request?: string;
}

export class GitHubError extends Error {
  override readonly name = 'GitHubError';
  readonly [BRAND] = true;
  constructor(
    readonly kind: GitHubErrorKind,
    message: string,
    readonly details: GitHubErrorDetails = {},
  ) {
    super(message);
  }

  /** Brand check rather than instanceof: survives duplicated module copies in bundles. */
  static is(value: unknown, kind?: GitHubErrorKind): value is GitHubError {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true
      && (kind === undefined || (value as GitHubError).kind === kind);
  }

  withScope(scope: string): GitHubError {
    return new GitHubError(this.kind, this.message, { ...this.details, scope });
  }
}

/** What the client saw while making the request, beyond the error itself. */
export interface ClassifyHints {
  /** The throttling plugin reported a secondary rate limit for this request. */
  readonly secondaryLimit?: boolean;
  /** Consecutive secondary limits so far, for the exponential backoff. */
  readonly secondaryStreak?: number;
}

interface ErrorLike {
  status?: unknown;
  name?: unknown;
  response?: { headers?: Record<string, string | number | undefined> };
  request?: { method?: string; url?: string };
  handsOnTimeout?: unknown;
}

/** Turns anything thrown by an Octokit request into a GitHubError. */
export function classifyGitHubError(error: unknown, now: number, hints: ClassifyHints = {}): GitHubError {
  if (GitHubError.is(error)) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const request = describeRequest(e.request);
  if (e.handsOnTimeout === true || e.name === 'TimeoutError') {
    return new GitHubError('timeout', 'GitHub did not answer in time.', { request });
  }
  const status = typeof e.status === 'number' ? e.status : undefined;
  const headers = e.response?.headers;
  // No response at all: the request never got an HTTP answer (DNS, refused, reset, proxy, abort).
  if (!headers || status === undefined) {
    return new GitHubError('network', 'Could not reach GitHub.', { request, ...(status !== undefined && { status }) });
  }
  const base = { status, request };
  if (status === 401) return new GitHubError('unauthorized', 'GitHub rejected the sign-in (401).', base);
  if (status === 403 || status === 429) {
    const until = rateLimitUntil(status, headers, now, hints);
    if (until !== undefined) return new GitHubError('rateLimited', 'GitHub rate limit reached.', { ...base, until });
    const sso = header(headers, 'x-github-sso');
    if (sso !== undefined) {
      const ssoUrl = /url=(\S+)/.exec(sso)?.[1];
      return new GitHubError('ssoRequired', 'This organisation requires SAML single sign-on for your token.', { ...base, ...(ssoUrl && { ssoUrl }) });
    }
    return new GitHubError('forbidden', 'GitHub refused access (403).', base);
  }
  if (status === 404 || status === 410) return new GitHubError('notFound', `Not found on GitHub (${status}).`, base);
  if (status === 400 || status === 422) return new GitHubError('validation', `GitHub rejected the request (${status}).`, base);
  if (status >= 500) return new GitHubError('serverError', `GitHub had a server error (${status}).`, base);
  return new GitHubError('forbidden', `Unexpected answer from GitHub (${status}).`, base);
}

/**
 * facts.md's order: retry-after wins; else remaining 0 → the reset time; else (a secondary limit, or any 429)
 * at least 60 s, doubling per consecutive hit. Undefined when the 403 is not about rate limits.
 */
function rateLimitUntil(status: number, headers: Record<string, string | number | undefined>, now: number, hints: ClassifyHints): number | undefined {
  const retryAfter = Number(header(headers, 'retry-after'));
  if (header(headers, 'retry-after') !== undefined && Number.isFinite(retryAfter)) return now + Math.max(0, retryAfter) * 1000;
  if (header(headers, 'x-ratelimit-remaining') === '0') {
    const reset = Number(header(headers, 'x-ratelimit-reset'));
    return Number.isFinite(reset) && reset > 0 ? Math.max(now, reset * 1000) : now + SECONDARY_MIN_MS;
  }
  if (hints.secondaryLimit || status === 429) {
    const backoff = SECONDARY_MIN_MS * 2 ** Math.min(hints.secondaryStreak ?? 0, 10);
    return now + Math.min(backoff, SECONDARY_MAX_MS);
  }
  return undefined;
}

function header(headers: Record<string, string | number | undefined>, name: string): string | undefined {
  const value = headers[name];
  return value === undefined ? undefined : String(value);
}

function describeRequest(request: ErrorLike['request']): string | undefined {
  if (!request?.url) return undefined;
  try {
    return `${request.method ?? 'GET'} ${new URL(request.url).pathname}`;
  } catch {
    return undefined;
  }
}
