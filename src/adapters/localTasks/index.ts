/**
 * All local task sources for one repository: TODO comments, skipped tests and test gaps (source files changed in
 * the history window that have no test file by name). Node only.
 *
 * Never throws: every source runs on its own, so one failure (timeout, git missing, an odd repository) leaves the
 * others' results, and the reason is added to `problems` as one plain sentence for the output channel.
 * TRUST: call only in trusted workspaces (see gitProcess.ts).
 */
import * as path from 'node:path';
import { coverageGapCandidates } from '../../core/coverageGaps';
import type { TaskCandidate } from '../../core/tasks';
import { readCoverage } from '../coverage';
import { isSourceFile } from '../../core/testFileMatch';
import { GitCommandError, GitDubiousOwnershipError, GitGateway, GitUnavailableError } from '../gitProcess';
import { describeProblem } from './grep';
import { DEFAULT_HISTORY_DAYS, DEFAULT_MAX_COMMITS, refreshHistory, type HistoryCache, type HistorySummary } from './history';
import { findSkippedTests } from './skippedTests';
import { buildTestFileIndex, listTrackedFiles } from './testFiles';
import { sanitizeTitle } from './text';
import { DEFAULT_MAX_TODOS, findTodos, type SourceResult } from './todos';
import { worktreeFingerprint } from './worktree';

/** Test-gap candidates beyond this many (riskiest first) are dropped: nobody reads past that. */
export const MAX_TEST_GAPS = 300;

export interface LocalOptions {
  readonly historyDays?: number;
  readonly maxTodos?: number;
  readonly maxCommits?: number;
  readonly signal?: AbortSignal;
  /** The previous result's `historyCache`, to walk only new commits (or none) and reuse unchanged greps. */
  readonly historyCache?: LocalCache;
  readonly git?: GitGateway;
  readonly now?: number;
  readonly timeoutMs?: number;
}

export interface LocalResult {
  readonly candidates: TaskCandidate[];
  /** Plain sentences for the output channel; partial results come with at least one. */
  readonly problems: string[];
  /** Per-file churn/fix counts (repository-relative paths), for whoever merges coverage into test gaps. */
  readonly history?: HistorySummary;
  /** Persist and pass back as `historyCache` next time. */
  readonly historyCache?: LocalCache;
  /** The work tree's top level the candidates refer to (`repo` of each candidate). */
  readonly repoRoot?: string;
}

/**
 * The history cache plus the last TODO and skipped-test results, reused while HEAD and the work tree are unchanged
 * (see worktree.ts): those two sources grep the work tree and blame every hit, which on a big repository costs
 * seconds, while proving nothing changed costs one `git status`. Ages are in whole days as of `takenAt`, so a
 * snapshot is reused for at most SOURCES_MAX_AGE_MS. Plain JSON like HistoryCache.
 */
export interface LocalCache extends HistoryCache {
  readonly sources?: SourcesSnapshot;
}

export interface SourcesSnapshot {
  /** HEAD, work-tree fingerprint and the options that shape the results. */
  readonly key: string;
  readonly takenAt: number;
  readonly todos: SourceResult;
  readonly skipped: SourceResult;
}

export const SOURCES_MAX_AGE_MS = 3_600_000;

export async function collectLocalCandidates(folder: string, options: LocalOptions = {}): Promise<LocalResult> {
  const git = options.git ?? new GitGateway();
  const now = options.now ?? Date.now();
  const common = { signal: options.signal, timeoutMs: options.timeoutMs };
  const problems: string[] = [];

  // Where are we? Fatal errors here (git missing, dubious ownership, not a repo) end the whole collection.
  let repoRoot: string;
  let head: string;
  try {
    const top = await git.run(['rev-parse', '--show-toplevel'], { cwd: folder, ...common });
    if (top.exitCode !== 0 || !top.stdout.trim()) return { candidates: [], problems: [`${folder} is not inside a git work tree (or it is a bare repository); local tasks need one.`] };
    repoRoot = path.resolve(top.stdout.trim());
    // One spawn for both (each costs ~15-20 ms on a slow machine, and the warm path is mostly spawns):
    // prints `true|false`, then HEAD's sha; exit 1 when there is no commit yet.
    const headResult = await git.run(['rev-parse', '--is-shallow-repository', '-q', '--verify', 'HEAD^{commit}'], { cwd: repoRoot, ...common });
    const [shallow, sha] = headResult.stdout.trim().split('\n');
    if (headResult.exitCode !== 0 || !sha) return { candidates: [], problems: [`${repoRoot} has no commits yet; local tasks appear after the first commit.`], repoRoot };
    head = sha;
    if (shallow === 'true') problems.push('This is a shallow clone: history, churn and ages only cover the fetched commits.');
  } catch (err) {
    return { candidates: [], problems: [fatalMessage(folder, err)] };
  }

  const candidates: TaskCandidate[] = [];
  const attempt = async <T>(what: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (err) {
      problems.push(describeProblem(what, err));
      return undefined;
    }
  };

  // The three walks are independent; run them side by side (each bounded on its own).
  const maxCommits = options.maxCommits ?? DEFAULT_MAX_COMMITS;
  const maxTodos = options.maxTodos ?? DEFAULT_MAX_TODOS;
  // The test-gap inputs (tracked files, test-file index, coverage reports) do not depend on history: start them now.
  const gapInputs = attempt('Test gaps', () => loadTestGapInputs(git, repoRoot, common));
  // No fingerprint (status failed) means no reuse and no snapshot: the sources then simply run.
  const fingerprint = await attempt('Work tree status', () => worktreeFingerprint(git, repoRoot, common));
  const key = fingerprint && `${head}:${fingerprint}:${maxTodos}`;
  const previous = options.historyCache?.sources;
  const reuse = key !== undefined && previous?.key === key && now >= previous.takenAt && now - previous.takenAt < SOURCES_MAX_AGE_MS;
  const [todos, skipped, history] = await Promise.all([
    reuse ? previous.todos : attempt('TODO comments', () => findTodos(git, repoRoot, { ...common, now, maxTodos })),
    reuse ? previous.skipped : attempt('Skipped tests', () => findSkippedTests(git, repoRoot, { ...common, now })),
    attempt('History', () => refreshHistory(git, repoRoot, options.historyCache, { ...common, now, historyDays: options.historyDays ?? DEFAULT_HISTORY_DAYS, maxCommits })),
  ]);
  // Only complete results are kept for reuse: a failed or aborted source must run again next time.
  const sources: SourcesSnapshot | undefined = reuse ? previous
    : key && todos && skipped && !options.signal?.aborted ? { key, takenAt: now, todos, skipped } : undefined;
  for (const part of [todos, skipped]) {
    if (!part) continue;
    candidates.push(...part.candidates);
    problems.push(...part.problems);
  }
  if (history?.truncated) problems.push(`History stops at the newest ${maxCommits} commits in the window; older ones are not counted.`);
  const inputs = await gapInputs;
  if (history && inputs) candidates.push(...testGaps(repoRoot, inputs, history, problems));
  const historyCache = history?.cache ?? options.historyCache;
  return { candidates, problems, history, historyCache: historyCache && { ...historyCache, sources }, repoRoot };
}

interface TestGapInputs {
  readonly tracked: string[];
  readonly index: Awaited<ReturnType<typeof buildTestFileIndex>>;
  readonly coverage: Awaited<ReturnType<typeof readCoverage>>;
}

async function loadTestGapInputs(git: GitGateway, repoRoot: string, common: { signal?: AbortSignal; timeoutMs?: number }): Promise<TestGapInputs> {
  const tracked = await listTrackedFiles(git, repoRoot, common);
  const [index, coverage] = await Promise.all([buildTestFileIndex(git, repoRoot, tracked.files, common), readCoverage(repoRoot, tracked.files)]);
  return { tracked: tracked.files, index, coverage };
}

/**
 * Test gaps, riskiest first: from coverage reports where the repository has them (the uncovered range
 * to test), else source files changed in the window that still exist and have no test file by name.
 */
function testGaps(repoRoot: string, { tracked, index, coverage }: TestGapInputs, history: HistorySummary, problems: string[]): TaskCandidate[] {
  for (const problem of coverage.problems) problems.push(`Skipped coverage report ${problem.report}: ${problem.reason}`);
  const covered = [...coverage.files].map(([absolutePath, summary]) => ({
    absolutePath,
    relativePath: path.relative(repoRoot, absolutePath).split(path.sep).join('/'),
    ...summary,
  }));
  const fromCoverage = coverageGapCandidates(covered, { repoRoot, history: history.files, hasTestFile: (file) => index.hasTestFile(file) }).map(
    // Function names come from the report: keep control characters and markup out of the title.
    (candidate) => ({ ...candidate, title: sanitizeTitle(candidate.title) }),
  );
  const coveredPaths = new Set(covered.map((file) => file.relativePath));

  const present = new Set(tracked);
  const byName = [...history.files]
    .filter(([file]) => present.has(file) && !coveredPaths.has(file) && isSourceFile(file) && !index.hasTestFile(file))
    .map(([file, counts]): TaskCandidate => ({
      id: `testGap:${repoRoot}:${file}`,
      title: sanitizeTitle(`Add tests for ${file}`),
      repo: repoRoot,
      location: { file: path.join(repoRoot, file), line: 1 },
      signals: { kind: 'testGap', uncoveredLines: 0, uncoveredShare: undefined, churn: counts.churn, fixCommits: counts.fixCommits, hasTestFile: false },
    }));
  const risk = (c: TaskCandidate) => (c.signals.kind === 'testGap' ? c.signals.fixCommits * 1000 + c.signals.churn : 0);
  return [...fromCoverage, ...byName].sort((a, b) => risk(b) - risk(a) || a.id.localeCompare(b.id)).slice(0, MAX_TEST_GAPS);
}

function fatalMessage(folder: string, err: unknown): string {
  if (GitUnavailableError.is(err) || GitDubiousOwnershipError.is(err)) return err.message;
  if (GitCommandError.is(err) && err.reason === 'missingCwd') return `${folder} does not exist or is not a folder.`;
  return describeProblem('Local tasks', err);
}
