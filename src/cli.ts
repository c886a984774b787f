/**
 * `hands-on`: Hands-On in a terminal. Reads activity logs and repositories; never writes anything.
 * One file per command under src/cli/; this entry only dispatches (esbuild bundles it to dist/cli.js).
 */
import { UsageError } from './cli/args';
import { RISK_USAGE, riskCommand } from './cli/risk';
import { STATS_USAGE, statsCommand } from './cli/stats';
import { SUGGEST_USAGE, suggestCommand } from './cli/suggest';

const COMMANDS: Record<string, (argv: readonly string[]) => Promise<number>> = {
  stats: statsCommand,
  suggest: suggestCommand,
  risk: riskCommand,
};

const USAGE = `Usage:\n${STATS_USAGE}\n\n${SUGGEST_USAGE}\n\n${RISK_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const run = command === undefined ? undefined : COMMANDS[command];
  if (!run) {
    process.stderr.write(`${USAGE}\n`);
    return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
  }
  try {
    return await run(rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`hands-on ${command}: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
}

// exitCode, not process.exit(): exit() would cut off stdout still being written to a pipe (a large --json).
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`hands-on: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
