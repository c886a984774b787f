// Types for bench/genRepo.mjs, so the TypeScript bench can import it.
export declare const GENERATOR_VERSION: number;
export interface BenchRepo {
  readonly repo: string;
  readonly commits: number;
  readonly files: number;
  readonly fixCommits: number;
  readonly lastCommit: number;
  readonly reused: boolean;
}
export declare function ensureBenchRepo(options?: { commits?: number; cacheDir?: string; log?: (line: string) => void }): Promise<BenchRepo>;
