/**
 * `hands-on risk --as-of DATE`: which files looked riskiest at DATE, from history up to DATE only. Lets us check
 * the test-gap ranking against what really broke afterwards (scripts/eval-risk.mjs): `--fixed-until` adds the files
 * that behaviour fixes touched after DATE, by the product's own fix rule, so the evaluation has no copy of it.
 */
import * as path from 'node:path';
import { DEFAULT_HISTORY_DAYS } from '../adapters/localTasks/history';
import { filesFixedBetween, riskAsOf } from '../adapters/localTasks/riskAsOf';
import { excludeGlobs, parseDate, parseFlags, positiveInt, UsageError } from './args';
import { formatTable } from './table';

export const RISK_USAGE = `  hands-on risk --repo PATH --as-of DATE [--history-days N] [--all-files] [--fixed-until DATE] [--top N]
                [--exclude GLOB] [--json]

  --as-of         only commits up to this instant count (YYYY-MM-DD = UTC midnight, or ISO 8601)
  --history-days  the window before DATE (default ${DEFAULT_HISTORY_DAYS}, as the extension)
  --all-files     rank every source file at DATE, not only those changed in the window
  --fixed-until   also list the files behaviour fixes touched after DATE, up to this instant (for evaluations)
  --top           rows to print (default 50)
  --exclude       repository-relative glob of paths to leave out, repeatable or comma-separated (vendored and
                  generated files are always left out)
  --json          {repo, asOf, asOfCommit, since, historyDays, commits, truncated, files[], fixedAfter?}`;

export async function riskCommand(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { values: ['repo', 'as-of', 'history-days', 'top', 'fixed-until'], switches: ['json', 'all-files'], lists: ['exclude'] });
  const asOf = parseDate(flags, 'as-of');
  if (asOf === undefined) throw new UsageError('--as-of DATE is required');
  const fixedUntil = parseDate(flags, 'fixed-until');
  if (fixedUntil !== undefined && fixedUntil <= asOf) throw new UsageError('--fixed-until must be later than --as-of');
  const historyDays = positiveInt(flags, 'history-days', DEFAULT_HISTORY_DAYS)!;
  const top = positiveInt(flags, 'top', 50)!;
  const folder = path.resolve(flags.values.get('repo') ?? process.cwd());
  const result = await riskAsOf(folder, { asOf, historyDays, allFiles: flags.switches.has('all-files'), exclude: excludeGlobs(flags) });
  for (const problem of result.problems ?? []) process.stderr.write(`${problem}\n`);
  const fixedAfter = fixedUntil === undefined ? undefined : await filesFixedBetween(folder, asOf, fixedUntil);
  if (!result.asOfCommit) process.stderr.write(`No commits on HEAD's history at or before ${new Date(asOf).toISOString()}.\n`);
  if (result.truncated) process.stderr.write(`History stops at the newest ${result.commits} commits in the window; older ones are not counted.\n`);
  const files = result.files.slice(0, top);
  if (flags.switches.has('json')) {
    const out = {
      repo: result.repoRoot,
      asOf: new Date(asOf).toISOString(),
      asOfCommit: result.asOfCommit ?? null,
      since: new Date(result.since).toISOString(),
      historyDays,
      commits: result.commits,
      truncated: result.truncated,
      files,
      ...(fixedAfter && fixedUntil !== undefined ? { fixedUntil: new Date(fixedUntil).toISOString(), fixedAfter: [...fixedAfter].sort() } : {}),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const rows = files.map((f, i) => [String(i + 1), f.risk.toFixed(3), String(f.fixCommits), String(f.churn), String(f.bytes), f.hasTestFile ? 'yes' : 'no', f.file]);
  process.stdout.write(`${formatTable(['#', 'RISK', 'FIXES', 'CHURN', 'BYTES', 'TEST FILE', 'FILE'], rows)}\n`);
  process.stdout.write(`${result.commits} commits from ${new Date(result.since).toISOString().slice(0, 10)} to ${new Date(asOf).toISOString().slice(0, 10)}; ${result.files.length} source files ranked.\n`);
  if (fixedAfter && fixedUntil !== undefined) {
    const ranked = new Set(files.map((f) => f.file));
    const hits = [...fixedAfter].filter((f) => ranked.has(f)).length;
    process.stdout.write(`${fixedAfter.size} files touched by fixes up to ${new Date(fixedUntil).toISOString().slice(0, 10)}; ${hits} of them among the ${files.length} rows shown.\n`);
  }
  return 0;
}
