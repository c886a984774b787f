/**
 * A fingerprint of the work tree's uncommitted state, so a refresh can tell "nothing changed since last time"
 * without re-running the greps and blames. Node only.
 *
 * HEAD alone is not enough: TODOs and skipped tests are grepped from the WORKING TREE (uncommitted and untracked
 * files included). `git status` names every path that differs from HEAD (untracked ones too, .gitignore applied,
 * exactly the files `git grep --untracked` reads); each such path's size and mtime then catch a second edit to a
 * file that was already modified. Files that match HEAD cannot change without appearing in status.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { GitCommandError, GitGateway } from '../gitProcess';

export async function worktreeFingerprint(git: GitGateway, repoRoot: string, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<string> {
  const args = ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames'];
  // Status output is one line per changed path; a clean tree prints nothing, and a busy one stays small.
  const result = await git.run(args, { cwd: repoRoot, ...options, maxOutputBytes: 16 << 20 });
  if (result.exitCode !== 0) throw new GitCommandError(args, result.exitCode, result.stderr);
  const hash = createHash('sha256').update(result.stdout);
  // Entries are `XY path`, NUL-separated (no renames, so one path each).
  const paths = result.stdout.split('\0').filter(Boolean).map((entry) => entry.slice(3));
  const stats = await Promise.all(paths.map((p) => stat(path.join(repoRoot, p)).catch(() => undefined)));
  stats.forEach((s, i) => hash.update(`\0${paths[i]}\0${s ? `${s.size}:${s.mtimeMs}` : 'gone'}`));
  return hash.digest('hex');
}
