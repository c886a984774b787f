/**
 * Function-level test gaps: in a source file that HAS tests, a public function with real logic that no test file
 * names at all. The file's tests are evidence that the team tests this code by calling it; a function none of them
 * names (in code, strings or comments, nor by a command name it is registered under) is the part they have not
 * reached directly. Pure: the caller reads the files (bounded) and feeds their text.
 */
import type { CallableFunction } from './callableFunctions';
import type { SourceLanguage } from './testFileMatch';
import { languageOf } from './testFileMatch';

/** Below this many lines of logic a function is a getter, a setter or a one-liner: not worth a task of its own (a
 * five-line `unsubscribe` with two decisions is, and makes a ten-minute task). */
export const MIN_FUNCTION_LOGIC_LINES = 5;
/** Fewer decision points than this and one happy-path call tests it (a test of any caller likely does). */
export const MIN_FUNCTION_BRANCHES = 2;
/** A file gives at most this many function tasks (its weightiest): more would crowd out other files and kinds. */
export const MAX_FUNCTIONS_PER_FILE = 3;

/** How much there is to test in a function: its lines plus three per decision point (chooseTestScope's weight). */
export function functionWeight(fn: { readonly logicLines: number; readonly branches: number }): number {
  return fn.logicLines + 3 * fn.branches;
}

/**
 * The functions with enough logic for a task of their own, weightiest first (then in file order); of overloads (the
 * same name twice in a file), only the weightiest: one task per name.
 */
export function functionsWorthATest(functions: readonly CallableFunction[]): CallableFunction[] {
  const seen = new Set<string>();
  return functions
    .filter((fn) => fn.logicLines >= MIN_FUNCTION_LOGIC_LINES && fn.branches >= MIN_FUNCTION_BRANCHES)
    .sort((a, b) => functionWeight(b) - functionWeight(a) || a.line - b.line)
    .filter((fn) => !seen.has(fn.displayName) && seen.add(fn.displayName));
}

/** Files a word or phrase is recorded in, at most: enough to tell which test file names most of a file's functions. */
const MAX_FILES_PER_WORD = 256;

/** The words to look for in the tests for `fn`: its bare name and its aliases. */
export function searchWords(fn: CallableFunction): string[] {
  return [fn.bareName, ...fn.aliases];
}

/** A public function named in a test shows the tests call the file's functions by name; a shorter name may be chance. */
export const MIN_SIBLING_CHARS = 4;
/** Names too common in tests to show that they call this file's functions: any Rack app has `call`, any client `get`. */
const COMMON_NAMES = new Set([
  'call', 'run', 'get', 'set', 'post', 'put', 'head', 'delete', 'patch', 'open', 'close', 'read', 'write', 'send', 'each',
  'init', 'load', 'save', 'start', 'stop', 'next', 'push', 'pop', 'clear', 'reset', 'build', 'apply', 'handle',
  'process', 'execute', 'invoke', 'create', 'update', 'value', 'name', 'type', 'data', 'size', 'length', 'count',
  'string', 'format', 'print', 'match', 'find', 'list', 'keys', 'values', 'items', 'add', 'remove', 'test', 'check',
]);

/** What the tests say about one file's functions (judgeFunctions). */
export interface FunctionsJudged {
  /** The functions worth a test that no test names, quotes or calls through an alias, weightiest first. */
  readonly untested: CallableFunction[];
  /** Of its public functions, how many a test names. */
  readonly named: number;
  readonly of: number;
  /** The test file that names the most of its distinctive function and type names, and those names. */
  readonly bestTestFile: { readonly file: string; readonly names: readonly string[] };
}

/**
 * Judges one file's functions from what the tests mention (`search` was fed every test file, with every callable
 * function's bare name and owner, and the aliases and messages of those worth a test). A function is untested when
 * no test names it, an alias of it or quotes one of its messages, while the tests do name its type (a method of a
 * type no test names is inner machinery, reached through the outer API). And the file's tests must call its code by
 * name, which is what makes a missing name mean something: some test names another of its public functions, or one
 * of its types, by a distinctive name. Undefined when none does. `preferred` (the file's test by name, import…) wins
 * a tie for the test file shown.
 */
export function judgeFunctions(callable: readonly CallableFunction[], worth: readonly CallableFunction[], search: WordSearch, preferred?: string): FunctionsJudged | undefined {
  const mentioned = (word: string) => search.mentionedIn(word) !== undefined;
  const untested = worth.filter((fn) => !searchWords(fn).some(mentioned) && !fn.messages.some(mentioned) && (fn.owner === undefined || mentioned(fn.owner)));
  const named = callable.filter((fn) => !untested.includes(fn) && mentioned(fn.bareName));
  const distinctive = new Set([...named.map((fn) => fn.bareName), ...callable.flatMap((fn) => (fn.owner && mentioned(fn.owner) ? [fn.owner] : []))]
    .filter((name) => name.length >= MIN_SIBLING_CHARS && !COMMON_NAMES.has(name.toLowerCase())));
  const perFile = new Map<string, string[]>();
  for (const name of distinctive) {
    for (const file of search.filesMentioning(name)) {
      const names = perFile.get(file);
      if (names) names.push(name);
      else perFile.set(file, [name]);
    }
  }
  let best: { file: string; names: string[] } | undefined;
  for (const [file, names] of perFile) {
    if (!best || names.length > best.names.length || (names.length === best.names.length && file === preferred)) best = { file, names };
  }
  if (!best) return undefined;
  return { untested, named: named.length, of: callable.length, bestTestFile: { file: best.file, names: [...best.names].sort((a, b) => b.length - a.length || a.localeCompare(b)) } };
}

/** Languages whose tests call each other's code by name: a JS test names a TS function, a Kotlin test a Java one. */
export type LanguageFamily = 'js' | 'python' | 'go' | 'jvm' | 'rust' | 'c' | 'csharp' | 'ruby' | 'php' | 'swift';

export function familyOf(language: SourceLanguage): LanguageFamily {
  switch (language) {
    case 'ts': return 'js';
    case 'java': case 'kotlin': case 'scala': return 'jvm';
    case 'cpp': return 'c';
    default: return language;
  }
}

/**
 * Whether tests in `testFile` would call `source`'s functions by name: a test in the same language family. Tcl suites
 * for a C server or shell scripts for a CLI drive the code from outside, so a function they never name says nothing.
 */
export function testsCallByName(source: string, testFile: string | undefined): boolean {
  const sourceLanguage = languageOf(source);
  if (!sourceLanguage) return false;
  if (testFile === undefined) return true;
  const testLanguage = languageOf(testFile);
  return testLanguage !== undefined && familyOf(testLanguage) === familyOf(sourceLanguage);
}

/**
 * Which of a set of words some text mentions as a whole word (letters, digits and `_`: `$` parts a JS name, so
 * `lib$subscribe` counts for `subscribe`, the careful reading), and which of a
 * set of phrases it contains, anywhere: code, strings and comments alike, so a test that calls a function through
 * reflection, `send(:name)`, a command line (`["routes"]`) or only names it in a comment still counts, and so does one
 * that quotes its message. Feed every test file's text, then ask.
 */
export class WordSearch {
  private readonly words: Set<string>;
  private readonly phrases: Set<string>;
  /** Each word or phrase found → the files that mention it, in the order fed (at most MAX_FILES_PER_WORD). */
  private readonly found = new Map<string, string[]>();
  private wordPattern: RegExp | undefined | null;
  private phrasePattern: RegExp | undefined | null;
  private textsRead = 0;

  constructor(words: Iterable<string>, phrases: Iterable<string> = []) {
    this.words = new Set([...words].filter((word) => word.length > 0));
    this.phrases = new Set([...phrases].filter((phrase) => phrase.length > 0 && !this.words.has(phrase)));
  }

  /** Files fed so far. */
  get filesRead(): number {
    return this.textsRead;
  }


  /** Searches one file's text (`file` names it in the answer). */
  add(file: string, text: string): void {
    this.textsRead++;
    // Two passes, so that a phrase never hides a word inside it (or the reverse).
    if (this.scan(file, text, (this.wordPattern ??= this.compile(this.words, true)))) this.wordPattern = undefined;
    if (this.scan(file, text, (this.phrasePattern ??= this.compile(this.phrases, false)))) this.phrasePattern = undefined;
  }

  /** The first file that mentions `word` (or contains the phrase), or undefined when none of those fed does. */
  mentionedIn(word: string): string | undefined {
    return this.found.get(word)?.[0];
  }

  /** The files that mention `word` (the first MAX_FILES_PER_WORD of them). */
  filesMentioning(word: string): readonly string[] {
    return this.found.get(word) ?? [];
  }

  /** Records what `pattern` finds in `text`; true when a word reached its file cap (the pattern is then out of date). */
  private scan(file: string, text: string, pattern: RegExp | null): boolean {
    if (!pattern) return false;
    pattern.lastIndex = 0;
    let full = false;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const files = this.found.get(match[0]);
      if (!files) this.found.set(match[0], [file]);
      else if (files[files.length - 1] !== file && files.length < MAX_FILES_PER_WORD) {
        files.push(file);
        full ||= files.length === MAX_FILES_PER_WORD;
      }
    }
    return full;
  }

  /** One pattern for what is still looked for in `set`, longest first; null when nothing is left to look for. */
  private compile(set: ReadonlySet<string>, wholeWords: boolean): RegExp | null {
    const left = [...set].filter((word) => (this.found.get(word)?.length ?? 0) < MAX_FILES_PER_WORD).sort((a, b) => b.length - a.length);
    if (left.length === 0) return null;
    const escaped = left.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    return new RegExp(wholeWords ? `(?<!\\w)(?:${escaped})(?!\\w)` : escaped, 'g');
  }
}

/**
 * The part of a Rust file with inline tests that is test code: from its first `#[cfg(test)]` or `#[test]` on (the
 * code above it holds the definitions, which would otherwise name every function). Empty when there is none.
 */
export function inlineTestPart(text: string): string {
  const at = text.search(/^[ \t]*#\[(?:cfg\((?:all\()?test|(?:[a-z_]+::)?test\b)/m);
  return at < 0 ? '' : text.slice(at);
}
