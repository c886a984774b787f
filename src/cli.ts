/**
 * `hands-on`: the same figures in a terminal. Reads the activity logs the extension wrote and the
 * repository's history; never writes anything.
 *
 *   hands-on stats [--data DIR] [--repo PATH] [--json]
 */
import { homedir } from 'os';
import * as path from 'path';
import { existsSync } from 'fs';
import { GitHistory } from './adapters/gitHistory';
import { JsonlActivityStore } from './adapters/jsonlActivityStore';
import { SystemCalendar } from './adapters/systemCalendar';
import { addDays } from './core/localDays';
import type { LocalDay } from './core/model';
import { buildSnapshot, formatMinutes } from './core/stats';
import { parseStreakRule } from './core/streakRule';

const EXTENSION_ID = 'hands-on.hands-on';
const USAGE = `Usage:
  hands-on stats [--data DIR] [--repo PATH] [--rule weekdays|daily|perWeek:N] [--goal MIN] [--json]

  --data   the extension's global storage folder (default: the first one found for VS Code,
           VS Code Insiders, VSCodium or code-server)
  --repo   a git repository whose commits by you also count (default: the current folder)`;

interface StatsArgs {
  readonly data: string | undefined;
  readonly repo: string;
  readonly rule: string;
  readonly goal: number;
  readonly json: boolean;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'stats') {
    process.stderr.write(`${USAGE}\n`);
    return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
  }
  const args = parseStatsArgs(rest);
  const dataDir = args.data ?? defaultDataDirs().find((dir) => existsSync(dir));
  const store = dataDir ? new JsonlActivityStore({ dir: dataDir, fileName: 'cli-readonly' }) : undefined;
  const { intervals, problems } = store ? await store.loadAll() : { intervals: [], problems: [] };
  for (const problem of problems) {
    process.stderr.write(`skipped ${problem.file}:${problem.line}: ${problem.reason}\n`);
  }
  const now = Date.now();
  const today = new SystemCalendar().dayOf(now);
  const commitDays = await readCommitDays(args.repo, addDays(today, -400));
  const snapshot = buildSnapshot({
    intervals,
    commitDays,
    today,
    now,
    settings: { rule: parseStreakRule(args.rule).rule, freezesPerMonth: 2, dailyGoalMinutes: args.goal },
  });
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ dataDir: dataDir ?? null, ...snapshot }, null, 2)}\n`);
  } else {
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
  }
  return 0;
}

function parseStatsArgs(argv: string[]): StatsArgs {
  const value = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  return {
    data: value('--data'),
    repo: path.resolve(value('--repo') ?? process.cwd()),
    rule: value('--rule') ?? 'weekdays',
    goal: Number(value('--goal') ?? 20) || 20,
    json: argv.includes('--json'),
  };
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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`hands-on: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
