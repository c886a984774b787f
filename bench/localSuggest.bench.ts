/**
 * Local-suggest figures for `npm run bench`, on the generated 100,000-commit repository (bench/genRepo.mjs).
 * Run with `node --import tsx bench/localSuggest.bench.ts OUT.json [--cli dist/cli.js] [--commits N]`; prints progress
 * on stderr and writes JSON. The CLI must be built first (scripts/bench.mjs does; standalone, `npm run build`).
 *
 * - localSuggestMs: wall time of `node dist/cli.js suggest --repo R --json`, a fresh process with no cache (cold).
 * - localSuggestVsGitLog: that ÷ `git log --name-only --since=<historyDays ago>` over the same repository, timed in
 *   the same run (medians), so machine speed cancels out.
 * - localSuggestPeakMB: peak RSS of that CLI process (`/usr/bin/time -f %M`, else VmHWM polled from /proc).
 * - warmRefreshMs: IN-PROCESS, a second collectLocalCandidates with the first one's historyCache, no new commits and
 *   `worktreeUnchangedSince` (the editor's file watcher saw nothing), exactly what the extension does on a refresh.
 *   A CLI run with a cache file would add node's start-up (~50 ms), which no refresh in the editor pays, so it would
 *   measure the wrong thing.
 * - warmRefreshFullCheckMs: the same without `worktreeUnchangedSince` (no watcher, or it saw a change elsewhere):
 *   `git status` proves the work tree unchanged.
 * - localSuggestDatedShare: of the TODO and skipped-test tasks the CLI printed, the share with a known age (not
 *   `ageUnknown`), so a faster run cannot hide worse results.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { collectLocalCandidates, type LocalOptions, type LocalResult } from '../src/adapters/localTasks';
import { DEFAULT_HISTORY_DAYS } from '../src/adapters/localTasks/history';
import type { Task } from '../src/core/tasks';

const RUNS = 3;
/** Warm refreshes are short and noisier; more samples for the median. */
const WARM_RUNS = 7;
const root = path.resolve(__dirname, '..');
const log = (line: string): void => void process.stderr.write(`[localSuggest] ${line}\n`);
const round = (n: number): number => Math.round(n * 100) / 100;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Measured {
  readonly ms: number;
  readonly peakKB: number | undefined;
  readonly stdout: string;
  readonly code: number;
  readonly stderr: string;
}

/** Runs a command to completion, draining stdout (as a consumer would), timing wall clock. */
function measure(command: string, args: string[], cwd: string): Promise<Measured> {
  const timeBin = '/usr/bin/time';
  const useTime = existsSync(timeBin);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // `-f %M` prints max RSS in KB on stderr's last line; `-q`-less GNU time also adds a line only on failure.
    const child = useTime ? spawn(timeBin, ['-f', '%M', command, ...args], { cwd }) : spawn(command, args, { cwd });
    let stdout = '';
    let stderr = '';
    let hwm = 0;
    const poll = useTime ? undefined : setInterval(() => (hwm = Math.max(hwm, vmHwmKB(child.pid))), 20);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (poll) clearInterval(poll);
      const lines = stderr.trimEnd().split('\n');
      const peakKB = useTime ? Number(lines.pop()) : hwm || undefined;
      resolve({ ms, peakKB: Number.isFinite(peakKB) ? peakKB : undefined, stdout, code: code ?? -1, stderr: lines.join('\n') });
    });
  });
}

function vmHwmKB(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const out = argv[0]?.startsWith('--') ? undefined : argv[0];
  const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const cli = path.resolve(flag('--cli') ?? path.join(root, 'dist', 'cli.js'));
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (npm run build)`);
  const { ensureBenchRepo } = await import('./genRepo.mjs');
  const bench = await ensureBenchRepo({ commits: Number(flag('--commits') ?? 100_000), log });
  const repo = bench.repo;
  log(`repository ${path.relative(root, repo)} (${bench.commits} commits, ${bench.files} files, ${bench.reused ? 'cached' : 'generated now'})`);

  const since = new Date(Date.now() - DEFAULT_HISTORY_DAYS * 86_400_000).toISOString();
  const gitLog = () => measure('git', ['log', '--name-only', `--since=${since}`], repo);
  const suggest = () => measure(process.execPath, [cli, 'suggest', '--repo', repo, '--json'], root);
  await gitLog(); // page cache warm for both sides; not counted

  const logRuns: Measured[] = [];
  const suggestRuns: Measured[] = [];
  for (let i = 0; i < RUNS; i++) {
    logRuns.push(await gitLog());
    const run = await suggest();
    if (run.code !== 0) throw new Error(`suggest exited ${run.code}: ${run.stderr}`);
    if (run.stderr) log(`suggest stderr: ${run.stderr.replace(/\n/g, ' | ')}`);
    suggestRuns.push(run);
    log(`run ${i + 1}: git log ${round(logRuns[i]!.ms)} ms, suggest ${round(run.ms)} ms, peak ${run.peakKB} KB`);
    if (run.ms > 60_000) break; // far off target: one sample says enough
  }
  const suggestMs = median(suggestRuns.map((r) => r.ms));
  const gitLogMs = median(logRuns.map((r) => r.ms));
  const peaks = suggestRuns.map((r) => r.peakKB).filter((k): k is number => k !== undefined);

  // Warm refresh, in-process: the first collection fills the cache, the timed ones reuse it. The watcher's
  // "nothing changed since" is taken before the first collection starts, as the editor's would be.
  const watchingSince = Date.now();
  // The reuse needs the scan to start strictly after the watcher's last word (a change in the same millisecond could
  // be missed): in the editor activation lies between them; here, one millisecond.
  await new Promise((resolve) => setTimeout(resolve, 2));
  const first = await collectLocalCandidates(repo, {});
  const ids = (result: LocalResult) => result.candidates.map((c) => c.id).sort().join('\n');
  const timeWarm = async (extra: LocalOptions): Promise<number> => {
    const times: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      const started = performance.now();
      const again = await collectLocalCandidates(repo, { historyCache: first.historyCache, ...extra });
      times.push(performance.now() - started);
      if (again.history?.walk !== 'cached') throw new Error(`warm refresh walked history (${again.history?.walk})`);
      if (ids(again) !== ids(first)) throw new Error('warm refresh found different tasks');
    }
    return median(times);
  };
  const warmFullCheck = await timeWarm({});
  const warmWatched = await timeWarm({ worktreeUnchangedSince: watchingSince });
  const tasks = JSON.parse(suggestRuns[0]!.stdout) as Task[];
  const aged = tasks.filter((t) => t.kind === 'todo' || t.kind === 'skippedTest');
  const dated = aged.filter((t) => !('ageUnknown' in t.signals && t.signals.ageUnknown));
  const figures = {
    localSuggestMs: round(suggestMs),
    localSuggestGitLogMs: round(gitLogMs),
    localSuggestVsGitLog: round(suggestMs / gitLogMs),
    localSuggestPeakMB: peaks.length ? round(Math.max(...peaks) / 1024) : null,
    warmRefreshMs: round(warmWatched),
    warmRefreshFullCheckMs: round(warmFullCheck),
    localSuggestTasks: tasks.length,
    localSuggestDatedShare: aged.length ? round(dated.length / aged.length) : null,
    localSuggestCommits: bench.commits,
  };
  if (out) writeFileSync(out, JSON.stringify(figures));
  else process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
