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
import { explainEmptyList, type EmptyListExplanation } from '../core/emptyList';
import { rankTasks } from '../core/rank';
import type { Task } from '../core/tasks';
import { excludeGlobs, parseDate, parseFlags, positiveInt, UsageError } from './args';
import { githubCandidates, githubToken } from './github';
import type { GitHubContext } from './github';
import { formatTable } from './table';

export const SUGGEST_USAGE = `  hands-on suggest [--repo PATH] [--budget MIN] [--history-days N] [--now DATE] [--limit N] [--json]
                   [--exclude GLOB] [--github-url URL] [--bug-labels a,b] [--include-team-reviews]

  --repo     a folder inside the git repository (default: the current folder)
  --budget   minutes you have; tasks that fit rank first (default: no budget)
  --now      the clock: ages, waits and the history window as of DATE (YYYY-MM-DD = UTC midnight, or ISO 8601);
             for reading a repository as it was at an old commit (default: the real time)
  --limit    rows in the table (default 30; --json always prints every task)
  --json     the ranked Task objects as a JSON array
  --exclude  repository-relative glob of paths to leave out, as the handsOn.exclude setting; repeatable or
             comma-separated (vendored and generated files are always left out)
  Uses GitHub too when GITHUB_TOKEN is set: review requests, PRs waiting on anyone, and small bugs of the
  repository's GitHub remotes. Nothing is cached between runs.
  --github-url            GitHub Enterprise server (default: GITHUB_API_URL, else https://api.github.com)
  --bug-labels            issue labels that mark small bugs (default: bug,good first issue,help wanted)
  --include-team-reviews  also reviews requested from your teams
  Problems go to stderr, one line each; GitHub failures still print the local tasks (exit 0).`;

export interface SuggestResult {
  readonly tasks: Task[];
  readonly problems: string[];
  readonly repoRoot: string | undefined;
  /** Set when no task is offered: why, and what would change it. */
  readonly empty?: EmptyListExplanation;
}

export interface SuggestOptions {
  readonly repo: string;
  readonly budgetMinutes?: number;
  readonly historyDays?: number;
  readonly now?: number;
  readonly exclude?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly github?: Pick<GitHubContext, 'githubUrl' | 'bugLabels' | 'includeTeamReviews'>;
}

export async function suggest(options: SuggestOptions): Promise<SuggestResult> {
  const now = options.now ?? Date.now();
  const local = await collectLocalCandidates(options.repo, { historyDays: options.historyDays ?? DEFAULT_HISTORY_DAYS, now, exclude: options.exclude });
  const problems = [...local.problems];
  const remote = local.repoRoot
    ? await githubCandidates({ ...options.github, repoRoot: local.repoRoot, env: options.env ?? process.env, now, warn: (line) => problems.push(line) })
    : { candidates: [] };
  const candidates = [...local.candidates, ...remote.candidates];
  const historyDays = options.historyDays ?? DEFAULT_HISTORY_DAYS;
  const tasks = rankTasks(candidates, {
    budgetMinutes: options.budgetMinutes,
    ...(remote.login !== undefined && { currentUser: remote.login }),
    now,
    calibration: NO_CALIBRATION,
    snoozed: new Map(),
    dismissed: new Set(),
    calendar: new SystemCalendar(),
  });
  const empty = local.repoRoot ? explainEmptyList(tasks, candidates.length, local.window ? [local.window] : [], historyDays) : undefined;
  return { tasks, problems, repoRoot: local.repoRoot, ...(empty ? { empty } : {}) };
}

export async function suggestCommand(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { values: ['repo', 'budget', 'history-days', 'now', 'limit', 'github-url', 'bug-labels'], switches: ['json', 'include-team-reviews'], lists: ['exclude'] });
  const bugLabels = flags.values.get('bug-labels')?.split(',').map((l) => l.trim()).filter((l) => l !== '');
  if (bugLabels?.length === 0) throw new UsageError('--bug-labels needs at least one label, e.g. --bug-labels bug,regression');
  const result = await suggest({
    github: {
      ...(flags.values.has('github-url') && { githubUrl: flags.values.get('github-url') }),
      ...(bugLabels && { bugLabels }),
      includeTeamReviews: flags.switches.has('include-team-reviews'),
    },
    repo: path.resolve(flags.values.get('repo') ?? process.cwd()),
    budgetMinutes: positiveInt(flags, 'budget', undefined),
    historyDays: positiveInt(flags, 'history-days', undefined),
    now: parseDate(flags, 'now'),
    exclude: excludeGlobs(flags),
  });
  for (const problem of result.problems) process.stderr.write(`${problem.replace(/\s*\n\s*/g, ' ')}\n`);
  if (flags.switches.has('json')) {
    process.stdout.write(`${JSON.stringify(result.tasks, null, 2)}\n`);
  } else {
    const offered = result.tasks.filter((task) => task.parked === undefined);
    const shown = offered.slice(0, positiveInt(flags, 'limit', 30));
    process.stdout.write(`${result.empty ? renderEmpty(result.empty, githubToken(process.env) !== undefined) : renderTasks(shown, result.repoRoot)}\n`);
    if (shown.length < offered.length) process.stdout.write(`… ${offered.length - shown.length} more (--limit N or --json)\n`);
    const parked = result.tasks.length - offered.length;
    if (parked > 0) process.stdout.write(`${parked} more not offered now: waiting on other work, disabled on purpose or open-ended notes (--json lists them, with "parked").\n`);
  }
  // No repository at all is a failure; partial results (problems alongside tasks) are not.
  return result.repoRoot ? 0 : 1;
}

/** Why nothing is suggested, and what would change it: an empty list never leaves the user guessing. */
export function renderEmpty(empty: EmptyListExplanation, githubChecked: boolean): string {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const lines = ['No suggested tasks.'];
  for (const window of empty.windows) {
    lines.push(`Read ${window.commits} commit${window.commits === 1 ? '' : 's'} from ${day(window.start)} to ${day(window.end)}: every source file they changed has tests or is too small to need one, and no TODO, FIXME, BUG or HACK comment or skipped test is left to act on.`);
  }
  if (empty.windows.length === 0) lines.push('No git history could be read (see the messages above).');
  if (empty.parked > 0) lines.push(`${empty.parked} item${empty.parked === 1 ? ' waits' : 's wait'} on other work, ${empty.parked === 1 ? 'is' : 'are'} disabled on purpose or ${empty.parked === 1 ? 'is an open-ended note' : 'are open-ended notes'} (--json lists ${empty.parked === 1 ? 'it' : 'them'}).`);
  if (empty.longerWindowDays !== undefined) lines.push(`A longer history window finds more: --history-days ${empty.longerWindowDays} (in the editor, the setting handsOn.historyDays).`);
  if (!githubChecked) lines.push('Review requests and small bugs from GitHub come in with GITHUB_TOKEN set.');
  return lines.join('\n');
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
