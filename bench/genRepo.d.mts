// Types for bench/genRepo.mjs, so the TypeScript bench can import it.
export declare const GENERATOR_VERSION: number;
/** The drift bench's user in a team repository. */
export declare const BENCH_ME: { readonly name: string; readonly email: string };
export interface BenchTeam {
  /** The user's last commit is HEAD~myLastCommitBack. */
  readonly myLastCommitBack: number;
}
export interface BenchRepo {
  readonly repo: string;
  readonly commits: number;
  readonly team?: BenchTeam;
  readonly files: number;
  readonly fixCommits: number;
  readonly lastCommit: number;
  readonly reused: boolean;
}
export declare function ensureBenchRepo(options?: { commits?: number; team?: BenchTeam; cacheDir?: string; log?: (line: string) => void }): Promise<BenchRepo>;
