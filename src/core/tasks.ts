/**
 * Suggested tasks: what sources find (candidates, with the raw signals that size and value them),
 * and what the ranking hands to the view, the quick pick and the CLI (tasks, with an estimate).
 * Pure data. Times are epoch ms; file paths are absolute paths on this machine.
 */

export type TaskKind = 'review' | 'bug' | 'testGap' | 'skippedTest' | 'todo';

export interface FileLocation {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, inclusive; absent for a single line. */
  readonly endLine?: number;
}

export interface ReviewSignals {
  readonly kind: 'review';
  readonly additions: number;
  readonly deletions: number;
  readonly changedFiles: number;
  /** When the review was requested (or the PR opened, if unknown). */
  readonly waitingSince: number;
  readonly isDraft: boolean;
  /** Requested from one of the user's teams rather than the user. */
  readonly viaTeam: boolean;
  /** Reviews already given by anyone. */
  readonly reviewCount: number;
}

export interface BugSignals {
  readonly kind: 'bug';
  readonly bodyLength: number;
  readonly comments: number;
  readonly labels: readonly string[];
  readonly createdAt: number;
  readonly assignees: readonly string[];
  readonly hasLinkedPullRequest: boolean;
  readonly inCurrentMilestone: boolean;
}

/** A behaviour-fix commit, as a reason names it. */
export interface FixCommitRef {
  /** Full sha; a reason shows its first 7 characters. */
  readonly hash: string;
  /** Its subject line (may be shortened). */
  readonly subject: string;
}

/** A behaviour fix that came without a test (core/regressionFixes.ts): the task is its regression test. */
export interface RegressionFix extends FixCommitRef {
  /** Whole days since the fix was committed, as of the scan. */
  readonly ageDays: number;
  /** The path the fix changed, repository-relative, as it was then (the task's file is that file at HEAD). */
  readonly file: string;
  /** Lines it added and removed in that file. */
  readonly changedLines: number;
  /** The other source files it changed, repository-relative, at HEAD. */
  readonly otherFiles?: readonly string[];
  /** Older fixes of the same code that came without a test either, newest first. */
  readonly earlier?: readonly FixCommitRef[];
}

export interface TestGapSignals {
  readonly kind: 'testGap';
  /** Lines with no coverage in the range to test; 0 when the file has no test at all and no report. */
  readonly uncoveredLines: number;
  /** Uncovered share of the file, 0–1; undefined when no coverage report covers the file. */
  readonly uncoveredShare: number | undefined;
  /** Commits touching the file in the history window. */
  readonly churn: number;
  /** Of those, behaviour fixes (core/commitKind.ts: not typo, docs, lint, CI, build, test-only or bot commits). */
  readonly fixCommits: number;
  /** The newest of those fixes, newest first, to name in the reason; absent when unknown or none. */
  readonly fixes?: readonly FixCommitRef[];
  readonly hasTestFile: boolean;
  /** Size of the file in bytes, when known (risk grows with it: more code, more to break). */
  readonly bytes?: number;
  /** Function or method the range belongs to, when known. */
  readonly functionName?: string;
  /** What shows the file is tested, when something does (a name, an import, co-change…); absent when nothing does. */
  readonly testEvidence?: TestEvidence;
  /** The kinds of evidence looked for. With no `testEvidence`, none of them was found, and the tooltip says so. */
  readonly evidenceChecked?: readonly TestEvidenceKind[];
  /** What there is to test in the task's range: the whole file, or the function named by `functionName`. */
  readonly scope?: CodeSize;
  /** The whole file, when the task names only a part of it. */
  readonly fileSize?: CodeSize;
  /**
   * Set when the task is one public function that no test file names, in a file that has tests (`testEvidence`):
   * a function-level gap rather than an untested file.
   */
  readonly untestedFunction?: UntestedFunctionRef;
  /**
   * Set when the task is a regression test for a fix that came without one; `functionName` and `scope` are then the
   * code the fix changed. Its claim is about the fix: `hasTestFile` is true (nothing is claimed about the file's tests)
   * and `testEvidence` says where the file's tests are when something shows it.
   */
  readonly regressionFor?: RegressionFix;
}

/** A public function no test file names (core/untestedFunctions.ts). */
export interface UntestedFunctionRef {
  /** As the title shows it: `Owner.method`, `res.sendFile`, `get_root_path`. */
  readonly name: string;
  /** The word looked for in the tests: the last part of `name`. */
  readonly bareName: string;
  /** 1-based, the function's first and last lines. */
  readonly line: number;
  readonly endLine: number;
  /** Test files whose whole text was searched for the name (and its aliases) without finding it. */
  readonly testFilesSearched: number;
  /** The file's tests call its functions by name: how many of its public functions they name, and an example. */
  readonly publicFunctions?: PublicFunctionsNamed;
}

export interface PublicFunctionsNamed {
  readonly named: number;
  readonly of: number;
  /** The test file that names the most of the file's functions and types, and (the first few of) those names. */
  readonly testFile: string;
  readonly namedThere: number;
  readonly examples: readonly string[];
}

/** Lines of logic (statements inside functions), functions and decision points, from the file's text. */
export interface CodeSize {
  readonly logicLines: number;
  readonly functions: number;
  readonly branches: number;
}

export type TestEvidenceKind = 'name' | 'inline' | 'import' | 'reference' | 'coChange' | 'coverage';

/** Why a source counts as tested. Test files are repository-relative. */
export type TestEvidence =
  /** A test file named for it by the language's convention. */
  | { readonly kind: 'name'; readonly testFile: string }
  /** Tests inside the file itself (Rust `#[test]`, `#[cfg(test)]`). */
  | { readonly kind: 'inline' }
  /** A test imports, requires or includes it. */
  | { readonly kind: 'import'; readonly testFile: string }
  /** A test uses a type or function it declares (`name`). */
  | { readonly kind: 'reference'; readonly testFile: string; readonly name: string }
  /** Test files changed in `commits` of the same commits, `testFile` most often. */
  | { readonly kind: 'coChange'; readonly testFile: string; readonly commits: number }
  /** A coverage report covers it. */
  | { readonly kind: 'coverage' };

/**
 * What a skipped test and a TODO both carry: a dated line in a file, what it waits on, and the nearby or copied
 * markers merged into it (core/localDuplicates.ts).
 */
export interface MarkerSignals {
  /** Days since the line was last changed (history walk or git blame); 0 for uncommitted lines. */
  readonly ageDays: number;
  /** True when blame could not date the line (limit, timeout); `ageDays` is then 0 and means nothing. */
  readonly ageUnknown?: boolean;
  /** True when the line is older than the history read: `ageDays` is then a lower bound ("over N days"). */
  readonly ageAtLeast?: boolean;
  /** What it waits on (`the next major version`, `inner literal extraction works`): not actionable until then. */
  readonly waitsOn?: string;
  /** TODO/FIXME comments and other markers within a few lines, merged into this task (`FIXME: re-enable once …`). */
  readonly notes?: readonly string[];
  /** Other lines of the file merged into this task: the same text again, or markers right beside it. */
  readonly alsoAt?: readonly number[];
  /** The same text (or skip reason) in other files, as repository-relative `path:line`: one piece of work. */
  readonly alsoIn?: readonly string[];
  /** Commits that touched the file in the history window: a marker in hot code matters more. */
  readonly fileChurn?: number;
}

export interface SkippedTestSignals extends MarkerSignals {
  readonly kind: 'skippedTest';
  /** The marker found, e.g. `it.skip`, `@Disabled`. */
  readonly marker: string;
  readonly testName?: string;
  /** Why it is skipped, as the code says: the marker's argument (`reasonFrom: 'marker'`) or the comment above it. */
  readonly reason?: string;
  readonly reasonFrom?: 'marker' | 'comment';
  /** Disabled on purpose, as a short phrase (`a benchmark`, `flaky`, `needs a device or emulator`): ranked low. */
  readonly onPurpose?: string;
}

export interface TodoSignals extends MarkerSignals {
  readonly kind: 'todo';
  readonly tag: 'TODO' | 'FIXME' | 'BUG' | 'HACK';
  readonly text: string;
  /** An old open-ended design note (`could be faster`, `maybe …?`) rather than a task. */
  readonly vague?: boolean;
  /** In build, CI or tool configuration or a script (core/testFileMatch isToolingFile): about tooling, not the product. */
  readonly inTooling?: boolean;
}

export type TaskSignals = ReviewSignals | BugSignals | TestGapSignals | SkippedTestSignals | TodoSignals;

/** What a source reports: no estimate or rank yet. */
export interface TaskCandidate {
  /** Stable across refreshes, so snooze and dismiss survive restarts: e.g. `todo:<repo>:<file>:<text hash>`. */
  readonly id: string;
  readonly title: string;
  /** Repository root path for local sources, `owner/name` for GitHub ones. */
  readonly repo: string;
  readonly location?: FileLocation;
  /** Web page of the issue or pull request. */
  readonly url?: string;
  /** Issue or pull request number. */
  readonly number?: number;
  readonly signals: TaskSignals;
}

/** A candidate with its estimate and the reasons it is suggested, as the UI shows it. */
export interface Task extends TaskCandidate {
  readonly kind: TaskKind;
  /** Calibrated to the user's pace: what the UI shows. */
  readonly estimateMinutes: number;
  /** The same before calibration. A finished task records this one next to its actual minutes (see core/calibration). */
  readonly baseEstimateMinutes: number;
  /** True when the work does not fit one sitting (e.g. a PR over ~500 lines); shown, not hidden. */
  readonly tooBigForOneSitting: boolean;
  /** Plain-text sentences for the tooltip: why this, why now. */
  readonly reasons: readonly string[];
  readonly score: number;
  /**
   * Set when the item is shown but not offered as a task: it waits on other work (a release, an upstream fix), is
   * disabled on purpose (a benchmark, a flaky-infrastructure test) or is an open-ended design note. Such items rank
   * after every offered task, sit in their own group, and no quick pick, nudge or "I Have N Minutes…" offers them.
   */
  readonly parked?: ParkedReason;
}

export type ParkedReason = 'waiting' | 'onPurpose' | 'vague';
