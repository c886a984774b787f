// Types for scripts/eval-risk.mjs, for the unit test that imports it.
export interface RankedFile {
  readonly file: string;
  readonly churn: number;
}
export interface BugspotsFile {
  readonly file: string;
  /** Days before the cutoff of each fix commit. */
  readonly fixDays: readonly number[];
}
export interface ScoredSet {
  readonly files: number;
  readonly fixedAmongThem: number;
  /** The best precision any ranking of these files could reach. */
  readonly ceiling: number;
  readonly risk: number;
  readonly churn: number;
  readonly bugspots: number;
  readonly top: string[];
}
export interface Evaluation {
  readonly repo: string;
  readonly cutoff: string;
  readonly windowDays: number;
  readonly historyDays: number;
  readonly k: number;
  readonly fixedFiles: number;
  /** Every source file at the cutoff. */
  readonly all: ScoredSet;
  /** Only those changed in the history window. */
  readonly changed: ScoredSet;
}
export declare function precisionAtK(ranked: readonly string[], truth: ReadonlySet<string>, k: number): number;
export declare function rankByChurn(files: readonly RankedFile[]): string[];
export declare function bugspotsScores(files: readonly BugspotsFile[]): Map<string, number>;
export declare function rankByBugspots(files: readonly BugspotsFile[]): string[];
export declare function evaluate(options: { repo: string; cutoff?: number; windowDays?: number; historyDays?: number; k?: number; cli?: string[] }): Evaluation;
