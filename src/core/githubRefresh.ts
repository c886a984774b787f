/**
 * What the view shows after a GitHub refresh that partly failed: the last good results are kept for
 * whatever failed, with the time they are from, and one status says why. Pure: the adapter classifies
 * errors (kind + scope), this decides what survives.
 */
import type { TaskCandidate } from './tasks';

/** The adapter's error kinds (adapters/github/errors.ts), as plain strings so core stays free of it. */
export interface RefreshFailure {
  readonly kind: string;
  /** `owner/name`, `owner/name#12` or `search`; absent when the whole refresh failed. */
  readonly scope?: string;
  /** rateLimited: when requests may resume (epoch ms). */
  readonly until?: number;
}

export type GitHubStatus =
  | { readonly kind: 'ok'; readonly asOf: number }
  /** Some repositories or PRs failed (not found, no access, server error, SSO); the rest is fresh. */
  | { readonly kind: 'partial'; readonly asOf: number; readonly failures: readonly RefreshFailure[] }
  | { readonly kind: 'offline'; readonly asOf?: number }
  | { readonly kind: 'rateLimited'; readonly until?: number; readonly asOf?: number }
  | { readonly kind: 'unauthorized'; readonly asOf?: number };

/** Failures that stopped the whole refresh: nothing fetched after them is complete. */
const STOPPING = new Set(['unauthorized', 'rateLimited', 'network', 'timeout']);

export interface RefreshOutcome {
  readonly candidates: TaskCandidate[];
  readonly status: GitHubStatus;
}

/**
 * @param previous what was shown before, fetched at `previousAsOf` (undefined: nothing yet).
 * @param fresh what this refresh found, at `now`.
 */
export function afterRefresh(previous: readonly TaskCandidate[], previousAsOf: number | undefined, fresh: readonly TaskCandidate[], failures: readonly RefreshFailure[], now: number): RefreshOutcome {
  if (failures.length === 0) return { candidates: [...fresh], status: { kind: 'ok', asOf: now } };
  const stopping = failures.find((f) => STOPPING.has(f.kind));
  if (stopping) {
    // The refresh stopped early: keep everything we had, updated by whatever did arrive.
    const candidates = union(fresh, previous);
    const asOf = previousAsOf ?? (fresh.length > 0 ? now : undefined);
    const kind = stopping.kind === 'network' || stopping.kind === 'timeout' ? 'offline' : (stopping.kind as 'unauthorized' | 'rateLimited');
    const status: GitHubStatus =
      kind === 'rateLimited'
        ? { kind, ...(stopping.until !== undefined && { until: stopping.until }), ...(asOf !== undefined && { asOf }) }
        : { kind, ...(asOf !== undefined && { asOf }) };
    return { candidates, status };
  }
  const failedScopes = new Set(failures.map((f) => f.scope).filter((s): s is string => s !== undefined));
  const keptFromBefore = previous.filter((c) => failedScopes.has(c.repo) || (c.number !== undefined && failedScopes.has(`${c.repo}#${c.number}`)) || (failedScopes.has('search') && c.signals.kind === 'review'));
  return { candidates: union(fresh, keptFromBefore), status: { kind: 'partial', asOf: now, failures } };
}

/** `first` wins on equal ids. */
function union(first: readonly TaskCandidate[], second: readonly TaskCandidate[]): TaskCandidate[] {
  const byId = new Map<string, TaskCandidate>();
  for (const c of [...second, ...first]) byId.set(c.id, c);
  return [...byId.values()];
}
