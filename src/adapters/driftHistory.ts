/**
 * The commits core/drift needs, read from git: everything since the user's own last commit or the churn window,
 * whichever reaches further back, bounded by a commit cap, streamed (never buffered whole), plus the top-level
 * names at the user's last commit so new modules can be told from old ones. Runs git: trusted workspaces only.
 */
import type { DriftCommit } from '../core/drift';
import type { GitGateway } from './gitProcess';
import { GitCommandError } from './gitProcess';
import { unquoteGitPath } from './gitQuotedPath';

export interface DriftHistoryOptions {
  readonly myEmails: readonly string[];
  readonly now: number;
  /** Default 90 days. */
  readonly churnWindowDays?: number;
  /** Default 20,000: a leader away for months on a busy monorepo still gets an answer quickly. */
  readonly maxCommits?: number;
  readonly signal?: AbortSignal;
}

export interface DriftHistory {
  /** Newest first. */
  readonly commits: DriftCommit[];
  readonly topLevelAtMyLastCommit?: Set<string>;
  /** The cap stopped the walk before it reached back far enough. */
  readonly truncated: boolean;
}

const DAY_MS = 86_400_000;
const CHANGE = /^([AMDRCT])\d*\t(.+)$/;
/** A copy makes a new file; a type change (file ↔ symlink) is a modification. */
const KIND: Readonly<Record<string, DriftCommit['files'][number]['change']>> = { A: 'A', M: 'M', D: 'D', R: 'R', C: 'A', T: 'M' };

export async function readDriftHistory(git: GitGateway, repoRoot: string, options: DriftHistoryOptions): Promise<DriftHistory> {
  const run = { cwd: repoRoot, ...(options.signal && { signal: options.signal }) };
  const maxCommits = options.maxCommits ?? 20_000;
  const mine = await myLastCommit(git, repoRoot, options);
  const windowStart = options.now - (options.churnWindowDays ?? 90) * DAY_MS;
  const since = mine ? Math.min(mine.time, windowStart) : windowStart;

  const commits: DriftCommit[] = [];
  let current: { sha: string; authorEmail: string; authorName: string; time: number; files: DriftCommit['files'][number][] } | undefined;
  const result = await git.streamLines(
    ['-c', 'core.quotePath=false', 'log', '--no-merges', '-M', '--name-status', `--max-count=${maxCommits}`, `--since=${new Date(since).toISOString()}`,
      '--format=%x00%H%x09%ae%x09%an%x09%at', 'HEAD', '--'],
    run,
    (line) => {
      if (line.startsWith('\0')) {
        const [sha = '', authorEmail = '', authorName = '', seconds = '0'] = line.slice(1).split('\t');
        current = { sha, authorEmail, authorName, time: Number(seconds) * 1000, files: [] };
        commits.push(current);
        return;
      }
      const change = CHANGE.exec(line);
      if (!change || !current) return;
      // Renames and copies list `old<TAB>new`: the new path is the one that exists now.
      const paths = change[2]!.split('\t');
      current.files.push({ path: unquoteGitPath(paths.at(-1)!), change: KIND[change[1]!]! });
    },
  );
  // A repository without commits has no HEAD: nothing to report, not a failure.
  if (result.exitCode !== 0 && !/does not have any commits|unknown revision|bad (default )?revision/.test(result.stderr)) {
    throw new GitCommandError(['log'], result.exitCode, result.stderr);
  }
  return {
    commits,
    ...(mine && { topLevelAtMyLastCommit: await topLevelAt(git, mine.sha, run) }),
    truncated: commits.length >= maxCommits,
  };
}

/**
 * When the user last touched each folder, over the whole history (one `git log -1` per folder: call it for the
 * drift map's few rows, not for every folder). Folders they never touched are left out.
 */
export async function lastTouches(git: GitGateway, repoRoot: string, dirs: readonly string[], options: Pick<DriftHistoryOptions, 'myEmails' | 'signal'>): Promise<Map<string, number>> {
  const touches = new Map<string, number>();
  for (const dir of dirs) {
    const found = await myLastCommit(git, repoRoot, options, dir);
    if (found) touches.set(dir, found.time);
  }
  return touches;
}

/** The newest commit authored by one of the user's emails (exact addresses, any case), optionally under `dir`. */
async function myLastCommit(git: GitGateway, repoRoot: string, options: Pick<DriftHistoryOptions, 'myEmails' | 'signal'>, dir?: string): Promise<{ sha: string; time: number } | undefined> {
  const emails = options.myEmails.map((e) => e.trim()).filter((e) => e.includes('@'));
  if (emails.length === 0) return undefined;
  // Fixed strings with the angle brackets: `<ann@x.io>` cannot match `joann@x.io`, and no email is read as a regex.
  const authors = emails.map((e) => `--author=<${e}>`);
  const result = await git.run(['log', '-1', '--no-merges', '--fixed-strings', '--regexp-ignore-case', ...authors, '--format=%H%x09%at', 'HEAD', '--', ...(dir ? [`:(literal)${dir}`] : [])], {
    cwd: repoRoot,
    ...(options.signal && { signal: options.signal }),
  });
  const [sha, seconds] = result.exitCode === 0 ? result.stdout.trim().split('\t') : [];
  return sha && seconds ? { sha, time: Number(seconds) * 1000 } : undefined;
}

async function topLevelAt(git: GitGateway, sha: string, run: { cwd: string; signal?: AbortSignal }): Promise<Set<string>> {
  const result = await git.run(['-c', 'core.quotePath=false', 'ls-tree', '--name-only', sha], run);
  return new Set(result.exitCode === 0 ? result.stdout.split('\n').filter(Boolean).map(unquoteGitPath) : []);
}
