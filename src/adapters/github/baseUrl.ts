/**
 * The REST base URL for github.com or a GitHub Enterprise Server host.
 * GHE's REST API lives under `/api/v3`; users paste the web address (`github-enterprise.uri`),
 * often without it, sometimes with a trailing slash or a path. A wrong URL must fail here with
 * a message the user can act on, not later as a confusing 404 or a token sent in clear text.
 */

export const GITHUB_DOT_COM_API = 'https://api.github.com';

export class GitHubUrlError extends Error {
  override readonly name = 'GitHubUrlError';
}

/** Hosts where plain http is accepted: local test servers only (a token must never travel in clear text). */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * `undefined`/empty or github.com → `https://api.github.com`; `https://ghe.example.com` →
 * `https://ghe.example.com/api/v3`. An already-normalised `…/api/v3` URL is kept.
 * Throws `GitHubUrlError` for a URL that cannot be parsed, a non-http(s) scheme, or http:// to a non-loopback host.
 */
export function normalizeGitHubBaseUrl(uri: string | undefined): string {
  const text = (uri ?? '').trim();
  if (text === '') return GITHUB_DOT_COM_API;
  let url: URL;
  try {
    // A bare host ("ghe.example.com") is a common paste: assume https.
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new GitHubUrlError(`"${text}" is not a valid GitHub Enterprise URL. Use the address of the server, e.g. https://github.example.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new GitHubUrlError(`"${text}" must start with https://.`);
  }
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    throw new GitHubUrlError(`"${text}" uses http://, which would send your token unencrypted. Use https://${url.host}.`);
  }
  if (url.username || url.password) {
    throw new GitHubUrlError(`"${text}" must not contain a user name or password.`);
  }
  const host = url.hostname.toLowerCase();
  if (host === 'github.com' || host === 'www.github.com' || host === 'api.github.com') return GITHUB_DOT_COM_API;
  // Keep any path prefix (GHE behind a reverse proxy), but drop what we add ourselves and trailing slashes.
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v3$/i, '');
  return `${url.protocol}//${url.host}${path}/api/v3`;
}

/** The web address matching a REST base URL (for links the user opens). */
export function webUrlFor(baseUrl: string): string {
  return baseUrl === GITHUB_DOT_COM_API ? 'https://github.com' : baseUrl.replace(/\/api\/v3$/, '');
}
