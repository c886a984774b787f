/**
 * Conditional requests. GitHub answers `If-None-Match` with 304 when nothing changed, and a 304 costs no
 * rate limit, so a quiet refresh is free. We keep ETag + a slim projection of the body (only the fields we
 * read: whole issue lists would make the persisted cache megabytes), per account: a cache restored for
 * another login or server starts empty, so one account never sees another's data (faults.md 3).
 * Plain JSON in and out; the caller persists `toJSON()` where it likes.
 */
import { createHash } from 'node:crypto';
import type { GitHubClient } from './client';

export interface CacheEntry {
  readonly etag?: string;
  readonly value: unknown;
  /** Epoch ms when stored. */
  readonly at: number;
}

export interface GitHubCacheSnapshot {
  readonly version: 1;
  readonly account: string;
  readonly entries: Readonly<Record<string, CacheEntry>>;
}

const DEFAULT_MAX_ENTRIES = 1000;

/** A stable, non-reversible key for (server, login): no token in the persisted cache. */
export function accountKey(baseUrl: string, login: string): string {
  return createHash('sha256').update(`${baseUrl}\n${login.toLowerCase()}`).digest('hex').slice(0, 24);
}

export class GitHubCache {
  private readonly entries: Map<string, CacheEntry>;

  private constructor(readonly account: string, entries: Iterable<[string, CacheEntry]>, private readonly maxEntries: number) {
    this.entries = new Map(entries);
  }

  static empty(account: string, maxEntries = DEFAULT_MAX_ENTRIES): GitHubCache {
    return new GitHubCache(account, [], maxEntries);
  }

  /** Restores a snapshot if it belongs to `account` and is well-formed; otherwise an empty cache. */
  static restore(snapshot: unknown, account: string, maxEntries = DEFAULT_MAX_ENTRIES): GitHubCache {
    const s = snapshot as Partial<GitHubCacheSnapshot> | undefined;
    if (!s || s.version !== 1 || s.account !== account || typeof s.entries !== 'object' || s.entries === null) {
      return GitHubCache.empty(account, maxEntries);
    }
    const valid = Object.entries(s.entries).filter(([, e]) => typeof e === 'object' && e !== null && typeof e.at === 'number');
    return new GitHubCache(account, valid, maxEntries);
  }

  get(key: string): CacheEntry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Re-insert: Map order is then least-recently-used first, which is what eviction drops.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CacheEntry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  toJSON(): GitHubCacheSnapshot {
    return { version: 1, account: this.account, entries: Object.fromEntries(this.entries) };
  }
}

export interface ConditionalResult<T> {
  readonly value: T;
  /** True when GitHub sent a new body (200); false when it answered 304 and the stored one was used. */
  readonly fresh: boolean;
  readonly etag: string | undefined;
}

/**
 * GET `route` with `If-None-Match` when we hold an ETag for it. On 200, stores `project(body, headers)` and
 * returns it; on the thrown 304, returns the stored projection.
 */
export async function conditionalGet<T>(
  client: GitHubClient,
  cache: GitHubCache,
  route: string,
  params: Record<string, string | number | undefined>,
  project: (data: unknown, headers: Record<string, string | number | undefined>) => T,
): Promise<ConditionalResult<T>> {
  const key = `etag:${route} ${JSON.stringify(Object.entries(params).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)))}`;
  const cached = cache.get(key);
  const headers = cached?.etag ? { 'if-none-match': cached.etag } : {};
  try {
    const response = await client.octokit.request(route, { ...params, headers });
    const value = project(response.data, response.headers as Record<string, string | number | undefined>);
    const etag = typeof response.headers.etag === 'string' ? response.headers.etag : undefined;
    cache.set(key, { ...(etag !== undefined && { etag }), value, at: Date.now() });
    return { value, fresh: true, etag };
  } catch (error) {
    if ((error as { status?: unknown }).status === 304 && cached) return { value: cached.value as T, fresh: false, etag: cached.etag };
    throw error;
  }
}
