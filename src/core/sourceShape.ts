/**
 * What there is to test in a source file: its lines of logic (statements inside function bodies), its functions and
 * branches, the types and top-level names it declares. A light line scanner over the text with comments and strings
 * removed (codeText.ts), one for brace languages and one for indentation languages (Python, Ruby): it follows braces
 * or indentation, and reads each `{` by what precedes it (a function, a type, a control block or data). Not a parser:
 * it is wrong on odd code, but it reads the common shapes of every supported language well enough to tell a
 * 6-line re-export, an interface or a constants file from a 1,500-line module, and to name the largest function of
 * a big file. Pure.
 */
import { codeLines, indentOf } from './codeText';
import type { SourceLanguage } from './testFileMatch';

export interface FunctionShape {
  readonly name: string;
  /** 1-based, the line the function starts on (its signature). */
  readonly line: number;
  /** 1-based, inclusive. */
  readonly endLine: number;
  readonly logicLines: number;
  readonly branches: number;
}

export type TypeKind = 'class' | 'interface' | 'annotation' | 'enum' | 'exception';

export interface DeclaredType {
  readonly name: string;
  readonly kind: TypeKind;
}

export interface SourceShape {
  /** Non-trivial lines inside function bodies: what a test would exercise. */
  readonly logicLines: number;
  /** Decision points in those lines: `if`, loops, `case`, `catch`, `&&`, `||`… */
  readonly branches: number;
  /** Outermost functions and methods with a body, in file order; nested functions and lambdas count toward them. */
  readonly functions: readonly FunctionShape[];
  readonly types: readonly DeclaredType[];
  /** Top-level functions (and Go methods) by name: what a test may call without naming a type. */
  readonly topLevelNames: readonly string[];
  /** Extension methods (C# `this` parameters, members of Swift `extension`s): called by name on other types. */
  readonly extensionNames: readonly string[];
  /** `package a.b` (Java, Kotlin, Scala, Go) or `namespace A\B` (C#, PHP). */
  readonly packageName?: string;
}

/** Below this many lines of logic a file is not worth a test task of its own. */
export const MIN_LOGIC_LINES = 15;

export type NotWorthTesting = 'noLogic' | 'exception' | 'small';

/**
 * Why a file with this shape is not worth a test task, or undefined when it is: no function bodies at all
 * (interfaces, annotations, constants, type declarations, `mod`/`__init__`/barrel re-exports), an exception class
 * with no decisions, or under {@link MIN_LOGIC_LINES} lines of logic.
 */
export function whyNotWorthTesting(shape: SourceShape): NotWorthTesting | undefined {
  if (shape.functions.length === 0 || shape.logicLines === 0) return 'noLogic';
  if (shape.types.length > 0 && shape.types.every((t) => t.kind === 'exception') && shape.branches === 0) return 'exception';
  if (shape.logicLines < MIN_LOGIC_LINES) return 'small';
  return undefined;
}

/** Scans `text` as `language`. */
export function sourceShape(text: string, language: SourceLanguage): SourceShape {
  const lines = codeLines(text, language);
  return language === 'python' || language === 'ruby' ? indentShape(lines, language) : braceShape(lines, language);
}

// ---- shared line rules ----

const BRANCH = /\b(?:if|elif|elsif|for|foreach|while|until|unless|case|when|catch|except|rescue|guard|match)\b|&&|\|\||\?\?/g;
const WORD_BRANCH = /\b(?:and|or)\b/g;
/** Braces, brackets, quotes and separators only, or Ruby's `end`: nothing to test. */
const TRIVIAL = /^(?:[\s{}()[\];,.'"`]*|end\b[\s.)]*|pass)$/;

function branchesIn(code: string, language: SourceLanguage): number {
  let count = code.match(BRANCH)?.length ?? 0;
  if (language === 'python' || language === 'ruby') count += code.match(WORD_BRANCH)?.length ?? 0;
  return count;
}

interface OpenFunction {
  name: string;
  line: number;
  endLine: number;
  logicLines: number;
  branches: number;
}

class Tally {
  readonly functions: FunctionShape[] = [];
  readonly types: DeclaredType[] = [];
  readonly topLevelNames: string[] = [];
  readonly extensionNames: string[] = [];
  logicLines = 0;
  branches = 0;
  packageName: string | undefined;

  logic(fn: OpenFunction, code: string, lineNo: number, language: SourceLanguage): void {
    if (TRIVIAL.test(code)) return;
    const branches = branchesIn(code, language);
    fn.logicLines++;
    fn.branches += branches;
    fn.endLine = lineNo;
    this.logicLines++;
    this.branches += branches;
  }

  close(fn: OpenFunction, endLine: number): void {
    this.functions.push({ name: fn.name, line: fn.line, endLine: Math.max(fn.line, endLine), logicLines: fn.logicLines, branches: fn.branches });
  }

  type(name: string, keyword: string, line: string): void {
    // Namespaces and extensions declare no type of their own.
    if (/^(?:module|namespace|mod|extension|impl)$/.test(keyword) || this.types.some((t) => t.name === name)) return;
    const kind: TypeKind = /^(?:@interface|annotation)$/.test(keyword) ? 'annotation'
      : /^(?:interface|protocol|trait)$/.test(keyword) ? 'interface'
      : keyword === 'enum' ? 'enum'
      : /(?:Exception|Error|Throwable)\b/.test(line.slice(line.indexOf(name) + name.length)) || /(?:Exception|Error)$/.test(name) ? 'exception'
      : 'class';
    this.types.push({ name, kind });
  }

  shape(): SourceShape {
    return {
      logicLines: this.logicLines, branches: this.branches, functions: this.functions, types: this.types, topLevelNames: [...new Set(this.topLevelNames)],
      extensionNames: [...new Set(this.extensionNames)],
      ...(this.packageName ? { packageName: this.packageName } : {}),
    };
  }
}

// ---- brace languages ----

/** Words that declare a type whose `{` holds members, per language. */
const TYPE_WORDS: Readonly<Partial<Record<SourceLanguage, readonly string[]>>> = {
  js: ['class'], ts: ['class', 'interface', 'enum', 'namespace', 'module'],
  go: ['struct', 'interface'], java: ['class', 'interface', '@interface', 'enum', 'record'],
  kotlin: ['class', 'interface', 'object', 'enum'], scala: ['class', 'trait', 'object', 'enum'],
  rust: ['struct', 'enum', 'impl', 'trait', 'mod', 'union'], c: ['struct', 'union', 'enum'],
  cpp: ['struct', 'union', 'class', 'enum', 'namespace'], csharp: ['class', 'interface', 'struct', 'enum', 'record', 'namespace'],
  swift: ['class', 'struct', 'enum', 'protocol', 'extension', 'actor'], php: ['class', 'interface', 'trait', 'enum', 'namespace'],
};
/** Words that start a function, per language (C-family methods are recognised by their signature instead). */
const FUNCTION_WORDS: Readonly<Partial<Record<SourceLanguage, readonly string[]>>> = {
  js: ['function'], ts: ['function'], go: ['func'], kotlin: ['fun', 'init', 'constructor'], scala: ['def'], rust: ['fn'],
  swift: ['func', 'init', 'deinit', 'subscript'], php: ['function'],
};
const CONTROL = /^(?:else|if|for|foreach|while|do|switch|try|catch|finally|when|match|loop|unless|synchronized|lock|using|with|select|defer|guard|repeat|unsafe|case|default|fixed|checked|unchecked|return|throw|yield|await)\b/;
const ACCESSOR = /^(?:(?:public|private|protected|internal|override|open|final|static|mutating|nonmutating|inline)\s+)*(?:get|set|init|willSet|didSet|add|remove)\b\s*(?:\([^)]*\))?$/;
/** `name(params) qualifiers`: a C-family function or method signature, with no `=` before the parameters. */
const SIGNATURE = /^[^=(]*[\w$~>\]]\s*(?:<[^()]*>)?\s*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)\s*(?:const|noexcept|override|final|mutable|volatile|&&?|throws(?:\s+[\w.,<>\s]+)?|->\s*[^{]+|:\s*[^{]+|where\s+[^{]+|async|\s)*$/;
const ARROW = /=>\s*$/;
const MAX_HEADER_CHARS = 400;
/** The end of a signature on its own line: `throws IOException`, `where T : new()`, `: a_(a)`, `-> Result`. */
/** `const`, `override` and `final` also START declarations (Kotlin's `override fun f() {`): a tail has no `name(` of its own. */
const SIGNATURE_TAIL = /^(?:where|throws|noexcept)\b|^(?::|->)|^(?:const|override|final)\b(?![^(]*[\w$>]\s*\()/;
/** What a Rust `{` can belong to, for reading back past a `where` clause. */
const RUST_ITEM = /\b(?:fn|impl|struct|enum|trait|mod|union|match|if|else|for|while|loop|unsafe|async|move)\b|=>|^$/;
const LEADING_ANNOTATIONS = /^(?:(?:@[\w.]+(?:\((?:[^()]|\([^()]*\))*\))?|\[[^\]]*\]|#\[[^\]]*\])\s*)+/;

type Frame = 'fn' | 'type' | 'block';

function classify(header: string, language: SourceLanguage): { frame: Frame; keyword?: string } {
  // A signature fits in a few hundred characters; a longer header is minified or data, and the regexes stay linear.
  const h = header.slice(-MAX_HEADER_CHARS).replace(LEADING_ANNOTATIONS, '').trim();
  if (ARROW.test(h)) return { frame: 'fn' };
  if (CONTROL.test(h)) return { frame: 'block' };
  if (ACCESSOR.test(h)) return { frame: 'fn' };
  if (language === 'kotlin' && /\bfun\s+interface\b/.test(h)) return { frame: 'type', keyword: 'interface' };
  // A type keyword inside the parameters declares nothing: C's `void f(struct parser* p) {` is a function.
  const typeAt = firstWord(h.includes('(') ? h.slice(0, h.indexOf('(')) : h, TYPE_WORDS[language]);
  const fnAt = firstWord(h, FUNCTION_WORDS[language]);
  if (typeAt && (!fnAt || typeAt.index < fnAt.index)) return { frame: 'type', keyword: typeAt.word };
  if (fnAt) return { frame: 'fn' };
  // `new TypeAdapter<X>() {`: an anonymous class, whose methods are the functions.
  if (/(?:^|[=(,\s])new\s+[\w.$<>[\], ?]+\(.*\)$/.test(h)) return { frame: 'block' };
  if (SIGNATURE.test(h)) return { frame: 'fn' };
  return { frame: 'block' };
}

/** Each keyword as a whole word (not a member access `x.fun`, nor part of a name). */
const WORD_PATTERNS: ReadonlyMap<string, RegExp> = new Map(
  [...new Set([...Object.values(TYPE_WORDS), ...Object.values(FUNCTION_WORDS)].flat())].map((word) => [word, new RegExp(`(?:^|[^\\w$@.])${word}(?![\\w$])`)]),
);

function firstWord(header: string, words: readonly string[] | undefined): { word: string; index: number } | undefined {
  let best: { word: string; index: number } | undefined;
  for (const word of words ?? []) {
    const match = WORD_PATTERNS.get(word)!.exec(header);
    if (match && (!best || match.index < best.index)) best = { word, index: match.index };
  }
  return best;
}

function functionName(header: string): string {
  const h = header.replace(LEADING_ANNOTATIONS, '');
  const keyword = /\b(?:function\*?|fun|func|fn|def)\s+(?:<[^>]*>\s*)?(?:\([^)]*\)\s*)?(?:[\w$]+(?:<[^>]*>)?\.)*([\w$]+)/.exec(h);
  if (keyword) return keyword[1]!;
  const assigned = /([\w$]+)\s*[:=]\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*(?::[^=]*)?=>|[\w$]+\s*=>)/.exec(h);
  if (assigned) return assigned[1]!;
  const called = nameBeforeParen(h);
  if (called) return called;
  return /^(?:\w+\s+)*(\w+)/.exec(h)?.[1] ?? 'anonymous';
}

/** The identifier just before the first `(`, past any generic arguments: `Task<int> RunAsync<T>(` → `RunAsync`. */
function nameBeforeParen(header: string): string | undefined {
  let before = header.slice(0, Math.max(0, header.indexOf('('))).trimEnd();
  if (before.endsWith('>')) {
    let depth = 0;
    for (let i = before.length - 1; i >= 0; i--) {
      if (before[i] === '>') depth++;
      else if (before[i] === '<' && --depth === 0) {
        before = before.slice(0, i).trimEnd();
        break;
      }
    }
  }
  return /([\w$~]+)$/.exec(before)?.[1];
}

/** Brackets of any kind opened minus closed. */
function bracketBalance(text: string): number {
  let balance = 0;
  for (const c of text) {
    if (c === '(' || c === '[' || c === '{') balance++;
    else if (c === ')' || c === ']' || c === '}') balance--;
  }
  return balance;
}

/** Parentheses opened minus closed. */
function parenBalance(text: string): number {
  let balance = 0;
  for (const c of text) {
    if (c === '(') balance++;
    else if (c === ')') balance--;
  }
  return balance;
}

const TYPE_LINE: Readonly<Partial<Record<SourceLanguage, RegExp>>> = {
  // Declarations with no body, which no `{` reveals: Kotlin data classes and exceptions, Scala case classes.
  kotlin: /^(?:[\w@]+\s+)*?(annotation\s+class|class|interface|object)\s+([A-Za-z_]\w*)/,
  scala: /^(?:[\w@]+\s+)*?(class|trait|object)\s+([A-Za-z_]\w*)/,
  swift: /^(?:[\w@]+\s+)*?(class|struct|enum|protocol|actor)\s+([A-Za-z_]\w*)/,
  java: /^(?:[\w@]+\s+)*?(@interface|class|interface|enum|record)\s+([A-Za-z_]\w*)/,
  csharp: /^(?:[\w@]+\s+)*?(class|interface|struct|enum|record)\s+([A-Za-z_]\w*)/,
  php: /^(?:[\w@]+\s+)*?(class|interface|trait|enum)\s+([A-Za-z_]\w*)/,
  ts: /^(?:[\w@]+\s+)*?(class|interface|enum)\s+([A-Za-z_$][\w$]*)/,
  js: /^(?:[\w@]+\s+)*?(class)\s+([A-Za-z_$][\w$]*)/,
  go: /^type\s+([A-Za-z_]\w*)\s+(struct|interface)?/,
  rust: /^(?:pub(?:\([\w\s]+\))?\s+)?(struct|enum|trait|union)\s+([A-Za-z_]\w*)/,
  cpp: /^(?:template\s*<[^>]*>\s*)?(class|struct)\s+(?:[A-Z_]+\s+)?([A-Za-z_]\w*)\s*(?:final\s*)?(?::|\{|$)/,
};
const PACKAGE_LINE = /^(?:package|namespace)\s+([\w.\\]+)/;

function braceShape(lines: readonly string[], language: SourceLanguage): SourceShape {
  const tally = new Tally();
  const frames: Array<{ readonly frame: Frame; readonly name?: string; readonly keyword?: string }> = [];
  let fnDepth = 0;
  /** Inside an inline test module (Rust's `mod tests {`): test code, not what there is to test. */
  let skipDepth = 0;
  /** The outermost function being read. */
  let current: OpenFunction | undefined;
  /** Code since the last `;`, `{` or `}`, one entry per line: the header of the next `{`. */
  let pending: Array<{ readonly text: string; readonly line: number }> = [];
  /** A function whose body is an indented expression (Kotlin `fun f() =`, Scala `def f =`), closed by dedent. */
  let indented: { indent: number; fn: OpenFunction } | undefined;
  const typeLine = TYPE_LINE[language];
  const fnWords = FUNCTION_WORDS[language] ?? [];

  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const raw = lines[index]!;
    const code = raw.trim();
    if (!code) continue;
    if (indented && indentOf(raw) <= indented.indent && fnDepth === 0) {
      tally.close(indented.fn, indented.fn.endLine);
      indented = undefined;
    }
    if (fnDepth === 0 && !indented && skipDepth === 0) readDeclarations(code, language, typeLine, tally);
    // The line belongs to the function it starts in, even when it also closes it (`return x; }`).
    const fnAtStart = skipDepth > 0 ? undefined : current ?? indented?.fn;
    if (fnAtStart) tally.logic(fnAtStart, code, lineNo, language);

    let opened: OpenFunction | undefined;
    let bodyCode = false;
    let segment = '';
    for (const c of code) {
      if (c === '{') {
        let header = segment.trim();
        let headerLine = lineNo;
        // A signature split over lines, or a brace on its own line: take earlier lines until the parentheses balance
        // and back past a line that only ends a signature (`throws X`, `where T: Y`, `: base(x)`).
        for (let k = pending.length - 1; k >= 0 && (header === '' || parenBalance(header) < 0 || SIGNATURE_TAIL.test(header) || (language === 'rust' && !RUST_ITEM.test(header))); k--) {
          header = `${pending[k]!.text} ${header}`.trim();
          headerLine = pending[k]!.line;
        }
        pending = [];
        segment = '';
        if (skipDepth > 0 || (fnDepth === 0 && language === 'rust' && /\bmod\s+tests?\b/.test(header))) {
          skipDepth++;
          continue;
        }
        const { frame, keyword } = fnDepth > 0 || indented ? { frame: 'block' as Frame, keyword: undefined } : classify(header, language);
        let typeName: string | undefined;
        if (frame === 'type' && keyword) {
          const plain = header.replace(LEADING_ANNOTATIONS, '');
          typeName = keyword === 'impl'
            ? /\bimpl(?:<[^>]*>)?\s+(?:[\w:<>, ]+?\s+for\s+)?(?:[\w]+::)*([A-Za-z_]\w*)/.exec(plain)?.[1]
            : new RegExp(`${keyword}\\s+(?:class\\s+|struct\\s+)?([A-Za-z_$][\\w$]*)`).exec(plain)?.[1];
          if (typeName === 'class' || typeName === 'struct') typeName = undefined;
          if (typeName) tally.type(typeName, keyword, header);
        }
        frames.push({ frame, ...(typeName ? { name: typeName } : {}), ...(keyword ? { keyword } : {}) });
        if (frame === 'fn') {
          if (fnDepth === 0) {
            const owner = [...frames].reverse().find((f) => f.frame === 'type' && f.name)?.name;
            const name = functionName(header);
            current = { name: owner && owner !== name ? `${owner}${language === 'rust' || language === 'cpp' ? '::' : '.'}${name}` : name, line: headerLine, endLine: lineNo, logicLines: 0, branches: 0 };
            opened = current;
            if (frames.every((f) => f.frame !== 'type')) tally.topLevelNames.push(name);
            const inExtension = language === 'swift' && [...frames].reverse().find((f) => f.frame === 'type')?.keyword === 'extension';
            if (inExtension || (language === 'csharp' && /\(\s*this\s/.test(header))) tally.extensionNames.push(name);
          }
          fnDepth++;
        }
      } else if (c === '}') {
        pending = [];
        segment = '';
        if (skipDepth > 0) {
          skipDepth--;
          continue;
        }
        if (frames.pop()?.frame !== 'fn') continue;
        fnDepth--;
        if (fnDepth === 0 && current) {
          // `get() { return x; }`: a one-line function has one line of logic.
          if (current === opened && bodyCode) tally.logic(current, code, lineNo, language);
          tally.close(current, lineNo);
          current = undefined;
        }
      } else if (c === ';') {
        pending = [];
        segment = '';
        if (fnDepth > 0) bodyCode = true;
      } else {
        segment += c;
        if (fnDepth > 0 && c !== ' ' && c !== '\t') bodyCode = true;
      }
    }
    if (segment.trim()) pending.push({ text: segment.trim(), line: lineNo });
    if (pending.length > 8) pending = pending.slice(-8);

    if (fnDepth === 0 && !indented && !opened && !fnAtStart && skipDepth === 0) {
      // An expression-bodied function: `fun f() = x`, `def f = x`, `int F() => x;`, `const f = (a) => a + 1`.
      const expression = expressionFunction(code, fnWords, language);
      if (expression) {
        const fn: OpenFunction = { name: functionName(code), line: lineNo, endLine: lineNo, logicLines: 0, branches: 0 };
        if (frames.every((f) => f.frame !== 'type')) tally.topLevelNames.push(fn.name);
        if (expression === 'oneLine') {
          tally.logic(fn, code, lineNo, language);
          tally.close(fn, lineNo);
        } else {
          indented = { indent: indentOf(raw), fn };
        }
      }
    }
  }
  if (indented) tally.close(indented.fn, indented.fn.endLine);
  if (current) tally.close(current, lines.length);
  return tally.shape();
}

/** The package line, and types (and Go functions) declared on a line outside any function. */
function readDeclarations(code: string, language: SourceLanguage, typeLine: RegExp | undefined, tally: Tally): void {
  if (tally.packageName === undefined && language !== 'cpp' && language !== 'c') {
    const pkg = PACKAGE_LINE.exec(code);
    if (pkg) tally.packageName = pkg[1]!.replace(/;$/, '');
  }
  const decl = typeLine?.exec(code.replace(LEADING_ANNOTATIONS, ''));
  if (decl && !/;\s*$/.test(code)) {
    if (language === 'go') tally.type(decl[1]!, decl[2] ?? 'type', code);
    else tally.type(decl[2]!, decl[1]!.replace(/\s+class$/, ''), code);
  }
  if (language === 'go') {
    const fn = /^func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)/.exec(code);
    if (fn) tally.topLevelNames.push(fn[1]!);
  }
}

function expressionFunction(code: string, fnWords: readonly string[], language: SourceLanguage): 'oneLine' | 'indented' | undefined {
  const h = code.replace(LEADING_ANNOTATIONS, '');
  const keyword = fnWords.length > 0 && firstWord(h, fnWords.filter((w) => w !== 'init' && w !== 'constructor'));
  if (keyword && (language === 'kotlin' || language === 'scala')) {
    // The `=` after the parameters (a default value inside them is skipped by balancing parentheses).
    let depth = 0;
    for (let i = keyword.index; i < h.length; i++) {
      const c = h[i]!;
      if (c === '(' || c === '[') depth++;
      else if (c === ')' || c === ']') depth--;
      else if (c === '=' && depth === 0 && h[i + 1] !== '>' && h[i + 1] !== '=' && h[i - 1] !== '!' && h[i - 1] !== '<' && h[i - 1] !== '>') {
        return h.slice(i + 1).trim() ? 'oneLine' : 'indented';
      }
    }
    return undefined;
  }
  if (language === 'csharp' && /^[^=(]*\w\s*(?:<[^()]*>)?\s*\([^)]*\)\s*=>\s*\S/.test(h) && !CONTROL.test(h)) return 'oneLine';
  if ((language === 'js' || language === 'ts') && /^(?:export\s+)?(?:const|let|var)\s+[\w$]+\s*=\s*(?:async\s+)?(?:\([^)]*\)|[\w$]+)\s*(?::[^=]+)?=>\s*\S/.test(h)) return 'oneLine';
  return undefined;
}

// ---- indentation languages: Python, Ruby ----

const PY_DEF = /^(?:async\s+)?def\s+([A-Za-z_]\w*)/;
const RB_DEF = /^(?:def\s+(?:self\.)?([A-Za-z_]\w*[?!=]?|[^\s(;]+)|define_method\s*\(?\s*:?([A-Za-z_]\w*))/;
/** A whole function on its def line: `def f(): return 1` (Python); `def f; 1; end`, `def f = 1` (Ruby). */
const PY_ONE_LINE = /\)\s*(?:->[^:]*)?:\s*(\S.*)$/;
const RB_ONE_LINE = /^def\s+[\w.]+[?!]?(?:\([^)]*\))?\s*(?:;\s*(\S.*?)\s*;?\s*end|=\s*(\S.*))$/;
const PY_CLASS = /^class\s+([A-Za-z_]\w*)/;
const RB_TYPE = /^(class|module)\s+(?:[A-Z]\w*::)*([A-Z]\w*)/;
const RB_END = /^end\b/;

function indentShape(lines: readonly string[], language: 'python' | 'ruby'): SourceShape {
  const tally = new Tally();
  const defPattern = language === 'python' ? PY_DEF : RB_DEF;
  /** Open `def`s by indentation; the first is the outermost function being read. */
  const open: Array<{ indent: number; fn: OpenFunction }> = [];
  /** The open classes and modules, by indentation. */
  const types: Array<{ readonly indent: number; readonly name: string }> = [];
  /** The def's signature is complete on `code`: a whole function on one line, or the start of an indented body. */
  const finishDef = (fn: OpenFunction, indent: number, code: string) => {
    const oneLine = language === 'python' ? PY_ONE_LINE.exec(code)?.[1] : RB_ONE_LINE.exec(code)?.slice(1).find(Boolean);
    if (oneLine) {
      tally.logic(fn, oneLine, fn.line, language);
      tally.close(fn, fn.line);
    } else {
      open.push({ indent, fn });
    }
  };
  /** Open brackets at the start of the line: a line inside them continues the statement above. */
  let depth = 0;
  /** A def whose parameter list continues on the next lines. */
  let signature: { indent: number; fn: OpenFunction } | undefined;
  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const raw = lines[index]!;
    const code = raw.trim();
    if (!code) continue;
    const indent = indentOf(raw);
    const continuation = depth > 0;
    depth = Math.max(0, depth + bracketBalance(code));
    if (signature) {
      if (depth === 0) {
        finishDef(signature.fn, signature.indent, code);
        signature = undefined;
      }
      continue;
    }
    if (continuation) {
      if (open.length > 0) tally.logic(open[0]!.fn, code, lineNo, language);
      continue;
    }
    // A line at or left of a def's indentation ends it (Ruby's `end` is that line).
    while (open.length && indent <= open[open.length - 1]!.indent) {
      const closed = open.pop()!;
      if (open.length === 0) tally.close(closed.fn, language === 'ruby' && RB_END.test(code) ? lineNo : closed.fn.endLine);
    }
    while (types.length && indent <= types[types.length - 1]!.indent) types.pop();
    if (open.length > 0) {
      tally.logic(open[0]!.fn, code, lineNo, language);
      if (defPattern.test(code)) open.push({ indent, fn: open[0]!.fn });
      continue;
    }
    const def = defPattern.exec(code);
    if (def) {
      const name = def[1] ?? def[2] ?? 'anonymous';
      const owner = types[types.length - 1]?.name;
      const fn: OpenFunction = { name: owner ? `${owner}.${name}` : name, line: lineNo, endLine: lineNo, logicLines: 0, branches: 0 };
      if (types.length === 0) tally.topLevelNames.push(name);
      if (depth > 0) signature = { indent, fn };
      else finishDef(fn, indent, code);
      continue;
    }
    const type = language === 'python' ? PY_CLASS.exec(code) : RB_TYPE.exec(code);
    if (type) {
      const name = language === 'python' ? type[1]! : type[2]!;
      tally.type(name, language === 'python' ? 'class' : type[1]!, code);
      // `class Foo < Bar; end` opens and closes on one line.
      if (!(language === 'ruby' && /;\s*end\s*$/.test(code))) types.push({ indent, name });
    }
  }
  if (open.length) tally.close(open[0]!.fn, open[0]!.fn.endLine);
  return tally.shape();
}
