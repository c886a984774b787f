/**
 * Per-file risk as it looked at a past instant, for `hands-on risk --as-of` and the risk evaluation. Node only.
 *
 * Only history up to `asOf` is read: `git log --until=asOf --since=asOf-historyDays`, streamed, with the same fix
 * rule (FIX_SUBJECT) and the same risk formula (testGapRisk) as the test gaps, coverage unknown. The file list and
 * the test-file index come from the tree of the newest commit at `asOf`, so a test added later does not count.
 * Vendored, generated and excluded files are left out by the same repository filter as the task list's.
 * No cache: this is a one-off analysis, not a refresh.
 */
import { unquoteGitPath } from '../gitQuotedPath';
import { testGapRisk } from '../../core/taskValue';
import { isSourceFile, TestFileIndex } from '../../core/testFileMatch';
import { GitCommandError, GitGateway } from '../gitProcess';
import { DEFAULT_HISTORY_DAYS, DEFAULT_MAX_COMMITS, FIX_SUBJECT } from './history';
import { commitSession } from './repoFilter';

export interface FileRisk {
  /** Repository-relative, forward slashes. */
  readonly file: string;
  readonly risk: number;
  readonly churn: number;
  readonly fixCommits: number;
  readonly hasTestFile: boolean;
}

export interface RiskAsOfResult {
  readonly repoRoot: string;
  /** Newest commit on HEAD's history at `asOf`; undefined when the repository had none yet. */
  readonly asOfCommit: string | undefined;
  readonly since: number;
  readonly commits: number;
  readonly truncated: boolean;
  /** Source files (isSourceFile) present at `asOfCommit` and changed in the window, riskiest first. */
  readonly files: FileRisk[];
  /** Plain sentences when part of the analysis could not run (the repository filter's attributes or markers). */
  readonly problems?: string[];
}

export interface RiskAsOfOptions {
  /** Epoch ms; commits after it are ignored. */
  readonly asOf: number;
  readonly historyDays?: number;
  readonly maxCommits?: number;
  readonly git?: GitGateway;
  readonly timeoutMs?: number;
  /** Repository-relative globs left out, on top of the vendored and generated files (repoFilter.ts). */
  readonly exclude?: readonly string[];
}

/** Rejects with the gateway's typed errors, or a plain Error when `folder` is not in a work tree. */
export async function riskAsOf(folder: string, options: RiskAsOfOptions): Promise<RiskAsOfResult> {
  const git = options.git ?? new GitGateway();
  const since = options.asOf - (options.historyDays ?? DEFAULT_HISTORY_DAYS) * 86_400_000;
  const top = await git.run(['rev-parse', '--show-toplevel'], { cwd: folder, timeoutMs: options.timeoutMs });
  if (top.exitCode !== 0 || !top.stdout.trim()) throw new Error(`${folder} is not inside a git work tree (or it is a bare repository).`);
  const repoRoot = top.stdout.trim();
  // A long walk is expected on big repositories; the gateway's short default timeout is for interactive calls.
  const run = { cwd: repoRoot, timeoutMs: options.timeoutMs ?? 600_000 };
  const until = new Date(options.asOf).toISOString();
  const at = await git.run(['rev-list', '-1', `--before=${until}`, 'HEAD', '--'], run);
  const asOfCommit = at.exitCode === 0 && at.stdout.trim() ? at.stdout.trim() : undefined;
  if (!asOfCommit) return { repoRoot, asOfCommit, since, commits: 0, truncated: false, files: [] };

  const counts = await countChanges(git, run, asOfCommit, since, until, options.maxCommits ?? DEFAULT_MAX_COMMITS);
  const tree = await treeFiles(git, run, asOfCommit);
  const index = new TestFileIndex(tree, await rustInlineTests(git, run, asOfCommit, tree));
  const present = new Set(tree);
  // The repository filter, as for the task list: vendored and generated files are nobody's risk here.
  const filter = await commitSession(git, repoRoot, asOfCommit, tree, { exclude: options.exclude, timeoutMs: run.timeoutMs });
  const kept = new Set(await filter.keep([...counts.files.keys()].filter((file) => present.has(file) && isSourceFile(file))));
  const files: FileRisk[] = [];
  for (const [file, c] of counts.files) {
    if (!kept.has(file)) continue;
    const hasTestFile = index.hasTestFile(file);
    const risk = testGapRisk({ kind: 'testGap', uncoveredLines: 0, uncoveredShare: undefined, churn: c.churn, fixCommits: c.fixCommits, hasTestFile });
    files.push({ file, risk: Math.round(risk * 1e6) / 1e6, churn: c.churn, fixCommits: c.fixCommits, hasTestFile });
  }
  // The formula saturates (20 commits, 5 fixes), so ties are common at the top: raw fixes, then churn, then name.
  files.sort((a, b) => b.risk - a.risk || b.fixCommits - a.fixCommits || b.churn - a.churn || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { repoRoot, asOfCommit, since, commits: counts.commits, truncated: counts.commits >= (options.maxCommits ?? DEFAULT_MAX_COMMITS), files, ...(filter.problems.length ? { problems: filter.problems } : {}) };
}

type Run = { cwd: string; timeoutMs: number };

/** Streams the window's commits (same format and shallow-root rule as refreshHistory) into per-file counts. */
async function countChanges(git: GitGateway, run: Run, tip: string, since: number, until: string, maxCommits: number) {
  const files = new Map<string, { churn: number; fixCommits: number }>();
  const shallow = (await git.run(['rev-parse', '--is-shallow-repository'], run)).stdout.trim() === 'true';
  let commits = 0;
  let seen = new Set<string>();
  let fix = false;
  let skip = false;
  const args = [
    '-c', 'core.quotePath=false', 'log', '--no-merges', `--max-count=${maxCommits}`,
    `--since=${new Date(since).toISOString()}`, `--until=${until}`, '--format=%x00%P%x09%s', '--name-only', tip, '--',
  ];
  const result = await git.streamLines(args, run, (line) => {
    if (line.startsWith('\0')) {
      const tab = line.indexOf('\t');
      commits++;
      fix = FIX_SUBJECT.test(line.slice(tab + 1));
      skip = shallow && tab === 1; // no parents: a grafted root in a shallow clone
      seen = new Set();
    } else if (line && !skip) {
      const file = unquoteGitPath(line);
      if (seen.has(file)) return;
      seen.add(file);
      const entry = files.get(file) ?? { churn: 0, fixCommits: 0 };
      entry.churn++;
      if (fix) entry.fixCommits++;
      files.set(file, entry);
    }
  });
  if (result.exitCode !== 0) throw new GitCommandError(args.slice(2), result.exitCode, result.stderr);
  return { files, commits };
}

async function treeFiles(git: GitGateway, run: Run, commit: string): Promise<string[]> {
  const files: string[] = [];
  const args = ['-c', 'core.quotePath=false', 'ls-tree', '-r', '--name-only', '--full-tree', commit];
  const result = await git.streamLines(args, run, (line) => {
    if (line) files.push(unquoteGitPath(line));
  });
  if (result.exitCode !== 0) throw new GitCommandError(args.slice(2), result.exitCode, result.stderr);
  return files;
}

/** Rust files with an inline `#[cfg(test)]` module at that commit (they are tested, though no test file exists). */
async function rustInlineTests(git: GitGateway, run: Run, commit: string, tree: readonly string[]): Promise<Set<string>> {
  if (!tree.some((f) => f.endsWith('.rs'))) return new Set();
  const found = new Set<string>();
  // Output lines are `<commit>:<path>`; exit 1 means no match.
  await git.streamLines(['-c', 'core.quotePath=false', 'grep', '-l', '-E', '#\\[cfg\\(test\\)\\]', commit, '--', ':(glob)**/*.rs'], run, (line) => {
    if (line.startsWith(`${commit}:`)) found.add(unquoteGitPath(line.slice(commit.length + 1)));
  });
  return found;
}
