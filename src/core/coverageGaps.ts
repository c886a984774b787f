/**
 * Test gaps from coverage reports: one candidate per file, naming the uncovered range that most
 * deserves a test (inside a function when the report knows functions), so the task reads like
 * "Write a test for parseInvoice (lines 12–30 uncovered)" rather than "improve coverage".
 */
import type { FixCommitRef, TaskCandidate, TestEvidence } from './tasks';

export interface UncoveredRangeInput {
  readonly start: number;
  readonly end: number;
  readonly functionName?: string;
}

export interface CoveredFileInput {
  /** Repository-relative, with '/'. */
  readonly relativePath: string;
  readonly absolutePath: string;
  readonly uncoveredLines: readonly number[];
  /** 0–1 of the file's executable lines. */
  readonly uncoveredShare: number;
  readonly uncoveredRanges: readonly UncoveredRangeInput[];
}

export interface GapContext {
  readonly repoRoot: string;
  /** Churn and fix commits per repository-relative path, from the history window. */
  readonly history: ReadonlyMap<string, { readonly churn: number; readonly fixCommits: number; readonly fixes?: readonly FixCommitRef[] }>;
  readonly hasTestFile: (relativePath: string) => boolean;
  /** What shows the file has tests, when the caller knows (shown in the tooltip). */
  readonly testEvidence?: (relativePath: string) => TestEvidence | undefined;
}

export function coverageGapCandidates(files: Iterable<CoveredFileInput>, context: GapContext): TaskCandidate[] {
  const candidates: TaskCandidate[] = [];
  for (const file of files) {
    const range = worthiestRange(file);
    if (!range) continue;
    const counts: { churn: number; fixCommits: number; fixes?: readonly FixCommitRef[] } = context.history.get(file.relativePath) ?? { churn: 0, fixCommits: 0 };
    const lines = range.start === range.end ? `line ${range.start}` : `lines ${range.start}–${range.end}`;
    candidates.push({
      id: `testGap:${context.repoRoot}:${file.relativePath}:${range.functionName ?? `L${range.start}`}`,
      title: range.functionName
        ? `Write a test for ${range.functionName} (${lines} uncovered)`
        : `Cover ${lines} of ${file.relativePath}`,
      repo: context.repoRoot,
      location: { file: file.absolutePath, line: range.start, endLine: range.end },
      signals: {
        kind: 'testGap',
        uncoveredLines: range.uncovered,
        uncoveredShare: file.uncoveredShare,
        churn: counts.churn,
        fixCommits: counts.fixCommits,
        ...(counts.fixes ? { fixes: counts.fixes } : {}),
        hasTestFile: context.hasTestFile(file.relativePath),
        ...(range.functionName ? { functionName: range.functionName } : {}),
        ...evidenceOf(context, file.relativePath),
      },
    });
  }
  return candidates;
}

function evidenceOf(context: GapContext, file: string): { testEvidence?: TestEvidence } {
  const evidence = context.testEvidence?.(file);
  return evidence ? { testEvidence: evidence } : {};
}

/** The range with the most uncovered executable lines; a named function wins ties (a clearer task). */
function worthiestRange(file: CoveredFileInput): (UncoveredRangeInput & { uncovered: number }) | undefined {
  let best: (UncoveredRangeInput & { uncovered: number }) | undefined;
  for (const range of file.uncoveredRanges) {
    const uncovered = file.uncoveredLines.filter((line) => line >= range.start && line <= range.end).length;
    if (uncovered === 0) continue;
    const better =
      !best || uncovered > best.uncovered || (uncovered === best.uncovered && range.functionName !== undefined && best.functionName === undefined);
    if (better) best = { ...range, uncovered };
  }
  return best;
}
