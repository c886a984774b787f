// Types for scripts/eval-quality.mjs, for the unit tests that import it.
import type { CheckedTask, Finding } from './quality-checks.mjs';

export interface Label {
  readonly repo: string;
  readonly kind: string;
  readonly path: string;
  readonly line?: number;
  /** For a function-level test gap: the function's bare name (untestedFunctionName). */
  readonly function?: string;
  readonly title?: string;
  readonly verdict: 'good' | 'bad';
  readonly defect?: string;
  readonly note?: string;
}
export interface TaskRecord {
  readonly rank: number;
  readonly kind: string;
  readonly path: string;
  readonly line: number;
  readonly function?: string;
  readonly title: string;
  readonly estimateMinutes: number;
  readonly reasons: readonly string[];
  readonly claimsNoTest: boolean;
  readonly verdict: 'good' | 'bad';
  readonly by: 'label' | 'auto';
  readonly defect?: string;
  readonly auto: { readonly verdict: 'good' | 'bad'; readonly findings: Finding[] };
  readonly label?: { readonly verdict: 'good' | 'bad'; readonly defect?: string; readonly note?: string };
}
export interface RepoScore {
  readonly tasks: number;
  readonly idleTasks: number;
  readonly cleanShare: number | null;
  readonly clean: number;
  readonly labeled: number;
  readonly agreed: number;
  readonly noTestClaims: number;
  readonly noTestClaimsRightAuto: number;
  readonly noTestClaimsLabeled: number;
  readonly noTestClaimsRightLabeled: number;
  readonly defects: Record<string, number>;
}
export interface RepoResult extends RepoScore {
  readonly repo: string;
  readonly split: string;
  readonly language?: string;
  readonly commit?: string;
  readonly ms: number;
  readonly idleMs: number;
  readonly top: TaskRecord[];
}
export interface Summary {
  readonly repositories: number;
  readonly tasks: number | null;
  readonly idleTasks: number | null;
  readonly cleanShare: number | null;
  readonly minCleanShare: number | null;
  readonly withoutTasks: number;
  readonly labeled: number;
  readonly agreement: number | null;
  readonly noTestClaimsRightLabeled: number | null;
  readonly noTestClaimsLabeled: number;
  readonly noTestClaimsRightAuto: number | null;
  readonly ms: number | null;
  readonly totalMs: number;
}
export interface Means {
  readonly dev: Summary;
  readonly heldOut: Summary;
  readonly all: Summary;
}
type RowFigures = Pick<RepoResult, 'repo' | 'split' | 'tasks' | 'idleTasks' | 'cleanShare' | 'labeled' | 'agreed' | 'noTestClaims' | 'noTestClaimsRightAuto' | 'noTestClaimsLabeled' | 'noTestClaimsRightLabeled' | 'ms'>;

export declare const TOP: number;
export declare const TARGETS: { readonly meanClean: number; readonly minClean: number; readonly minTasks: number; readonly noTestClaimsRight: number };
export declare function readLabels(file?: string): { labels: Label[]; pending: number };
export declare function labelFor(labels: readonly Label[], repo: string, task: CheckedTask, rel: string): Label | undefined;
export declare function labelStub(repo: string, record: TaskRecord): Record<string, unknown>;
export declare function runSuggest(dir: string, now: number, cli?: string[]): { tasks: CheckedTask[]; ms: number };
export declare function evaluateRepo(
  entry: { repo: string; split: string; language?: string; commit?: string },
  dir: string,
  options?: { labels?: readonly Label[]; cli?: string[]; now?: number; usedLabels?: Set<Label> },
): RepoResult;
export declare function scoreRepo(records: readonly TaskRecord[], tasks: number, idleTasks: number): RepoScore;
export declare function summarize(rows: readonly RowFigures[]): Summary;
export declare function summarizeAll(rows: readonly RowFigures[]): Means;
export declare function missedTargets(rows: readonly RowFigures[], means: Means): string[];
export declare function renderTable(rows: readonly RepoResult[], means: Means): string;
export declare function renderShow(row: RepoResult): string;
