/**
 * `hands-on risk --as-of DATE`: which files looked riskiest at DATE, from history up to DATE only. Lets us check
 * the test-gap ranking against what really broke afterwards (scripts/eval-risk.mjs).
 */
import * as path from 'node:path';
import { DEFAULT_HISTORY_DAYS, FIX_SUBJECT } from '../adapters/localTasks/history';
import { riskAsOf } from '../adapters/localTasks/riskAsOf';
import { excludeGlobs, parseDate, parseFlags, positiveInt, UsageError } from './args';
import { formatTable } from './table';

export const RISK_USAGE = `  hands-on risk --repo PATH --as-of DATE [--history-days N] [--top N] [--exclude GLOB] [--json]

  --as-of         only commits up to this instant count (YYYY-MM-DD = UTC midnight, or ISO 8601)
  --history-days  the window before DATE (default ${DEFAULT_HISTORY_DAYS}, as the extension)
  --top           rows to print (default 50)
  --exclude       repository-relative glob of paths to leave out, repeatable or comma-separated (vendored and
                  generated files are always left out)
  --json          {repo, asOf, asOfCommit, since, historyDays, fixSubject, commits, truncated, files[]}`;

export async function riskCommand(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { values: ['repo', 'as-of', 'history-days', 'top'], switches: ['json'], lists: ['exclude'] });
  const asOf = parseDate(flags, 'as-of');
  if (asOf === undefined) throw new UsageError('--as-of DATE is required');
  const historyDays = positiveInt(flags, 'history-days', DEFAULT_HISTORY_DAYS)!;
  const top = positiveInt(flags, 'top', 50)!;
  const result = await riskAsOf(path.resolve(flags.values.get('repo') ?? process.cwd()), { asOf, historyDays, exclude: excludeGlobs(flags) });
  for (const problem of result.problems ?? []) process.stderr.write(`${problem}\n`);
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
      // The rule that made a commit a fix, so an evaluation can apply the very same one to later commits.
      fixSubject: FIX_SUBJECT.source,
      commits: result.commits,
      truncated: result.truncated,
      files,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const rows = files.map((f, i) => [String(i + 1), f.risk.toFixed(3), String(f.fixCommits), String(f.churn), f.hasTestFile ? 'yes' : 'no', f.file]);
  process.stdout.write(`${formatTable(['#', 'RISK', 'FIXES', 'CHURN', 'TEST FILE', 'FILE'], rows)}\n`);
  process.stdout.write(`${result.commits} commits from ${new Date(result.since).toISOString().slice(0, 10)} to ${new Date(asOf).toISOString().slice(0, 10)}; ${result.files.length} source files changed.\n`);
  return 0;
}
