// Types for scripts/quality-checks.mjs, for the unit tests that import it.

/** The parts of a Task (as `hands-on suggest --json` prints it) that the checks read. */
export interface CheckedTask {
  readonly kind: string;
  readonly title: string;
  readonly location?: { readonly file: string; readonly line: number; readonly endLine?: number };
  readonly signals?: { readonly [key: string]: unknown };
  readonly reasons?: readonly string[];
}
export interface Finding {
  readonly defect: string;
  readonly why: string;
}
export interface RepoContext {
  readonly dir: string;
  readonly now: number;
  readonly historyDays: number;
  readonly files: string[];
  readonly testFiles: string[];
  readonly submodules: string[];
}
export interface CommitInfo {
  readonly hash: string;
  readonly author: string;
  readonly subject: string;
}
export type Check = (task: CheckedTask, ctx: RepoContext) => Finding | undefined;

export declare const AUTO_DEFECTS: readonly string[];
export declare const LABEL_ONLY_DEFECTS: readonly string[];
export declare function repoContext(dir: string, options?: { now?: number; historyDays?: number }): RepoContext;
export declare function fileLines(ctx: RepoContext, rel: string): string[] | undefined;
export declare function relativePath(ctx: RepoContext, task: CheckedTask): string | undefined;
export declare function stemOf(rel: string): string;
export declare function isTestPath(rel: string): boolean;
export declare function linguistAttributes(ctx: RepoContext, rel: string): Record<string, string>;
export declare const vendoredOrGenerated: Check;
export declare function logicLines(lines: readonly string[], rel: string): { logic: string[]; imports: number };
export declare function untestableReason(rel: string, lines: readonly string[] | undefined): string | undefined;
export declare const untestableFile: Check;
export declare function stripStrings(line: string): string;
export declare function claimsNoTest(task: CheckedTask): boolean;
export declare function moduleName(rel: string): string;
export declare function mentionPatterns(rel: string): string[];
export declare function testFilesNamedAfter(ctx: RepoContext, rel: string): string[];
export declare function testFilesMentioning(ctx: RepoContext, rel: string): string[];
export declare function coChangedWithTests(ctx: RepoContext, rel: string): number;
export declare function hasInFileTests(lines: readonly string[] | undefined): boolean;
export declare function testEvidence(ctx: RepoContext, rel: string): string | undefined;
export declare function untestedFunctionName(task: CheckedTask): string | undefined;
export declare const wrongUntestedFunction: Check;
export declare const wrongNoTestFile: Check;
export declare function regressionFix(task: CheckedTask): { readonly hash: string; readonly file?: string } | undefined;
export declare const wrongRegressionClaim: Check;
export declare function isCosmeticSubject(subject: string, author?: string): boolean;
export declare function isFixSubject(subject: string): boolean;
export declare function commitsTouching(ctx: RepoContext, rel: string, options?: { hashes?: string[]; count?: number }): CommitInfo[];
export declare const cosmeticFix: Check;
export declare function markerCore(marker?: string): string;
export declare function inComment(lines: readonly string[], index: number, rel?: string, marker?: string): boolean;
export declare function blockCommentOpenAfter(line: string, open: boolean): boolean;
export declare function conditionalSkipReason(lines: readonly string[], index: number): string | undefined;
export declare function annotatesNoTest(lines: readonly string[], index: number): boolean;
export declare const notActionableSkip: Check;
export declare const markerInProse: Check;
export declare function waitsOn(text: string): string | undefined;
export declare const waitingTodo: Check;
export declare function duplicates(tasks: readonly CheckedTask[], ctx: RepoContext): (Finding | undefined)[];
export declare const TASK_CHECKS: readonly Check[];
export declare function classify(tasks: readonly CheckedTask[], ctx: RepoContext): Finding[][];
