/**
 * Which GitHub repositories a working copy belongs to, from `git remote -v` output. Pure: the caller runs git.
 *
 * Only remotes on the GitHub server in use count: a github.com token means nothing to a GHE host and vice versa,
 * and asking the wrong server for `owner/name` would at best 404 and at worst show another project's issues.
 * Hosts are compared by name only (no port): the same server's SSH remotes often use another port than HTTPS.
 */

export interface GitHubRemoteRepo {
  readonly owner: string;
  readonly name: string;
}

/** GitHub's own rule for owner and repository names (letters, digits, `-`, `_`, `.`). */
const SEGMENT = /^[A-Za-z0-9_.-]+$/;
const SCHEME_URL = /^(?:https?|ssh|git|git\+ssh|ssh\+git):\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^/:]+)(?::\d*)?(\/.*)?$/i;
/** scp-like `[user@]host:path`; the path must not start with `//` (that would be a scheme URL). */
const SCP_LIKE = /^(?:[^@/]+@)?([^/:]+):(?!\/\/)(.+)$/;

/**
 * The web address the remotes point at: `https://github.com` or a GHE server, possibly with a path prefix when
 * GHE sits behind a reverse proxy (`https://host/prefix`). Compute it from the REST base with `webUrlFor`.
 */
export function parseGitHubRemotes(remoteVerbose: string, webUrl: string): GitHubRemoteRepo[] {
  const web = splitWebUrl(webUrl);
  if (!web) return [];
  const found = new Map<string, GitHubRemoteRepo>();
  for (const line of remoteVerbose.split(/\r?\n/)) {
    // `name<TAB>url (fetch)`; fetch and push usually repeat the same URL, deduplicated below.
    const url = /^\S+\s+(\S+)(?:\s+\((?:fetch|push)\))?\s*$/.exec(line)?.[1];
    const repo = url === undefined ? undefined : parseGitHubRemoteUrl(url, web);
    // GitHub names are case-insensitive: `Owner/Repo` and `owner/repo` are one repository.
    if (repo) {
      const key = `${repo.owner}/${repo.name}`.toLowerCase();
      if (!found.has(key)) found.set(key, repo);
    }
  }
  return [...found.values()];
}

/** One remote URL → `{ owner, name }` when it names a repository on `web`'s host, else undefined. */
export function parseGitHubRemoteUrl(url: string, web: { host: string; prefix: readonly string[] }): GitHubRemoteRepo | undefined {
  const match = SCHEME_URL.exec(url) ?? SCP_LIKE.exec(url);
  if (!match) return undefined;
  if (canonicalHost(match[1]!) !== web.host) return undefined;
  let segments = (match[2] ?? '').split('/').filter((s) => s !== '');
  const prefixed = web.prefix.every((p, i) => segments[i]?.toLowerCase() === p.toLowerCase());
  if (web.prefix.length > 0 && prefixed) segments = segments.slice(web.prefix.length);
  if (segments.length !== 2) return undefined;
  const owner = segments[0]!;
  const name = segments[1]!.replace(/\.git$/i, '');
  if (!SEGMENT.test(owner) || !SEGMENT.test(name) || name === '' || name === '.' || name === '..') return undefined;
  return { owner, name };
}

/** `https://host[:port]/prefix` → host (lowercase, no port) and the prefix's path segments. */
export function splitWebUrl(webUrl: string): { host: string; prefix: string[] } | undefined {
  const match = /^https?:\/\/(\[[^\]]+\]|[^/:]+)(?::\d+)?(\/.*)?$/i.exec(webUrl.trim());
  if (!match) return undefined;
  return { host: canonicalHost(match[1]!), prefix: (match[2] ?? '').split('/').filter((s) => s !== '') };
}

/** github.com is also reachable as www.github.com; `ssh.github.com` is its SSH-over-443 endpoint. */
function canonicalHost(host: string): string {
  const h = host.toLowerCase();
  return h === 'www.github.com' || h === 'ssh.github.com' ? 'github.com' : h;
}
