/**
 * The one Octokit for GitHub requests: throttling + retry plugins, a per-attempt timeout, a meter
 * (requests sent, rate limit spent), and a rate-limit gate so a refresh never waits long and never
 * hammers GitHub after a limit (GitHub bans clients that do). Node only: the caller owns the VS Code
 * auth session and hands us a token.
 *
 * @octokit/core rather than @octokit/rest: every request here goes through `octokit.request(route)`, and
 * rest's generated endpoint methods would add ~85 KB to the extension bundle for nothing we call.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/core';
import { normalizeGitHubBaseUrl } from './baseUrl';
import { classifyGitHubError, GitHubError } from './errors';

const HandsOnOctokit = Octokit.plugin(throttling, retry);
export type GitHubOctokit = InstanceType<typeof HandsOnOctokit>;

export interface GitHubClientOptions {
  readonly token: string;
  /** A REST base or a `github-enterprise.uri` value; normalised (see baseUrl.ts). Default github.com. */
  readonly baseUrl?: string;
  readonly userAgent: string;
  /** Told whenever a request hits a rate limit, with when requests may resume. */
  readonly onRateLimit?: (info: { readonly until: number; readonly resource: string }) => void;
  /** Per HTTP attempt. A hung server fails the request after this, without retries. Default 15 s. */
  readonly requestTimeoutMs?: number;
  /** A rate-limit wait at most this long is waited out inside the refresh (once); longer ones give up. Default 3 s. */
  readonly maxInlineWaitMs?: number;
  /** Retries of 5xx and network failures. Default 2. */
  readonly retries?: number;
  /** The retry plugin waits (n+1)² × this before retry n. Default 1000 ms; tests shrink it. */
  readonly retryBaseMs?: number;
  readonly now?: () => number;
  /** For tests only; default globalThis.fetch. */
  readonly fetch?: typeof fetch;
}

/** Counters since the client was made; take differences around a refresh. */
export interface RequestMeter {
  /** HTTP requests sent, retries included; requests refused by the gate are not sent and not counted. */
  requests: number;
  /** Answers that carried x-ratelimit-* and were not 304: each spent one unit of a limit. */
  rateLimitCost: number;
  notModified: number;
  /** Last `x-oauth-scopes` seen (classic OAuth tokens), to tell a missing `repo` scope from "no results". */
  scopes: string | undefined;
}

export interface GitHubClient {
  readonly octokit: GitHubOctokit;
  readonly baseUrl: string;
  readonly meter: Readonly<RequestMeter>;
  /** Latest time any resource is blocked until, when some limit is in force. */
  rateLimitedUntil(): number | undefined;
}

interface RequestContext {
  secondaryLimit?: boolean;
}
type WithContext = { handsOn?: RequestContext };

const DEFAULT_TIMEOUT_MS = 15_000;

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const baseUrl = normalizeGitHubBaseUrl(options.baseUrl);
  const now = options.now ?? Date.now;
  const maxInlineWaitMs = options.maxInlineWaitMs ?? 3000;
  const meter: RequestMeter = { requests: 0, rateLimitCost: 0, notModified: 0, scopes: undefined };
  /** Per resource ('core', 'search', '*' for secondary limits): no request is sent before this time. */
  const blockedUntil = new Map<string, number>();
  let secondaryStreak = 0;

  const octokit = new HandsOnOctokit({
    auth: options.token,
    baseUrl,
    userAgent: options.userAgent,
    request: { fetch: meteredFetch(options.fetch ?? globalThis.fetch, options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS, meter) },
    // Silence Octokit's console warnings; failures reach the caller as classified errors.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    retry: {
      retries: options.retries ?? 2,
      retryAfterBaseValue: options.retryBaseMs ?? 1000,
      // 429 added to the plugin's defaults: it would otherwise retry a rate limit after 1 s, ignoring retry-after.
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
    throttle: {
      // The plugin's limiters are module-wide and keyed by id: one key per client keeps one account's
      // search spacing from delaying another's (limits are per user anyway).
      id: `hands-on-${Math.random().toString(36).slice(2)}`,
      // The handlers only take note; the gate below decides whether to wait (briefly) or give up.
      // Waiting until a reset inside a refresh would freeze the view for up to an hour.
      onRateLimit: () => false,
      onSecondaryRateLimit: (_retryAfter, requestOptions) => {
        const context = (requestOptions.request as WithContext | undefined)?.handsOn;
        if (context) context.secondaryLimit = true;
        return false;
      },
    },
  });

  octokit.hook.wrap('request', async (request, requestOptions) => {
    const resource = String(requestOptions.url).startsWith('/search/') ? 'search' : 'core';
    for (let attempt = 0; ; attempt++) {
      const until = Math.max(blockedUntil.get(resource) ?? 0, blockedUntil.get('*') ?? 0);
      if (until > now()) {
        throw new GitHubError('rateLimited', 'GitHub rate limit in force; not sending.', { until, request: `${requestOptions.method} ${requestOptions.url}` });
      }
      const context: RequestContext = {};
      (requestOptions.request as WithContext).handsOn = context;
      try {
        const response = await request(requestOptions);
        secondaryStreak = 0;
        return response;
      } catch (error) {
        if ((error as { status?: unknown }).status === 304) throw error; // not a failure: etagCache serves the stored body
        const classified = classifyGitHubError(error, now(), { secondaryLimit: context.secondaryLimit, secondaryStreak });
        if (classified.kind !== 'rateLimited') throw classified;
        const resumeAt = classified.details.until ?? now();
        if (context.secondaryLimit || resumeAt - now() > maxInlineWaitMs || attempt > 0) {
          if (context.secondaryLimit) secondaryStreak++;
          const key = context.secondaryLimit ? '*' : resource;
          blockedUntil.set(key, Math.max(blockedUntil.get(key) ?? 0, resumeAt));
          options.onRateLimit?.({ until: resumeAt, resource: key });
          throw classified;
        }
        await sleep(Math.max(0, resumeAt - now()));
      }
    }
  });

  return {
    octokit,
    baseUrl,
    meter,
    rateLimitedUntil: () => {
      const latest = Math.max(0, ...blockedUntil.values());
      return latest > now() ? latest : undefined;
    },
  };
}

/**
 * Innermost layer, one call per HTTP attempt: counts, reads the rate-limit headers, and aborts a hung attempt.
 * The timeout error is named AbortError on purpose: Octokit rethrows those untouched and the retry plugin
 * leaves them alone, so a dead server costs one timeout per request, not four.
 */
function meteredFetch(baseFetch: typeof fetch, timeoutMs: number, meter: RequestMeter): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    meter.requests++;
    try {
      const response = await baseFetch(input, { ...init, signal });
      if (response.status === 304) meter.notModified++;
      else if (response.headers.has('x-ratelimit-remaining')) meter.rateLimitCost++;
      const scopes = response.headers.get('x-oauth-scopes');
      if (scopes !== null) meter.scopes = scopes;
      return response;
    } catch (error) {
      if (timeout.aborted) throw Object.assign(new Error('GitHub request timed out'), { name: 'AbortError', handsOnTimeout: true });
      throw error;
    }
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
