/**
 * Function-level test gaps (core/untestedFunctions.ts) from the work tree: of the riskiest source files changed in the
 * window that HAVE tests, the public functions with real logic that no test file names. Reads at most
 * MAX_FUNCTION_FILES source files a scan (their first MAX_SOURCE_CHARS), and the test files' text (bounded by
 * MAX_TEST_TEXT_CHARS) only when some function is worth a look; each file's verdict is kept for the next refresh, like
 * the file-level verdicts (untestedSources.ts). Node only.
 */
import * as path from 'node:path';
import { callableFunctions, type CallableFunction } from '../../core/callableFunctions';
import { sourceShape, type SourceShape } from '../../core/sourceShape';
import type { CodeSize, FixCommitRef, PublicFunctionsNamed, TaskCandidate, TestEvidence } from '../../core/tasks';
import { untestedFunctionValue } from '../../core/taskValue';
import { languageOf, type TestFileIndex } from '../../core/testFileMatch';
import { functionsWorthATest, inlineTestPart, judgeFunctions, MAX_FUNCTIONS_PER_FILE, testsCallByName, WordSearch } from '../../core/untestedFunctions';
import { isProsePath } from '../../core/todoJudgement';
import type { GitGateway } from '../gitProcess';
import { grepTracked } from './grep';
import { readTextsInTurns, readTextSync } from './readTexts';
import { MAX_TEST_FILE_CHARS, MAX_TEST_TEXT_CHARS } from './testFiles';
import { sanitizeTitle } from './text';
import { MAX_SOURCE_CHARS } from './untestedSources';

/** Source files read per scan at most, riskiest first: the tasks come from the riskiest few anyway. */
export const MAX_FUNCTION_FILES = 60;
/** Function tasks per repository at most: they complement the other kinds, never bury them. */
export const MAX_FUNCTION_TASKS = 10;

export interface UntestedFunction {
  readonly name: string;
  readonly bareName: string;
  readonly line: number;
  readonly endLine: number;
  readonly logicLines: number;
  readonly branches: number;
}

/** A tested file's functions no test names (none: an empty list), or null when the file is not a candidate at all. */
export interface FunctionVerdict {
  readonly evidence: TestEvidence;
  readonly fileSize: CodeSize;
  readonly functions: readonly UntestedFunction[];
  readonly testFilesSearched: number;
  /** How many of the file's public functions the tests name, and one of them with a test that names it. */
  readonly publicFunctions: PublicFunctionsNamed;
}

/** Per file: plain JSON, reused while HEAD and the work tree are unchanged. */
export type FunctionVerdicts = Map<string, FunctionVerdict | null>;

export interface ChangedFile {
  readonly file: string;
  readonly churn: number;
  readonly fixCommits: number;
  readonly fixes?: readonly FixCommitRef[];
}

export interface FunctionGapInputs {
  readonly git: GitGateway;
  readonly repoRoot: string;
  readonly index: TestFileIndex;
  /** Every tracked path, for the header of a C or C++ source. */
  readonly tracked: ReadonlySet<string>;
  /** What shows the file is tested (untestedSources.ts UntestedSourceJudge.testedBy). */
  readonly testedBy: (file: string, shape: SourceShape) => Promise<TestEvidence | undefined>;
  readonly cached?: ReadonlyMap<string, FunctionVerdict | null>;
  readonly signal?: AbortSignal;
  readonly maxFiles?: number;
  readonly maxTestChars?: number;
}

/**
 * The function-level test gaps among `files` (sources changed in the window that have no file-level gap, riskiest
 * first): at most MAX_FUNCTIONS_PER_FILE per file and MAX_FUNCTION_TASKS in all, the most valuable.
 */
export async function untestedFunctionCandidates(files: readonly ChangedFile[], inputs: FunctionGapInputs): Promise<{ candidates: TaskCandidate[]; verdicts: FunctionVerdicts }> {
  const verdicts: FunctionVerdicts = new Map();
  const considered = files.slice(0, inputs.maxFiles ?? MAX_FUNCTION_FILES);
  const fresh = considered.filter(({ file }) => {
    const known = inputs.cached?.get(file);
    if (known !== undefined) verdicts.set(file, known);
    return known === undefined;
  });
  const pending = await functionsToLookFor(fresh.map((f) => f.file), inputs, verdicts);
  const judgedFiles: Array<{ pending: Pending; judged: NonNullable<ReturnType<typeof judgeFunctions>>; testFilesSearched: number }> = [];
  if (pending.length > 0) {
    const words = new WordSearch(
      pending.flatMap((p) => [...p.callable.flatMap((fn) => [fn.bareName, ...(fn.owner ? [fn.owner] : [])]), ...p.worth.flatMap((fn) => fn.aliases)]),
      pending.flatMap((p) => p.worth.flatMap((fn) => fn.messages)),
    );
    const complete = await searchTests(words, inputs);
    for (const { file, evidence, fileSize, callable, worth } of pending) {
      const judged = judgeFunctions(callable, worth, words, 'testFile' in evidence ? evidence.testFile : undefined);
      // With some test text unread, "no test names it" would be a guess: no claim.
      if (!complete || !judged) {
        verdicts.set(file, null);
        continue;
      }
      judgedFiles.push({ pending: { file, evidence, fileSize, callable, worth }, judged, testFilesSearched: words.filesRead });
    }
  }
  // A function other code calls is exercised through its callers' tests (a wrapper, a constructor, a builtin behind
  // a scripting language): only one nothing in the repository calls is untested public API.
  const called = await calledFromCode(judgedFiles.flatMap(({ pending: p, judged }) => judged.untested.map((fn) => ({ file: p.file, fn, definitions: p.callable }))), inputs);
  for (const { pending: { file, evidence, fileSize }, judged, testFilesSearched } of judgedFiles) {
    const best = judged.bestTestFile;
    const uncalled = called ? judged.untested.filter((fn) => !called.has(`${file}\0${fn.bareName}`)) : [];
    verdicts.set(file, {
      evidence, fileSize, testFilesSearched,
      publicFunctions: { named: judged.named, of: judged.of, testFile: best.file, namedThere: best.names.length, examples: best.names.slice(0, 3) },
      functions: uncalled.slice(0, MAX_FUNCTIONS_PER_FILE).map((fn) => ({ name: fn.displayName, bareName: fn.bareName, line: fn.line, endLine: fn.endLine, logicLines: fn.logicLines, branches: fn.branches })),
    });
  }
  const candidates: TaskCandidate[] = [];
  for (const changed of considered) {
    const verdict = verdicts.get(changed.file);
    for (const fn of verdict?.functions ?? []) candidates.push(functionCandidate(inputs.repoRoot, changed, verdict!, fn));
  }
  const value = (c: TaskCandidate) => (c.signals.kind === 'testGap' ? untestedFunctionValue(c.signals) : 0);
  candidates.sort((a, b) => value(b) - value(a) || a.id.localeCompare(b.id));
  return { candidates: candidates.slice(0, MAX_FUNCTION_TASKS), verdicts };
}

interface Pending {
  readonly file: string;
  readonly evidence: TestEvidence;
  readonly fileSize: CodeSize;
  /** Every function a test can call by name. */
  readonly callable: readonly CallableFunction[];
  /** Those with enough logic for a task, weightiest first. */
  readonly worth: readonly CallableFunction[];
}

/** Reads `files` and keeps those that are tested by name-calling tests and have public functions worth a test. */
async function functionsToLookFor(files: readonly string[], inputs: FunctionGapInputs, verdicts: FunctionVerdicts): Promise<Pending[]> {
  const read: Array<{ file: string; shape: SourceShape; callable: CallableFunction[]; worth: CallableFunction[] }> = [];
  await readTextsInTurns(files, (file) => `${inputs.repoRoot}${path.sep}${file}`, MAX_SOURCE_CHARS, (file, text) => {
    const language = languageOf(file);
    if (text === undefined || !language) {
      verdicts.set(file, null);
      return;
    }
    const shape = sourceShape(text, language);
    const headerText = language === 'c' || language === 'cpp' ? headerOf(file, inputs) : undefined;
    const callable = callableFunctions(file, text, language, shape, headerText === undefined ? {} : { headerText });
    const worth = functionsWorthATest(callable);
    if (worth.length === 0) verdicts.set(file, null);
    else read.push({ file, shape, callable, worth });
  }, inputs.signal);
  const pending: Pending[] = [];
  for (const { file, shape, callable, worth } of read) {
    const evidence = await inputs.testedBy(file, shape);
    const byName = evidence !== undefined && evidence.kind !== 'coverage' && testsCallByName(file, 'testFile' in evidence ? evidence.testFile : undefined);
    if (!byName) verdicts.set(file, null);
    else pending.push({ file, evidence, callable, worth, fileSize: { logicLines: shape.logicLines, functions: shape.functions.length, branches: shape.branches } });
  }
  return pending;
}

/**
 * Feeds every test file's whole text (Rust: the test part of files with inline tests too) to `words`. False when the text went past the budget or the scan was aborted: then nothing may be claimed.
 */
async function searchTests(words: WordSearch, inputs: FunctionGapInputs): Promise<boolean> {
  let budget = inputs.maxTestChars ?? MAX_TEST_TEXT_CHARS;
  let complete = true;
  const inline = new Set(inputs.index.inlineTestFiles());
  const files = [...inputs.index.testFiles().filter((file) => !inline.has(file)), ...inline];
  await readTextsInTurns(files, (file) => `${inputs.repoRoot}${path.sep}${file}`, MAX_TEST_FILE_CHARS, (file, text) => {
    if (text === undefined) return true; // gone from the work tree: not a test any more
    budget -= text.length;
    if (budget < 0) {
      complete = false;
      return false;
    }
    words.add(file, inline.has(file) ? inlineTestPart(text) : text);
    return true;
  }, inputs.signal);
  return complete && !inputs.signal?.aborted;
}

/**
 * Which of the `functions` (untested by name) something in the repository's code calls: `file\0bareName` keys. One
 * `git grep -w -F` for all their names over the tracked files; a hit counts in any file but tests (they were searched
 * already), prose, and the function's own header, and in its own file on any line but a definition of that name.
 * Undefined when the grep failed: then no function may be claimed uncalled.
 */
async function calledFromCode(functions: ReadonlyArray<{ file: string; fn: CallableFunction; definitions: readonly CallableFunction[] }>, inputs: FunctionGapInputs): Promise<Set<string> | undefined> {
  const called = new Set<string>();
  if (functions.length === 0) return called;
  const byName = new Map<string, Array<{ file: string; definitionLines: Set<number> }>>();
  for (const { file, fn, definitions } of functions) {
    const lines = new Set(definitions.filter((d) => d.bareName === fn.bareName).map((d) => d.line));
    byName.set(fn.bareName, [...(byName.get(fn.bareName) ?? []), { file, definitionLines: lines }]);
  }
  const headerStem = (file: string) => file.replace(/\.[^./]+$/, '');
  try {
    await grepTracked(inputs.git, inputs.repoRoot, [...byName.keys()], [], Number.MAX_SAFE_INTEGER, (hit) => {
      if (inputs.index.isTest(hit.path) || isProsePath(hit.path)) return false;
      for (const word of hit.text.match(IDENTIFIERS) ?? []) {
        for (const owner of byName.get(word) ?? []) {
          const ownFile = hit.path === owner.file;
          const ownHeader = !ownFile && headerStem(hit.path) === headerStem(owner.file) && /\.(?:h|hh|hpp|hxx)$/.test(hit.path);
          // Its own definition line, or its declaration in its own header, is no call.
          if ((ownFile && !owner.definitionLines.has(hit.line)) || (!ownFile && !ownHeader)) called.add(`${owner.file}\0${word}`);
        }
      }
      return false;
    }, { fixedStrings: true, wholeWords: true, signal: inputs.signal });
  } catch {
    return undefined;
  }
  return called;
}

const IDENTIFIERS = /[A-Za-z_$][\w$]*/g;

const HEADER_EXTENSIONS = ['.h', '.hpp', '.hh', '.hxx'];

/** The text of a C or C++ source's header (the same stem, beside it), or undefined. */
function headerOf(file: string, inputs: FunctionGapInputs): string | undefined {
  if (HEADER_EXTENSIONS.some((ext) => file.endsWith(ext))) return undefined;
  const dir = file.slice(0, file.lastIndexOf('/') + 1);
  const stem = file.slice(dir.length).replace(/\.[^.]+$/, '');
  for (const ext of HEADER_EXTENSIONS) {
    const beside = `${dir}${stem}${ext}`;
    if (inputs.tracked.has(beside)) return readTextSync(`${inputs.repoRoot}${path.sep}${beside}`, MAX_SOURCE_CHARS);
  }
  return undefined;
}

function functionCandidate(repoRoot: string, changed: ChangedFile, verdict: FunctionVerdict, fn: UntestedFunction): TaskCandidate {
  return {
    id: `testGap:${repoRoot}:${changed.file}#${fn.name}`,
    title: sanitizeTitle(`Add a test for ${fn.name} (${changed.file})`),
    repo: repoRoot,
    location: { file: path.join(repoRoot, changed.file), line: fn.line, ...(fn.endLine > fn.line ? { endLine: fn.endLine } : {}) },
    signals: {
      kind: 'testGap', uncoveredLines: 0, uncoveredShare: undefined, churn: changed.churn, fixCommits: changed.fixCommits,
      ...(changed.fixes ? { fixes: changed.fixes } : {}), hasTestFile: true, testEvidence: verdict.evidence,
      functionName: fn.name, scope: { logicLines: fn.logicLines, functions: 1, branches: fn.branches }, fileSize: verdict.fileSize,
      untestedFunction: { name: fn.name, bareName: fn.bareName, line: fn.line, endLine: fn.endLine, testFilesSearched: verdict.testFilesSearched, publicFunctions: verdict.publicFunctions },
    },
  };
}
