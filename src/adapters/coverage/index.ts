/**
 * Coverage for test gaps: find reports in a repository, parse each (one at a time, so memory holds
 * one report plus the merged result), map their paths to tracked files, and merge.
 * A report that cannot be used becomes one `problems` entry (the caller logs one line), never a throw.
 */
import { join, relative, sep } from 'node:path';
import { TrackedFileIndex } from '../../core/pathMatch';
import { findReports, type FindReportsOptions } from './findReports';
import { parseReport } from './parseReport';
import { CoverageReportError, DEFAULT_READ_LIMITS, type ReadLimits } from './report';
import { MergedFileCoverage, type FileCoverageSummary } from './summarize';

export type { FileCoverageSummary, UncoveredRange } from './summarize';
export { DEFAULT_COVERAGE_GLOBS } from './findReports';
export { DEFAULT_READ_LIMITS, CoverageReportError } from './report';

export interface CoverageProblem {
  /** Absolute path of the report. */
  readonly report: string;
  readonly reason: string;
}

export interface CoverageResult {
  /** Absolute path on this machine → summary, for tracked files that some report covers. */
  readonly files: Map<string, FileCoverageSummary>;
  readonly problems: CoverageProblem[];
  /** Reports that were read and contributed, absolute paths. */
  readonly reports: string[];
}

export interface ReadCoverageOptions extends Omit<FindReportsOptions, 'globs'> {
  readonly limits?: ReadLimits;
}

/**
 * @param repoRoot absolute path of the repository.
 * @param trackedFiles repository-relative paths with '/', as `git ls-files` prints them.
 * @param globs report globs relative to the root; the defaults when empty or absent.
 */
export async function readCoverage(
  repoRoot: string,
  trackedFiles: Iterable<string>,
  globs?: readonly string[],
  options: ReadCoverageOptions = {},
): Promise<CoverageResult> {
  const index = new TrackedFileIndex(repoRoot, trackedFiles);
  const merged = new Map<string, MergedFileCoverage>();
  const problems: CoverageProblem[] = [];
  const reports: string[] = [];

  const found = await findReports(repoRoot, { ...options, ...(globs ? { globs } : {}) });
  for (const report of found) {
    try {
      const parsed = await parseReport(report, options.limits ?? DEFAULT_READ_LIMITS);
      const reportDir = relative(repoRoot, join(report, '..')).split(sep).join('/');
      let matched = 0;
      for (const file of parsed.files) {
        const match = index.match(file.reportPath, { reportDir, sourceRoots: parsed.sourceRoots });
        if (match.kind !== 'matched') continue;
        matched++;
        let entry = merged.get(match.file);
        if (!entry) merged.set(match.file, (entry = new MergedFileCoverage()));
        entry.add(file.lines, file.functions);
      }
      if (matched === 0) problems.push({ report, reason: `none of its ${parsed.files.length} file paths match a tracked file` });
      else reports.push(report);
    } catch (error) {
      // Only bad report content is expected here; anything else is still one line, not a crash.
      problems.push({ report, reason: CoverageReportError.is(error) ? error.reason : `unreadable: ${String(error)}` });
    }
  }

  const files = new Map<string, FileCoverageSummary>();
  for (const [rel, coverage] of merged) files.set(join(repoRoot, ...rel.split('/')), coverage.summarize());
  return { files, problems, reports };
}
