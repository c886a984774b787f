/**
 * Drift and "What Changed" figures for `npm run bench`, on a generated 100,000-commit team repository
 * (bench/genRepo.mjs with `team`), where the user's last commit is HEAD~10,000.
 * Run with `node --import tsx bench/drift.bench.ts OUT.json [--commits N] [--back N]`; prints progress on stderr and
 * writes JSON.
 *
 * - driftMs: IN-PROCESS, what src/vscode/drift/whatChanged.ts `collect` + `renderWhatChanged` do for one repository,
 *   with the adapters' real GitGateway: adapters/driftReport `readWhatChanged`, the call whatChanged.ts makes (the remotes
 *   alongside `readDriftReport`: the user's git
 *   email, readDriftHistory, computeDrift, lastTouches for the drift-map rows the commits read leave open), then the
 *   Markdown page (the editor's `vscode.l10n.t` and `Uri.file` replaced by plain equivalents). Median of RUNS.
 * - driftGitLogMs: `git log --name-only <my last commit>..HEAD` (the 10,000 commits since), timed in the same run,
 *   draining its output. driftVsGitLog is the median of the ratios of RUNS back-to-back pairs (order alternating),
 *   so machine speed, and load from elsewhere that comes and goes, cancel out better than in a ratio of medians.
 * - driftCommits / driftGitLogCommits: the commits each side read with their files. The drift side reads from the
 *   user's last commit (older than the 90-day churn window here, which holds ~8,200 of them, so that is how far back
 *   it goes), that commit included, under the 20,000-commit cap: one more than git log's range. Besides, it walks
 *   without diffs from HEAD to that commit to find it, and below it over the user's own commits for lastTouches.
 * - driftLastTouchRows: drift-map rows whose "you last touched it" needed git beyond the commits read.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { lastTouches, readDriftHistory } from '../src/adapters/driftHistory';
import { readWhatChanged } from '../src/adapters/driftReport';
import { GitHistory } from '../src/adapters/gitHistory';
import { GitGateway } from '../src/adapters/gitProcess';
import { computeDrift, withLastTouches } from '../src/core/drift';
import type { DriftReport } from '../src/core/drift';
import { renderWhatChanged } from '../src/vscode/drift/whatChangedPage';
import type { PageText, RepositoryChanges } from '../src/vscode/drift/whatChangedPage';

/** Pairs of (git log, What Changed); odd, for a median. */
const RUNS = 9;
const root = path.resolve(__dirname, '..');
const log = (line: string): void => void process.stderr.write(`[drift] ${line}\n`);
const round = (n: number): number => Math.round(n * 100) / 100;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `vscode.l10n.t` without a bundle (the English text, `{n}` filled in) and `Uri.file(p).toString()`. */
const pageText: PageText = {
  t: (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] === undefined ? whole : String(args[Number(i)]))),
  fileUri: (file) => pathToFileURL(file).href,
};

/** One "What Changed" for `repo`: the same adapter call as whatChanged.ts `collect`, then the page as `show` renders it. */
async function whatChanged(git: GitGateway, repo: string, authorEmails: readonly string[]) {
  const started = performance.now();
  const now = Date.now();
  const changes: RepositoryChanges = { root: repo, ...(await readWhatChanged(git, new GitHistory(git), repo, { authorEmails, now, today: new Date(now).toISOString().slice(0, 10) })) };
  const page = renderWhatChanged([changes], now, pageText);
  return { ms: performance.now() - started, report: changes.report, page };
}

/**
 * Not measured, for whoever optimises next: the steps of adapters/driftReport one by one, timed, with what they
 * read. Checked against the real path, so the breakdown describes what was measured.
 */
async function stages(git: GitGateway, repo: string, myEmails: readonly string[], expected: DriftReport) {
  const now = Date.now();
  let mark = performance.now();
  const lap = () => {
    const at = performance.now();
    const ms = Math.round(at - mark);
    mark = at;
    return ms;
  };
  const own = await new GitHistory(git).userEmail(repo);
  const emails = [...(own ? [own] : []), ...myEmails];
  const email = lap();
  const history = await readDriftHistory(git, repo, { myEmails: emails, now });
  const read = lap();
  const report = computeDrift({ ...history, myEmails: emails, now, today: new Date(now).toISOString().slice(0, 10) });
  const compute = lap();
  const unanswered = report.driftMap.filter((row) => row.myLastTouch === undefined).map((row) => row.dir);
  const touched = await lastTouches(git, repo, unanswered, { myEmails: emails, from: history.olderFrom });
  const touches = lap();
  if (JSON.stringify(withLastTouches(report, touched).driftMap) !== JSON.stringify(expected.driftMap)) throw new Error('the breakdown does not match readDriftReport');
  log(`stages: user.email ${email} ms, readDriftHistory ${read} ms (${history.commits.length} commits), computeDrift ${compute} ms, ` +
    `lastTouches ${touches} ms (${unanswered.length} rows, from ${history.olderFrom.length} commit(s) below those read)`);
  return { commits: history.commits.length, truncated: history.truncated, unanswered: unanswered.length };
}

/** `git log ARGS` to completion, draining stdout as a consumer would; counts the commits it printed. */
function gitLog(repo: string, args: string[]): Promise<{ ms: number; commits: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('git', ['log', ...args], { cwd: repo, env: { PATH: process.env.PATH ?? '', LANG: 'C', LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let commits = 0;
    let carry = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      const lines = (carry + text).split('\n');
      carry = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('commit ')) commits++;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ ms: performance.now() - started, commits }) : reject(new Error(`git log exited ${code}`))));
  });
}

async function git1(repo: string, args: string[]): Promise<string> {
  const result = await new GitGateway().run(args, { cwd: repo });
  if (result.exitCode !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const out = argv[0]?.startsWith('--') ? undefined : argv[0];
  const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const back = Number(flag('--back') ?? 10_000);
  const { ensureBenchRepo, BENCH_ME } = await import('./genRepo.mjs');
  const bench = await ensureBenchRepo({ commits: Number(flag('--commits') ?? 100_000), team: { myLastCommitBack: back }, log });
  const repo = bench.repo;
  log(`repository ${path.relative(root, repo)} (${bench.commits} commits, my last commit HEAD~${back}, ${bench.reused ? 'cached' : 'generated now'})`);

  // The user's identity comes from the extension's setting (handsOn.authorEmails), not from whoever runs the bench:
  // git runs with an empty HOME, so no global user.email is found.
  const home = mkdtempSync(path.join(os.tmpdir(), 'hands-on-drift-home-'));
  const git = new GitGateway({ env: { PATH: process.env.PATH, HOME: home } });
  const mine = await git1(repo, ['rev-parse', `HEAD~${back}`]);
  const [myEmail, myTime] = (await git1(repo, ['log', '-1', '--format=%ae%x09%at', mine])).split('\t');
  if (myEmail !== BENCH_ME.email) throw new Error(`HEAD~${back} is by ${myEmail}, not ${BENCH_ME.email}`);
  const range = [`--name-only`, `${mine}..HEAD`];

  // Page cache warm for both sides; not counted. Also checks the scenario is what the figures claim.
  const first = await whatChanged(git, repo, [BENCH_ME.email]);
  await gitLog(repo, range);
  if (first.report.myLastCommitAt !== Number(myTime) * 1000) throw new Error('drift did not find HEAD~N as my last commit');
  if (first.report.commitsSince !== back) throw new Error(`drift counted ${first.report.commitsSince} commits since, not ${back}`);
  const read = await stages(git, repo, [BENCH_ME.email], first.report);
  if (read.truncated) throw new Error('the commit cap cut the history');

  // Only the times are kept: holding every run's 10,000 commits would make later runs pay for a bigger heap.
  const driftRuns: { ms: number }[] = [];
  const logRuns: { ms: number; commits: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Back to back, in alternating order, so a burst of load elsewhere tends to hit both sides of a pair.
    const logFirst = i % 2 === 0;
    if (logFirst) logRuns.push(await gitLog(repo, range));
    const run = await whatChanged(git, repo, [BENCH_ME.email]);
    if (!logFirst) logRuns.push(await gitLog(repo, range));
    if (run.page !== first.page) throw new Error('two runs rendered different pages');
    driftRuns.push({ ms: run.ms });
    log(`run ${i + 1}: git log ${round(logRuns[i]!.ms)} ms, what changed ${round(run.ms)} ms`);
  }
  rmSync(home, { recursive: true, force: true });
  const driftMs = median(driftRuns.map((r) => r.ms));
  const gitLogMs = median(logRuns.map((r) => r.ms));
  const figures = {
    driftMs: round(driftMs),
    driftGitLogMs: round(gitLogMs),
    driftVsGitLog: round(median(driftRuns.map((r, i) => r.ms / logRuns[i]!.ms))),
    driftCommits: read.commits,
    driftGitLogCommits: logRuns[0]!.commits,
    driftLastTouchRows: read.unanswered,
  };
  if (out) writeFileSync(out, JSON.stringify(figures));
  else process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
