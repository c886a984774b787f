/**
 * The last GitHub results and the ETag cache, kept on disk per account so that a restart (or a day offline)
 * still shows reviews and bugs with their "as of" time, and the first refresh after a restart is all 304s.
 * One file per account (a hash, no login or token in the name); a file for another account is never read.
 * It is a cache: a corrupt or foreign file means "nothing saved", and two windows writing it just take turns.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { TaskCandidate } from '../../core/tasks';
import { writeFileAtomically } from '../atomicFile';
import { GitHubCache } from './etagCache';

export interface SavedGitHubResults {
  readonly candidates: TaskCandidate[];
  /** When `candidates` were fetched. */
  readonly asOf: number;
  readonly cache: GitHubCache;
}

interface SavedFile {
  readonly version: 1;
  readonly account: string;
  readonly asOf: number;
  readonly candidates: unknown;
  readonly cache: unknown;
}

export class SavedGitHubResultsStore {
  constructor(private readonly dir: string) {}

  async load(account: string): Promise<SavedGitHubResults | undefined> {
    let parsed: Partial<SavedFile>;
    try {
      parsed = JSON.parse(await readFile(this.fileFor(account), 'utf8')) as Partial<SavedFile>;
    } catch {
      return undefined;
    }
    if (parsed?.version !== 1 || parsed.account !== account || typeof parsed.asOf !== 'number' || !Array.isArray(parsed.candidates)) return undefined;
    return { candidates: parsed.candidates.filter(isGitHubCandidate), asOf: parsed.asOf, cache: GitHubCache.restore(parsed.cache, account) };
  }

  save(results: SavedGitHubResults): Promise<boolean> {
    const file: SavedFile = { version: 1, account: results.cache.account, asOf: results.asOf, candidates: results.candidates, cache: results.cache.toJSON() };
    return writeFileAtomically(this.fileFor(results.cache.account), JSON.stringify(file));
  }

  private fileFor(account: string): string {
    return path.join(this.dir, `github-${account.replace(/[^A-Za-z0-9]/g, '')}.json`);
  }
}

/** Enough shape to rank and show; anything else in a hand-edited or old file is dropped. */
function isGitHubCandidate(value: unknown): value is TaskCandidate {
  const c = value as Partial<TaskCandidate> | null;
  return (
    typeof c === 'object' && c !== null &&
    typeof c.id === 'string' && typeof c.title === 'string' && typeof c.repo === 'string' && typeof c.url === 'string' &&
    typeof c.signals === 'object' && c.signals !== null && (c.signals.kind === 'review' || c.signals.kind === 'bug')
  );
}
