// Types for scripts/eval-risk.mjs, for the unit test that imports it.
export interface RankedFile {
  readonly file: string;
  readonly churn: number;
}
export interface Evaluation {
  readonly repo: string;
  readonly cutoff: string;
  readonly windowDays: number;
  readonly k: number;
  readonly rankedFiles: number;
  readonly fixedFiles: number;
  readonly risk: { readonly precision: number; readonly top: string[] };
  readonly churn: { readonly precision: number; readonly top: string[] };
  readonly baseRate: number;
}
export declare function precisionAtK(ranked: readonly string[], truth: ReadonlySet<string>, k: number): number;
export declare function rankByChurn(files: readonly RankedFile[]): string[];
export declare function fixedFilesBetween(repo: string, from: number, to: number, fixSubject: string): Set<string>;
export declare function evaluate(options: { repo: string; cutoff?: number; windowDays?: number; k?: number; cli?: string[] }): Evaluation;
