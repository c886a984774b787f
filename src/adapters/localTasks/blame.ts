/**
 * Line ages from `git blame --porcelain`, shared by the TODO and skipped-test sources. Node only.
 *
 * Cost control: ONE blame per file, with an `-L n,n` range per hit (adjacent hits merged), never a whole-file
 * blame; files are blamed a few at a time, at most `maxFiles` of them, each under the gateway's timeout.
 * Lines not committed yet (sha 000…0) are age 0: they were written just now.
 */
import { GitAbortedError, GitGateway } from '../gitProcess';
import { ageInDays } from './text';

export interface BlameOptions {
  readonly now: number;
  /** Files beyond this many are not blamed; their hits get no age. */
  readonly maxFiles?: number;
  /** Hits beyond this many in one file are not blamed (keeps the command line short on Windows). */
  readonly maxLinesPerFile?: number;
  readonly concurrency?: number;
  /**
   * Wall-clock budget for all the blames of one call, ms. On a long history one blame can take seconds (it walks
   * back to the line's origin), so without a budget a few hundred TODOs would keep git busy for minutes and starve
   * the history walk. Files not dated within it get no age (the candidates say `ageUnknown`).
   */
  readonly budgetMs?: number;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export interface BlameAges {
  /** `path` → (1-based line → age in days). A hit missing here has no known age. */
  readonly ages: Map<string, Map<number, number>>;
  /** `path` → lines whose age is a lower bound: older than the history read (see lineAges.ts). */
  readonly atLeast?: Map<string, Set<number>>;
  readonly problems: string[];
}

export const DEFAULT_MAX_BLAME_FILES = 300;
export const DEFAULT_BLAME_BUDGET_MS = 2_000;
const DEFAULT_MAX_LINES_PER_FILE = 500;
const DEFAULT_CONCURRENCY = 4;
const MAX_BLAME_OUTPUT_BYTES = 8 << 20;
const HEADER = /^([0-9a-f]{40}|[0-9a-f]{64}) \d+ (\d+)(?: (\d+))?$/;

/** Ages for the given lines of each file (working-tree content, so uncommitted edits count as age 0). */
export async function blameAges(git: GitGateway, repoRoot: string, linesByFile: Map<string, number[]>, options: BlameOptions): Promise<BlameAges> {
  const maxFiles = options.maxFiles ?? DEFAULT_MAX_BLAME_FILES;
  const maxLines = options.maxLinesPerFile ?? DEFAULT_MAX_LINES_PER_FILE;
  const ages = new Map<string, Map<number, number>>();
  const problems: string[] = [];
  const files = [...linesByFile.keys()];
  if (files.length > maxFiles) problems.push(`Ages were computed for ${maxFiles} of ${files.length} files (blame limit).`);
  const queue = files.slice(0, maxFiles);
  let failures = 0;
  let firstFailure = '';
  let overBudget = 0;
  const budgetMs = options.budgetMs ?? DEFAULT_BLAME_BUDGET_MS;
  const deadline = Date.now() + budgetMs;

  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      if (options.signal?.aborted) return;
      const left = deadline - Date.now();
      if (left <= 0) {
        overBudget++;
        continue;
      }
      const lines = [...new Set(linesByFile.get(file))].sort((a, b) => a - b).slice(0, maxLines);
      // A blame still running when the budget ends is stopped; that is the budget, not a failure.
      const byBudget = left < (options.timeoutMs ?? Infinity);
      try {
        ages.set(file, await blameFile(git, repoRoot, file, lines, { ...options, timeoutMs: Math.min(left, options.timeoutMs ?? left) }));
      } catch (err) {
        if (byBudget && GitAbortedError.is(err) && err.reason === 'timeout') {
          overBudget++;
          continue;
        }
        // One unblamable file (deleted since the grep, a line past EOF, a timeout) must not sink the rest.
        failures++;
        firstFailure ||= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? DEFAULT_CONCURRENCY }, worker));
  if (overBudget) problems.push(`Ages were not computed for ${overBudget} file(s) within the ${budgetMs / 1000} s blame budget (long history).`);
  if (failures) problems.push(`Could not blame ${failures} file(s); their items have no age (${firstFailure}).`);
  return { ages, problems };
}

async function blameFile(git: GitGateway, repoRoot: string, file: string, lines: number[], options: BlameOptions): Promise<Map<number, number>> {
  const args = ['blame', '--porcelain', ...toRanges(lines).flatMap(([a, b]) => ['-L', `${a},${b}`]), '--', file];
  const result = await git.run(args, { cwd: repoRoot, signal: options.signal, timeoutMs: options.timeoutMs, maxOutputBytes: MAX_BLAME_OUTPUT_BYTES });
  // An untracked file (git grep --untracked finds its TODOs) has no history: every line was written just now.
  if (result.exitCode !== 0 && /no such path .* in HEAD/.test(result.stderr)) return new Map(lines.map((line) => [line, 0]));
  if (result.exitCode !== 0) throw new Error(`git blame ${file} exited ${result.exitCode}: ${result.stderr.trim().split('\n')[0] ?? ''}`);
  return parsePorcelain(result.stdout, options.now);
}

/** Merges sorted line numbers into inclusive ranges: [3,4,5,9] → [[3,5],[9,9]]. */
export function toRanges(sorted: readonly number[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const n of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else ranges.push([n, n]);
  }
  return ranges;
}

/**
 * Porcelain: each group starts `<sha> <orig> <final> [<count>]`; a commit's `author-time` appears only the first
 * time that commit shows up, so it is remembered by sha. Each line of the group ends with a TAB-prefixed content line.
 * The AUTHOR time is used: it is when the line was written, which survives rebases and cherry-picks.
 */
export function parsePorcelain(text: string, now: number): Map<number, number> {
  const authorTime = new Map<string, number>();
  const finalLineSha: Array<[number, string]> = [];
  let sha = '';
  for (const line of text.split('\n')) {
    const header = HEADER.exec(line);
    if (header) {
      sha = header[1]!;
      finalLineSha.push([Number(header[2]), sha]);
    } else if (line.startsWith('author-time ')) {
      authorTime.set(sha, Number(line.slice(12)) * 1000);
    }
  }
  const ages = new Map<number, number>();
  for (const [line, lineSha] of finalLineSha) {
    if (/^0+$/.test(lineSha)) ages.set(line, 0);
    else {
      const t = authorTime.get(lineSha);
      if (t !== undefined && Number.isFinite(t)) ages.set(line, ageInDays(t, now));
    }
  }
  return ages;
}
