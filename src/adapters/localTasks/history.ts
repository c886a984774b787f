/**
 * Per-file churn and bug-fix commits within the history window, cached by HEAD. Node only.
 *
 * Cost control (a repository may have 100k+ commits):
 * - `git log` is STREAMED (never buffered: read line by line from a temporary file as git writes it, see
 *   followFile.ts) and bounded by `--since` (the window) and `--max-count`;
 * - the result is cached by HEAD sha: with HEAD unchanged, `refresh` runs no git at all when the caller already
 *   knows HEAD (else one `rev-parse`); when the cached HEAD is an ancestor of the new one, only `cachedHead..HEAD`
 *   is walked;
 * - the cache keeps one compact record per commit (sha, time, file indices, renames; a subject only for a
 *   behaviour fix, where its presence is the fix flag) so that the sliding window can drop commits that aged out
 *   without walking again, and so that line ages (lineAges.ts) can ask for the diffs of exactly the commits that
 *   touched a file, without a second walk.
 * The cache object is plain JSON (`HistoryCache`): persisting it is the caller's job.
 */
import { unquoteGitPath } from '../gitQuotedPath';
import { classifyCommit, FIX_WORDS } from '../../core/commitKind';
import type { FixCommitRef } from '../../core/tasks';
import { isSourceFile } from '../../core/testFileMatch';
import { GitAbortedError, GitCommandError, GitGateway } from '../gitProcess';
import { streamLinesViaFile } from './followFile';

export const DEFAULT_HISTORY_DAYS = 180;
export const DEFAULT_MAX_COMMITS = 50_000;
/** Starts each commit's header line; a NUL cannot appear in a path or a subject, so it cannot be confused. */
const MARKER = '\0';

/** Bumped whenever the record format changes: an older cache is walked again, never misread. */
export const HISTORY_CACHE_VERSION = 3;
/** Fix commits named per file (newest first): enough for a tooltip, small in every summary. */
export const NAMED_FIXES_PER_FILE = 3;
/** A fix's subject is kept to this many characters in the cache (a tooltip shows less). */
const MAX_SUBJECT = 100;

export interface CommitRecord {
  /** Full commit sha. */
  readonly h: string;
  /** Committer time, epoch seconds (what `--since` filters on). */
  readonly t: number;
  /**
   * The subject, only when the commit is a behaviour fix (core/commitKind.ts decides, from subject and author):
   * its presence is the fix flag, and most commits carry nothing.
   */
  readonly s?: string;
  /** Indices into `HistoryCache.files`: every path the commit touched, by its name after the commit. */
  readonly f: number[];
  /** Renames as [from, to] indices into `HistoryCache.files`; absent when the commit renamed nothing. */
  readonly r?: Array<[number, number]>;
}

/** Serialisable cache: JSON.stringify/parse round-trips it. */
export interface HistoryCache {
  readonly version: typeof HISTORY_CACHE_VERSION;
  readonly head: string;
  /** Start of the window the records were walked for, epoch ms; a later window can reuse them. */
  readonly walkedSince: number;
  readonly maxCommits: number;
  readonly files: string[];
  /** Newest first. */
  readonly commits: CommitRecord[];
  /** The walk hit `--max-count`: older commits in the window were not seen. */
  readonly truncated: boolean;
  /**
   * An ancestor of HEAD older than every record: the first parent of the oldest commit walked, later the newest
   * record that left the window. Absent when the walk reached a root (the whole history is in the window). Line
   * ages read the hit files at it: a line it already had is older than the window (lineAges.ts).
   */
  readonly boundary?: string;
}

export interface FileHistory {
  /** Commits touching the file in the window. */
  readonly churn: number;
  /** Of those, behaviour fixes (core/commitKind.ts). */
  readonly fixCommits: number;
  /** The newest NAMED_FIXES_PER_FILE of those fixes, newest first; absent when there is none. */
  readonly fixes?: readonly FixCommitRef[];
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
  /**
   * Where the window ends, epoch ms (default `now`; a later one is taken as `now`). A repository nobody committed to
   * for months still has work: the caller anchors the window to its last commit (see windowEndFor).
   */
  readonly windowEnd?: number;
  /** Where the window starts, epoch ms, when the caller decided it (a quiet repository's reaches further back). */
  readonly windowStart?: number;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /**
   * HEAD's sha and whether the clone is shallow, when the caller already asked git (collectLocalCandidates does):
   * saves two spawns, which is most of a refresh with nothing new.
   */
  readonly known?: { readonly head: string; readonly shallow: boolean };
}

/**
 * Churn and fix counts for the window ending now. Pass the previous cache to make it incremental.
 * Resolves `walk: 'empty'` for a repository with no commits. Rejects only with the gateway's typed errors.
 */
export async function refreshHistory(git: GitGateway, repoRoot: string, previous: HistoryCache | undefined, options: HistoryOptions = {}): Promise<HistorySummary> {
  const now = options.now ?? Date.now();
  const end = Math.min(now, options.windowEnd ?? now);
  const since = Math.min(end - (options.historyDays ?? DEFAULT_HISTORY_DAYS) * 86_400_000, options.windowStart ?? Infinity);
  const maxCommits = options.maxCommits ?? DEFAULT_MAX_COMMITS;
  const run = { cwd: repoRoot, signal: options.signal, timeoutMs: options.timeoutMs };

  let head = options.known?.head;
  if (head === undefined) {
    const headResult = await git.run(['rev-parse', '-q', '--verify', 'HEAD^{commit}'], run);
    head = headResult.exitCode === 0 ? headResult.stdout.trim() : '';
  }
  if (!head) {
    return { files: new Map(), commits: 0, truncated: false, walk: 'empty', walkedCommits: 0, cache: undefined };
  }
  const reusable = previous?.version === HISTORY_CACHE_VERSION && previous.maxCommits === maxCommits && previous.walkedSince <= since;
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
  // In a shallow clone the oldest fetched commits are grafted roots: git diffs them against nothing, so they seem
  // to add every file. Their file lists are ignored (the commit still counts). A real root commit keeps its files.
  const shallow = options.known?.shallow ?? (await git.run(['rev-parse', '--is-shallow-repository'], run)).stdout.trim() === 'true';
  const indexOf = (file: string): number => {
    let i = fileIndex.get(file);
    if (i === undefined) {
      i = files.push(file) - 1;
      fileIndex.set(file, i);
    }
    return i;
  };
  const part = (range: string, from: number, until: number | undefined, signal: AbortSignal | undefined) =>
    walkPart(git, { ...run, signal }, { range, from, until, maxCommits, shallow, indexOf });

  let fresh: CommitRecord[];
  let lastFirstParent: string | undefined;
  if (base) {
    ({ records: fresh, lastFirstParent } = await part(`${base.head}..${head}`, since, undefined, options.signal));
  } else {
    // A full walk is two walks side by side, split at the window's middle: tree diffs are most of its cost and
    // one git process uses one core. The older half skips the newer commits without diffing them (measured on the
    // bench repository: 0.65 s for both halves at once, 1.1 s for the whole window in one process).
    const middle = Math.floor((since + end) / 2 / 1000) * 1000;
    const stopOlder = new AbortController();
    const onAbort = () => stopOlder.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const newer = part(head, middle, undefined, options.signal).then((walked) => {
        // The newest maxCommits are all in the newer half: the older one cannot add any.
        if (walked.records.length >= maxCommits) stopOlder.abort();
        return walked;
      });
      const older = part(head, since, middle - 1000, stopOlder.signal).catch((err: unknown) => {
        if (stopOlder.signal.aborted && !options.signal?.aborted && GitAbortedError.is(err)) return { records: [], lastFirstParent: undefined };
        throw err;
      });
      const [n, o] = await Promise.all([newer, older]);
      fresh = [...n.records, ...o.records].slice(0, maxCommits);
      lastFirstParent = o.records.length ? o.lastFirstParent : n.lastFirstParent;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  const truncatedNow = fresh.length >= maxCommits;
  // Newest first, capped like a full walk would be; records that left the window are dropped for good. (A full
  // walk's records are all in the window: --since chose them.)
  const all = base ? [...fresh, ...base.commits] : fresh;
  const inWindow = base ? all.filter((c) => c.t * 1000 >= since) : fresh;
  // A full walk that found nothing in the window: HEAD itself is older than the window.
  let boundary = base ? base.boundary : fresh.length ? lastFirstParent : head;
  const firstOut = inWindow[maxCommits] ?? all.find((c) => c.t * 1000 < since);
  if (firstOut) boundary = firstOut.h;
  // Nothing dropped: every file in the table is still referenced, and a fresh walk's records are new objects.
  const kept = firstOut ? compact(files, inWindow.slice(0, maxCommits)) : { files, commits: inWindow };
  const cache: HistoryCache = {
    version: HISTORY_CACHE_VERSION, head, walkedSince: base ? base.walkedSince : since, maxCommits, files: kept.files, commits: kept.commits,
    truncated: truncatedNow || (base?.truncated ?? false) || kept.commits.length >= maxCommits,
    ...(boundary ? { boundary } : {}),
  };
  return summarise(cache, since, walk, fresh.length);
}

/**
 * The end of the history window for a repository whose HEAD was committed at `headTime` (epoch ms): now, unless the
 * repository has been idle, when it is its last commit. A repository idle for 8 months with a 6-month window would
 * otherwise show no churn, no fixes and no test gaps at all; what its team did last is still its live code.
 */
export function windowEndFor(now: number, headTime: number | undefined): number {
  return headTime !== undefined && Number.isFinite(headTime) && headTime < now ? headTime : now;
}

/** The cached commits inside the window starting at `since` (a cached cache may still hold older ones), newest first. */
export interface WindowView {
  readonly commits: readonly CommitRecord[];
  readonly files: readonly string[];
  /** See HistoryCache.boundary; the newest record older than the window when the cache still holds one. */
  readonly boundary: string | undefined;
  /** Committer time (epoch s) of the oldest commit in the window, when there is one. */
  readonly oldestTime: number | undefined;
  readonly truncated: boolean;
}

export function windowView(cache: HistoryCache, since: number): WindowView {
  const commits = cache.commits.filter((c) => c.t * 1000 >= since);
  const firstOut = cache.commits.find((c) => c.t * 1000 < since);
  return {
    commits, files: cache.files, boundary: firstOut?.h ?? cache.boundary, oldestTime: commits[commits.length - 1]?.t, truncated: cache.truncated,
  };
}

/**
 * One `git log` over `range`, commits from `from` (epoch ms) up to `until` (inclusive), newest first. Streamed from
 * a temporary file rather than a pipe: see followFile.ts.
 */
async function walkPart(
  git: GitGateway,
  run: { cwd: string; signal?: AbortSignal; timeoutMs?: number },
  part: { range: string; from: number; until: number | undefined; maxCommits: number; shallow: boolean; indexOf: (file: string) => number },
): Promise<{ records: CommitRecord[]; lastFirstParent: string | undefined }> {
  const { indexOf, shallow } = part;
  // --name-status, not --name-only: the same paths (a rename lists its new name), plus where a renamed file came
  // from, so that line ages can follow a file across a rename as blame does. It costs the same tree diffs.
  const args = (file: string | undefined) => [
    '-c', 'core.quotePath=false',
    'log', ...(file ? [`--output=${file}`] : []), '--no-merges', `--max-count=${part.maxCommits}`, `--since=${new Date(part.from).toISOString()}`,
    ...(part.until === undefined ? [] : [`--until=${new Date(part.until).toISOString()}`]),
    // Author name and email before the subject (which comes last: it may hold anything), for the bot rule.
    '--format=%x00%H%x09%ct%x09%P%x09%an%x09%ae%x09%s', '--name-status', part.range, '--',
  ];
  const records: CommitRecord[] = [];
  let current: { h: string; t: number; s?: string; f: number[]; r?: Array<[number, number]> } | undefined;
  let skipFiles = false;
  let lastHeader = '';
  // Called for every line of a walk that can run to 100,000+ lines: index arithmetic instead of split() or slices
  // for the parents and subject keeps the garbage (and the collector's time on the main thread) down.
  const result = await streamLinesViaFile(git, args, run, (line) => {
    if (line.startsWith(MARKER)) {
      const a = line.indexOf('\t');
      const b = line.indexOf('\t', a + 1);
      const c = line.indexOf('\t', b + 1);
      current = { h: line.slice(1, a), t: Number(line.slice(a + 1, b)), f: [] };
      // The whole line is screened first, and most commits stop here without a slice: the sha, time and parents are
      // hex and digits, which hold no fix word (one in an author's name only costs a classification).
      if (FIX_WORDS.test(line)) {
        const d = line.indexOf('\t', c + 1);
        const e = line.indexOf('\t', d + 1);
        const subject = line.slice(e + 1);
        if (classifyCommit(subject, line.slice(c + 1, d), line.slice(d + 1, e)).fix) current.s = subject.slice(0, MAX_SUBJECT);
      }
      skipFiles = shallow && c === b + 1;
      lastHeader = line;
      records.push(current);
    } else if (line && current && !skipFiles) {
      // `M\tpath`, `R097\told\tnew`, `C075\tsource\tcopy`; a TAB inside a name comes C-quoted, so this is safe.
      const a = line.indexOf('\t');
      if (a < 0) return;
      const b = line.indexOf('\t', a + 1);
      const to = indexOf(unquoteGitPath(b < 0 ? line.slice(a + 1) : line.slice(b + 1)));
      current.f.push(to);
      if (line[0] === 'R' && b >= 0) (current.r ??= []).push([indexOf(unquoteGitPath(line.slice(a + 1, b))), to]);
    }
  });
  if (result.exitCode !== 0) throw new GitCommandError(args(undefined).slice(2), result.exitCode, result.stderr);
  // The first parent of the oldest commit walked (its header is the last one).
  const b = lastHeader.indexOf('\t', lastHeader.indexOf('\t') + 1);
  const parents = lastHeader ? lastHeader.slice(b + 1, lastHeader.indexOf('\t', b + 1)) : '';
  return { records, lastFirstParent: parents ? parents.split(' ')[0] : undefined };
}

function summarise(cache: HistoryCache, since: number, walk: HistorySummary['walk'], walkedCommits: number): HistorySummary {
  // Per file index, without a Set per commit: this runs on every refresh, over every commit in the cache.
  const churn = new Int32Array(cache.files.length);
  const fixes = new Int32Array(cache.files.length);
  const lastCommit = new Int32Array(cache.files.length).fill(-1);
  // Sparse: only files touched by a fix get a list.
  const named: Array<FixCommitRef[] | undefined> = [];
  let commits = 0;
  // Indexed loops: this runs once per refresh, mostly before the JIT optimises it, and for…of would allocate.
  for (let n = 0; n < cache.commits.length; n++) {
    const c = cache.commits[n]!;
    if (c.t * 1000 < since) continue;
    commits++;
    for (let k = 0; k < c.f.length; k++) {
      const i = c.f[k]!;
      if (lastCommit[i] === n) continue; // a path listed twice in one commit counts once
      lastCommit[i] = n;
      churn[i]!++;
      if (c.s !== undefined) {
        fixes[i]!++;
        const list = (named[i] ??= []);
        if (list.length < NAMED_FIXES_PER_FILE) list.push({ hash: c.h, subject: c.s });
      }
    }
  }
  const counts = new Map<string, FileHistory>();
  for (let i = 0; i < cache.files.length; i++) {
    if (churn[i]! === 0) continue;
    const list = named[i];
    counts.set(cache.files[i]!, list ? { churn: churn[i]!, fixCommits: fixes[i]!, fixes: list } : { churn: churn[i]!, fixCommits: fixes[i]! });
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
  const remap = (old: number): number => {
    let idx = used.get(old);
    if (idx === undefined) {
      idx = out.push(files[old]!) - 1;
      used.set(old, idx);
    }
    return idx;
  };
  const records = commits.map((c): CommitRecord => ({
    h: c.h,
    t: c.t,
    ...(c.s !== undefined ? { s: c.s } : {}),
    f: c.f.map(remap),
    ...(c.r ? { r: c.r.map(([from, to]): [number, number] => [remap(from), remap(to)]) } : {}),
  }));
  return { files: out, commits: records };
}

/** Source files (by the test-gap rules: no tests, configs or vendored code) changed in the window, most churn first. */
export function changedSourceFiles(summary: Pick<HistorySummary, 'files'>): string[] {
  return [...summary.files].filter(([file]) => isSourceFile(file)).sort(([, a], [, b]) => b.churn - a.churn).map(([file]) => file);
}
