/**
 * Co-change beyond the history window, for the few files about to be called untested. The window (180 days by
 * default) often holds one or two commits of a quiet file, too few to show that its changes come with test changes;
 * gson's MapTypeAdapterFactory changed with tests in 16 commits, all older. One `git log --full-diff` limited to those
 * files' paths reads their commits (with every file each commit touched), bounded in commits and years, and the same
 * rule as in the window decides (core/coChange.ts). Node only.
 */
import { coChangedTests, type CoChange } from '../../core/coChange';
import { unquoteGitPath } from '../gitQuotedPath';
import { GitCommandError, GitGateway } from '../gitProcess';

/** Commits read at most, over all the files asked about. */
export const DEEP_CO_CHANGE_COMMITS = 2_000;
/** How far back, before the end of the history window. */
export const DEEP_CO_CHANGE_YEARS = 5;
/** Paths per `git log` (a command line stays short on every platform). */
const PATHS_PER_CALL = 150;

/**
 * For each of `files` that co-changed with related tests often enough in the commits before `until` (epoch ms) over
 * the last DEEP_CO_CHANGE_YEARS: how many commits, and the test changed with it most. Rejects with the gateway's
 * typed errors (the caller keeps its candidates then).
 */
export async function coChangesBeyondWindow(
  git: GitGateway,
  repoRoot: string,
  files: readonly string[],
  options: { readonly until: number; readonly isTest: (file: string) => boolean; readonly signal?: AbortSignal; readonly timeoutMs?: number },
): Promise<Map<string, CoChange>> {
  const found = new Map<string, CoChange>();
  for (let at = 0; at < files.length; at += PATHS_PER_CALL) {
    const part = files.slice(at, at + PATHS_PER_CALL);
    const table: string[] = [];
    const indexOf = new Map<string, number>();
    const commits: Array<{ f: number[] }> = [];
    const since = new Date(options.until - DEEP_CO_CHANGE_YEARS * 365 * 86_400_000).toISOString();
    const args = [
      '-c', 'core.quotePath=false', 'log', '--no-merges', '--full-diff', `--max-count=${DEEP_CO_CHANGE_COMMITS}`,
      `--since=${since}`, `--until=${new Date(options.until).toISOString()}`, '--format=%x00', '--name-only', 'HEAD', '--', ...part,
    ];
    const result = await git.streamLines(args, { cwd: repoRoot, signal: options.signal, timeoutMs: options.timeoutMs }, (line) => {
      if (line.startsWith('\0')) commits.push({ f: [] });
      else if (line && commits.length) {
        const file = unquoteGitPath(line);
        let i = indexOf.get(file);
        if (i === undefined) indexOf.set(file, (i = table.push(file) - 1));
        commits[commits.length - 1]!.f.push(i);
      }
    });
    if (result.exitCode !== 0) throw new GitCommandError(args.slice(2), result.exitCode, result.stderr);
    for (const [file, change] of coChangedTests(commits, table, part, options.isTest)) found.set(file, change);
  }
  return found;
}
