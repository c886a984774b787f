/**
 * `hands-on suggest`: the ranked list the extension's Suggested Tasks view shows, for one repository.
 * Same sources (collectLocalCandidates, plus GitHub when GITHUB_TOKEN is set) and the same ranking (rankTasks).
 * The CLI has no snooze/dismiss state and no calibration: those live in the editor's storage.
 */
import * as path from 'node:path';
import { collectLocalCandidates } from '../adapters/localTasks';
import { DEFAULT_HISTORY_DAYS } from '../adapters/localTasks/history';
import { SystemCalendar } from '../adapters/systemCalendar';
import { NO_CALIBRATION } from '../core/calibration';
import { rankTasks } from '../core/rank';
import type { Task } from '../core/tasks';
import { parseFlags, positiveInt } from './args';
import { githubCandidates } from './github';
import { formatTable } from './table';

export const SUGGEST_USAGE = `  hands-on suggest [--repo PATH] [--budget MIN] [--history-days N] [--limit N] [--json]

  --repo     a folder inside the git repository (default: the current folder)
  --budget   minutes you have; tasks that fit rank first (default: no budget)
  --limit    rows in the table (default 30; --json always prints every task)
  --json     the ranked Task objects as a JSON array
  Uses GitHub too when GITHUB_TOKEN is set. Problems go to stderr, one line each.`;

export interface SuggestResult {
  readonly tasks: Task[];
  readonly problems: string[];
  readonly repoRoot: string | undefined;
}

export async function suggest(options: { repo: string; budgetMinutes?: number; historyDays?: number; now?: number; env?: NodeJS.ProcessEnv }): Promise<SuggestResult> {
  const now = options.now ?? Date.now();
  const local = await collectLocalCandidates(options.repo, { historyDays: options.historyDays ?? DEFAULT_HISTORY_DAYS, now });
  const problems = [...local.problems];
  const remote = local.repoRoot
    ? await githubCandidates({ repoRoot: local.repoRoot, env: options.env ?? process.env, warn: (line) => problems.push(line) })
    : [];
  const tasks = rankTasks([...local.candidates, ...remote], {
    budgetMinutes: options.budgetMinutes,
    now,
    calibration: NO_CALIBRATION,
    snoozed: new Map(),
    dismissed: new Set(),
    calendar: new SystemCalendar(),
  });
  return { tasks, problems, repoRoot: local.repoRoot };
}

export async function suggestCommand(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { values: ['repo', 'budget', 'history-days', 'limit'], switches: ['json'] });
  const result = await suggest({
    repo: path.resolve(flags.values.get('repo') ?? process.cwd()),
    budgetMinutes: positiveInt(flags, 'budget', undefined),
    historyDays: positiveInt(flags, 'history-days', undefined),
  });
  for (const problem of result.problems) process.stderr.write(`${problem.replace(/\s*\n\s*/g, ' ')}\n`);
  if (flags.switches.has('json')) {
    process.stdout.write(`${JSON.stringify(result.tasks, null, 2)}\n`);
  } else {
    const shown = result.tasks.slice(0, positiveInt(flags, 'limit', 30));
    process.stdout.write(`${renderTasks(shown, result.repoRoot)}\n`);
    if (shown.length < result.tasks.length) process.stdout.write(`… ${result.tasks.length - shown.length} more (--limit N or --json)\n`);
  }
  // No repository at all is a failure; partial results (problems alongside tasks) are not.
  return result.repoRoot ? 0 : 1;
}

export function renderTasks(tasks: readonly Task[], repoRoot: string | undefined): string {
  if (tasks.length === 0) return 'No suggested tasks.';
  const where = (task: Task) => {
    if (task.url) return task.url;
    if (!task.location) return '';
    const file = repoRoot ? path.relative(repoRoot, task.location.file).split(path.sep).join('/') : task.location.file;
    return `${file}:${task.location.line}`;
  };
  const rows = tasks.map((task) => [
    task.kind,
    `~${task.estimateMinutes} min${task.tooBigForOneSitting ? '+' : ''}`,
    task.title,
    where(task),
    task.reasons[0] ?? '',
  ]);
  return formatTable(['KIND', 'EST', 'TITLE', 'WHERE', 'WHY'], rows, [12, 10, 60, 50, 80]);
}
