/**
 * Which changed source files are test gaps: no evidence of tests (name, import, co-change, a test using what the file
 * declares) and worth a test (enough logic, not an interface or a constants file). Reads each file that survives the
 * cheap checks, a few at a time and only its first MAX_SOURCE_BYTES, and at most MAX_SOURCE_READS files per scan.
 * Node only; the decisions are the pure core's (testEvidence.ts, sourceShape.ts, estimate.ts).
 */
import * as path from 'node:path';
import { chooseTestScope, type TestScope } from '../../core/estimate';
import { sourceShape, whyNotWorthTesting } from '../../core/sourceShape';
import type { TaskCandidate, TestEvidenceKind } from '../../core/tasks';
import { evidenceFromDeclarations, evidenceLookedFor, evidenceWithoutText, type EvidenceSources } from '../../core/testEvidence';
import { isSourceFile, languageOf } from '../../core/testFileMatch';
import { mapLimit } from '../mapLimit';
import { readPrefix } from './testFiles';
import { sanitizeTitle } from './text';

/** A longer source file is read this far: generated or data files are the usual reason, and the scan stays bounded. */
export const MAX_SOURCE_BYTES = 512 * 1024;
/** Source files read per scan at most; files beyond are not suggested (nothing is known about them). */
export const MAX_SOURCE_READS = 1_500;

export interface UntestedSource {
  readonly file: string;
  /** The evidence looked for and not found. */
  readonly evidenceChecked: TestEvidenceKind[];
  readonly scope: TestScope;
}

export class UntestedSourceJudge {
  private reads = 0;

  constructor(
    private readonly repoRoot: string,
    private readonly sources: EvidenceSources,
    private readonly options: { readonly coverageReports: boolean; readonly referencesComplete: boolean; readonly maxReads?: number },
  ) {}

  /** Of `files` (repository-relative), the test gaps, judged in parallel; the others are left out. */
  async untested(files: readonly string[]): Promise<Map<string, UntestedSource>> {
    const found = new Map<string, UntestedSource>();
    const toRead = files.filter((file) => isSourceFile(file) && !evidenceWithoutText(file, this.sources));
    const maxReads = this.options.maxReads ?? MAX_SOURCE_READS;
    await mapLimit(toRead, 8, async (file) => {
      if (this.reads >= maxReads) return;
      this.reads++;
      const text = await readPrefix(path.join(this.repoRoot, file), MAX_SOURCE_BYTES).catch(() => undefined);
      if (text === undefined) return;
      const shape = sourceShape(text, languageOf(file)!);
      if (whyNotWorthTesting(shape) || evidenceFromDeclarations(file, shape, this.sources)) return;
      // With some test files unread, a missing import or reference is not a finding.
      const checked = evidenceLookedFor(file, this.options.referencesComplete ? this.sources : { ...this.sources, references: undefined }, this.options.coverageReports);
      found.set(file, { file, evidenceChecked: checked, scope: chooseTestScope(shape) });
    });
    return found;
  }
}

/** The task for an untested source: the whole file, or its weightiest function when the file is too big for a sitting. */
export function untestedSourceCandidate(repoRoot: string, id: string, source: UntestedSource, counts: { readonly churn: number; readonly fixCommits: number }): TaskCandidate {
  const { focus, scope, fileSize } = source.scope;
  return {
    id,
    title: sanitizeTitle(focus ? `Add tests for ${focus.name} in ${source.file}` : `Add tests for ${source.file}`),
    repo: repoRoot,
    location: { file: path.join(repoRoot, source.file), line: focus?.line ?? 1, ...(focus && focus.endLine > focus.line ? { endLine: focus.endLine } : {}) },
    signals: {
      kind: 'testGap', uncoveredLines: 0, uncoveredShare: undefined, churn: counts.churn, fixCommits: counts.fixCommits, hasTestFile: false,
      evidenceChecked: source.evidenceChecked, scope, ...(focus ? { functionName: focus.name, fileSize } : {}),
    },
  };
}
