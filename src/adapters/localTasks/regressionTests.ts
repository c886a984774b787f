/**
 * Regression tests for fixes that came without one (core/regressionFixes.ts decides). The window's fix commits come
 * from the history cache with their files; what is new is read only for the few candidates (at most
 * MAX_REGRESSION_FIXES), and only when one of them changed a file worth a test: their files' text in the work tree,
 * ONE `git log -p -U1` for their diffs, and beside it ONE `git rev-list --parents` for the branch check (which merge
 * brought each commit). Node only.
 */
import * as path from 'node:path';
import type { CodeSize, FixCommitRef, RegressionFix, TaskCandidate, TestEvidence } from '../../core/tasks';
import { sourceShape, whyNotWorthTesting, type FunctionShape, type SourceShape } from '../../core/sourceShape';
import { languageOf } from '../../core/testFileMatch';
import { codeLines } from '../../core/codeText';
import { changedLineCount, hasTestCode, isTestArtifact, locateFix, mergedBy, regressionCandidates, type DiffHunk, type FixRecord, type FixWithoutTest } from '../../core/regressionFixes';
import { unquoteGitPath } from '../gitQuotedPath';
import { GitCommandError, type GitGateway } from '../gitProcess';
import { streamLinesViaFile } from './followFile';
import { readTextsInTurns } from './readTexts';
import type { FilterSession } from './repoFilter';
import { ageInDays, sanitizeTitle } from './text';
import { MAX_SOURCE_CHARS } from './untestedSources';

/** A file's diff with more changed lines than this is a rewrite, not a fix to write one test for. */
const MAX_DIFF_LINES = 2_000;
/** The fix's subject in a title, so the function after it stays visible. */
const TITLE_SUBJECT_CHARS = 60;
/** How long before a fix its branch may have started: the branch check reads the commits from then on. */
const BRANCH_LEAD_MS = 30 * 86_400_000;
/** Command-line budget for the shas and paths of the one diff read. */
const MAX_ARGS_CHARS = 24_000;

/** A source file as it is now, worth a test. */
interface HeadFile {
  readonly text: string;
  readonly shape: SourceShape;
}

/** One fix that came without a test, located at HEAD: the makings of a regression-test task. */
export interface RegressionFinding {
  /** Repository-relative path at HEAD. */
  readonly file: string;
  readonly fix: Omit<RegressionFix, 'earlier'>;
  readonly earlier: FixCommitRef[];
  /** The function the fix changed, as it is at HEAD. */
  readonly fn?: FunctionShape;
  /** 1-based lines at HEAD of the code the fix changed. */
  readonly line: number;
  readonly endLine?: number;
  readonly fileSize: CodeSize;
}

export interface RegressionInputs {
  /** The history window's records, newest first, and the path table they point into. */
  readonly commits: readonly FixRecord[];
  readonly files: readonly string[];
  /** Whether a path is tracked at HEAD. */
  readonly isPresent: (file: string) => boolean;
  readonly filter: FilterSession;
  /** For the fixes' ages. */
  readonly now: number;
  /** HEAD's sha, and the start of the history window (epoch ms): what the branch check reads. */
  readonly head: string;
  readonly since: number;
}

/** The fixes of the window that came without a test, located at HEAD, newest first; at most one per function. */
export async function findRegressionFixes(
  git: GitGateway,
  repoRoot: string,
  inputs: RegressionInputs,
  common: { readonly signal?: AbortSignal; readonly timeoutMs?: number } = {},
): Promise<RegressionFinding[]> {
  const { filter } = inputs;
  const fixes = withinArgsBudget(regressionCandidates(inputs.commits, inputs.files, {
    isSource: (file) => filter.pathExclusion(file) === undefined,
    isPresent: inputs.isPresent,
  }));
  if (fixes.length === 0) return [];
  // Vendored and generated files (attributes, markers) are dropped, and each file is read and sized once however many
  // fixes changed it: only fixes with a source worth a test are worth a git call.
  const files = [...new Set(fixes.flatMap((fix) => fix.sources.map((s) => s.atHead)))];
  const keeping = filter.keep(files);
  const texts = new Map<string, HeadFile>();
  await readTextsInTurns(files, (file) => `${repoRoot}${path.sep}${file}`, MAX_SOURCE_CHARS, (file, text) => {
    const shape = text === undefined ? undefined : sourceShape(text, languageOf(file)!);
    if (shape && !whyNotWorthTesting(shape)) texts.set(file, { text: text!, shape });
  }, common.signal);
  const kept = new Set(await keeping);
  // A source not worth a test stays among the fix's sources (its main change may be there), but a fix needs one that is.
  const worth = fixes
    .map((fix) => ({ ...fix, sources: fix.sources.filter((s) => kept.has(s.atHead)) }))
    .filter((fix) => fix.sources.some((s) => texts.has(s.atHead)));
  if (worth.length === 0) return [];
  // The diffs, and (at the same time) the branch check: a fix merged in from a branch may have its test in another
  // commit of that branch (its pull request). Only the commits since a little before the oldest fix are read for it.
  const from = Math.max(inputs.since, Math.min(...worth.map((fix) => fix.time * 1000)) - BRANCH_LEAD_MS);
  const branches = readParents(git, repoRoot, from, common).then((parents) => mergedBy(parents, inputs.head));
  branches.catch(() => undefined); // awaited below
  const hunks = await readFixDiffs(git, repoRoot, worth, common);
  const withBranchTests = branchesWithTests(await branches, inputs.commits, inputs.files);
  const wanted = worth.filter((fix) => !withBranchTests.has(fix.hash));
  const findings: RegressionFinding[] = [];
  for (const fix of wanted) {
    const finding = locate(fix, hunks.get(fix.hash), texts, inputs.now);
    if (!finding) continue;
    // Two fixes of the same function (or the same lines outside any) are one test to write: the newest names the
    // task, the older ones are listed.
    const same = findings.find((f) => f.file === finding.file && (f.fn && finding.fn ? f.fn.line === finding.fn.line : f.line === finding.line));
    if (same) same.earlier.push({ hash: fix.hash, subject: finding.fix.subject });
    else findings.push(finding);
  }
  return findings;
}

/** The window's commits with their parents (merges too): `git rev-list --parents`, no diffs. */
async function readParents(
  git: GitGateway,
  repoRoot: string,
  since: number,
  common: { readonly signal?: AbortSignal; readonly timeoutMs?: number },
): Promise<Map<string, string[]>> {
  const args = ['rev-list', '--parents', `--since=${new Date(since).toISOString()}`, 'HEAD'];
  const parents = new Map<string, string[]>();
  const result = await git.streamLines(args, { cwd: repoRoot, ...common }, (line) => {
    const [commit, ...rest] = line.trim().split(' ');
    if (commit) parents.set(commit, rest);
  });
  if (result.exitCode !== 0) throw new GitCommandError(args, result.exitCode, result.stderr);
  return parents;
}

/** The commits merged in from a branch one of whose commits (in the window) changed something test-like. */
function branchesWithTests(by: ReadonlyMap<string, string>, commits: readonly FixRecord[], files: readonly string[]): Set<string> {
  const tested = new Set<string>();
  for (const c of commits) {
    const merge = by.get(c.h);
    if (merge !== undefined && c.f.some((i) => isTestArtifact(files[i]!))) tested.add(merge);
  }
  const out = new Set<string>();
  for (const [commit, merge] of by) if (tested.has(merge)) out.add(commit);
  return out;
}

/**
 * Whether every changed line at HEAD lies inside a string (a shell script in a Go template, a long message): a unit
 * test of the code around it cannot pin such a fix.
 */
function insideStrings(text: string, file: string, line: number, endLine: number): boolean {
  const language = languageOf(file);
  if (!language) return false;
  const raw = text.split(/\r?\n/);
  const code = codeLines(text, language);
  let changed = 0;
  for (let i = line - 1; i < Math.min(endLine, raw.length); i++) {
    if (!raw[i]!.trim()) continue;
    changed++;
    // Something left once strings and comments are gone, besides punctuation: real code.
    if (/[A-Za-z0-9_]/.test((code[i] ?? '').replace(/\b(?:return|const|let|var)\b/g, ''))) return false;
  }
  return changed > 0;
}

/** The fix's most changed source that is worth a test and whose changed code is still there; undefined when none. */
function locate(fix: FixWithoutTest, hunks: Map<string, DiffHunk[]> | undefined, texts: ReadonlyMap<string, HeadFile>, now: number): RegressionFinding | undefined {
  if (!hunks) return undefined;
  // Test code inside any source it changed (a Rust `#[test]`, a C `…Test()` function): the fix came with a test.
  for (const fileHunks of hunks.values()) if (hasTestCode(fileHunks)) return undefined;
  // The file it changed most must be among those left (not changed with a test since, still there, not vendored):
  // a later test of the main change may well cover the fix.
  let main: string | undefined;
  let most = -1;
  for (const [file, fileHunks] of hunks) {
    const lines = changedLineCount(fileHunks);
    if (lines > most) [main, most] = [file, lines];
  }
  if (!fix.sources.some((s) => s.atFix === main)) return undefined;
  let best: { file: string; atFix: string; loc: Extract<ReturnType<typeof locateFix>, { kind: 'located' }> } | undefined;
  for (const source of fix.sources) {
    const fileHunks = hunks.get(source.atFix);
    const head = texts.get(source.atHead);
    if (!fileHunks || fileHunks.length === 0 || head === undefined) continue;
    const loc = locateFix(source.atHead, fileHunks, head.text, head.shape);
    if (loc.kind !== 'located' || insideStrings(head.text, source.atHead, loc.line, loc.endLine ?? loc.line)) continue;
    if (!best || loc.changedLines > best.loc.changedLines) best = { file: source.atHead, atFix: source.atFix, loc };
  }
  if (!best) return undefined;
  const { loc } = best;
  const otherFiles = fix.sources.map((s) => s.atHead).filter((file) => file !== best!.file);
  return {
    file: best.file,
    fix: {
      hash: fix.hash, subject: sanitizeTitle(fix.subject), ageDays: ageInDays(fix.time * 1000, now), file: best.atFix, changedLines: loc.changedLines,
      ...(otherFiles.length ? { otherFiles } : {}),
    },
    earlier: [],
    ...(loc.fn ? { fn: loc.fn } : {}),
    line: loc.line,
    ...(loc.endLine ? { endLine: loc.endLine } : {}),
    fileSize: { logicLines: loc.shape.logicLines, functions: loc.shape.functions.length, branches: loc.shape.branches },
  };
}

/** The newest fixes whose shas and paths fit one command line. */
function withinArgsBudget(fixes: readonly FixWithoutTest[]): FixWithoutTest[] {
  const kept: FixWithoutTest[] = [];
  const paths = new Set<string>();
  let used = 0;
  for (const fix of fixes) {
    const added = fix.changed.filter((file) => !paths.has(file));
    const cost = fix.hash.length + 1 + added.reduce((n, file) => n + file.length + 1, 0);
    if (used + cost > MAX_ARGS_CHARS) break;
    used += cost;
    for (const file of added) paths.add(file);
    kept.push(fix);
  }
  return kept;
}

/**
 * The fixes' `-U1` diffs of their source files: sha → path (as the fix named it) → hunks. One `git log --no-walk`;
 * a file whose diff exceeds MAX_DIFF_LINES is left out (a rewrite).
 */
async function readFixDiffs(
  git: GitGateway,
  repoRoot: string,
  fixes: readonly FixWithoutTest[],
  common: { readonly signal?: AbortSignal; readonly timeoutMs?: number },
): Promise<Map<string, Map<string, DiffHunk[]>>> {
  const paths = [...new Set(fixes.flatMap((fix) => fix.changed))];
  const wanted = new Map(fixes.map((fix) => [fix.hash, new Set(fix.changed)]));
  const args = (file: string | undefined) => [
    '-c', 'core.quotePath=false', 'log', ...(file ? [`--output=${file}`] : []), '--no-walk=unsorted', '--root', '-p', '-U1',
    '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', '--format=%x00%H', ...fixes.map((fix) => fix.hash), '--', ...paths,
  ];
  const out = new Map<string, Map<string, DiffHunk[]>>();
  const parser = new FixDiffParser((hash, file, hunks) => {
    if (!wanted.get(hash)?.has(file)) return;
    let files = out.get(hash);
    if (!files) out.set(hash, (files = new Map()));
    files.set(file, hunks);
  });
  const result = await streamLinesViaFile(git, args, { cwd: repoRoot, ...common }, (line) => parser.feed(line));
  if (result.exitCode !== 0) throw new GitCommandError(args(undefined).slice(2), result.exitCode, result.stderr);
  parser.end();
  return out;
}

/** Reads `git log -p -U1 --format=%x00%H` output into each commit's files and hunks (context lines kept). */
export class FixDiffParser {
  private hash = '';
  private file: string | undefined;
  private hunks: Array<{ context: string; added: string[]; removed: string[]; around: string[] }> = [];
  private lines = 0;
  private inHunk = false;

  constructor(private readonly onFile: (hash: string, file: string, hunks: DiffHunk[]) => void) {}

  feed(line: string): void {
    if (line.startsWith('\0')) {
      this.flush();
      this.hash = line.slice(1).trim();
    } else if (line.startsWith('diff ')) {
      this.flush();
    } else if (line.startsWith('@@ ')) {
      if (this.file === undefined) return;
      this.inHunk = true;
      const close = line.indexOf(' @@', 3);
      this.hunks.push({ context: close < 0 ? '' : line.slice(close + 3).trim(), added: [], removed: [], around: [] });
    } else if (this.inHunk) {
      const hunk = this.hunks[this.hunks.length - 1]!;
      if (++this.lines > MAX_DIFF_LINES) return;
      if (line[0] === '+') hunk.added.push(line.slice(1));
      else if (line[0] === '-') hunk.removed.push(line.slice(1));
      else if (line[0] === ' ') hunk.around.push(line.slice(1));
    } else if (line.startsWith('+++ ')) {
      const raw = line.slice(4);
      const name = unquoteGitPath(raw.endsWith('\t') ? raw.slice(0, -1) : raw);
      this.file = name.startsWith('b/') ? name.slice(2) : undefined;
    }
  }

  /** Reports the last file. */
  end(): void {
    this.flush();
  }

  private flush(): void {
    if (this.file !== undefined && this.hunks.length > 0 && this.lines <= MAX_DIFF_LINES) this.onFile(this.hash, this.file, this.hunks);
    this.file = undefined;
    this.hunks = [];
    this.lines = 0;
    this.inHunk = false;
  }
}

/** The regression-test task for a finding. Its id is the fix's: stable while the fix stays in the window. */
export function regressionCandidate(
  repoRoot: string,
  finding: RegressionFinding,
  counts: { readonly churn: number; readonly fixCommits: number; readonly fixes?: readonly FixCommitRef[] },
  evidence: TestEvidence | undefined,
): TaskCandidate {
  const { fix, fn } = finding;
  // The pull-request number at the end of a subject says nothing in a title (the reasons keep it).
  const bare = fix.subject.replace(/\s*\(#\d+\)\s*$/, '');
  const subject = bare.length > TITLE_SUBJECT_CHARS ? `${bare.slice(0, TITLE_SUBJECT_CHARS - 1).trimEnd()}…` : bare;
  const where = fn ? fn.name : finding.file.slice(finding.file.lastIndexOf('/') + 1);
  return {
    id: `testGap:${repoRoot}:regression:${fix.hash}`,
    title: sanitizeTitle(`Add a regression test for ${where}: ${fix.hash.slice(0, 7)} ${subject}`),
    repo: repoRoot,
    location: { file: path.join(repoRoot, finding.file), line: finding.line, ...(finding.endLine ? { endLine: finding.endLine } : {}) },
    signals: {
      kind: 'testGap', uncoveredLines: 0, uncoveredShare: undefined, churn: counts.churn, fixCommits: counts.fixCommits,
      ...(counts.fixes ? { fixes: counts.fixes } : {}),
      // The task's claim is about the fix, not the file: it says where tests are when something shows it, and never
      // that there are none (hasTestFile true: no claim, no first-test-file setup in the estimate).
      hasTestFile: true,
      ...(evidence ? { testEvidence: evidence } : {}),
      ...(fn ? { functionName: fn.name, scope: { logicLines: fn.logicLines, functions: 1, branches: fn.branches } } : {}),
      fileSize: finding.fileSize,
      regressionFor: { ...fix, ...(finding.earlier.length ? { earlier: finding.earlier } : {}) },
    },
  };
}

/**
 * The test gaps with a regression-test task added for each finding. A file that is also a plain test gap ("Add tests
 * for X") is listed once, as the regression test: one concrete case to write rather than a file to cover, and no
 * second task on the same file. `evidenceOf` says what shows a file tested, if anything.
 */
export function withRegressionTests(
  repoRoot: string,
  gaps: readonly TaskCandidate[],
  findings: readonly RegressionFinding[],
  history: { readonly files: ReadonlyMap<string, { readonly churn: number; readonly fixCommits: number; readonly fixes?: readonly FixCommitRef[] }> },
  evidenceOf: (file: string) => TestEvidence | undefined,
): TaskCandidate[] {
  if (findings.length === 0) return [...gaps];
  const plainGaps = new Set(findings.map((finding) => `testGap:${repoRoot}:${finding.file}`));
  const tasks = findings.map((finding) => regressionCandidate(repoRoot, finding, history.files.get(finding.file) ?? { churn: 0, fixCommits: 0 }, evidenceOf(finding.file)));
  return [...gaps.filter((gap) => !plainGaps.has(gap.id)), ...tasks];
}
