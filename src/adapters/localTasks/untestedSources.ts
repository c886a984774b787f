/**
 * Which changed source files are test gaps: no evidence of tests (name, import, co-change, a test using what the file
 * declares) and worth a test (enough logic, not an interface or a constants file). Reads each file that survives the
 * cheap checks, a few at a time and only its first MAX_SOURCE_CHARS, and at most MAX_SOURCE_READS files per scan.
 * Node only; the decisions are the pure core's (testEvidence.ts, sourceShape.ts, estimate.ts).
 */
import * as path from 'node:path';
import { chooseTestScope, type TestScope } from '../../core/estimate';
import { fileSurface } from '../../core/fileSurface';
import { MIN_LOGIC_LINES, sourceShape, whyNotWorthTesting, type SourceShape } from '../../core/sourceShape';
import type { FixCommitRef, TaskCandidate, TestEvidence, TestEvidenceKind } from '../../core/tasks';
import { evidenceFromDeclarations, evidenceLookedFor, evidenceWithoutText, type EvidenceSources } from '../../core/testEvidence';
import { languageOf, type TestFileIndex } from '../../core/testFileMatch';
import { readTextsInTurns } from './readTexts';
import type { TestReferences } from './testFiles';
import { sanitizeTitle } from './text';

/** A longer source file is scanned only this far: generated or data files are the usual reason; the scan stays bounded. */
export const MAX_SOURCE_CHARS = 512 * 1024;
/** Source files read per scan at most; files beyond are not suggested (nothing is known about them). */
export const MAX_SOURCE_READS = 600;

export interface UntestedSource {
  readonly file: string;
  /** The evidence looked for and not found. */
  readonly evidenceChecked: TestEvidenceKind[];
  readonly scope: TestScope;
}

/**
 * Each judged source file's verdict: its test gap, or null (tested, not worth a test, or beyond the read cap).
 * Plain JSON as entries, so the next refresh can reuse it while HEAD and the work tree are unchanged.
 */
export type GapVerdicts = Map<string, UntestedSource | null>;

/** What the test files import and use, read on first need (a refresh that reuses every verdict never reads them). */
export type LoadReferences = () => Promise<TestReferences | undefined>;

export class UntestedSourceJudge {
  private reads = 0;
  private sources: EvidenceSources | undefined;
  private complete = false;
  /** Every verdict given, reused or new: the next refresh's cache. */
  readonly verdicts: GapVerdicts = new Map();
  /** The files judged in this scan (not reused), whose older history is still to be asked (deepCoChange.ts). */
  readonly judgedNow = new Set<string>();

  constructor(
    private readonly repoRoot: string,
    private readonly base: Omit<EvidenceSources, 'references'>,
    private readonly loadReferences: LoadReferences,
    private readonly options: { readonly coverageReports: boolean; readonly maxReads?: number; readonly cached?: ReadonlyMap<string, UntestedSource | null> },
  ) {}

  /** The evidence sources, the test files read (once) on first call. */
  async evidence(): Promise<EvidenceSources> {
    if (!this.sources) {
      const references = await this.loadReferences();
      this.complete = references?.complete ?? false;
      this.sources = { ...this.base, references: references?.index };
    }
    return this.sources;
  }

  /**
   * What shows that `file` is tested: the cheap evidence first (a name, inline tests, co-change), then what the test
   * files import and use (read on first need); undefined when nothing does.
   */
  async testedBy(file: string, shape: SourceShape): Promise<TestEvidence | undefined> {
    const cheap = evidenceWithoutText(file, this.sources ?? { ...this.base, references: undefined });
    if (cheap) return cheap;
    const sources = await this.evidence();
    return evidenceWithoutText(file, sources) ?? evidenceFromDeclarations(file, shape, sources);
  }

  /** Evidence that `file` is tested found without reading anything more (no test file is read for it). */
  knownEvidence(file: string): TestEvidence | undefined {
    return evidenceWithoutText(file, this.sources ?? { ...this.base, references: undefined });
  }

  /** Of `files` (repository-relative), the test gaps; the others are left out. */
  async untested(files: readonly string[]): Promise<Map<string, UntestedSource>> {
    const found = new Map<string, UntestedSource>();
    const fresh: string[] = [];
    for (const file of files) {
      if (!this.base.names.isSource(file) || drivenFromOutside(file, this.base.names)) continue;
      const known = this.options.cached?.get(file);
      if (known === undefined) fresh.push(file);
      else {
        this.verdicts.set(file, known);
        if (known) found.set(file, known);
      }
    }
    if (fresh.length === 0) return found;
    const maxReads = this.options.maxReads ?? MAX_SOURCE_READS;
    if (this.reads >= maxReads) {
      // Past the cap nothing more is read, so nothing more can be suggested: no need to look for evidence.
      for (const file of fresh) this.verdicts.set(file, null);
      return found;
    }
    // The cheap evidence first (names, co-change), then the file's shape, and only for a file worth a test what the
    // test files import and use: a scan that finds nothing worth a test never reads a test file.
    const cheap: EvidenceSources = { ...this.base, references: undefined };
    const toRead: string[] = [];
    for (const file of fresh) {
      if (!evidenceWithoutText(file, cheap)) toRead.push(file);
      else this.verdicts.set(file, null);
    }
    const allowed = toRead.slice(0, Math.max(0, maxReads - this.reads));
    this.reads += allowed.length;
    // Files beyond the cap are not suggested: nothing is known about them.
    for (const file of toRead.slice(allowed.length)) this.verdicts.set(file, null);
    const worth: Array<{ file: string; shape: SourceShape }> = [];
    await readTextsInTurns(allowed, (file) => `${this.repoRoot}${path.sep}${file}`, MAX_SOURCE_CHARS, (file, text) => {
      const shape = text === undefined ? undefined : shapeWorthTesting(file, text);
      this.judgedNow.add(file);
      if (shape) worth.push({ file, shape });
      else this.verdicts.set(file, null);
    });
    if (worth.length === 0) return found;
    const sources = await this.evidence();
    for (const { file, shape } of worth) {
      const verdict = evidenceWithoutText(file, sources) || evidenceFromDeclarations(file, shape, sources) ? null : this.gap(file, shape, sources);
      this.verdicts.set(file, verdict);
      if (verdict) found.set(file, verdict);
    }
    return found;
  }

  private gap(file: string, shape: SourceShape, sources: EvidenceSources): UntestedSource {
    // With some test files unread, a missing import or reference is not a finding.
    const checked = evidenceLookedFor(file, this.complete ? sources : { ...sources, references: undefined }, this.options.coverageReports);
    return { file, evidenceChecked: checked, scope: chooseTestScope(shape) };
  }
}

/** Below this share of the test files in a source's own language, the tests drive the code from outside. */
const OUTSIDE_SHARE = 0.2;

/**
 * Whether the repository tests `file`'s language mostly from outside: its test suite is written in another language
 * (redis's Tcl suites for its C, jq's `.test` scripts), so a C file no C test names may still be run by every test,
 * and "no test found" cannot be claimed for it.
 */
function drivenFromOutside(file: string, names: TestFileIndex): boolean {
  const language = languageOf(file);
  if (!language) return false;
  const { share, tests } = names.testShare(language);
  return tests >= 10 && share < OUTSIDE_SHARE;
}

/** The task for an untested source: the whole file, or its weightiest function when the file is too big for a sitting. */
export function untestedSourceCandidate(
  repoRoot: string,
  id: string,
  source: UntestedSource,
  counts: { readonly churn: number; readonly fixCommits: number; readonly fixes?: readonly FixCommitRef[] },
): TaskCandidate {
  const { focus, scope, fileSize } = source.scope;
  return {
    id,
    title: sanitizeTitle(focus ? `Add tests for ${focus.name} in ${source.file}` : `Add tests for ${source.file}`),
    repo: repoRoot,
    location: { file: path.join(repoRoot, source.file), line: focus?.line ?? 1, ...(focus && focus.endLine > focus.line ? { endLine: focus.endLine } : {}) },
    signals: {
      kind: 'testGap', uncoveredLines: 0, uncoveredShare: undefined, churn: counts.churn, fixCommits: counts.fixCommits,
      ...(counts.fixes ? { fixes: counts.fixes } : {}), hasTestFile: false,
      evidenceChecked: source.evidenceChecked, scope, ...(focus ? { functionName: focus.name, fileSize } : {}),
    },
  };
}

/** The file's shape when it is worth a test (sourceShape.ts), else undefined. */
function shapeWorthTesting(file: string, text: string): SourceShape | undefined {
  const language = languageOf(file)!;
  // Cheap rejections before the scan: too few lines to hold MIN_LOGIC_LINES of logic, or no parenthesis at all,
  // which every function needs outside Ruby (a constants or declarations file).
  if (!lineCountAtLeast(text, MIN_LOGIC_LINES + 2) || (language !== 'ruby' && !text.includes('('))) return undefined;
  const shape = sourceShape(text, language);
  // Internal machinery is tested through the public API, and deprecated code is on its way out: no file-level gap.
  return whyNotWorthTesting(shape) || fileSurface(text, language) ? undefined : shape;
}

/** Whether `text` has at least `lines` lines (a function needs a line for its signature and its end besides). */
function lineCountAtLeast(text: string, lines: number): boolean {
  let at = -1;
  for (let found = 1; found < lines; found++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return false;
  }
  return true;
}
