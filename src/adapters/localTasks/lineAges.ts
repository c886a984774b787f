/**
 * Ages of grep hits (TODO comments, skipped tests) from the history walk that collectLocalCandidates makes anyway,
 * instead of one `git blame` per file. Node only.
 *
 * Why: blame walks back to each line's origin, one commit at a time. On the bench's 100,000-commit repository that
 * is ~1.5 s per file, so the old 2 s budget dated none of its 220 files; even `blame --since` of the 180-day
 * window costs ~0.3 s per file. Here the cost is a few diffs, whatever the depth of history:
 * 1. Uncommitted lines are age 0: every line of an untracked file, and in a changed file the lines that
 *    `git diff HEAD` adds.
 * 2. One `git grep` at the boundary, an ancestor of HEAD from before the window (findBoundary), for the files with
 *    committed hits: as many copies of a line as the boundary already had are older than the window.
 *    Steps 1 and 2 need no history, so they run while the walk is still going.
 * 3. The rest were written inside the window: the diffs of exactly the commits that touched their file (the
 *    history cache lists them, following renames as blame does) are read newest first, and a line was written by
 *    the newest commit that added a copy of its text. Its age is that commit's AUTHOR time, as blame reports.
 * Lines are matched by trimmed text, counted per file, so moving or re-indenting a line keeps its age (blame would
 * call a moved line new). Identical lines in one file are told apart by count only: the older copies are taken to
 * be the earlier ones in the file.
 *
 * A line older than the window gets the window's length in days as its age: a lower bound (exact ages cost a walk
 * of the whole history). Where blame is cheap (few commits in the window, see BLAME_PAST_WINDOW_MAX_COMMITS), such
 * lines are dated exactly by blame within its usual budget. Without a work-tree status or a history (either
 * failed), blame dates everything, as before.
 */
import { unquoteGitPath } from '../gitQuotedPath';
import { GitGateway } from '../gitProcess';
import { blameAges, type BlameAges } from './blame';
import { streamLinesViaFile } from './followFile';
import type { GrepHit } from './grep';
import { windowView, type HistoryCache, type WindowView } from './history';
import { ageInDays } from './text';
import type { WorktreeStatus } from './worktree';

/**
 * Above this many commits in the window, lines older than the window keep the window's length as their age: blame
 * must walk at least the whole window for each of them (~17 µs a commit on a 2-core machine, measured on the bench
 * repository), so past a few thousand commits the blame budget would date a handful of files and delay the rest.
 */
export const BLAME_PAST_WINDOW_MAX_COMMITS = 2_000;
/** Keeps each command line well under Windows' 32,767 characters. */
const MAX_ARGS_CHARS = 24_000;
/** Enough to read the diffs of a big history in a few processes without starving the rest of the scan. */
const CONCURRENCY = 2;
/** Commits of one file per command at most (41 characters each on the command line). */
const CHAIN_SLICE = 400;
const DIFF_FLAGS = ['--no-color', '--no-ext-diff', '--no-textconv', '-U0', '--src-prefix=a/', '--dst-prefix=b/'];

/**
 * What dating needs, as promises so that each step starts as soon as its own inputs are there: the uncommitted
 * lines and the boundary grep need only the status and the boundary, which are ready long before the walk ends.
 */
export interface AgeInputs {
  readonly head: string;
  /** Start of the history window, epoch ms. */
  readonly since: number;
  readonly shallow: boolean;
  /** Undefined when status failed: then blame dates everything, as before. */
  readonly status: Promise<WorktreeStatus | undefined>;
  /**
   * An ancestor of HEAD older than the window (findBoundary); null when there is none (all of HEAD's history is
   * inside the window); undefined when unknown. Without one, every committed line is searched for in step 3.
   */
  readonly boundary: Promise<string | null | undefined>;
  /** Undefined when the walk failed: then blame dates the committed lines, as before. */
  readonly history: Promise<HistoryCache | undefined>;
}

export interface DateOptions {
  readonly now: number;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** For tests; BLAME_PAST_WINDOW_MAX_COMMITS by default. */
  readonly blamePastWindowMaxCommits?: number;
}

/** Ages of `hits` (repository-relative path → hits): path → (line → days). Never rejects. */
export async function dateLines(git: GitGateway, repoRoot: string, hits: ReadonlyMap<string, readonly GrepHit[]>, inputs: AgeInputs, options: DateOptions): Promise<BlameAges> {
  if (hits.size === 0) return { ages: new Map(), problems: [] };
  try {
    return await new WindowDating(git, repoRoot, inputs, options).date(hits);
  } catch (err) {
    return { ages: new Map(), problems: [`Line ages: ${message(err)}`] };
  }
}

/**
 * The newest first-parent ancestor of `head` committed before `since` (rev-list stops there, so this reads only
 * the window's commits, without diffs): lines HEAD shares with it are older than the window. Null when HEAD's
 * first-parent history starts inside the window.
 */
export async function findBoundary(git: GitGateway, repoRoot: string, head: string, since: number, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<string | null> {
  const args = ['rev-list', '-1', '--first-parent', `--before=${new Date(since).toISOString()}`, head, '--'];
  const result = await git.run(args, { cwd: repoRoot, ...options });
  if (result.exitCode !== 0) throw new Error(`git rev-list exited ${result.exitCode}: ${firstLine(result.stderr)}`);
  return result.stdout.trim() || null;
}

/** One occurrence of a committed hit line. */
interface Occurrence {
  readonly line: number;
  readonly text: string;
}

/** Per file with committed hits: their texts counted, and where the answer stands. */
interface FileWork {
  readonly path: string;
  readonly occurrences: Occurrence[];
  /** Trimmed text → committed copies; only these texts are counted in diffs. */
  readonly targets: Map<string, number>;
  /** Trimmed text → copies written inside the window (narrowed at the boundary; all of them without one). */
  young: Map<string, number>;
  /** (commit, path at that commit), newest first: the window's commits that touched this file. */
  readonly chain: Array<{ readonly sha: string; readonly path: string }>;
  /** Every name the file had in the window (renames), for pathspecs. */
  readonly names: Set<string>;
  /** Trimmed text → author times (epoch s) of the commits that wrote its young copies, newest first. */
  readonly written: Map<string, number[]>;
}

class WindowDating {
  private readonly ages = new Map<string, Map<number, number>>();
  private readonly atLeast = new Map<string, Set<number>>();
  private readonly problems: string[] = [];

  constructor(
    private readonly git: GitGateway,
    private readonly repoRoot: string,
    private readonly inputs: AgeInputs,
    private readonly options: DateOptions,
  ) {}

  async date(hitsByFile: ReadonlyMap<string, readonly GrepHit[]>): Promise<BlameAges> {
    const status = await this.inputs.status;
    if (!status) return this.blame(hitsByFile);
    const committed = new Map<string, GrepHit[]>();
    const changed: string[] = [];
    for (const [file, hits] of hitsByFile) {
      if (status.untracked.has(file)) this.setAll(file, hits, 0);
      else {
        committed.set(file, [...hits]);
        if (status.changed.has(file)) changed.push(file);
      }
    }
    await this.dropUncommitted(changed, committed);
    const work = [...committed].filter(([, hits]) => hits.length > 0).map(([file, hits]) => newWork(file, hits));
    const boundary = await this.inputs.boundary;
    // The boundary grep needs no history: run it while the walk goes on.
    const [history] = await Promise.all([this.inputs.history, this.findYoung(work, boundary)]);
    if (!history) {
      const rest = await this.blame(new Map(work.map((w) => [w.path, committed.get(w.path)!])));
      for (const [file, lines] of rest.ages) for (const [line, age] of lines) this.set(file, line, age);
      this.problems.push(...rest.problems);
      return { ages: this.ages, problems: this.problems };
    }

    const view = windowView(history, this.inputs.since);
    // Lines no commit of the walk wrote are older than its oldest commit. When the walk reached the window's start
    // (there is a boundary and no commit cap) that is the window's length; when it stopped earlier (commit cap,
    // shallow clone, a history younger than the window) it is the oldest commit seen.
    const reachedStart = !view.truncated && (boundary === undefined ? view.boundary !== undefined : boundary !== null);
    const oldest = view.oldestTime !== undefined ? view.oldestTime * 1000 : this.inputs.since;
    const lowerBound = ageInDays(reachedStart ? this.inputs.since : Math.max(oldest, this.inputs.since), this.options.now);

    addChains(work, view);
    const undated = await this.findWriters(work.filter((w) => w.chain.length > 0 && [...w.young.values()].some((n) => n > 0)));
    const old = new Map<string, number[]>();
    for (const w of work) if (!undated.has(w)) this.assign(w, lowerBound, old);
    await this.refineOld(old, view);
    return { ages: this.ages, atLeast: this.atLeast, problems: this.problems };
  }

  private async blame(hits: ReadonlyMap<string, readonly GrepHit[]>): Promise<BlameAges> {
    const lines = new Map([...hits].map(([file, list]) => [file, list.map((h) => h.line)]));
    return blameAges(this.git, this.repoRoot, lines, { now: this.options.now, signal: this.options.signal, timeoutMs: this.options.timeoutMs });
  }

  /** Hits on lines `git diff HEAD` adds are uncommitted (age 0); they leave `committed`. */
  private async dropUncommitted(changed: string[], committed: Map<string, GrepHit[]>): Promise<void> {
    if (changed.length === 0) return;
    const added = new Map<string, Array<[number, number]>>();
    try {
      await this.forChunks(changed, (f) => f.length + 1, async (chunk) => {
        const reader = new DiffReader({
          hunk: (file, start, count) => {
            if (count > 0) push(added, file, [start, start + count - 1]);
          },
        });
        await this.stream(['-c', 'core.quotePath=false', 'diff', ...DIFF_FLAGS, 'HEAD', '--', ...chunk], reader);
      });
    } catch (err) {
      for (const file of changed) committed.delete(file);
      this.problems.push(`Could not tell uncommitted lines in ${changed.length} changed file(s); their items have no age (${message(err)}).`);
      return;
    }
    for (const file of changed) {
      const ranges = added.get(file) ?? [];
      const hits = committed.get(file)!;
      const fresh = hits.filter((h) => ranges.some(([a, b]) => h.line >= a && h.line <= b));
      this.setAll(file, fresh, 0);
      committed.set(file, hits.filter((h) => !fresh.includes(h)));
    }
  }

  /**
   * Narrows `young` to the copies the boundary did not have yet: committed copies minus the boundary's copies. One
   * `git grep -F` at the boundary commit for the hit texts themselves (exact after a trimmed comparison here): it
   * reads each file once, where a diff would read two versions and compare them (measured: 0.1 s of CPU against
   * 0.18 s for the bench repository's 230 files).
   */
  private async findYoung(work: FileWork[], boundary: string | null | undefined): Promise<void> {
    if (!boundary || work.length === 0) return;
    const owner = new Map(work.map((w) => [w.path, w]));
    const atBoundary = new Map<FileWork, Map<string, number>>();
    const texts = [...new Set(work.flatMap((w) => [...w.targets.keys()]))].filter((t) => t !== '');
    const prefix = `${boundary}:`;
    try {
      // Files and texts both go on the command line: cut the texts into parts, and each part's files into chunks.
      for (const part of slices(texts, (t) => t.length + 4, MAX_ARGS_CHARS / 2)) {
        await this.forChunks(work, (w) => w.path.length + 1, async (chunk) => {
          const args = ['-c', 'core.quotePath=false', 'grep', '-n', '-z', '-I', '-F', '--no-color', ...part.flatMap((t) => ['-e', t]), boundary, '--', ...chunk.map((w) => w.path)];
          const result = await this.git.streamLines(args, { cwd: this.repoRoot, signal: this.options.signal, timeoutMs: this.options.timeoutMs }, (line) => {
            // `<boundary>:<path>` NUL line NUL text; the path may hold ':' but never NUL.
            const first = line.indexOf('\0');
            const second = first < 0 ? -1 : line.indexOf('\0', first + 1);
            if (second < 0 || !line.startsWith(prefix)) return;
            const w = owner.get(line.slice(prefix.length, first));
            if (w) count(atBoundary, w, w.targets, line.slice(second + 1), '+');
          });
          // Exit 1: no line matched, which is an answer too.
          if (result.exitCode > 1) throw new Error(`git grep exited ${result.exitCode}: ${firstLine(result.stderr)}`);
        });
      }
    } catch (err) {
      // Without it every committed line is searched for in the window's diffs: slower, still right.
      this.problems.push(`Line ages: reading the window's start failed, so every line was searched for (${message(err)}).`);
      return;
    }
    for (const w of work) {
      const old = atBoundary.get(w);
      w.young = new Map([...w.targets].map(([t, n]) => [t, Math.max(0, n - (old?.get(t) ?? 0))]));
    }
  }

  /**
   * Reads the diffs of the chain commits and records, newest first, which commit wrote each young copy.
   * Resolves the files whose diffs could not be read (their hits get no age).
   */
  private async findWriters(files: FileWork[]): Promise<Set<FileWork>> {
    if (files.length === 0) return new Set();
    // (sha, path) → the files whose chain holds it.
    const pairs = new Map<string, FileWork[]>();
    for (const w of files) for (const e of w.chain) push(pairs, `${e.sha}\0${e.path}`, w);
    const net = new Map<string, Map<string, number>>();
    const authorTime = new Map<string, number>();
    // A hot file can have thousands of commits in the window: its chain is cut into slices that each fit a command.
    const units = files.flatMap((w) => {
      const names = [...w.names];
      const slices: Array<{ shas: string[]; names: string[] }> = [];
      for (let i = 0; i < w.chain.length; i += CHAIN_SLICE) slices.push({ shas: w.chain.slice(i, i + CHAIN_SLICE).map((e) => e.sha), names });
      return slices;
    });
    try {
      const size = (unit: { shas: string[]; names: string[] }) => unit.shas.length * 41 + unit.names.reduce((n, name) => n + name.length + 1, 0);
      await this.forChunks(units, size, async (chunk) => {
        let sha = '';
        const reader = new DiffReader({
          header: (line) => {
            const tab = line.indexOf('\t');
            sha = line.slice(0, tab);
            authorTime.set(sha, Number(line.slice(tab + 1)));
          },
          line: (file, sign, text) => {
            const key = `${sha}\0${file}`;
            for (const w of pairs.get(key) ?? []) count(net, key, w.targets, text, sign);
          },
        });
        const shas = [...new Set(chunk.flatMap((unit) => unit.shas))];
        const paths = [...new Set(chunk.flatMap((unit) => unit.names))];
        // --no-walk: exactly these commits, each diffed against its first parent (--root: a root against nothing).
        // All of a file's names are in the pathspec, so a rename is diffed as one (only its changed lines). Through a
        // file: hot files' diffs are long, and the test gaps are computed on the main thread meanwhile.
        await this.stream((file) => ['-c', 'core.quotePath=false', 'log', ...(file ? [`--output=${file}`] : []), '--no-walk=unsorted', '--root', '-p', ...DIFF_FLAGS, '--format=%x00%H%x09%at', ...shas, '--', ...paths], reader);
      });
    } catch (err) {
      this.problems.push(`Could not read the commits that wrote the lines of ${files.length} file(s); their items have no age (${message(err)}).`);
      return new Set(files);
    }
    for (const w of files) {
      const left = new Map(w.young);
      for (const e of w.chain) {
        const counts = net.get(`${e.sha}\0${e.path}`);
        if (!counts) continue;
        for (const [t, n] of counts) {
          const want = left.get(t) ?? 0;
          if (n <= 0 || want <= 0) continue;
          const k = Math.min(n, want);
          left.set(t, want - k);
          const times = w.written.get(t) ?? [];
          for (let i = 0; i < k; i++) times.push(authorTime.get(e.sha) ?? NaN);
          w.written.set(t, times);
        }
        if ([...left.values()].every((n) => n === 0)) break;
      }
    }
    return new Set();
  }

  /**
   * Per text, the older copies take the earlier lines and the young ones follow, oldest to newest. Copies no commit
   * of the window wrote get the lower bound and go to `old`.
   */
  private assign(w: FileWork, lowerBound: number, old: Map<string, number[]>): void {
    const byText = new Map<string, Occurrence[]>();
    for (const o of [...w.occurrences].sort((a, b) => a.line - b.line)) push(byText, o.text, o);
    for (const [t, list] of byText) {
      const oldestFirst = [...(w.written.get(t) ?? [])].reverse();
      const older = list.length - oldestFirst.length;
      list.forEach((o, i) => {
        const at = i < older ? undefined : oldestFirst[i - older]!;
        if (at === undefined) {
          this.set(w.path, o.line, lowerBound);
          let bounded = this.atLeast.get(w.path);
          if (!bounded) this.atLeast.set(w.path, (bounded = new Set()));
          bounded.add(o.line);
          push(old, w.path, o.line);
        } else if (Number.isFinite(at)) {
          this.set(w.path, o.line, ageInDays(at * 1000, this.options.now));
        }
      });
    }
  }

  /** Where blame is cheap, dates lines older than the window exactly (the old blame, its budget). */
  private async refineOld(old: Map<string, number[]>, view: WindowView): Promise<void> {
    const max = this.options.blamePastWindowMaxCommits ?? BLAME_PAST_WINDOW_MAX_COMMITS;
    if (old.size === 0 || this.inputs.shallow || view.commits.length > max) return;
    // Its problems (budget reached) are not repeated: those lines keep their lower bound, which is still right.
    const exact = await blameAges(this.git, this.repoRoot, old, { now: this.options.now, signal: this.options.signal, timeoutMs: this.options.timeoutMs });
    for (const [file, lines] of exact.ages) {
      for (const [line, age] of lines) {
        this.set(file, line, age);
        this.atLeast.get(file)?.delete(line);
      }
    }
  }

  private setAll(file: string, hits: readonly GrepHit[], age: number): void {
    for (const h of hits) this.set(file, h.line, age);
  }

  private set(file: string, line: number, age: number): void {
    let lines = this.ages.get(file);
    if (!lines) this.ages.set(file, (lines = new Map()));
    lines.set(line, age);
  }

  /** Runs git (through a temporary file when `args` takes one, see followFile.ts) and feeds its lines to `reader`. */
  private async stream(args: string[] | ((file: string | undefined) => string[]), reader: DiffReader): Promise<void> {
    const run = { cwd: this.repoRoot, signal: this.options.signal, timeoutMs: this.options.timeoutMs };
    const feed = (line: string) => reader.feed(line);
    const result = typeof args === 'function' ? await streamLinesViaFile(this.git, args, run, feed) : await this.git.streamLines(args, run, feed);
    if (result.exitCode !== 0) throw new Error(`git ${(typeof args === 'function' ? args(undefined) : args)[2]} exited ${result.exitCode}: ${firstLine(result.stderr)}`);
  }

  /** Splits `items` into command lines of bounded length and runs them CONCURRENCY at a time. */
  private async forChunks<T>(items: readonly T[], size: (item: T) => number, run: (chunk: T[]) => Promise<void>): Promise<void> {
    const chunks = slices(items, size, MAX_ARGS_CHARS);
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, chunks.length) }, async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) await run(chunk);
    }));
  }
}

function newWork(file: string, hits: readonly GrepHit[]): FileWork {
  const occurrences = hits.map((h) => ({ line: h.line, text: h.text.trim() }));
  const targets = new Map<string, number>();
  for (const o of occurrences) targets.set(o.text, (targets.get(o.text) ?? 0) + 1);
  return { path: file, occurrences, targets, young: new Map(targets), chain: [], names: new Set([file]), written: new Map() };
}

/** Fills each file's chain from one pass over the window's commits, newest first, following renames backwards. */
function addChains(work: FileWork[], view: WindowView): void {
  const { commits, files } = view;
  const index = new Map(files.map((f, i) => [f, i]));
  const byName = new Map<number, FileWork[]>();
  for (const w of work) {
    const i = index.get(w.path);
    if (i !== undefined) push(byName, i, w);
  }
  if (byName.size === 0) return;
  // Indexed loops over every commit in the window: run once, mostly unoptimised, where for…of would allocate.
  for (let n = 0; n < commits.length; n++) {
    const c = commits[n]!;
    for (let k = 0; k < c.f.length; k++) {
      const owners = byName.get(c.f[k]!);
      if (owners) for (const w of owners) if (w.chain[w.chain.length - 1]?.sha !== c.h) w.chain.push({ sha: c.h, path: files[c.f[k]!]! });
    }
    // Older commits knew a renamed file by its old name.
    if (c.r) for (const [from, to] of c.r) {
      const owners = byName.get(to);
      if (!owners) continue;
      byName.delete(to);
      for (const w of owners) {
        w.names.add(files[from]!);
        push(byName, from, w);
      }
    }
  }
}

/** Adds +1/-1 for `text` (trimmed) under `key` when it is one of `targets`. */
function count<K>(net: Map<K, Map<string, number>>, key: K, targets: ReadonlyMap<string, number>, text: string, sign: '+' | '-'): void {
  const t = text.trim();
  if (!targets.has(t)) return;
  let counts = net.get(key);
  if (!counts) net.set(key, (counts = new Map()));
  counts.set(t, (counts.get(t) ?? 0) + (sign === '+' ? 1 : -1));
}

/**
 * A streaming reader of `git diff`/`git log -p` output with `-U0` and a/ b/ prefixes: reports each hunk's new-side
 * range and each added or removed line with the file it belongs to (its name after the change). Lines starting
 * with NUL are `git log --format=%x00…` commit headers.
 */
export class DiffReader {
  private file: string | undefined;
  private inHunk = false;

  constructor(private readonly on: {
    header?: (line: string) => void;
    hunk?: (file: string, start: number, count: number) => void;
    line?: (file: string, sign: '+' | '-', text: string) => void;
  }) {}

  feed(line: string): void {
    if (line.startsWith('\0')) {
      this.file = undefined;
      this.inHunk = false;
      this.on.header?.(line.slice(1));
    } else if (line.startsWith('diff ')) {
      // Only headers start with "diff": a hunk's lines start with +, -, space or backslash.
      this.file = undefined;
      this.inHunk = false;
    } else if (line.startsWith('@@ ')) {
      this.inHunk = this.file !== undefined;
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (m && this.file !== undefined) this.on.hunk?.(this.file, Number(m[1]), m[2] === undefined ? 1 : Number(m[2]));
    } else if (this.inHunk) {
      const sign = line[0];
      if (sign === '+' || sign === '-') this.on.line?.(this.file!, sign, line.slice(1));
    } else if (line.startsWith('+++ ')) {
      this.file = diffPath(line.slice(4));
    }
  }
}

/** `b/path`, `"b/quoted\tpath"` or `/dev/null`; git adds a TAB after a name that contains a space. */
function diffPath(raw: string): string | undefined {
  const name = unquoteGitPath(raw.endsWith('\t') ? raw.slice(0, -1) : raw);
  return name.startsWith('b/') ? name.slice(2) : undefined;
}

/** Cuts `items` into runs whose `size` adds up to at most `max` (one item per run at least). */
function slices<T>(items: readonly T[], size: (item: T) => number, max: number): T[][] {
  const out: T[][] = [];
  let used = Infinity;
  for (const item of items) {
    const n = size(item);
    if (used + n > max) {
      out.push([]);
      used = 0;
    }
    out[out.length - 1]!.push(item);
    used += n;
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
