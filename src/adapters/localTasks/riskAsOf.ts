/**
 * Per-file risk as it looked at a past instant, for `hands-on risk --as-of` and the risk evaluation. Node only.
 *
 * Only history up to `asOf` is read: `git log --until=asOf --since=asOf-historyDays`, streamed, with the same fix
 * rule (core/commitKind.ts) and the same risk formula (testGapRisk) as the test gaps, coverage unknown. The file list,
 * the sizes and the test-file index come from the tree of the newest commit at `asOf`, so a test added later does
 * not count. Vendored, generated and excluded files are left out by the same repository filter as the task list's.
 * No cache: this is a one-off analysis, not a refresh.
 * `filesFixedBetween` reads what happened next (the files behaviour fixes touched), with the very same fix rule, so
 * an evaluation needs no second copy of it.
 */
import { unquoteGitPath } from '../gitQuotedPath';
import { classifyCommit, FIX_WORDS } from '../../core/commitKind';
import { testGapRisk } from '../../core/taskValue';
import { isSourceFile, TestFileIndex } from '../../core/testFileMatch';
import { GitCommandError, GitGateway } from '../gitProcess';
import { DEFAULT_HISTORY_DAYS, DEFAULT_MAX_COMMITS } from './history';
import { commitSession } from './repoFilter';
import { RUST_INLINE_TEST_PATTERNS } from './testFiles';

const DAY_MS = 86_400_000;

export interface FileRisk {
  /** Repository-relative, forward slashes. */
  readonly file: string;
  readonly risk: number;
  readonly churn: number;
  readonly fixCommits: number;
  /** Size at the as-of commit. */
  readonly bytes: number;
  readonly hasTestFile: boolean;
  /** Days before `asOf` of each fix commit in the window, newest first (for time-decayed scores such as Bugspots). */
  readonly fixDays: number[];
}

export interface RiskAsOfResult {
  readonly repoRoot: string;
  /** Newest commit on HEAD's history at `asOf`; undefined when the repository had none yet. */
  readonly asOfCommit: string | undefined;
  readonly since: number;
  readonly commits: number;
  readonly truncated: boolean;
  /** Source files (isSourceFile) present at `asOfCommit` (changed in the window unless `allFiles`), riskiest first. */
  readonly files: FileRisk[];
  /** Plain sentences when part of the analysis could not run (the repository filter's attributes or markers). */
  readonly problems?: string[];
}

export interface RiskAsOfOptions {
  /** Epoch ms; commits after it are ignored. */
  readonly asOf: number;
  readonly historyDays?: number;
  readonly maxCommits?: number;
  /** Rank every source file present at `asOf`, not only those changed in the window (churn 0 for the others). */
  readonly allFiles?: boolean;
  readonly git?: GitGateway;
  readonly timeoutMs?: number;
  /** Repository-relative globs left out, on top of the vendored and generated files (repoFilter.ts). */
  readonly exclude?: readonly string[];
}

/** Rejects with the gateway's typed errors, or a plain Error when `folder` is not in a work tree. */
export async function riskAsOf(folder: string, options: RiskAsOfOptions): Promise<RiskAsOfResult> {
  const git = options.git ?? new GitGateway();
  const since = options.asOf - (options.historyDays ?? DEFAULT_HISTORY_DAYS) * DAY_MS;
  const { repoRoot, run } = await locate(git, folder, options.timeoutMs);
  const until = new Date(options.asOf).toISOString();
  const at = await git.run(['rev-list', '-1', `--before=${until}`, 'HEAD', '--'], run);
  const asOfCommit = at.exitCode === 0 && at.stdout.trim() ? at.stdout.trim() : undefined;
  if (!asOfCommit) return { repoRoot, asOfCommit, since, commits: 0, truncated: false, files: [] };

  const maxCommits = options.maxCommits ?? DEFAULT_MAX_COMMITS;
  const counts = await countChanges(git, run, asOfCommit, since, options.asOf, maxCommits);
  const sizes = await treeSizes(git, run, asOfCommit);
  const tree = [...sizes.keys()];
  const index = new TestFileIndex(tree, await rustInlineTests(git, run, asOfCommit, tree));
  // The repository filter, as for the task list: vendored and generated files are nobody's risk here.
  const filter = await commitSession(git, repoRoot, asOfCommit, tree, { exclude: options.exclude, timeoutMs: run.timeoutMs });
  const kept = await filter.keep([...(options.allFiles ? tree : counts.files.keys())].filter((file) => sizes.has(file) && isSourceFile(file)));
  const none = { churn: 0, fixCommits: 0, fixDays: [] as number[] };
  const files: FileRisk[] = [];
  for (const file of kept) {
    const bytes = sizes.get(file)!;
    const c = counts.files.get(file) ?? none;
    const hasTestFile = index.hasTestFile(file);
    const risk = testGapRisk({ kind: 'testGap', uncoveredLines: 0, uncoveredShare: undefined, churn: c.churn, fixCommits: c.fixCommits, hasTestFile, bytes });
    files.push({ file, risk: Math.round(risk * 1e6) / 1e6, churn: c.churn, fixCommits: c.fixCommits, bytes, hasTestFile, fixDays: c.fixDays });
  }
  // Rounded risks can tie: raw fixes, then churn, then name.
  files.sort((a, b) => b.risk - a.risk || b.fixCommits - a.fixCommits || b.churn - a.churn || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { repoRoot, asOfCommit, since, commits: counts.commits, truncated: counts.commits >= maxCommits, files, ...(filter.problems.length ? { problems: filter.problems } : {}) };
}

/**
 * Files touched by behaviour-fix commits (core/commitKind.ts) on HEAD's history committed in (from, to], epoch ms:
 * what an evaluation compares a ranking at `from` with.
 */
export async function filesFixedBetween(folder: string, from: number, to: number, options: { git?: GitGateway; timeoutMs?: number } = {}): Promise<Set<string>> {
  const git = options.git ?? new GitGateway();
  const { run } = await locate(git, folder, options.timeoutMs);
  const fixed = new Set<string>();
  let fix = false;
  const args = [
    '-c', 'core.quotePath=false', 'log', '--no-merges', `--since=${new Date(from).toISOString()}`, `--until=${new Date(to).toISOString()}`,
    '--format=%x00%ct%x09%an%x09%ae%x09%s', '--name-only', 'HEAD', '--',
  ];
  const result = await git.streamLines(args, run, (line) => {
    if (line.startsWith('\0')) {
      const [time, name, email] = line.slice(1).split('\t', 3) as [string, string, string];
      const subject = line.slice(time.length + name.length + email.length + 4);
      // --since/--until round to git's date parsing; the interval is kept exact here.
      const t = Number(time) * 1000;
      fix = t > from && t <= to && classifyCommit(subject, name, email).fix;
    } else if (line && fix) fixed.add(unquoteGitPath(line));
  });
  if (result.exitCode !== 0) throw new GitCommandError(args.slice(2), result.exitCode, result.stderr);
  return fixed;
}

type Run = { cwd: string; timeoutMs: number };

async function locate(git: GitGateway, folder: string, timeoutMs: number | undefined): Promise<{ repoRoot: string; run: Run }> {
  const top = await git.run(['rev-parse', '--show-toplevel'], { cwd: folder, timeoutMs });
  if (top.exitCode !== 0 || !top.stdout.trim()) throw new Error(`${folder} is not inside a git work tree (or it is a bare repository).`);
  const repoRoot = top.stdout.trim();
  // A long walk is expected on big repositories; the gateway's short default timeout is for interactive calls.
  return { repoRoot, run: { cwd: repoRoot, timeoutMs: timeoutMs ?? 600_000 } };
}

/** Streams the window's commits (the shallow-root rule of refreshHistory) into per-file counts. */
async function countChanges(git: GitGateway, run: Run, tip: string, since: number, asOf: number, maxCommits: number) {
  const files = new Map<string, { churn: number; fixCommits: number; fixDays: number[] }>();
  const shallow = (await git.run(['rev-parse', '--is-shallow-repository'], run)).stdout.trim() === 'true';
  let commits = 0;
  let seen = new Set<string>();
  let fixDays: number | undefined;
  let skip = false;
  const args = [
    '-c', 'core.quotePath=false', 'log', '--no-merges', `--max-count=${maxCommits}`,
    `--since=${new Date(since).toISOString()}`, `--until=${new Date(asOf).toISOString()}`,
    '--format=%x00%ct%x09%P%x09%an%x09%ae%x09%s', '--name-only', tip, '--',
  ];
  const result = await git.streamLines(args, run, (line) => {
    if (line.startsWith('\0')) {
      const a = line.indexOf('\t');
      const b = line.indexOf('\t', a + 1);
      commits++;
      fixDays = undefined;
      if (FIX_WORDS.test(line)) {
        const c = line.indexOf('\t', b + 1);
        const d = line.indexOf('\t', c + 1);
        if (classifyCommit(line.slice(d + 1), line.slice(b + 1, c), line.slice(c + 1, d)).fix) {
          fixDays = Math.round(((asOf - Number(line.slice(1, a)) * 1000) / DAY_MS) * 100) / 100;
        }
      }
      skip = shallow && b === a + 1; // no parents: a grafted root in a shallow clone
      seen = new Set();
    } else if (line && !skip) {
      const file = unquoteGitPath(line);
      if (seen.has(file)) return;
      seen.add(file);
      let entry = files.get(file);
      if (!entry) files.set(file, (entry = { churn: 0, fixCommits: 0, fixDays: [] }));
      entry.churn++;
      if (fixDays !== undefined) {
        entry.fixCommits++;
        entry.fixDays.push(fixDays);
      }
    }
  });
  if (result.exitCode !== 0) throw new GitCommandError(args.slice(2), result.exitCode, result.stderr);
  return { files, commits };
}

/** Every blob of the commit's tree → its size in bytes (`ls-tree -l`: `mode type object size<TAB>path`). */
async function treeSizes(git: GitGateway, run: Run, commit: string): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  const args = ['-c', 'core.quotePath=false', 'ls-tree', '-r', '-l', '--full-tree', commit];
  const result = await git.streamLines(args, run, (line) => {
    const tab = line.indexOf('\t');
    if (tab < 0) return;
    const fields = line.slice(0, tab).split(/\s+/);
    if (fields[1] !== 'blob') return; // submodules (`commit`) have no size here
    sizes.set(unquoteGitPath(line.slice(tab + 1)), Number(fields[3]));
  });
  if (result.exitCode !== 0) throw new GitCommandError(args.slice(2), result.exitCode, result.stderr);
  return sizes;
}

/** Rust files with inline tests at that commit (they are tested, though no test file exists). */
async function rustInlineTests(git: GitGateway, run: Run, commit: string, tree: readonly string[]): Promise<Set<string>> {
  if (!tree.some((f) => f.endsWith('.rs'))) return new Set();
  const found = new Set<string>();
  // Output lines are `<commit>:<path>`; exit 1 means no match.
  await git.streamLines(['-c', 'core.quotePath=false', 'grep', '-l', '-E', ...RUST_INLINE_TEST_PATTERNS.flatMap((p) => ['-e', p]), commit, '--', ':(glob)**/*.rs'], run, (line) => {
    if (line.startsWith(`${commit}:`)) found.add(unquoteGitPath(line.slice(commit.length + 1)));
  });
  return found;
}
