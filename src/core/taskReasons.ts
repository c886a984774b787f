/**
 * The tooltip's "why this, why now" sentences, one function per kind.
 * English literals for now, deliberately kept together here: when the UI is localised, these
 * functions become the one place that returns message keys and arguments instead of text.
 */
import type { Estimate } from './estimate';
import { sizeFromLabels } from './estimate';
import type { BugSignals, ReviewSignals, SkippedTestSignals, TaskCandidate, TestEvidence, TestEvidenceKind, TestGapSignals, TodoSignals, UntestedFunctionRef } from './tasks';

export interface ReasonFacts {
  readonly estimate: Estimate;
  /** The calibration factor applied to this kind; 1 when uncalibrated. */
  readonly calibrationFactor: number;
  /** Whole days since the thing was created or last changed, for bugs (skipped tests and TODOs carry their own). */
  readonly ageDays: number;
  /** Reviews only: working days waited so far. */
  readonly waitingWorkingDays: number;
  /** Reviews only: waited more than a working day with no review from anyone. */
  readonly unblock: boolean;
}

export function taskReasons(candidate: TaskCandidate, facts: ReasonFacts): string[] {
  const s = candidate.signals;
  const reasons =
    s.kind === 'review' ? reviewReasons(s, facts)
    : s.kind === 'bug' ? bugReasons(s, facts)
    : s.kind === 'testGap' ? testGapReasons(s, candidate, facts)
    : s.kind === 'skippedTest' ? skippedTestReasons(s)
    : todoReasons(s);
  if (Math.abs(facts.calibrationFactor - 1) >= 0.05) {
    reasons.push(`Estimate adjusted to your pace on past tasks (×${facts.calibrationFactor.toFixed(1)})`);
  }
  return reasons;
}

export function reviewReasons(s: ReviewSignals, facts: ReasonFacts): string[] {
  const days = facts.waitingWorkingDays;
  const reasons = [
    days >= 1 ? `Waiting ${plural(days, 'working day')} for review` : 'Waiting less than a working day for review',
    `+${s.additions} −${s.deletions} lines, ~${facts.estimate.minutes} min`,
  ];
  if (facts.unblock) reasons.push('No review yet: someone is blocked on it');
  if (s.viaTeam) reasons.push('Requested from your team');
  if (facts.estimate.tooBigForOneSitting) reasons.push('Too big for one sitting: review it in parts');
  return reasons;
}

export function bugReasons(s: BugSignals, facts: ReasonFacts): string[] {
  const size = sizeFromLabels(s.labels);
  const reasons = [
    `${s.assignees.length > 0 ? 'Assigned to you' : 'Nobody assigned'}, open ${plural(facts.ageDays, 'day')}`,
    `${size ? `Labelled size ${size}` : 'No size label'}, ~${facts.estimate.minutes} min`,
    `${s.bodyLength < 300 ? 'Short description' : s.bodyLength > 1500 ? 'Long description' : 'Description of medium length'}, ${plural(s.comments, 'comment')}`,
  ];
  if (facts.estimate.tooBigForOneSitting) reasons.push('Probably more than one sitting');
  return reasons;
}

export function testGapReasons(s: TestGapSignals, candidate: TaskCandidate, facts: ReasonFacts): string[] {
  if (s.regressionFor) return regressionReasons(s, facts);
  if (s.untestedFunction) return untestedFunctionReasons(s, s.untestedFunction, facts);
  const reasons: string[] = [];
  const where = candidate.location;
  if (s.uncoveredLines > 0 && where?.endLine !== undefined && where.endLine > where.line) reasons.push(`Lines ${where.line}–${where.endLine} uncovered`);
  else if (s.uncoveredLines > 0 && where) reasons.push(s.uncoveredLines === 1 ? `Line ${where.line} uncovered` : `${s.uncoveredLines} uncovered lines from line ${where.line}`);
  else if (s.uncoveredLines > 0) reasons.push(`${plural(s.uncoveredLines, 'line')} uncovered`);
  if (s.churn > 0) {
    const fixes = s.fixCommits === 0 ? '' : s.fixCommits === 1 ? ', 1 of them a fix' : `, ${s.fixCommits} of them fixes`;
    reasons.push(`Changed in ${plural(s.churn, 'commit')}${fixes}${namedFixes(s)}`);
  }
  if (s.uncoveredShare !== undefined) reasons.push(`${Math.round(s.uncoveredShare * 100)}% of the file uncovered`);
  if (s.testEvidence) reasons.push(`Has tests: ${describeEvidence(s.testEvidence)}`);
  else if (s.evidenceChecked?.length) reasons.push(`No test found: ${s.evidenceChecked.map((kind) => NOT_FOUND[kind]).join(', ')}`);
  else if (!s.hasTestFile) reasons.push('No test file yet');
  if (s.scope) reasons.push(sizeReason(s));
  if (facts.estimate.tooBigForOneSitting) reasons.push('Too big for one sitting: test part of it');
  return reasons;
}

/** A public function no test names, in a tested file: what was searched, the file's tests, its history and size. */
function untestedFunctionReasons(s: TestGapSignals, fn: UntestedFunctionRef, facts: ReasonFacts): string[] {
  const reasons = [
    `No test file names ${fn.bareName}: ${plural(fn.testFilesSearched, 'test file')} searched (code, strings and comments)`,
    `Nothing else in the repository calls it either: no test reaches it through a caller`,
  ];
  const named = fn.publicFunctions;
  if (named) {
    const more = named.namedThere > named.examples.length ? ` and ${named.namedThere - named.examples.length} more` : '';
    const share = named.named > 0 ? `; ${named.named} of its ${plural(named.of, 'public function')} ${named.named === 1 ? 'is' : 'are'} named in tests` : '';
    reasons.push(`Its file has tests: ${named.testFile} names ${list(named.examples)}${more}${share}`);
  } else if (s.testEvidence) reasons.push(`Its file has tests: ${describeEvidence(s.testEvidence)}`);
  if (s.churn > 0) {
    const fixes = s.fixCommits === 0 ? '' : s.fixCommits === 1 ? ', 1 of them a fix' : `, ${s.fixCommits} of them fixes`;
    reasons.push(`File changed in ${plural(s.churn, 'commit')}${fixes}${namedFixes(s)}`);
  }
  if (s.scope) reasons.push(sizeReason(s));
  if (facts.estimate.tooBigForOneSitting) reasons.push('Too big for one sitting: test part of it');
  return reasons;
}

/** A fix that came without a test: what it changed, what was checked, and where a test would go. */
export function regressionReasons(s: TestGapSignals, facts: ReasonFacts): string[] {
  const fix = s.regressionFor!;
  const lines = plural(fix.changedLines, 'line');
  const changed = s.functionName ? `${lines} in ${s.functionName}` : lines;
  const reasons = [
    `${fix.hash.slice(0, 7)} ${shortSubject(fix.subject)} (${ago(fix.ageDays)}) changed ${fix.file} (${changed}) and no test file`,
    `No later commit changed a test together with ${fix.file}`,
  ];
  if (fix.otherFiles?.length) {
    const more = fix.otherFiles.length > 3 ? ` and ${fix.otherFiles.length - 3} more` : '';
    reasons.push(`The fix also changed ${fix.otherFiles.slice(0, 3).join(', ')}${more}`);
  }
  if (fix.earlier?.length) reasons.push(`Fixed here before without a test: ${fix.earlier.map((f) => `${f.hash.slice(0, 7)} ${shortSubject(f.subject)}`).join('; ')}`);
  if (s.testEvidence) reasons.push(`The file has tests: ${describeEvidence(s.testEvidence)}`);
  if (s.functionName && s.scope) reasons.push(`${s.functionName}: ${plural(s.scope.logicLines, 'line')} of logic, ${plural(s.scope.branches, 'branch', 'branches')}`);
  if (s.churn > 0) reasons.push(`File changed in ${plural(s.churn, 'commit')} of the history window, ${s.fixCommits === 1 ? '1 of them a fix' : `${s.fixCommits} of them fixes`}`);
  if (facts.estimate.tooBigForOneSitting) reasons.push('Too big for one sitting: start with the case the fix names');
  return reasons;
}

/** "None named for it, none imports it…": what each kind of evidence looked for and did not find. */
const NOT_FOUND: Readonly<Record<TestEvidenceKind, string>> = {
  name: 'none named for it',
  inline: 'no tests inside it',
  import: 'none imports it',
  reference: 'none uses what it declares',
  coChange: 'none changed with it',
  coverage: 'no coverage report covers it',
};

export function describeEvidence(e: TestEvidence): string {
  switch (e.kind) {
    case 'name': return `${e.testFile} is named for it`;
    case 'inline': return 'tests inside the file';
    case 'import': return `${e.testFile} imports it`;
    case 'reference': return `${e.testFile} uses ${e.name}`;
    case 'coChange': return e.commits === 1 ? `changed in a commit with ${e.testFile}` : `changed with tests in ${plural(e.commits, 'commit')}, ${e.testFile} most often`;
    case 'coverage': return 'a coverage report covers it';
  }
}

function sizeReason(s: TestGapSignals): string {
  const scope = s.scope!;
  const size = `${plural(scope.logicLines, 'line')} of logic, ${plural(scope.branches, 'branch', 'branches')}`;
  if (s.functionName && s.fileSize) {
    return `${s.functionName}: ${size}; the file has ${plural(s.fileSize.logicLines, 'line')} of logic in ${plural(s.fileSize.functions, 'function')}`;
  }
  return `${size} in ${plural(scope.functions, 'function')}`;
}

/** Why a task is listed low comes first: it is the first thing to know about it (and the CLI's WHY column). */
export function skippedTestReasons(s: SkippedTestSignals): string[] {
  const reasons: string[] = [];
  if (s.waitsOn) reasons.push(`Waits for: ${s.waitsOn}; not actionable until then`);
  if (s.onPurpose) reasons.push(`Disabled on purpose (${s.onPurpose}): listed low`);
  reasons.push(s.ageUnknown ? `Skipped with ${s.marker}` : `Skipped with ${s.marker}, ${s.ageDays < 1 ? 'changed today' : `last changed ${ago(s.ageDays, s.ageAtLeast)}`}`);
  if (s.reason) reasons.push(s.reasonFrom === 'comment' ? `Comment: ${s.reason}` : `Reason: ${s.reason}`);
  if (s.testName) reasons.push(`Test: ${s.testName}`);
  reasons.push(...alsoHere(s.notes));
  if (s.alsoAt?.length) reasons.push(`Also at ${lines(s.alsoAt)}`);
  if (s.alsoIn?.length) reasons.push(alsoIn(s.alsoIn));
  if (s.fileChurn) reasons.push(`File changed in ${plural(s.fileChurn, 'commit')} of the history window`);
  return reasons;
}

export function todoReasons(s: TodoSignals): string[] {
  const reasons: string[] = [];
  if (s.waitsOn) reasons.push(`Waits for: ${s.waitsOn}; not actionable until then`);
  else if (s.vague) reasons.push('An open-ended design note, not a quick task');
  reasons.push(s.ageUnknown ? `${s.tag} comment` : s.ageDays < 1 ? `${s.tag} added today` : `${s.tag} from ${ago(s.ageDays, s.ageAtLeast)}`);
  if (s.tag === 'FIXME' || s.tag === 'BUG') reasons.push('Marks a known defect');
  if (s.tag === 'HACK') reasons.push('Marks a shortcut to undo');
  reasons.push(...alsoHere(s.notes));
  if (s.alsoAt?.length) reasons.push(`Also at ${lines(s.alsoAt)}`);
  if (s.alsoIn?.length) reasons.push(alsoIn(s.alsoIn));
  if (s.fileChurn) reasons.push(`File changed in ${plural(s.fileChurn, 'commit')} of the history window`);
  if (s.inTooling) reasons.push('In build, CI or tool configuration, not the product code: listed lower');
  return reasons;
}

/** Up to three merged comments or skips, one sentence each, then how many more. */
function alsoHere(notes: readonly string[] | undefined): string[] {
  if (!notes?.length) return [];
  const shown = notes.slice(0, 3).map((note) => `Also here: ${note}`);
  return notes.length > 3 ? [...shown, `And ${notes.length - 3} more here`] : shown;
}

/** `Also in: a.rs:3`, `Also in: a.rs:3, b.rs:9 and c.rs:1`, `Also in: a.rs:3, b.rs:9, c.rs:1 and 2 more`. */
function alsoIn(places: readonly string[]): string {
  const shown = places.length > 4 ? [...places.slice(0, 3), `${places.length - 3} more`] : places;
  return `Also in: ${list(shown)}`;
}

/** `a`, `a and b`, `a, b and c`. */
function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `line 71`, `lines 71 and 90`, `lines 3, 9 and 12`. */
function lines(numbers: readonly number[]): string {
  if (numbers.length === 1) return `line ${numbers[0]}`;
  return `lines ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/** Longest fix subject shown in a reason; a tooltip line should stay readable. */
const FIX_SUBJECT_CHARS = 50;

/** A fix's subject cut to FIX_SUBJECT_CHARS. */
function shortSubject(subject: string): string {
  return subject.length > FIX_SUBJECT_CHARS ? `${subject.slice(0, FIX_SUBJECT_CHARS - 1).trimEnd()}…` : subject;
}

/** `: 1a2b3c4 Fix crash on empty invoice; 2b3c4d5 Fix …`, the fixes named (newest first), `; …` when some are not. */
function namedFixes(s: TestGapSignals): string {
  if (!s.fixes?.length || s.fixCommits === 0) return '';
  const named = s.fixes.map((f) => `${f.hash.slice(0, 7)} ${shortSubject(f.subject)}`);
  return `: ${named.join('; ')}${s.fixCommits > s.fixes.length ? '; …' : ''}`;
}

function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

/** `atLeast`: the age is a lower bound (older than the history read), so "over 180 days ago". */
function ago(days: number, atLeast = false): string {
  const whole = Math.max(0, Math.floor(days));
  if (atLeast) return `over ${whole < 365 ? plural(whole, 'day') : plural(Math.floor(whole / 365), 'year')} ago`;
  if (whole === 0) return 'today';
  if (whole < 365) return `${plural(whole, 'day')} ago`;
  return `${plural(Math.floor(whole / 365), 'year')} ago`;
}
