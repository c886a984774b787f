/**
 * Per-file churn and bug-fix commits within the history window, cached by HEAD. Node only.
 *
 * Cost control (a repository may have 100k+ commits):
 * - `git log` is STREAMED (never buffered) and bounded by `--since` (the window) and `--max-count`;
 * - the result is cached by HEAD sha: with HEAD unchanged, `refresh` runs `rev-parse` and nothing else;
 *   when the cached HEAD is an ancestor of the new one, only `cachedHead..HEAD` is walked;
 * - the cache keeps one compact record per commit (time, fix flag, file indices) so that the sliding window can
 *   drop commits that aged out without walking again.
 * The cache object is plain JSON (`HistoryCache`): persisting it is the caller's job.
 */
import { isSourceFile } from '../../core/testFileMatch';
import { GitCommandError, GitGateway } from '../gitProcess';

export const DEFAULT_HISTORY_DAYS = 180;
export const DEFAULT_MAX_COMMITS = 50_000;
/** Starts each commit's header line; a NUL cannot appear in a path or a subject, so it cannot be confused. */
const MARKER = '\0';

/**
 * A commit is a bug fix when its SUBJECT (case-insensitive) contains, as a whole word:
 * fix / fixes / fixed / fixing (also `fix(scope):` and `fixes #12`), bug / bugs / bugfix, hotfix,
 * regression(s), or revert / reverts / reverted (git's own "Revert "…"" subjects).
 * Word boundaries keep "prefix", "fixture", "debug", "suffix" out.
 */
export const FIX_SUBJECT = /\b(?:fix(?:e[sd]|ing)?|bug(?:s|fix(?:es)?)?|hotfix(?:es)?|regressions?|revert(?:s|ed)?)\b/i;

export interface CommitRecord {
  /** Committer time, epoch seconds (what `--since` filters on). */
  readonly t: number;
  readonly fix: boolean;
  /** Indices into `HistoryCache.files`. */
  readonly f: number[];
}

/** Serialisable cache: JSON.stringify/parse round-trips it. */
export interface HistoryCache {
  readonly version: 1;
  readonly head: string;
  /** Start of the window the records were walked for, epoch ms; a later window can reuse them. */
  readonly walkedSince: number;
  readonly maxCommits: number;
  readonly files: string[];
  /** Newest first. */
  readonly commits: CommitRecord[];
  /** The walk hit `--max-count`: older commits in the window were not seen. */
  readonly truncated: boolean;
}

export interface FileHistory {
  /** Commits touching the file in the window. */
  readonly churn: number;
  readonly fixCommits: number;
}

export interface HistorySummary {
  /** Repository-relative path (as of each commit; renames follow git's default detection) → counts. */
  readonly files: Map<string, FileHistory>;
  readonly commits: number;
  readonly truncated: boolean;
  /** How the refresh went: `cached` = no walk at all, `incremental` = only new commits, `full`, or `empty` (no HEAD). */
  readonly walk: 'cached' | 'incremental' | 'full' | 'empty';
  /** Commits read from git in this refresh (0 when cached). */
  readonly walkedCommits: number;
  readonly cache: HistoryCache | undefined;
}

export interface HistoryOptions {
  readonly historyDays?: number;
  readonly maxCommits?: number;
  readonly now?: number;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/**
 * Churn and fix counts for the window ending now. Pass the previous cache to make it incremental.
 * Resolves `walk: 'empty'` for a repository with no commits. Rejects only with the gateway's typed errors.
 */
export async function refreshHistory(git: GitGateway, repoRoot: string, previous: HistoryCache | undefined, options: HistoryOptions = {}): Promise<HistorySummary> {
  const now = options.now ?? Date.now();
  const since = now - (options.historyDays ?? DEFAULT_HISTORY_DAYS) * 86_400_000;
  const maxCommits = options.maxCommits ?? DEFAULT_MAX_COMMITS;
  const run = { cwd: repoRoot, signal: options.signal, timeoutMs: options.timeoutMs };

  const headResult = await git.run(['rev-parse', '-q', '--verify', 'HEAD^{commit}'], run);
  const head = headResult.stdout.trim();
  if (headResult.exitCode !== 0 || !head) {
    return { files: new Map(), commits: 0, truncated: false, walk: 'empty', walkedCommits: 0, cache: undefined };
  }
  const reusable = previous?.version === 1 && previous.maxCommits === maxCommits && previous.walkedSince <= since;
  if (reusable && previous.head === head) return summarise(previous, since, 'cached', 0);

  let walk: 'incremental' | 'full' = 'full';
  if (reusable) {
    // Exit 0: ancestor. 1: not (history rewritten). 128: the old sha is gone (gc after a rebase). Only 0 reuses.
    const ancestor = await git.run(['merge-base', '--is-ancestor', previous.head, head], run);
    if (ancestor.exitCode === 0) walk = 'incremental';
  }
  const base = walk === 'incremental' ? previous! : undefined;
  const files = base ? [...base.files] : [];
  const fileIndex = new Map(files.map((f, i) => [f, i]));
  const fresh: CommitRecord[] = [];
  const args = [
    '-c', 'core.quotePath=false',
    'log', '--no-merges', `--max-count=${maxCommits}`, `--since=${new Date(since).toISOString()}`,
    '--format=%x00%ct%x09%P%x09%s', '--name-only',
    base ? `${base.head}..${head}` : head, '--',
  ];
  // In a shallow clone the oldest fetched commits are grafted roots: git diffs them against nothing, so they seem
  // to add every file. Their file lists are ignored (the commit still counts). A real root commit keeps its files.
  const shallow = (await git.run(['rev-parse', '--is-shallow-repository'], run)).stdout.trim() === 'true';
  let current: { t: number; fix: boolean; f: number[] } | undefined;
  let skipFiles = false;
  const result = await git.streamLines(args, run, (line) => {
    if (line.startsWith(MARKER)) {
      const [t, parents, ...subject] = line.slice(1).split('\t');
      current = { t: Number(t), fix: FIX_SUBJECT.test(subject.join('\t')), f: [] };
      skipFiles = shallow && !parents;
      fresh.push(current);
    } else if (line && current && !skipFiles) {
      const file = unquote(line);
      let i = fileIndex.get(file);
      if (i === undefined) {
        i = files.push(file) - 1;
        fileIndex.set(file, i);
      }
      current.f.push(i);
    }
  });
  if (result.exitCode !== 0) throw new GitCommandError(args.slice(2), result.exitCode, result.stderr);

  const truncatedNow = fresh.length >= maxCommits;
  // Newest first, capped like a full walk would be; records that left the window are dropped for good.
  const kept = compact(files, [...fresh, ...(base?.commits ?? [])].filter((c) => c.t * 1000 >= since).slice(0, maxCommits));
  const cache: HistoryCache = {
    version: 1, head, walkedSince: base ? base.walkedSince : since, maxCommits, files: kept.files, commits: kept.commits,
    truncated: truncatedNow || (base?.truncated ?? false) || kept.commits.length >= maxCommits,
  };
  return summarise(cache, since, walk, fresh.length);
}

function summarise(cache: HistoryCache, since: number, walk: HistorySummary['walk'], walkedCommits: number): HistorySummary {
  const counts = new Map<string, { churn: number; fixCommits: number }>();
  let commits = 0;
  for (const c of cache.commits) {
    if (c.t * 1000 < since) continue;
    commits++;
    for (const i of new Set(c.f)) {
      const name = cache.files[i]!;
      const entry = counts.get(name) ?? { churn: 0, fixCommits: 0 };
      entry.churn++;
      if (c.fix) entry.fixCommits++;
      counts.set(name, entry);
    }
  }
  return { files: counts, commits, truncated: cache.truncated, walk, walkedCommits, cache };
}

/**
 * Rebuilds the file table from the commits still kept, so the cache does not grow forever. Returns NEW records:
 * the previous cache object stays valid for a caller still holding it.
 */
function compact(files: readonly string[], commits: readonly CommitRecord[]): { files: string[]; commits: CommitRecord[] } {
  const used = new Map<number, number>();
  const out: string[] = [];
  const records = commits.map((c) => ({
    t: c.t,
    fix: c.fix,
    f: c.f.map((old) => {
      let idx = used.get(old);
      if (idx === undefined) {
        idx = out.push(files[old]!) - 1;
        used.set(old, idx);
      }
      return idx;
    }),
  }));
  return { files: out, commits: records };
}

/** git C-quotes paths with control characters, quotes or backslashes even with core.quotePath=false. */
export function unquote(name: string): string {
  if (!(name.startsWith('"') && name.endsWith('"') && name.length >= 2)) return name;
  const bytes: number[] = [];
  const body = name.slice(1, -1);
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Source files (by the test-gap rules: no tests, configs or vendored code) changed in the window, most churn first. */
export function changedSourceFiles(summary: Pick<HistorySummary, 'files'>): string[] {
  return [...summary.files].filter(([file]) => isSourceFile(file)).sort(([, a], [, b]) => b.churn - a.churn).map(([file]) => file);
}
