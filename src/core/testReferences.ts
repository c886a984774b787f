/**
 * What the test files refer to, read from their text, so a source file counts as tested when a test imports it or
 * uses what it declares, whatever the test is called. Pure: the caller reads the files (bounded) and feeds their text.
 *
 * Per language:
 * - JS/TS: relative `import … from`, `require()`, `import()`, `jest.mock()` specifiers, resolved against the tracked
 *   files with the usual extensions and `index` files (`./a.js` also finds `a.ts`).
 * - Python: `import a.b` and `from a.b import c` (relative ones too), resolved to `a/b.py`, `a/b/__init__.py` or
 *   `a/b/c.py` under any package root (the path's suffix).
 * - Ruby: `require 'rack/request'` (a suffix of a tracked `.rb` path) and `require_relative`.
 * - C/C++: `#include "x.h"` / `<lib/x.h>`, resolved beside the test or by path suffix; a source counts when its
 *   header (same stem) is included. PHP: `require`/`include` of a path.
 * - Type-per-file languages refer by name: Java, Kotlin and Scala tests use a type or top-level function of the
 *   source's package (same package, an import of it, a wildcard import, or a qualified use); PHP through their
 *   namespace or a `use`; C# and Swift by name anywhere (global usings and module imports make scopes unreliable).
 * - Go: a test file in the same folder (the same package, or its `_test` twin) uses a name the file declares.
 * Rust relies on inline tests, names and co-change instead.
 */
import { codeAndStrings, codeLines } from './codeText';
import { isTestFile, languageOf, type SourceLanguage } from './testFileMatch';

const JS_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
const IDENTIFIER = /[A-Za-z_$][\w$]*/g;
/** A PascalCase name of six characters or more: distinctive enough to stand for one type in a whole repository. */
const DISTINCT_TYPE_NAME = /^(?=.{6})(?:[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*|[A-Z][a-z0-9]+)$/;
/** `a.b.C`: a dotted chain of two or more names, starting at a name (not after a `.` or a name character). */
const QUALIFIED = /(?<![\w$.])[a-z_][\w$]*(?:\.[A-Za-z_][\w$]*)+/g;
/** Names too common to show that a test in the same folder (Go) or anywhere (Swift, C#) uses one particular file. */
const GENERIC_NAMES = new Set([
  'String', 'Error', 'Len', 'Less', 'Swap', 'Close', 'Read', 'Write', 'Reset', 'Get', 'Set', 'Init', 'init', 'main', 'Run',
  'run', 'Name', 'Type', 'Value', 'Key', 'Next', 'Format', 'Unwrap', 'Is', 'As', 'New', 'Equal', 'Hash', 'Copy', 'Clone',
  'toString', 'equals', 'hashCode', 'get', 'set', 'close', 'read', 'write', 'apply', 'invoke', 'create', 'build', 'value',
  'Test', 'Main', 'Default', 'Options', 'Config', 'Util', 'Utils', 'Helper', 'Helpers', 'Base', 'Common', 'Constants',
]);

/** How a test refers to a source. */
export interface TestReference {
  readonly testFile: string;
  /** The declared name the test uses, for reference evidence; absent for an import. */
  readonly name?: string;
}

/** What a source declares, from its text (sourceShape.ts): for the by-name languages. */
export interface Declarations {
  readonly packageName?: string;
  readonly names: readonly string[];
}

type Family = 'jvm' | 'csharp' | 'php' | 'swift' | 'go';

function familyOf(language: SourceLanguage): Family | undefined {
  switch (language) {
    case 'java': case 'kotlin': case 'scala': return 'jvm';
    case 'csharp': return 'csharp';
    case 'php': return 'php';
    case 'swift': return 'swift';
    case 'go': return 'go';
    default: return undefined;
  }
}

/** True when a test file in `language` is worth reading for references (Rust is not). */
export function readsReferences(language: SourceLanguage): boolean {
  return language !== 'rust';
}

export class TestReferenceIndex {
  private readonly tracked: ReadonlySet<string>;
  /** Tracked files by lower-cased name, for suffix resolution; built on first use (JS/TS imports never need it). */
  private byNameIndex: Map<string, string[]> | undefined;
  private readonly tests: string[] = [];
  /** Repository path a test imports → the first such test (index into `tests`). */
  private readonly imported = new Map<string, number>();
  /** `family:scope` (a package, a namespace, a folder, or '' for everywhere) → name → the first test that uses the
   *  name where the scope is visible. */
  private readonly scoped = new Map<string, Map<string, number>>();
  /** `family:a.b.Name` → the first test that imports or writes out that qualified name. */
  private readonly qualifiedUses = new Map<string, number>();
  /** Type-like names (DISTINCT_TYPE_NAME) in Java, Kotlin and Scala tests, whatever their package → the first test. */
  private readonly jvmTypeNames = new Map<string, number>();
  /** Imported files whose own imports were handed out to read (importedToFollow). */
  private readonly followed = new Set<string>();
  private bytesRead = 0;
  private filesRead = 0;

  constructor(tracked: Iterable<string>) {
    this.tracked = tracked instanceof Set ? tracked : new Set(tracked);
  }

  private get byName(): Map<string, string[]> {
    if (!this.byNameIndex) {
      this.byNameIndex = new Map();
      for (const file of this.tracked) {
        const name = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
        const list = this.byNameIndex.get(name);
        if (list) list.push(file);
        else this.byNameIndex.set(name, [file]);
      }
    }
    return this.byNameIndex;
  }

  /** Test files read so far, and their total size in characters. */
  get read(): { readonly files: number; readonly chars: number } {
    return { files: this.filesRead, chars: this.bytesRead };
  }

  /** Adds one test file's text (`file` repository-relative). */
  add(file: string, text: string): void {
    const language = languageOf(file);
    if (!language || !readsReferences(language)) return;
    const id = this.tests.push(file) - 1;
    this.filesRead++;
    this.bytesRead += text.length;
    const dir = file.slice(0, Math.max(0, file.lastIndexOf('/')));
    const imported = (target: string) => {
      if (!this.imported.has(target)) this.imported.set(target, id);
    };
    // A file without the keyword imports nothing: it is not scanned for imports at all.
    const has = (...words: string[]) => words.some((word) => text.includes(word));
    switch (language) {
      case 'js': case 'ts':
        if (has('require', 'import', 'from', 'mock(')) for (const spec of jsSpecifiers(text, language)) this.resolveJs(dir, spec).forEach(imported);
        break;
      case 'python': if (has('import')) for (const module of pythonModules(text, dir)) this.resolvePython(module).forEach(imported); break;
      case 'ruby': if (has('require', 'load')) for (const r of rubyRequires(text)) this.resolveRuby(dir, r).forEach(imported); break;
      case 'c': case 'cpp': for (const inc of includes(text)) this.resolveInclude(dir, inc).forEach(imported); break;
      case 'php': if (has('require', 'include')) for (const spec of phpIncludes(text)) this.resolveRelative(dir, spec).forEach(imported); break;
      default: break;
    }
    const family = familyOf(language);
    if (family) this.addNames(family, language, dir, text, id);
  }

  /**
   * Source files the tests import, directly or through others, whose own imports are not read yet: what they import
   * is exercised by the same test (addEntryPoint), since `import requests` tests `requests/api.py` and express's
   * `require('..')` reaches `lib/application.js` and, through it, `lib/view.js`; a C/C++ header a test includes
   * brings the headers it includes (`port/port.h` → `port/port_stdcxx.h`). JS/TS, Python, Ruby and C/C++ headers,
   * whose imports name files. The caller reads them round by round, a few levels deep.
   */
  importedToFollow(): string[] {
    const out: string[] = [];
    for (const file of this.imported.keys()) {
      if (this.followed.has(file) || !/\.(?:[cm]?[jt]sx?|py|rb|h|hh|hpp|hxx)$/.test(file) || isTestFile(file)) continue;
      this.followed.add(file);
      out.push(file);
    }
    return out;
  }

  /** Adds an imported file's own imports (relative ones, or a suffix for Ruby and Python) as the test's. */
  addEntryPoint(file: string, text: string): void {
    const id = this.imported.get(file);
    const language = languageOf(file);
    if (id === undefined || !language) return;
    const dir = file.slice(0, Math.max(0, file.lastIndexOf('/')));
    const targets: string[] = [];
    if (language === 'js' || language === 'ts') for (const spec of jsSpecifiers(text, language)) targets.push(...this.resolveJs(dir, spec));
    else if (language === 'python') for (const module of pythonModules(text, dir)) targets.push(...this.resolvePython(module));
    else if (language === 'ruby') for (const r of rubyRequires(text)) targets.push(...this.resolveRuby(dir, r));
    else if (language === 'c' || language === 'cpp') for (const inc of includes(text)) targets.push(...this.resolveInclude(dir, inc));
    for (const target of targets) if (!this.imported.has(target)) this.imported.set(target, id);
  }

  /** The test that imports, requires or includes `source` (C/C++: or its header), if any. */
  importerOf(source: string): string | undefined {
    const direct = this.imported.get(source);
    if (direct !== undefined) return this.tests[direct];
    const language = languageOf(source);
    if (language === 'c' || language === 'cpp') {
      const slash = source.lastIndexOf('/');
      const name = source.slice(slash + 1);
      const stem = name.slice(0, name.lastIndexOf('.'));
      for (const ext of ['.h', '.hpp', '.hh', '.hxx']) {
        for (const header of this.byName.get(`${stem}${ext}`.toLowerCase()) ?? []) {
          const by = this.imported.get(header);
          if (by === undefined) continue;
          // Beside the source, or the only source of that stem the header can belong to.
          const sameDir = header.slice(0, header.lastIndexOf('/') + 1) === source.slice(0, slash + 1);
          if (sameDir || this.soleSourceOfStem(stem, source)) return this.tests[by];
        }
      }
    }
    return undefined;
  }

  /** The test that uses one of the names `source` declares (by-name languages), if any. */
  referrerOf(source: string, declarations: Declarations): TestReference | undefined {
    const language = languageOf(source);
    const family = language && familyOf(language);
    if (!family) return undefined;
    const global = family === 'swift' || family === 'csharp';
    const scopes = family === 'go' ? [source.slice(0, Math.max(0, source.lastIndexOf('/')))] : global ? [''] : [declarations.packageName ?? ''];
    const separator = family === 'php' ? '\\' : '.';
    for (const name of declarations.names) {
      // Package-scoped names are precise; a folder or a whole module is not, so common method names do not count there.
      if (name.length < 3 || ((family === 'go' || global) && GENERIC_NAMES.has(name))) continue;
      for (const scope of scopes) {
        const hit = this.scoped.get(`${family}:${scope}`)?.get(name) ?? (family === 'go' || global ? undefined : this.qualifiedUses.get(`${family}:${scope ? scope + separator : ''}${name}`));
        if (hit !== undefined) return { testFile: this.tests[hit]!, name };
      }
    }
    // Kotlin and Java spread a type over files (`okio/internal/SegmentedByteString.kt` holds the functions of
    // `okio.SegmentedByteString`): a test anywhere that uses the type the file is named after tests them too.
    const stem = source.slice(source.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '').replace(/^[-_]+/, '');
    if (family === 'jvm' && DISTINCT_TYPE_NAME.test(stem) && !GENERIC_NAMES.has(stem)) {
      const hit = this.jvmTypeNames.get(stem);
      if (hit !== undefined) return { testFile: this.tests[hit]!, name: stem };
    }
    return undefined;
  }

  private soleSourceOfStem(stem: string, source: string): boolean {
    let count = 0;
    for (const ext of ['.c', '.cc', '.cpp', '.cxx']) {
      for (const file of this.byName.get(`${stem}${ext}`.toLowerCase()) ?? []) if (!isTestFile(file)) count++;
    }
    return count === 1 && !isTestFile(source);
  }

  private addNames(family: Family, language: SourceLanguage, dir: string, text: string, id: number): void {
    // Names only: comments and strings go by one regex (codeText's full scan costs four times as much, on every test).
    const code = withoutCommentsOrStrings(text, language);
    const scopes = new Set<string>();
    const qualified: string[] = [];
    if (family === 'go') scopes.add(dir);
    // A Swift test target imports the whole module; C# projects add namespaces by global usings (even from the
    // project file), so a namespace says little: both match by name alone.
    else if (family === 'swift' || family === 'csharp') scopes.add('');
    for (const line of text.split('\n')) {
      const trimmed = line.trimStart();
      // Only package, import, namespace and use lines matter here (read from the text: they hold no comment).
      const first = trimmed.charCodeAt(0);
      if (first !== 112 && first !== 105 && first !== 110 && first !== 117) continue;
      if (family === 'jvm') {
        const pkg = /^package\s+([\w.]+)/.exec(trimmed);
        if (pkg) scopes.add(pkg[1]!);
        const imp = /^import\s+(?:static\s+)?(\w+(?:\.\w+)*)(?:\.(\*|_|\{[^}]*\}))?/.exec(trimmed);
        if (imp) {
          const base = imp[1]!;
          if (imp[2] === '*' || imp[2] === '_') scopes.add(base);
          else if (imp[2]?.startsWith('{')) for (const part of imp[2].slice(1, -1).split(',')) qualified.push(`${base}.${part.trim().split(/\s/)[0]}`);
          else qualified.push(...typePrefixes(base, '.'));
        }
      } else if (family === 'php') {
        const ns = /^namespace\s+([\w\\]+)/.exec(trimmed);
        if (ns) scopes.add(ns[1]!);
        const use = /^use\s+(?:function\s+|const\s+)?([\w\\]+)(?:\s+as\s+\w+)?\s*;/.exec(trimmed);
        if (use) qualified.push(use[1]!.replace(/^\\/, ''));
      }
    }
    if (family === 'jvm' && scopes.size === 0) scopes.add('');
    const names = new Set<string>();
    for (const match of code.matchAll(IDENTIFIER)) if (match[0].length >= 3) names.add(match[0]);
    // Qualified uses in code name the package too: `os.temp(…)`, `com.google.gson.internal.Excluder.DEFAULT`. Only
    // chains from a package root the test knows (its own package's names, its imports' first names) are kept.
    if (family === 'jvm') {
      const roots = new Set<string>();
      for (const scope of scopes) for (const part of scope.split('.')) roots.add(part);
      for (const q of qualified) roots.add(q.split('.')[0]!);
      for (const match of code.matchAll(QUALIFIED)) {
        const parts = match[0].split('.');
        if (!roots.has(parts[0]!)) continue;
        for (let k = 2; k <= Math.min(parts.length, 8); k++) qualified.push(parts.slice(0, k).join('.'));
      }
    }
    if (family === 'jvm') for (const name of names) if (DISTINCT_TYPE_NAME.test(name) && !this.jvmTypeNames.has(name)) this.jvmTypeNames.set(name, id);
    for (const q of qualified) {
      const key = `${family}:${q}`;
      if (!this.qualifiedUses.has(key)) this.qualifiedUses.set(key, id);
    }
    for (const scope of scopes) {
      const key = `${family}:${scope}`;
      let inScope = this.scoped.get(key);
      if (!inScope) this.scoped.set(key, (inScope = new Map()));
      for (const name of names) if (!inScope.has(name)) inScope.set(name, id);
    }
  }

  private resolveJs(dir: string, spec: string): string[] {
    if (!spec.startsWith('.') && !spec.startsWith('/')) return [];
    const base = normalise(spec.startsWith('/') ? spec.slice(1) : joinPath(dir, spec));
    if (base === undefined) return [];
    const stripped = base.replace(/\.(?:[cm]?js|jsx)$/, '');
    const tries = [base, ...JS_EXTENSIONS.map((ext) => stripped + ext), ...JS_EXTENSIONS.map((ext) => joinPath(base, `index${ext}`))];
    const found = tries.find((candidate) => this.tracked.has(candidate));
    return found ? [found] : [];
  }

  private resolvePython(module: string): string[] {
    const path = module.replace(/\./g, '/');
    const found: string[] = [];
    for (const suffix of [`${path}.py`, `${path}/__init__.py`]) found.push(...this.bySuffix(suffix));
    return found;
  }

  private resolveRuby(dir: string, require: { path: string; relative: boolean }): string[] {
    const withExt = require.path.endsWith('.rb') ? require.path : `${require.path}.rb`;
    if (require.relative || withExt.startsWith('./') || withExt.startsWith('../')) {
      const target = normalise(joinPath(dir, withExt));
      return target !== undefined && this.tracked.has(target) ? [target] : [];
    }
    return this.bySuffix(withExt);
  }

  private resolveInclude(dir: string, include: string): string[] {
    const beside = normalise(joinPath(dir, include));
    if (beside !== undefined && this.tracked.has(beside)) return [beside];
    return this.bySuffix(include.replace(/^(?:\.\.?\/)+/, ''));
  }

  private resolveRelative(dir: string, spec: string): string[] {
    const target = normalise(joinPath(dir, spec.replace(/^\//, '')));
    return target !== undefined && this.tracked.has(target) ? [target] : [];
  }

  /** Tracked files whose path is `suffix` or ends with `/suffix`. */
  private bySuffix(suffix: string): string[] {
    const name = suffix.slice(suffix.lastIndexOf('/') + 1).toLowerCase();
    return (this.byName.get(name) ?? []).filter((file) => file === suffix || file.endsWith(`/${suffix}`));
  }
}

/** C-family comments, and strings (text blocks, raw and char literals too); PHP's `#` comments and quotes. */
const C_FAMILY_NOISE = /\/\*[\s\S]*?\*\/|\/\/[^\n]*|"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)'|`[^`]*`/g;
const PHP_NOISE = /\/\*[\s\S]*?\*\/|(?:\/\/|#(?!\[))[^\n]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;

/** The text with comments and strings blanked (to a space): what names a test uses, approximately but fast. */
function withoutCommentsOrStrings(text: string, language: SourceLanguage): string {
  return text.replace(language === 'php' ? PHP_NOISE : C_FAMILY_NOISE, ' ');
}

/** `a.b.C.Inner` → `a.b.C.Inner`, `a.b.C`: an import of a nested type or a static member names the file's type too. */
function typePrefixes(qualified: string, separator: string): string[] {
  const parts = qualified.split(separator);
  const out = [qualified];
  for (let k = parts.length - 1; k > 0; k--) if (/^[A-Z]/.test(parts[k - 1]!)) out.push(parts.slice(0, k).join(separator));
  return out;
}

function joinPath(dir: string, rel: string): string {
  return dir ? `${dir}/${rel}` : rel;
}

/** Resolves `.` and `..` segments; undefined when the path leaves the repository. */
function normalise(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

const JS_IMPORT_LINE = /\b(?:require|import|mock|requireActual|importActual)\s*\(\s*["'`]|\bfrom\s*["']|^\s*import\s*["']|^\s*export\s*\*\s*from/;

/** Module specifiers a JS/TS file imports: the first string on each import, require or mock line. */
function jsSpecifiers(text: string, language: SourceLanguage): string[] {
  const { lines: code, strings } = codeAndStrings(text, language);
  const specs: string[] = [];
  code.forEach((line, index) => {
    if (!JS_IMPORT_LINE.test(line)) return;
    for (const value of strings.get(index + 1) ?? []) if (value.startsWith('.') || value.startsWith('/')) specs.push(value);
  });
  return specs;
}

/** Dotted module names a Python file imports, relative imports made absolute against its folder. */
function pythonModules(text: string, dir: string): string[] {
  const code = codeLines(text, 'python');
  const modules: string[] = [];
  const absolute = (name: string): string => {
    const dots = /^\.*/.exec(name)![0].length;
    if (dots === 0) return name;
    const parts = dir ? dir.split('/') : [];
    const base = parts.slice(0, Math.max(0, parts.length - (dots - 1))).join('.');
    const rest = name.slice(dots);
    return [base, rest].filter(Boolean).join('.');
  };
  for (let i = 0; i < code.length; i++) {
    const line = code[i]!.trim();
    const plain = /^import\s+(.+)$/.exec(line);
    if (plain) {
      for (const part of plain[1]!.split(',')) {
        const name = part.trim().split(/\s+/)[0];
        if (name) modules.push(name);
      }
      continue;
    }
    const from = /^from\s+(\.*[\w.]*)\s+import\s+(.*)$/.exec(line);
    if (!from) continue;
    const module = absolute(from[1]!);
    let names = from[2]!;
    // `from x import (\n a,\n b,\n)`: the names continue to the closing parenthesis.
    if (names.includes('(') && !names.includes(')')) {
      for (let j = i + 1; j < code.length && j < i + 200; j++) {
        names += ` ${code[j]}`;
        if (code[j]!.includes(')')) break;
      }
    }
    if (module) modules.push(module);
    for (const part of names.replace(/[()\\]/g, ' ').split(',')) {
      const name = part.trim().split(/\s+/)[0];
      if (name && name !== '*' && /^\w+$/.test(name)) modules.push(module ? `${module}.${name}` : name);
    }
  }
  return modules;
}

function rubyRequires(text: string): Array<{ path: string; relative: boolean }> {
  const { lines: code, strings } = codeAndStrings(text, 'ruby');
  const found: Array<{ path: string; relative: boolean }> = [];
  code.forEach((line, index) => {
    const match = /\b(require_relative|require|load|autoload)\b/.exec(line);
    if (!match) return;
    const value = (strings.get(index + 1) ?? []).find((s) => s.length > 0 && !/\s/.test(s));
    if (value) found.push({ path: value, relative: match[1] === 'require_relative' });
  });
  return found;
}

const INCLUDE = /^[ \t]*#[ \t]*include[ \t]*[<"]([^>"\n]+)[>"]/gm;

function includes(text: string): string[] {
  return [...text.matchAll(INCLUDE)].map((m) => m[1]!);
}

function phpIncludes(text: string): string[] {
  const { lines: code, strings } = codeAndStrings(text, 'php');
  const found: string[] = [];
  code.forEach((line, index) => {
    if (!/\b(?:require|include)(?:_once)?\b/.test(line)) return;
    for (const value of strings.get(index + 1) ?? []) if (value.endsWith('.php')) found.push(value);
  });
  return found;
}
