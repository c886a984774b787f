/**
 * The commits core/drift needs, read from git: everything since the user's own last commit or the churn window,
 * whichever reaches further back, bounded by a commit cap, streamed (never buffered whole), plus the top-level
 * names at the user's last commit so new modules can be told from old ones. Runs git: trusted workspaces only.
 */
import type { DriftCommit } from '../core/drift';
import type { GitGateway } from './gitProcess';
import { GitAbortedError, GitCommandError } from './gitProcess';
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
  /** Newest first; merges left out (their changes are their parents'). */
  readonly commits: DriftCommit[];
  readonly topLevelAtMyLastCommit?: Set<string>;
  /** The cap stopped the walk before it reached back far enough. */
  readonly truncated: boolean;
  /**
   * Where the history older than the commits read starts: the parents of commits read that were not read
   * themselves (one commit on a linear history). `lastTouches` walks from here, so it does not read the same
   * commits twice. Empty when that history has none of the user's commits: the read reached the first commit, or
   * the user has no commit at all.
   */
  readonly olderFrom: readonly string[];
}

const DAY_MS = 86_400_000;
/** A copy makes a new file; a type change (file ↔ symlink) is a modification. */
const KIND: Readonly<Partial<Record<string, DriftCommit['files'][number]['change']>>> = { A: 'A', M: 'M', D: 'D', R: 'R', C: 'A', T: 'M' };
/** More starting commits than this (a history with hundreds of branches side by side) and walks start at HEAD. */
const MAX_TIPS = 200;
const NO_HEAD = /does not have any commits|unknown revision|bad (default )?revision/;

type Run = { readonly cwd: string; readonly signal?: AbortSignal };

/**
 * Reads back to the user's last commit or the churn window's start, whichever is older, in ONE `git log` from HEAD
 * that this code stops: the first of the user's commits it meets is their last one (what `git log -1 --author`
 * would find), and that, or the window's start when it is older, says where to stop, exactly as `--since` would
 * have. Only when the read leaves the window without meeting the user does a second git look for their last
 * commit below it, without diffs (a user who never committed here must not cost a read to the cap).
 */
export async function readDriftHistory(git: GitGateway, repoRoot: string, options: DriftHistoryOptions): Promise<DriftHistory> {
  const windowStart = options.now - (options.churnWindowDays ?? 90) * DAY_MS;
  const myEmails = new Set(options.myEmails.map((e) => e.trim().toLowerCase()).filter((e) => e.includes('@')));
  // Stops the gits this function started and no longer needs: the search and ls-tree, or all of them on a failure.
  const done = new AbortController();
  const run: Run = { cwd: repoRoot, signal: options.signal ? AbortSignal.any([options.signal, done.signal]) : done.signal };
  let mine: { sha: string; time: number } | undefined;
  let topLevel: Promise<Set<string>> | undefined;
  let search: Promise<void> | undefined;
  const walk = new DriftWalk({
    windowStart,
    maxCommits: options.maxCommits ?? 20_000,
    isMine: (email) => myEmails.has(email.toLowerCase()),
    onMine: (commit) => found(commit),
    onLeftWindow: (tips) => {
      search = searchBelow(tips);
    },
  });
  function searchBelow(tips: string[]): Promise<void> {
    const searching = myLastCommit(git, repoRoot, { myEmails: options.myEmails, signal: run.signal }, tips).then(found);
    searching.catch(() => {}); // awaited below when its answer is needed; a failure after that is not
    return searching;
  }
  function found(commit: { sha: string; time: number } | undefined): void {
    if (walk.sinceKnown()) return;
    mine = commit;
    if (mine) {
      topLevel = topLevelAt(git, mine.sha, run);
      topLevel.catch(() => {}); // awaited below
    }
    walk.setSince(mine ? Math.min(mine.time, windowStart) : windowStart);
  }
  try {
    await walk.read(git, run);
    // The read ended before it knew where to stop. When it read the whole history, the user has no commit in it;
    // when the cap stopped it, the search below what was read decides.
    if (!walk.sinceKnown()) {
      if (walk.complete) found(undefined);
      else await (search ?? searchBelow(walk.frontier()));
    }
    const topLevelAtMyLastCommit = await topLevel;
    return {
      commits: walk.commits,
      ...(topLevelAtMyLastCommit && { topLevelAtMyLastCommit }),
      truncated: walk.truncated(),
      // No commit of the user's anywhere: the older history has nothing of theirs to find.
      olderFrom: mine ? walk.frontier() : [],
    };
  } finally {
    done.abort();
    await Promise.allSettled([search, topLevel]);
  }
}

interface DriftWalkOptions {
  /** Epoch ms. */
  readonly windowStart: number;
  readonly maxCommits: number;
  readonly isMine: (email: string) => boolean;
  /** The first of the user's commits the read met (merges aside). */
  readonly onMine: (commit: { sha: string; time: number }) => void;
  /** The read left the window without meeting the user; `tips` start the history below it. */
  readonly onLeftWindow: (tips: string[]) => void;
}

interface Printed {
  readonly sha: string;
  readonly parents: readonly string[];
  /** Committer time, seconds: what `--since` compares. */
  readonly committed: number;
  /** Undefined for a merge: git lists no changes for it, and its changes are its parents'. */
  readonly commit?: DriftCommit;
}

/**
 * The commits of one `git log` from HEAD without `--since`, kept as `--since=<since>` would have printed them:
 * a commit is kept when it is HEAD or a parent of a kept commit, and committed at or after `since`; the read is
 * stopped when no parent of a kept commit is left to come, or at the cap. Until `since` is known (the user's last
 * commit not met yet), the commits older than the window wait, in order.
 */
class DriftWalk {
  readonly commits: DriftCommit[] = [];
  private since: number | undefined;
  private readonly windowStart: number;
  /** Parents of kept commits: what is left to come, and, once the read is over, the frontier. */
  private readonly wanted = new Set<string>();
  private readonly kept = new Set<string>();
  private pending = 0;
  private stepped = 0;
  private waiting: Printed[] = [];
  private waitingCommits = 0;
  private leftWindow = false;
  private metMine = false;
  private capped = false;
  /** Nothing after the commit being read is needed: the read stops at the next commit (this one's files still count). */
  private over = false;
  /** Stopped with commits still waiting, before knowing whether the cap would keep them all. */
  private cutShort = false;
  private noHead = false;
  /** git printed the whole history: nothing was left unread. */
  complete = false;
  private readonly stop = new AbortController();

  constructor(private readonly options: DriftWalkOptions) {
    this.windowStart = Math.floor(options.windowStart / 1000);
  }

  sinceKnown(): boolean {
    return this.since !== undefined;
  }

  /** Where to stop (epoch ms): the commits that waited for it are decided now. */
  setSince(since: number): void {
    this.since = Math.floor(since / 1000);
    const waiting = this.waiting;
    this.waiting = [];
    this.waitingCommits = 0;
    for (const printed of waiting) this.step(printed);
  }

  /**
   * The cap stopped the walk; or the read was cut short while waiting, and commits still to come could be kept.
   * (When it stops at the window's start, those are all older than the window: every parent of a kept commit was
   * queued before git printed its first older commit.)
   */
  truncated(): boolean {
    return this.capped || (this.cutShort && this.pending > 0 && this.since !== undefined && this.since < this.windowStart);
  }

  /** Parents of kept commits that were not kept; HEAD when nothing was (it is older than the window). */
  frontier(): string[] {
    if (this.noHead) return [];
    if (this.kept.size === 0) return ['HEAD'];
    return [...this.wanted].filter((sha) => !this.kept.has(sha));
  }

  async read(git: GitGateway, run: Run): Promise<void> {
    let files: DriftCommit['files'][number][] | undefined;
    const signal = run.signal ? AbortSignal.any([run.signal, this.stop.signal]) : this.stop.signal;
    try {
      const result = await git.streamLines(
        ['-c', 'core.quotePath=false', 'log', '-M', '--name-status', '--format=%x00%H%x09%P%x09%ct%x09%at%x09%ae%x09%an', 'HEAD', '--'],
        { cwd: run.cwd, signal },
        (line) => {
          if (this.stop.signal.aborted) return;
          if (line.startsWith('\0')) {
            if (this.over) {
              this.stop.abort();
              return;
            }
            files = this.header(line);
            return;
          }
          // `M<TAB>path`, `R100<TAB>old<TAB>new`: read with indexOf, not a regex and split (40,000 lines for 10,000 commits).
          const change = KIND[line[0]!];
          if (!change || !files || !isStatus(line)) return;
          // Renames and copies list `old<TAB>new`: the new path is the one that exists now.
          const path = line.slice(line.lastIndexOf('\t') + 1);
          if (path) files.push({ path: unquoteGitPath(path), change });
        },
      );
      // A repository without commits has no HEAD: nothing to report, not a failure.
      if (result.exitCode !== 0) {
        if (!NO_HEAD.test(result.stderr)) throw new GitCommandError(['log'], result.exitCode, result.stderr);
        this.noHead = true;
      }
      this.complete = !this.stop.signal.aborted;
    } catch (error) {
      // Stopped here because the walk has what it needs: not a failure.
      if (!(GitAbortedError.is(error) && this.stop.signal.aborted && !run.signal?.aborted)) throw error;
    }
  }

  /** A commit's line: passes it on, and returns where its files go (nowhere for a merge). */
  private header(line: string): DriftCommit['files'][number][] | undefined {
    const [sha = '', parentList = '', committed = '0', authored = '0', authorEmail = '', ...name] = line.slice(1).split('\t');
    const parents = parentList ? parentList.split(' ') : [];
    const time = Number(authored) * 1000;
    const files: DriftCommit['files'][number][] = [];
    const commit = parents.length > 1 ? undefined : { sha, authorEmail, authorName: name.join('\t'), time, files };
    if (commit && !this.metMine && this.options.isMine(authorEmail)) {
      this.metMine = true;
      this.options.onMine({ sha, time });
    }
    this.print({ sha, parents, committed: Number(committed), ...(commit && { commit }) });
    return commit && files;
  }

  private print(printed: Printed): void {
    // Decided in order: once one commit waits, the ones after it wait too.
    if (this.since === undefined && (this.waiting.length > 0 || printed.committed < this.windowStart)) {
      if (!this.leftWindow) {
        this.leftWindow = true;
        this.options.onLeftWindow(this.frontier());
      }
      this.waiting.push(printed);
      if (printed.commit) this.waitingCommits++;
      if (this.commits.length + this.waitingCommits >= this.options.maxCommits) {
        // More waiting than the cap could keep: read no further; the search below the window decides.
        this.cutShort = true;
        this.over = true;
      }
      return;
    }
    this.step(printed);
  }

  private step(printed: Printed): void {
    const head = this.stepped++ === 0;
    // Only reachable through commits that were not kept: `--since` would never have walked it.
    if (!head && !this.wanted.has(printed.sha)) return;
    if (!head) this.pending--;
    // Before `since` is known only commits inside the window get here, and those are kept whatever it turns out to be.
    const older = printed.committed < (this.since ?? this.windowStart);
    // Older than where the walk stops, or past the cap: not kept, and its parents are not walked (unless a kept
    // commit reaches them).
    if (!older && !this.capped) {
      this.kept.add(printed.sha);
      for (const parent of printed.parents) {
        if (this.wanted.has(parent)) continue;
        this.wanted.add(parent);
        this.pending++;
      }
      if (printed.commit) this.commits.push(printed.commit);
      // The cap counts commits, not merges, as `--no-merges --max-count` did.
      if (this.commits.length >= this.options.maxCommits) this.capped = true;
    }
    if (this.capped || this.pending === 0) this.over = true;
  }
}

export interface LastTouchesOptions extends Pick<DriftHistoryOptions, 'myEmails' | 'signal'> {
  /**
   * Walk from these commits instead of HEAD: a DriftHistory's `olderFrom`, to ask only the history older than the
   * commits read (for the drift-map rows those commits did not answer). Empty: there is no older history.
   */
  readonly from?: readonly string[];
}

/**
 * When the user last touched each folder, over the whole history (or the part below `from`). Folders they never
 * touched are left out.
 * One walk for all the folders, newest first, over the user's own commits only (`--author` before any diff, so
 * only their commits are diffed), stopped as soon as every folder has its answer; a folder they never touched
 * makes it walk to the root, as a `git log -1 -- dir` would. `--no-renames`: a file moved out of a folder touched
 * it too.
 */
export async function lastTouches(git: GitGateway, repoRoot: string, dirs: readonly string[], options: LastTouchesOptions): Promise<Map<string, number>> {
  const touches = new Map<string, number>();
  const wanted = new Set(dirs.map((d) => d.replace(/\/+$/, '')).filter(Boolean));
  const authors = authorArgs(options.myEmails);
  const from = options.from ?? ['HEAD'];
  if (wanted.size === 0 || authors.length === 0 || from.length === 0) return touches;
  const found = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, found.signal]) : found.signal;
  let time = 0;
  const onLine = (line: string) => {
    if (found.signal.aborted) return;
    if (line.startsWith('\0')) {
      time = Number(line.slice(1)) * 1000;
      return;
    }
    if (!line) return;
    // The file itself and each folder above it: `a/b/c.ts` touches `a/b/c.ts`, `a/b` and `a` (as pathspecs match).
    const path = unquoteGitPath(line);
    for (let end = path.length; end > 0; end = path.lastIndexOf('/', end - 1)) {
      const dir = end === path.length ? path : path.slice(0, end);
      if (wanted.has(dir) && !touches.has(dir)) touches.set(dir, time);
    }
    if (touches.size === wanted.size) found.abort();
  };
  try {
    await git.streamLines(
      ['-c', 'core.quotePath=false', 'log', '--no-merges', ...authors, '--no-renames', '--name-only', '--format=%x00%at', ...(from.length <= MAX_TIPS ? from : ['HEAD']), '--'],
      { cwd: repoRoot, signal },
      onLine,
    );
  } catch (error) {
    // Stopped because every folder is answered: not a failure.
    if (!(GitAbortedError.is(error) && found.signal.aborted && !options.signal?.aborted)) throw error;
  }
  return touches;
}

/** `--author` arguments matching exactly these addresses, any case; none when no address is usable. */
function authorArgs(myEmails: readonly string[]): string[] {
  const emails = myEmails.map((e) => e.trim()).filter((e) => e.includes('@'));
  if (emails.length === 0) return [];
  // Fixed strings with the angle brackets: `<ann@x.io>` cannot match `joann@x.io`, and no email is read as a regex.
  return ['--fixed-strings', '--regexp-ignore-case', ...emails.map((e) => `--author=<${e}>`)];
}

/** The newest commit authored by one of the user's emails (exact addresses, any case), from `tips` (HEAD). */
async function myLastCommit(git: GitGateway, repoRoot: string, options: Pick<DriftHistoryOptions, 'myEmails' | 'signal'>, tips: readonly string[] = ['HEAD']): Promise<{ sha: string; time: number } | undefined> {
  const authors = authorArgs(options.myEmails);
  if (authors.length === 0 || tips.length === 0) return undefined;
  const result = await git.run(['log', '-1', '--no-merges', ...authors, '--format=%H%x09%at', ...(tips.length <= MAX_TIPS ? tips : ['HEAD']), '--'], {
    cwd: repoRoot,
    ...(options.signal && { signal: options.signal }),
  });
  const [sha, seconds] = result.exitCode === 0 ? result.stdout.trim().split('\t') : [];
  return sha && seconds ? { sha, time: Number(seconds) * 1000 } : undefined;
}

/** `--name-status`'s letter, an optional score and a tab: /^[AMDRCT]\d*\t/ (the letter is checked by the caller). */
function isStatus(line: string): boolean {
  const tab = line.indexOf('\t');
  if (tab < 1) return false;
  for (let i = 1; i < tab; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

async function topLevelAt(git: GitGateway, sha: string, run: { cwd: string; signal?: AbortSignal }): Promise<Set<string>> {
  const result = await git.run(['-c', 'core.quotePath=false', 'ls-tree', '--name-only', sha], run);
  return new Set(result.exitCode === 0 ? result.stdout.split('\n').filter(Boolean).map(unquoteGitPath) : []);
}
