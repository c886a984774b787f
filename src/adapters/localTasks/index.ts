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
import { mergeLocalDuplicates } from '../../core/localDuplicates';
import type { ScanWindow } from '../../core/emptyList';
import type { TaskCandidate, TestEvidence } from '../../core/tasks';
import { testGapRisk } from '../../core/taskValue';
import { readCoverage } from '../coverage';
import { coChangedTests, isCoChangeTest } from '../../core/coChange';
import { evidenceWithoutText } from '../../core/testEvidence';
import { TestFileIndex } from '../../core/testFileMatch';
import { GitCommandError, GitDubiousOwnershipError, GitGateway, GitUnavailableError } from '../gitProcess';
import { withFileSizes } from './fileSizes';
import { coChangesBeyondWindow } from './deepCoChange';
import { describeProblem, type GrepHit } from './grep';
import { DEFAULT_HISTORY_DAYS, DEFAULT_MAX_COMMITS, HISTORY_CACHE_VERSION, refreshHistory, windowEndFor, windowView, type HistoryCache, type HistorySummary } from './history';
import { dateLines, findBoundary, type AgeInputs } from './lineAges';
import { normalizeExcludeGlobs } from './excludeGlobs';
import { earlyFilter, FilterSession, worktreeSession, type EarlyFilter } from './repoFilter';
import { judgeSkippedTests, skippedTestCandidates } from './skippedTests';
import { grepSources } from './sourcesGrep';
import { findRustInlineTests, listTrackedFiles, readTestReferences, type TrackedFiles } from './testFiles';
import { sanitizeTitle } from './text';
import { DEFAULT_MAX_TODOS, readTodoContexts, todoCandidates, type SourceResult } from './todos';
import { findRegressionFixes, withRegressionTests } from './regressionTests';
import { untestedFunctionCandidates, type FunctionVerdict, type FunctionVerdicts } from './untestedFunctions';
import { UntestedSourceJudge, untestedSourceCandidate, type GapVerdicts, type LoadReferences, type UntestedSource } from './untestedSources';
import { indexStamp, locate, recentCommitTimes, worktreeStatus } from './worktree';

/** Test-gap candidates beyond this many (riskiest first) are dropped: nobody reads past that. */
export const MAX_TEST_GAPS = 300;
/** Changed files judged (and read) at once for test gaps. */
const GAP_CHUNK = 32;

export interface LocalOptions {
  readonly historyDays?: number;
  /** The window holds at least this many commits when the repository has them (default MIN_WINDOW_COMMITS). */
  readonly minWindowCommits?: number;
  readonly maxTodos?: number;
  readonly maxCommits?: number;
  readonly signal?: AbortSignal;
  /** The previous result's `historyCache`, to walk only new commits (or none) and reuse unchanged greps. */
  readonly historyCache?: LocalCache;
  readonly git?: GitGateway;
  readonly now?: number;
  readonly timeoutMs?: number;
  /**
   * Repository-relative globs (the `handsOn.exclude` setting, the CLI's `--exclude`): paths no source suggests, on top
   * of the vendored and generated ones the repository filter always leaves out (repoFilter.ts).
   */
  readonly exclude?: readonly string[];
  /**
   * For a caller that watches the files (the editor): an instant, on the `Date.now()` clock, since which its file
   * watcher has reported NO change anywhere under the repository's work tree, ignored and untracked files
   * included (coverage reports are usually ignored). Pass the time of the last event seen, or the time watching
   * began when there was none; leave it out when not watching, or when the watcher may have missed events (it
   * overflowed, failed, or was restarted).
   *
   * When it is earlier than the start of the scan that produced `historyCache`, and that scan's HEAD (checked
   * here with one `git rev-parse`, so commits, checkouts and resets are seen), its index file (size and mtime, so
   * `git add` is seen), its options and its age (under SOURCES_MAX_AGE_MS) all still hold, the refresh reuses
   * that scan's TODOs, skipped tests and test gaps without `git status`, greps or the coverage crawl; only the
   * history summary is recomputed, from the cache. Otherwise it is ignored and the full check runs. What no watcher
   * of the work tree sees (`.git/info/exclude`, a global excludes file) counts again at the next full check, at the
   * latest when the snapshot is SOURCES_MAX_AGE_MS old.
   */
  readonly worktreeUnchangedSince?: number;
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
  /** The history window read, to say why a list is empty (core/emptyList.ts); absent when no history was read. */
  readonly window?: ScanWindow;
}

/**
 * The history cache plus the last scan's results, reused while HEAD and the work tree are unchanged (see
 * worktree.ts): the sources grep the work tree and date every hit, which on a big repository costs a second, while
 * proving nothing changed costs one `git status` (or, with `worktreeUnchangedSince`, one `git rev-parse`). Ages are
 * in whole days as of `takenAt`, so a snapshot is reused for at most SOURCES_MAX_AGE_MS. Plain JSON like
 * HistoryCache.
 */
export interface LocalCache extends HistoryCache {
  readonly sources?: SourcesSnapshot;
  /** For `head`: its last commit's time (where an idle repository's window ends, windowEndFor) and how far back the
   *  window must reach to hold MIN_WINDOW_COMMITS commits (the oldest commit of a shorter history). Epoch ms. */
  readonly headTime?: number;
  readonly minCommitsSince?: number;
  readonly minWindowCommits?: number;
}

export interface SourcesSnapshot {
  readonly head: string;
  /** The options that shape the results. */
  readonly settings: string;
  /** worktreeStatus().fingerprint. */
  readonly fingerprint: string;
  /** indexStamp() at the start of the scan. */
  readonly index: string;
  /** The scan's `now`: ages are as of it. */
  readonly takenAt: number;
  /** `Date.now()` before the scan's first git call: a change after it may be missing from the results. */
  readonly startedAt: number;
  readonly todos: SourceResult;
  readonly skipped: SourceResult;
  /** Absent when the test-gap inputs failed; then only the full check can reuse the snapshot. */
  readonly testGaps?: SourceResult;
  /** Each judged source file's test-gap verdict (untestedSources.ts), reused by a full check that finds HEAD and the
   *  work tree unchanged: no test file or source is read again. */
  readonly gapVerdicts?: Array<[string, UntestedSource | null]>;
  /** The same for function-level gaps (untestedFunctions.ts): no source or test file is read again. */
  readonly functionVerdicts?: Array<[string, FunctionVerdict | null]>;
}

export const SOURCES_MAX_AGE_MS = 3_600_000;
/** The history window holds at least this many commits (when the repository has them), however long ago. */
export const MIN_WINDOW_COMMITS = 200;
const DAY_MS = 86_400_000;

export async function collectLocalCandidates(folder: string, options: LocalOptions = {}): Promise<LocalResult> {
  const git = options.git ?? new GitGateway();
  const now = options.now ?? Date.now();
  const startedAt = Date.now();
  const common = { signal: options.signal, timeoutMs: options.timeoutMs };
  const problems: string[] = [];

  // Where are we? Fatal errors here (git missing, dubious ownership, not a repo) end the whole collection.
  let located: Awaited<ReturnType<typeof locate>>;
  try {
    located = await locate(git, folder, common);
  } catch (err) {
    return { candidates: [], problems: [fatalMessage(folder, err)] };
  }
  if (located.kind === 'notWorkTree') return { candidates: [], problems: [`${folder} is not inside a git work tree (or it is a bare repository); local tasks need one.`] };
  if (located.kind === 'noCommits') return { candidates: [], problems: [`${located.repoRoot} has no commits yet; local tasks appear after the first commit.`], repoRoot: located.repoRoot };
  const { repoRoot, head, shallow } = located;
  if (shallow) problems.push('This is a shallow clone: history, churn and ages only cover the fetched commits.');

  const attempt: Attempt = async (what, work) => {
    try {
      return await work();
    } catch (err) {
      problems.push(describeProblem(what, err));
      return undefined;
    }
  };

  const historyDays = options.historyDays ?? DEFAULT_HISTORY_DAYS;
  const maxCommits = options.maxCommits ?? DEFAULT_MAX_COMMITS;
  const maxTodos = options.maxTodos ?? DEFAULT_MAX_TODOS;
  const exclude = normalizeExcludeGlobs(options.exclude ?? []);
  const settings = `${historyDays}:${maxTodos}:${maxCommits}:${JSON.stringify(exclude)}`;
  const minWindowCommits = Math.max(1, options.minWindowCommits ?? MIN_WINDOW_COMMITS);
  const cache = options.historyCache;
  const known = cache?.head === head && cache.headTime !== undefined && cache.minWindowCommits === minWindowCommits ? cache : undefined;
  const times = known ? undefined : await recentCommitTimes(git, repoRoot, head, minWindowCommits, common).catch(() => []);
  const headTime = known ? known.headTime : times?.[0];
  // The MIN_WINDOW_COMMITS-th newest commit, or the oldest of a shorter history.
  const minCommitsSince = known ? known.minCommitsSince : times?.[times.length - 1];
  const windowEnd = windowEndFor(now, headTime);
  // A quiet repository's window reaches back to its last MIN_WINDOW_COMMITS commits: its team's recent work, even
  // when that is years of it. A history shorter than that is read whole.
  const since = Math.min(windowEnd - historyDays * DAY_MS, minCommitsSince ?? Infinity);
  const index = await indexStamp(located.indexFile);
  const last = options.historyCache?.sources;
  const previous = last?.head === head && last.settings === settings && now >= last.takenAt && now - last.takenAt < SOURCES_MAX_AGE_MS ? last : undefined;
  const history = attempt('History', () => refreshHistory(git, repoRoot, options.historyCache, { ...common, now, windowEnd, windowStart: since, historyDays, maxCommits, known: { head, shallow } }));
  const finish = (summary: HistorySummary | undefined, parts: Array<SourceResult | undefined>, sources: SourcesSnapshot | undefined): LocalResult => {
    const candidates: TaskCandidate[] = [];
    for (const part of parts) {
      if (!part) continue;
      candidates.push(...(summary ? withFileChurn(part.candidates, repoRoot, summary) : part.candidates));
      problems.push(...part.problems);
    }
    if (summary?.truncated) problems.push(`History stops at the newest ${maxCommits} commits in the window; older ones are not counted.`);
    const historyCache = summary?.cache ?? options.historyCache;
    return {
      candidates, problems, history: summary, repoRoot,
      historyCache: historyCache && {
        ...historyCache, sources,
        ...(historyCache.head === head && headTime !== undefined ? { headTime, minWindowCommits, ...(minCommitsSince !== undefined ? { minCommitsSince } : {}) } : {}),
      },
      ...(summary ? { window: { start: since, end: windowEnd, commits: summary.commits } } : {}),
    };
  };

  // The watcher vouches for the work tree and the index stamp for staging; HEAD was just checked.
  const unchangedSince = options.worktreeUnchangedSince;
  if (previous?.testGaps && unchangedSince !== undefined && unchangedSince < previous.startedAt && previous.index === index) {
    return finish(await history, [previous.todos, previous.skipped, previous.testGaps], previous);
  }

  // The test-gap inputs (tracked files, test-file index, coverage reports) do not depend on history: start them now.
  // The test files' text is read later, and only when some changed file worth a test shows no cheaper evidence.
  const tracked = listTrackedFiles(git, repoRoot, common);
  tracked.catch(() => undefined); // reported once, by the test gaps
  const gapInputs = attempt('Test gaps', async () => loadTestGapInputs(git, repoRoot, await tracked, common));
  // The repository filter: its early part for the grep (no file list needed), the full one once the list is in.
  const early = earlyFilter(repoRoot, located.infoAttributes, exclude);
  const session = tracked.then((list) => list.files, () => [])
    .then((files) => worktreeSession(git, repoRoot, files, { ...common, exclude, infoAttributes: located.infoAttributes }))
    .catch(() => new FilterSession(git, repoRoot, { files: [], submodules: [], attributesMatter: false, exclude, readHeads: async () => new Map() }));
  // No status (it failed) means no reuse, no snapshot, and blame for the ages.
  const status = attempt('Work tree status', () => worktreeStatus(git, repoRoot, common));
  // The verdicts read only tracked files and the history: they hold while HEAD and the work tree are unchanged.
  const verdicts = previous?.gapVerdicts
    ? status.then((st) => (st?.head === head && st.fingerprint === previous.fingerprint ? { files: new Map(previous.gapVerdicts), functions: new Map(previous.functionVerdicts ?? []) } : undefined))
    : Promise.resolve(undefined);
  // Fixes that came without a test: their diffs are read as soon as the walk and the file list are in.
  const regressions = Promise.all([history, tracked.catch(() => undefined), session]).then(([summary, list, filter]) => (summary?.cache && list
    ? attempt('Regression tests', () => findRegressionFixes(git, repoRoot, { ...windowView(summary.cache!, since), isPresent: presence(list.files), filter, now, head, since }, common))
    : undefined));
  // Pure JS once the walk and the inputs are in. The line dating, woken by the same walk, has one more git command
  // to start, and the gateway checks the folder (an fs callback) before spawning: two turns of the event loop
  // later, that command is running and this overlaps it instead of delaying it.
  const gapsReady = Promise.all([history, gapInputs, verdicts]).then(async ([summary, inputs, cached]) => {
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
    if (!summary || !inputs) return undefined;
    const judged = await testGaps(repoRoot, inputs, summary, since, await session, cached, { git, until: windowEnd, ...common });
    const withRegressions = withRegressionTests(repoRoot, judged.result.candidates, (await regressions) ?? [], summary, judged.evidenceOf);
    return { ...judged, result: await withFileSizes({ ...judged.result, candidates: withRegressions }) };
  });
  // Only a previous snapshot needs the status before the greps: a first scan starts them at once.
  const st = previous ? await status : undefined;
  const reuse = previous !== undefined && st?.head === head && st.fingerprint === previous.fingerprint;
  const [todos, skipped] = reuse ? [previous.todos, previous.skipped] : await scanSources(git, repoRoot, attempt, {
    ...common, now, maxTodos, early, session,
    ages: {
      head, since, shallow, status,
      boundary: boundaryFor(options.historyCache, head, since, maxCommits) ?? findBoundary(git, repoRoot, head, since, common).catch(() => undefined),
      history: history.then((summary) => summary?.cache),
    },
  });
  const [summary, judged] = await Promise.all([history, gapsReady]);
  const gaps = judged?.result;
  // Only complete results are kept for reuse: a failed or aborted source must run again next time.
  const finalStatus = await status;
  const snapshot: SourcesSnapshot | undefined = todos && skipped && finalStatus?.head === head && !options.signal?.aborted
    ? {
      head, settings, fingerprint: finalStatus.fingerprint, index,
      // A reused snapshot keeps its own time: its ages are as of then.
      takenAt: reuse ? previous.takenAt : now, startedAt, todos, skipped, ...(gaps ? { testGaps: gaps } : {}),
      ...(judged ? { gapVerdicts: [...judged.verdicts], functionVerdicts: [...judged.functionVerdicts] } : {}),
    }
    : undefined;
  const filterProblems = (await session).problems;
  return finish(summary, [todos, skipped, gaps, ...(filterProblems.length ? [{ candidates: [], problems: filterProblems }] : [])], snapshot);
}

/**
 * The boundary for line ages from the previous history cache, when it has one for this window: no git call. A cache
 * for an older HEAD still holds an ancestor from before the window (or, after a rewrite, an older commit, whose
 * lines are just as old). Undefined when there is no usable cache.
 */
function boundaryFor(cache: HistoryCache | undefined, head: string, since: number, maxCommits: number): Promise<string | null> | undefined {
  if (cache?.version !== HISTORY_CACHE_VERSION || cache.maxCommits !== maxCommits || cache.walkedSince > since) return undefined;
  const view = windowView(cache, since);
  // A cache that reached a root for an older HEAD says nothing about the new commits' window start.
  if (view.boundary === undefined && cache.head !== head) return undefined;
  return Promise.resolve(view.boundary ?? null);
}

/**
 * TODOs and skipped tests with their file's churn in the history window (hot code ranks higher). Added at the end, not
 * stored in the snapshot: the churn comes from this refresh's history.
 */
function withFileChurn(candidates: readonly TaskCandidate[], repoRoot: string, history: HistorySummary): TaskCandidate[] {
  return candidates.map((candidate) => {
    const s = candidate.signals;
    if ((s.kind !== 'todo' && s.kind !== 'skippedTest') || !candidate.location) return candidate;
    const churn = history.files.get(path.relative(repoRoot, candidate.location.file).split(path.sep).join('/'))?.churn ?? 0;
    return churn > 0 ? { ...candidate, signals: { ...s, fileChurn: churn } } : candidate;
  });
}

type Attempt = <T>(what: string, work: () => Promise<T>) => Promise<T | undefined>;

/** TODOs and skipped tests: one grep, then one dating pass over all their hits, so each diff runs once. */
async function scanSources(
  git: GitGateway,
  repoRoot: string,
  attempt: Attempt,
  options: { signal?: AbortSignal; timeoutMs?: number; now: number; maxTodos: number; ages: AgeInputs; early: EarlyFilter; session: Promise<FilterSession> },
): Promise<[SourceResult | undefined, SourceResult | undefined]> {
  const common = { signal: options.signal, timeoutMs: options.timeoutMs };
  const early = options.early;
  const found = await attempt('TODO comments and skipped tests', () => grepSources(git, repoRoot, {
    ...common, maxTodos: options.maxTodos, excludePathspecs: early.pathspecs, rejectPath: early.rejects,
  }));
  if (!found) return [undefined, undefined];
  // The rest of the repository filter (attributes, outputs next to their grammar, generated-file markers) before
  // the dating: nothing is dated for a hit that is dropped.
  const kept = new Set(await (await options.session).keep([...new Set([...found.todos.hits, ...found.skipped.hits].map((h) => h.path))]));
  const scans = {
    todos: { ...found.todos, hits: found.todos.hits.filter((h) => kept.has(h.path)) },
    skipped: { ...found.skipped, hits: found.skipped.hits.filter((h) => kept.has(h.path)) },
  };
  // Skip markers are judged (their files read) before the dating: a conditional skip or one in a comment is never
  // dated, and a line older than the window may cost a blame.
  const [judged, todoScan] = await Promise.all([judgeSkippedTests(repoRoot, scans.skipped), readTodoContexts(repoRoot, scans.todos, options.signal)]);
  const hits = new Map<string, GrepHit[]>();
  for (const hit of [...scans.todos.hits, ...judged.map((j) => j.hit)]) {
    const list = hits.get(hit.path) ?? [];
    if (!list.some((h) => h.line === hit.line)) list.push(hit); // `it.skip(…) // TODO` is one line to date
    hits.set(hit.path, list);
  }
  const dated = await dateLines(git, repoRoot, hits, options.ages, { now: options.now, ...common });
  const todos = todoCandidates(repoRoot, todoScan, dated);
  // The dating problems are reported once, with the TODOs.
  const skipped = skippedTestCandidates(repoRoot, judged, scans.skipped.problems, { ages: dated.ages, problems: [] });
  const merged = mergeLocalDuplicates(todos.candidates, skipped.candidates);
  return [{ candidates: merged.todos, problems: todos.problems }, { candidates: merged.skipped, problems: skipped.problems }];
}

interface TestGapInputs {
  readonly tracked: string[];
  readonly index: TestFileIndex;
  readonly coverage: Awaited<ReturnType<typeof readCoverage>>;
  /** What the test files import and use, read once on first call; undefined when reading them failed. */
  readonly references: LoadReferences;
}

async function loadTestGapInputs(git: GitGateway, repoRoot: string, tracked: TrackedFiles, common: { signal?: AbortSignal; timeoutMs?: number }): Promise<TestGapInputs> {
  // Every path is classified once, here; Rust's inline tests, found by a grep, join the index when it ends.
  const index = new TestFileIndex(tracked.files);
  const inline = findRustInlineTests(git, repoRoot, tracked.files, common);
  let reading: ReturnType<LoadReferences> | undefined;
  const references: LoadReferences = () => (reading ??= readTestReferences(repoRoot, tracked.files, { ...common, testFiles: index.testFiles() }).catch(() => undefined));
  const [inlineTests, coverage] = await Promise.all([inline, readCoverage(repoRoot, tracked.files)]);
  index.addInlineTests(inlineTests);
  return { tracked: tracked.files, index, coverage, references };
}

/**
 * Test gaps, riskiest first: from coverage reports where the repository has them (the uncovered range
 * to test), else source files changed in the window that still exist, show no evidence of tests (name, import,
 * co-change, a test using what they declare) and are worth testing (untestedSources.ts). Paths the repository filter
 * leaves out are never candidates: decided on paths in the walk, on heads for the list.
 */
async function testGaps(
  repoRoot: string,
  { tracked, index, coverage, references }: TestGapInputs,
  history: HistorySummary,
  since: number,
  filter: FilterSession,
  cached: { readonly files: ReadonlyMap<string, UntestedSource | null>; readonly functions: ReadonlyMap<string, FunctionVerdict | null> } | undefined,
  older: { readonly git: GitGateway; readonly until: number; readonly signal?: AbortSignal; readonly timeoutMs?: number },
): Promise<{ result: SourceResult; verdicts: GapVerdicts; functionVerdicts: FunctionVerdicts; evidenceOf: (file: string) => TestEvidence | undefined }> {
  const problems = coverage.problems.map((problem) => `Skipped coverage report ${problem.report}: ${problem.reason}`);
  const covered = [...coverage.files].map(([absolutePath, summary]) => ({
    absolutePath,
    relativePath: path.relative(repoRoot, absolutePath).split(path.sep).join('/'),
    ...summary,
  }));
  const present = new Set(tracked);
  const window = history.cache ? windowView(history.cache, since) : undefined;
  const changedSources = [...history.files.keys()].filter((file) => present.has(file) && index.isSource(file));
  const judge = new UntestedSourceJudge(repoRoot, {
    names: index,
    coChanges: window ? coChangedTests(window.commits, window.files, changedSources, (file) => isCoChangeTest(file, (f) => index.isTest(f))) : new Map(),
  }, references, { coverageReports: covered.length > 0, cached: cached?.files });
  const evidence = covered.length > 0 ? await judge.evidence() : undefined;
  const evidenceOf = (file: string) => (evidence ? evidenceWithoutText(file, evidence) : undefined);
  const fromCoverage = coverageGapCandidates(covered, { repoRoot, history: history.files, hasTestFile: (file) => evidenceOf(file) !== undefined, testEvidence: evidenceOf }).map(
    // Function names come from the report: keep control characters and markup out of the title.
    (candidate) => ({ ...candidate, title: sanitizeTitle(candidate.title) }),
  );
  const coveredPaths = new Set(covered.map((file) => file.relativePath));

  type Ranked = { readonly risk: number; readonly coverage?: TaskCandidate; readonly file?: string };
  // The product's risk before sizes are known (withFileSizes adds them to the few kept): the cut to MAX_TEST_GAPS
  // follows the same formula the final ranking uses.
  const risk = (counts: { churn: number; fixCommits: number }) =>
    testGapRisk({ kind: 'testGap', uncoveredLines: 0, uncoveredShare: undefined, churn: counts.churn, fixCommits: counts.fixCommits, hasTestFile: false });
  const ranked: Ranked[] = fromCoverage.map((c) => ({ risk: c.signals.kind === 'testGap' ? risk(c.signals) : 0, coverage: c }));
  for (const [file, counts] of history.files) if (present.has(file) && !coveredPaths.has(file)) ranked.push({ risk: risk(counts), file });
  ranked.sort((a, b) => b.risk - a.risk);
  // The attributes of every file that could make the list, in one check-attr, when the repository sets any.
  if (filter.needsAttributes) await filter.prepare(ranked.flatMap((entry) => (entry.file && index.isSource(entry.file) ? [entry.file] : [])));
  // Riskiest first, then by id (localeCompare's order), and every check only until the list is full: a big
  // repository has thousands of changed files, most of them tied on a small churn, and only MAX_TEST_GAPS are kept.
  // So ties are ordered one risk at a time, and the test-file lookup (~0.1 ms a file) runs for those read.
  const byId = new Intl.Collator();
  const idOf = (entry: Ranked) => entry.coverage?.id ?? `testGap:${repoRoot}:${entry.file}`;
  const candidates: TaskCandidate[] = [];
  for (let start = 0; start < ranked.length && candidates.length < MAX_TEST_GAPS;) {
    let end = start + 1;
    while (end < ranked.length && ranked[end]!.risk === ranked[start]!.risk) end++;
    const group = ranked.slice(start, end).map((entry) => ({ entry, id: idOf(entry) })).sort((a, b) => byId.compare(a.id, b.id));
    // Judged a chunk at a time (files are read), in order, and only until the list is full.
    for (let at = 0; at < group.length && candidates.length < MAX_TEST_GAPS; at += GAP_CHUNK) {
      const chunk = group.slice(at, at + GAP_CHUNK);
      const untested = await judge.untested(chunk.flatMap(({ entry }) => (entry.file && !filter.pathExclusion(entry.file) ? [entry.file] : [])));
      for (const { entry, id } of chunk) {
        if (candidates.length >= MAX_TEST_GAPS) break;
        if (entry.coverage) candidates.push(entry.coverage);
        else {
          const source = untested.get(entry.file!);
          if (source) candidates.push(untestedSourceCandidate(repoRoot, id, source, history.files.get(entry.file!)!));
        }
      }
    }
    start = end;
  }
  const relative = (candidate: TaskCandidate) => path.relative(repoRoot, candidate.location!.file).split(path.sep).join('/');
  // The files just found untested: their history before the window may show them changing with tests (once per
  // verdict; a reused verdict was asked already). A failed walk keeps them.
  const justJudged = candidates.map(relative).filter((file) => judge.judgedNow.has(file) && judge.verdicts.get(file));
  const olderTests = justJudged.length === 0 ? new Map() : await coChangesBeyondWindow(older.git, repoRoot, justJudged, {
    until: older.until, signal: older.signal, timeoutMs: older.timeoutMs, isTest: (file) => isCoChangeTest(file, (f) => index.isTest(f)),
  }).catch(() => new Map());
  for (const file of olderTests.keys()) judge.verdicts.set(file, null);
  // In the changed files that have tests, the public functions none of them names (riskiest files first).
  const fileGaps = new Set(candidates.map(relative));
  const testedFiles = ranked.flatMap((entry) => (entry.file && !fileGaps.has(entry.file) && index.isSource(entry.file) && !filter.pathExclusion(entry.file) ? [{ file: entry.file, ...history.files.get(entry.file)! }] : []));
  const functions = await untestedFunctionCandidates(testedFiles, {
    git: older.git, repoRoot, index, tracked: present, testedBy: (file, shape) => judge.testedBy(file, shape), cached: cached?.functions, signal: older.signal,
  });
  candidates.push(...functions.candidates);
  // Attributes (coverage reports name any file) and generated-file markers, read for the files on the list only. A
  // file dropped here leaves its place empty: the list is riskiest first, so at most the least risky few are missed.
  const kept = new Set(await filter.keep(candidates.map(relative).filter((file) => !olderTests.has(file))));
  return {
    result: { candidates: candidates.filter((candidate) => kept.has(relative(candidate))), problems }, verdicts: judge.verdicts, functionVerdicts: functions.verdicts,
    evidenceOf: (file) => (olderTests.has(file) ? { kind: 'coChange', ...olderTests.get(file)! } : judge.knownEvidence(file)),
  };
}

/** Membership in `files`, the set built on first use (most scans ask about a few paths, or none). */
function presence(files: readonly string[]): (file: string) => boolean {
  let set: Set<string> | undefined;
  return (file) => (set ??= new Set(files)).has(file);
}

function fatalMessage(folder: string, err: unknown): string {
  if (GitUnavailableError.is(err) || GitDubiousOwnershipError.is(err)) return err.message;
  if (GitCommandError.is(err) && err.reason === 'missingCwd') return `${folder} does not exist or is not a folder.`;
  return describeProblem('Local tasks', err);
}
