/**
 * `git remote -v` of one repository, for core/githubRemote to turn into `owner/name`. Throws a readable
 * error when git fails; callers decide whether a repository without readable remotes matters.
 * Runs git: trusted workspaces only (see gitProcess.ts).
 */
import type { GitGateway } from './gitProcess';

export async function readRemotes(git: GitGateway, repoRoot: string): Promise<string> {
  const result = await git.run(['remote', '-v'], { cwd: repoRoot });
  if (result.exitCode !== 0) throw new Error(result.stderr.trim().split('\n')[0] || `git remote exited with ${result.exitCode}`);
  return result.stdout;
}
