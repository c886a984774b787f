/** Runs the CLI as a user does (a node process on src/cli.ts through tsx); shared by the CLI tests. */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const root = path.resolve(__dirname, '..', '..', '..');
export const CLI = [process.execPath, '--import', 'tsx', path.join(root, 'src', 'cli.ts')];

/** GITHUB_TOKEN and GITHUB_API_URL are cleared unless `env` sets them: the developer's own must never reach GitHub from a test. */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(CLI[0]!, [...CLI.slice(1), ...args], { cwd: root, env: { ...process.env, GITHUB_TOKEN: '', GITHUB_API_URL: '', ...env }, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
