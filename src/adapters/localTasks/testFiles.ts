/**
 * Feeds the pure test-file matcher (src/core/testFileMatch.ts) from git: the tracked file list, streamed, and the
 * Rust files with an inline `#[cfg(test)]` module (invisible by name). Node only.
 */
import { unquoteGitPath } from '../gitQuotedPath';
import { TestFileIndex } from '../../core/testFileMatch';
import { GitCommandError, GitGateway } from '../gitProcess';
import { grepTracked } from './grep';

/** Above this many tracked files the list is cut (and the caller told): name matching needs the set in memory. */
export const MAX_TRACKED_FILES = 500_000;

export interface TrackedFiles {
  readonly files: string[];
  readonly truncated: boolean;
}

/**
 * Streams `git ls-files` line by line (`-z` would arrive as one huge "line"): quotePath=false keeps UTF-8 names raw,
 * and names with control characters or quotes, which git still C-quotes, are unquoted.
 */
export async function listTrackedFiles(git: GitGateway, repoRoot: string, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<TrackedFiles> {
  const files: string[] = [];
  let truncated = false;
  const args = ['-c', 'core.quotePath=false', 'ls-files', '--cached', '--full-name'];
  const result = await git.streamLines(args, { cwd: repoRoot, ...options }, (line) => {
    if (!line) return;
    if (files.length >= MAX_TRACKED_FILES) truncated = true;
    else files.push(unquoteGitPath(line));
  });
  if (result.exitCode !== 0) throw new GitCommandError(args.slice(2), result.exitCode, result.stderr);
  return { files, truncated };
}

export async function buildTestFileIndex(git: GitGateway, repoRoot: string, tracked: readonly string[], options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<TestFileIndex> {
  let inline = new Set<string>();
  if (tracked.some((f) => f.endsWith('.rs'))) {
    const found = await grepTracked(git, repoRoot, ['#\\[cfg\\(test\\)\\]'], [':(glob)**/*.rs'], 100_000, () => true, options);
    inline = new Set(found.hits.map((h) => h.path));
  }
  return new TestFileIndex(tracked, inline);
}
