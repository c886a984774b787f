/**
 * SEAM: GitHub candidates for `hands-on suggest` when GITHUB_TOKEN is set.
 * src/adapters/github (fetchGitHubCandidates) is being written separately; until it lands this returns no
 * candidates and says so once on stderr, so the CLI never pretends GitHub had nothing for the user.
 * TODO(lead): call fetchGitHubCandidates(...) here with the token and the repository's remotes.
 */
import type { TaskCandidate } from '../core/tasks';

export interface GitHubContext {
  readonly repoRoot: string;
  readonly env: NodeJS.ProcessEnv;
  readonly warn: (line: string) => void;
}

export async function githubCandidates(context: GitHubContext): Promise<TaskCandidate[]> {
  if (!context.env.GITHUB_TOKEN) return [];
  context.warn('GitHub: not yet wired');
  return [];
}
