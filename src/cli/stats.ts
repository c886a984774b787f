/**
 * `hands-on stats`: today, this week and the streak from the activity logs the extension wrote plus the
 * repository's commits. Reads only.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { GitHistory } from '../adapters/gitHistory';
import { JsonlActivityStore } from '../adapters/jsonlActivityStore';
import { SystemCalendar } from '../adapters/systemCalendar';
import { addDays } from '../core/localDays';
import type { LocalDay } from '../core/model';
import { buildSnapshot, formatMinutes } from '../core/stats';
import { parseStreakRule } from '../core/streakRule';
import { parseFlags, positiveInt } from './args';

const EXTENSION_ID = 'hands-on.hands-on';

export const STATS_USAGE = `  hands-on stats [--data DIR] [--repo PATH] [--rule weekdays|daily|perWeek:N] [--goal MIN] [--json]

  --data   the extension's global storage folder (default: the first one found for VS Code,
           VS Code Insiders, VSCodium or code-server)
  --repo   a git repository whose commits by you also count (default: the current folder)`;

export async function statsCommand(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { values: ['data', 'repo', 'rule', 'goal'], switches: ['json'] });
  const repo = path.resolve(flags.values.get('repo') ?? process.cwd());
  const dataDir = flags.values.get('data') ?? defaultDataDirs().find((dir) => existsSync(dir));
  const store = dataDir ? new JsonlActivityStore({ dir: dataDir, fileName: 'cli-readonly' }) : undefined;
  const { intervals, problems } = store ? await store.loadAll() : { intervals: [], problems: [] };
  for (const problem of problems) {
    process.stderr.write(`skipped ${problem.file}:${problem.line}: ${problem.reason}\n`);
  }
  const now = Date.now();
  const today = new SystemCalendar().dayOf(now);
  const commitDays = await readCommitDays(repo, addDays(today, -400));
  const snapshot = buildSnapshot({
    intervals,
    commitDays,
    today,
    now,
    settings: { rule: parseStreakRule(flags.values.get('rule') ?? 'weekdays').rule, freezesPerMonth: 2, dailyGoalMinutes: positiveInt(flags, 'goal', 20)! },
  });
  if (flags.switches.has('json')) {
    process.stdout.write(`${JSON.stringify({ dataDir: dataDir ?? null, ...snapshot }, null, 2)}\n`);
    return 0;
  }
  const unit = snapshot.streak.unit === 'weeks' ? 'weeks' : 'days';
  process.stdout.write(
    [
      `Today:        ${formatMinutes(snapshot.todayMinutes)}`,
      `This week:    ${formatMinutes(snapshot.weekMinutes)}`,
      `Streak:       ${snapshot.streak.current} ${unit} (${snapshot.ruleLabel}; best ${snapshot.streak.best})`,
      `Last hands-on day: ${snapshot.streak.lastHandsOnDay ?? 'none yet'}`,
      `Data:         ${dataDir ?? 'no activity data found (pass --data DIR)'}`,
    ].join('\n') + '\n',
  );
  return 0;
}

async function readCommitDays(folder: string, since: LocalDay): Promise<Set<LocalDay>> {
  const history = new GitHistory();
  const root = await history.repoRoot(folder).catch(() => undefined);
  if (!root) {
    return new Set();
  }
  const email = await history.userEmail(root);
  return new Set(email ? await history.authoredDays(root, [email], since) : []);
}

function defaultDataDirs(): string[] {
  const home = homedir();
  const configRoots =
    process.platform === 'darwin'
      ? [path.join(home, 'Library', 'Application Support')]
      : process.platform === 'win32'
        ? [process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming')]
        : [process.env.XDG_CONFIG_HOME ?? path.join(home, '.config')];
  const products = ['Code', 'Code - Insiders', 'VSCodium'];
  const dirs = configRoots.flatMap((root) => products.map((product) => path.join(root, product, 'User', 'globalStorage', EXTENSION_ID)));
  dirs.push(path.join(home, '.local', 'share', 'code-server', 'User', 'globalStorage', EXTENSION_ID));
  return dirs;
}
