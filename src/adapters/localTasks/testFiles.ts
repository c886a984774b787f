/**
 * Feeds the pure test evidence (src/core/testFileMatch.ts, testReferences.ts) from git and the work tree: the tracked
 * file list, streamed; the Rust files with inline tests (invisible by name); and the test files' text, read once,
 * bounded, for what they import and use. Node only.
 */
import * as path from 'node:path';
import { unquoteGitPath } from '../gitQuotedPath';
import { isTestFile, languageOf, TestFileIndex } from '../../core/testFileMatch';
import { readsReferences, TestReferenceIndex } from '../../core/testReferences';
import { GitCommandError, GitGateway } from '../gitProcess';
import { grepTracked } from './grep';
import { readTextsInTurns } from './readTexts';

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

/**
 * Rust's inline tests, as POSIX EREs for git grep: a `#[cfg(test)]` (or `#[cfg(all(test, …))]`) module, or `#[test]`
 * functions (`#[tokio::test]`, `#[test_case(…)]` too) in the file itself.
 */
export const RUST_INLINE_TEST_PATTERNS: readonly string[] = ['#\\[cfg\\((all\\()?test', '#\\[([a-z_]+::)?test(_case)?[](]'];

export async function buildTestFileIndex(git: GitGateway, repoRoot: string, tracked: readonly string[], options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<TestFileIndex> {
  return new TestFileIndex(tracked, await findRustInlineTests(git, repoRoot, tracked, options));
}

/** The tracked Rust files with inline tests (none without Rust files, and then no grep). */
export async function findRustInlineTests(git: GitGateway, repoRoot: string, tracked: readonly string[], options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<Set<string>> {
  if (!tracked.some((f) => f.endsWith('.rs'))) return new Set();
  const found = await grepTracked(git, repoRoot, RUST_INLINE_TEST_PATTERNS, [':(glob)**/*.rs'], 100_000, () => true, options);
  return new Set(found.hits.map((h) => h.path));
}

/** A test file longer than this is scanned only this far (imports come first; the rest is more of the same names). */
export const MAX_TEST_FILE_CHARS = 512 * 1024;
/** How many levels of imports are followed from the tests: a test of a package reaches its modules' modules. */
export const IMPORT_DEPTH = 4;
/** Test text read per scan at most: beyond it, a missing import or reference is no longer claimed. */
export const MAX_TEST_TEXT_CHARS = 48 * 1024 * 1024;

export interface TestReferences {
  readonly index: TestReferenceIndex;
  /** Every test file was read (none failed the cap): "no test imports it" is then a fact, not a guess. */
  readonly complete: boolean;
}

/**
 * Reads the tracked test files (isTestFile, or `testFiles` when the caller has them) in the languages whose references
 * are read, in turns, into a TestReferenceIndex. Unreadable files (deleted, sparse checkout) are skipped, and make the result incomplete.
 */
export async function readTestReferences(
  repoRoot: string,
  tracked: readonly string[],
  options: { signal?: AbortSignal; maxChars?: number; testFiles?: readonly string[] } = {},
): Promise<TestReferences> {
  const index = new TestReferenceIndex(tracked);
  const files = (options.testFiles ?? tracked.filter(isTestFile)).filter((file) => {
    const language = languageOf(file);
    return language !== undefined && readsReferences(language);
  });
  let budget = options.maxChars ?? MAX_TEST_TEXT_CHARS;
  let complete = true;
  await readTextsInTurns(files, (file) => `${repoRoot}${path.sep}${file}`, MAX_TEST_FILE_CHARS, (file, text) => {
    if (budget <= 0) {
      complete = false;
      return false;
    }
    if (text === undefined) complete = false;
    else {
      budget -= text.length;
      index.add(file, text);
    }
    return true;
  }, options.signal);
  // What the tests import, for what that imports in turn, a few levels deep within the same text budget.
  for (let depth = 0; depth < IMPORT_DEPTH; depth++) {
    const next = index.importedToFollow();
    if (next.length === 0) break;
    await readTextsInTurns(next, (file) => `${repoRoot}${path.sep}${file}`, MAX_TEST_FILE_CHARS, (file, text) => {
      // Imports left unread may hide what a test reaches: "no test imports it" is no longer a fact.
      if (budget <= 0) {
        complete = false;
        return false;
      }
      if (text !== undefined) {
        budget -= text.length;
        index.addEntryPoint(file, text);
      }
      return true;
    }, options.signal);
  }
  if (options.signal?.aborted) complete = false;
  return { index, complete };
}
