/**
 * Which functions of a source file a test can call by name, and would: the file's public API, read per language from
 * the signature and the lines around it, without constructors, `main`, overrides and the protocol methods a language
 * or framework calls for you (`String()`, `to_s`, `toString`). Pure; a light reading of the text like sourceShape.ts,
 * so it is wrong now and then on odd code, and then on the safe side: a function it cannot place is left out.
 *
 * Per language, a function is callable when:
 * - Go: its name is exported (capitalised), and so is its receiver's type;
 * - Java, Kotlin, Scala, PHP: no `private`/`protected` (Kotlin: nor `internal`), no `override`/`@Override`, in a type
 *   that is not private itself; C#: `public` in a `public` type; Swift: `public`/`open` (or in a `public extension`);
 * - Python: no leading underscore on it, its class or its module; Ruby: not in a `private`/`protected` section, nor
 *   made private by name;
 * - JS/TS: the module exports it: `export function`, `exports.x =`, `module.exports = x`, a method assigned onto an
 *   exported object (`res.sendFile = function`), a method of an exported class;
 * - Rust: `pub fn` (not `pub(crate)`), on a type that is `pub` where the file declares it;
 * - C/C++: not `static`; in a source file, declared in its header (the caller passes the header's text); in a class,
 *   in its `public:` part; not in a `detail`/`internal` namespace.
 */
import { scopesAt, type Scope } from './braceScopes';
import { codeAndStrings, codeLines, indentOf } from './codeText';
import type { FunctionShape, SourceShape } from './sourceShape';
import type { SourceLanguage } from './testFileMatch';

export interface CallableFunction extends FunctionShape {
  /** What a test writes to call it: the last part of `Owner.method` (a JS property's name), without Ruby's `?!=`. */
  readonly bareName: string;
  /** How to name it in a title: the shape's `Owner.method`, or `res.sendFile` for a JS function assigned onto an object. */
  readonly displayName: string;
  /** The type it is a method of (its last name), when it is one. */
  readonly owner?: string;
  /**
   * Other words a test that reaches it by name would contain: a CLI command's name (`routes` for a click command
   * `routes_command`), the strings of its decorators or annotations (a registered name).
   */
  readonly aliases: readonly string[];
  /**
   * Sentences from its string literals (`header key must be a string`): a test that quotes one exercises it, by
   * whatever name it calls.
   */
  readonly messages: readonly string[];
}

export interface CallableOptions {
  /** C and C++ source files (`.c`, `.cc`): the text of their header(s), whose declarations make a function public. */
  readonly headerText?: string;
}

/** Names a test never calls itself: constructors, initialisers, entry points. */
const NEVER_CALLED = new Set(['constructor', 'init', '__init__', 'initialize', '__construct', 'main', 'new', 'anonymous', 'setUp', 'tearDown', 'operator']);

/** Methods a language or its standard library calls for you (formatting, equality, iteration, serialisation). */
const PROTOCOL_METHODS: Readonly<Partial<Record<SourceLanguage, ReadonlySet<string>>>> = {
  go: new Set(['String', 'Error', 'GoString', 'Format', 'MarshalJSON', 'UnmarshalJSON', 'MarshalText', 'UnmarshalText', 'MarshalYAML', 'UnmarshalYAML', 'MarshalBinary', 'UnmarshalBinary', 'ServeHTTP', 'Len', 'Less', 'Swap', 'Scan', 'Value', 'Unwrap', 'Is', 'As', 'Init']),
  java: new Set(['toString', 'equals', 'hashCode', 'compareTo', 'clone', 'finalize', 'iterator', 'hasNext', 'next', 'close']),
  kotlin: new Set(['toString', 'equals', 'hashCode', 'compareTo', 'iterator', 'hasNext', 'next', 'close']),
  scala: new Set(['toString', 'equals', 'hashCode', 'compare', 'iterator', 'hasNext', 'next', 'close', 'apply', 'unapply']),
  csharp: new Set(['ToString', 'Equals', 'GetHashCode', 'Dispose', 'DisposeAsync', 'GetEnumerator', 'CompareTo', 'Main']),
  ruby: new Set(['to_s', 'to_str', 'to_proc', 'inspect', 'each', 'hash', 'eql?', 'method_missing', 'respond_to_missing?', 'initialize_copy', 'coerce']),
  js: new Set(['toString', 'toJSON', 'valueOf', 'render']),
  ts: new Set(['toString', 'toJSON', 'valueOf', 'render']),
  swift: new Set(['description', 'debugDescription', 'hash', 'encode', 'makeIterator']),
  php: new Set(['jsonSerialize', 'getIterator', 'offsetGet', 'offsetSet', 'offsetExists', 'offsetUnset', 'count']),
  rust: new Set(['fmt', 'from', 'into', 'drop', 'deref', 'deref_mut', 'eq', 'cmp', 'partial_cmp', 'hash', 'next', 'default', 'clone']),
};

/** Word endings that name a function's role, not what it does: `routes_command` is the `routes` command. */
const ROLE_SUFFIX = /^(?:command|cmd|handler|callback|action|view|hook|listener|task|job|endpoint|route|func)$/i;
/** Namespaces of implementation details in C++ (`fmt::detail`). */
const INTERNAL_NAMESPACE = /^(?:detail|details|internal|impl|priv|private|_.*)$/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*[?!=]?$/;
const HELPER_NAME = /(?:Internal|Impl|Unchecked|_internal|_impl|_unchecked)$|^(?:internal|do)[A-Z_]/;
/** What marks a function as no public API, or on its way out, in its doc comment or annotations. */
const DEPRECATED_BODY = /\bDeprecationWarning\b|\bwill be removed\b|\bis deprecated\b|\bdeprecate\(/i;
const INTERNAL_DOC = /@private\b|@api\s+private\b|@internal\b|:nodoc:|@hide\b|@deprecated\b|\bDeprecated:|#\[deprecated\b|@Deprecated\b|\[Obsolete\b/;
/** Interpolation and formatting holes that split a message into the fixed parts a test would quote. */
const INTERPOLATION = /#\{[^}]*\}|\$\{[^}]*\}|\{[^}]*\}|%[-+ #0-9.]*[a-zA-Z]|\$[A-Za-z_]\w*|\\\(/;
const MIN_MESSAGE_CHARS = 15;
const MAX_MESSAGES = 8;

/** The functions of `shape` (read from `text`) that a test can call by name, in file order. */
export function callableFunctions(file: string, text: string, language: SourceLanguage, shape: SourceShape, options: CallableOptions = {}): CallableFunction[] {
  if (shape.functions.length === 0) return [];
  const { lines: code, strings } = codeAndStrings(text, language);
  const raw = text.split('\n');
  const scopes = language === 'c' || language === 'cpp' || language === 'swift' ? scopesAt(code, new Set(shape.functions.map((fn) => fn.line))) : new Map<number, Scope[]>();
  const types = new Set(shape.types.map((type) => type.name));
  const reader = new FileReader(file, language, code, raw, strings, scopes, types, options);
  const found: CallableFunction[] = [];
  for (const fn of shape.functions) {
    const callable = reader.callable(fn);
    if (callable) found.push(callable);
  }
  return found;
}

/** `Owner.method`, `Owner::method` → [`Owner`, `method`]. */
function splitName(name: string): { owner?: string; bare: string } {
  const at = Math.max(name.lastIndexOf('.'), name.lastIndexOf('::') >= 0 ? name.lastIndexOf('::') + 1 : -1);
  if (at < 0) return { bare: name };
  const owner = name.slice(0, name[at - 1] === ':' ? at - 1 : at).split(/\.|::/).pop();
  return { ...(owner ? { owner } : {}), bare: name.slice(at + 1) };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

class FileReader {
  private jsExported: Set<string> | undefined;

  constructor(
    private readonly file: string,
    private readonly language: SourceLanguage,
    private readonly code: readonly string[],
    private readonly raw: readonly string[],
    private readonly strings: ReadonlyMap<number, readonly string[]>,
    private readonly scopes: ReadonlyMap<number, readonly Scope[]>,
    /** The types the file declares: a function named like one is its constructor. */
    private readonly types: ReadonlySet<string>,
    private readonly options: CallableOptions,
  ) {}

  callable(fn: FunctionShape): CallableFunction | undefined {
    const split = splitName(fn.name);
    const shapeBare = split.bare;
    const signature = this.signature(fn, shapeBare);
    // C++: the class of `Version::LogAndApply(` or the one the method sits in, not the namespace around it.
    const owner = this.language === 'c' || this.language === 'cpp' ? this.cppClassOf(fn, shapeBare, signature) : split.owner;
    // JS: `res.sendFile = function send(…)` is called as `sendFile`, whatever the function's own name.
    const assigned = this.language === 'js' || this.language === 'ts' ? /^((?:[\w$]+\.)+)([\w$]+)\s*=\s*(?:async\s+)?function\b/.exec(signature.trim()) : null;
    const bare = assigned?.[2] ?? shapeBare;
    if (!IDENTIFIER.test(bare) || NEVER_CALLED.has(bare) || bare === owner || this.types.has(bare) || PROTOCOL_METHODS[this.language]?.has(bare)) return undefined;
    // `removeInternal`, `parse_impl`: a helper by its own name, reached through the function it helps.
    if (HELPER_NAME.test(bare)) return undefined;
    const decorations = this.decorations(fn.line);
    if (!this.visible(fn, bare, owner, signature, decorations) || this.markedInternal(fn.line - decorations.length, fn, owner)) return undefined;
    const receiver = assigned?.[1]!.replace(/\.prototype\.$/, '.').replace(/^(?:module\.)?exports\.$/, '');
    const displayName = assigned ? `${receiver}${bare}` : this.language === 'c' || this.language === 'cpp' ? (owner ? `${owner}::${bare}` : bare) : fn.name;
    return {
      ...fn, ...(owner && !assigned ? { owner } : {}), bareName: bare.replace(/[?!=]$/, ''), displayName, aliases: aliasesOf(bare.replace(/[?!=]$/, ''), decorations, this.raw, fn.line),
      messages: this.messages(fn),
    };
  }

  private cppClassOf(fn: FunctionShape, bare: string, signature: string): string | undefined {
    const qualified = new RegExp(`(\\w+)::~?${escape(bare)}\\s*\\(`).exec(signature)?.[1];
    return qualified ?? [...(this.scopes.get(fn.line) ?? [])].reverse().find((scope) => scope.kind === 'type')?.name;
  }

  /**
   * Whether its doc comment (above line `top`, 1-based, past a blank line or two), its decorators, the top of its body
   * or the line declaring its type say it is internal or deprecated: `@private`, `@api private`, `@internal`, `:nodoc:`,
   * `@hide`, `@deprecated`, `Deprecated:`, `#[deprecated]`, `[Obsolete]`.
   */
  private markedInternal(top: number, fn: FunctionShape, owner: string | undefined): boolean {
    const line = fn.line;
    // Its decorators, its signature and the line after it (a Ruby `# :nodoc:`, a docstring's first line).
    const doc = this.raw.slice(top - 1, line + 1);
    let i = top - 2;
    for (let blanks = 0; i >= 0 && blanks < 2 && this.raw[i]!.trim() === ''; i--) blanks++;
    // The comment block right above: lines with text and no code.
    for (let n = 0; i >= 0 && n < 80 && this.raw[i]!.trim() !== '' && this.code[i]!.trim() === ''; i--, n++) doc.push(this.raw[i]!);
    if (INTERNAL_DOC.test(doc.join('\n'))) return true;
    // `warnings.warn("… is deprecated …", DeprecationWarning)` at the top of its body.
    if (this.raw.slice(line, Math.min(line + 15, fn.endLine)).some((text) => DEPRECATED_BODY.test(text))) return true;
    if (!owner) return false;
    const declaration = new RegExp(`\\b(?:class|module|struct|object)\\s+(?:\\w+::)*${escape(owner)}\\b`);
    return this.raw.some((text) => declaration.test(text) && /:nodoc:/.test(text));
  }

  /** Sentences (a space, 15 characters or more between interpolations) in the string literals of its body. */
  private messages(fn: FunctionShape): string[] {
    const found = new Set<string>();
    for (let line = fn.line; line <= fn.endLine && found.size < MAX_MESSAGES; line++) {
      for (const value of this.strings.get(line) ?? []) {
        for (const part of value.split(INTERPOLATION)) {
          const sentence = part.trim();
          if (sentence.length >= MIN_MESSAGE_CHARS && / /.test(sentence) && /[A-Za-z]{3}/.test(sentence)) found.add(sentence);
        }
      }
    }
    return [...found].slice(0, MAX_MESSAGES);
  }

  /** The code of the signature: from the function's first line up to its name's line, at most four lines. */
  private signature(fn: FunctionShape, bare: string): string {
    const lines: string[] = [];
    const name = new RegExp(`(?:^|[^\\w$])${escape(bare)}(?![\\w$])`);
    for (let i = fn.line - 1; i < Math.min(this.code.length, fn.line + 3); i++) {
      lines.push(this.code[i]!);
      if (name.test(this.code[i]!)) break;
    }
    return lines.join(' ');
  }

  /** The annotation, attribute or decorator lines right above line `line` (1-based), raw (their strings matter). */
  private decorations(line: number): string[] {
    /** Upwards from the line above: the lines read, and how many of them reach the topmost decorator. */
    const upwards: string[] = [];
    let reach = 0;
    for (let i = line - 2; i >= 0 && upwards.length < 12; i--) {
      const code = this.code[i]!.trim();
      if (code === '' && this.raw[i]!.trim() === '') break;
      if (/[;{}]$/.test(code) || (this.language === 'python' && /:$/.test(code))) break;
      upwards.push(this.raw[i]!);
      if (/^(?:@|#\[|\[)/.test(code)) reach = upwards.length;
    }
    // Only from the topmost decorator down: a comment or code above it is not part of it.
    return upwards.slice(0, reach).reverse();
  }

  private visible(fn: FunctionShape, bare: string, owner: string | undefined, signature: string, decorations: readonly string[]): boolean {
    const sig = signature.trim();
    const annotated = decorations.join(' ');
    switch (this.language) {
      case 'go': return this.goVisible(sig, bare);
      // Package-private methods are the package's business: public API is `public`.
      case 'java': return /\bpublic\b/.test(sig) && !/@Override\b/.test(annotated) && this.ownerNot(owner, /\b(?:private|protected)\b/);
      case 'kotlin': return !/\b(?:private|protected|internal|override)\b/.test(sig) && this.ownerNot(owner, /\b(?:private|internal)\b/);
      case 'scala': return !/\b(?:private|protected|override)\b/.test(sig) && this.ownerNot(owner, /\bprivate\b/);
      case 'php': return !/\b(?:private|protected)\b/.test(sig) && !bare.startsWith('__');
      case 'csharp': return /\bpublic\b/.test(sig) && !/\b(?:override|protected)\b/.test(sig) && this.ownerIs(owner, /\bpublic\b/, true);
      case 'swift': return this.swiftVisible(fn, sig);
      case 'python': return this.pythonVisible(bare, owner, decorations);
      case 'ruby': return this.rubyVisible(fn, bare);
      case 'js': case 'ts': return this.jsVisible(bare, owner, sig);
      case 'rust': return this.rustVisible(sig, owner);
      case 'c': case 'cpp': return this.cVisible(fn, bare, sig);
    }
  }

  private swiftVisible(fn: FunctionShape, sig: string): boolean {
    if (/\b(?:private|fileprivate|internal|override)\b/.test(sig)) return false;
    const scopes = this.scopes.get(fn.line) ?? [];
    if (scopes.some((scope) => scope.kind === 'type' && /\b(?:private|fileprivate)\b/.test(scope.header))) return false;
    const extension = [...scopes].reverse().find((scope) => scope.kind === 'extension' || scope.kind === 'type');
    // `extension Session: RequestDelegate`: the protocol's methods, which the framework calls.
    if (extension?.kind === 'extension' && /\bextension\s+[\w.]+(?:<[^>]*>)?\s*:/.test(extension.header)) return false;
    return /\b(?:public|open)\b/.test(sig) || (extension?.kind === 'extension' && /^\s*public\s+extension\b/.test(extension.header));
  }

  private goVisible(sig: string, bare: string): boolean {
    const receiver = /^func\s*\(\s*(?:\w+\s+)?\*?\s*([A-Za-z_]\w*)/.exec(sig)?.[1];
    return /^[A-Z]/.test(bare) && (receiver === undefined || /^[A-Z]/.test(receiver));
  }

  /** The line declaring type `owner` (`class Owner`, `struct Owner`…), or undefined. */
  private typeLine(owner: string): string | undefined {
    const declaration = new RegExp(`\\b(?:class|interface|object|enum|record|struct|trait|extension|actor)\\s+${escape(owner)}\\b`);
    return this.code.find((line) => declaration.test(line));
  }

  /** No type `owner`, or its declaration does not match `modifier`. */
  private ownerNot(owner: string | undefined, modifier: RegExp): boolean {
    const line = owner && this.typeLine(owner);
    return !line || !modifier.test(line.slice(0, line.search(new RegExp(`\\b${escape(owner!)}\\b`))));
  }

  /** Type `owner`'s declaration matches `modifier`; `unknown` when the file does not declare it. */
  private ownerIs(owner: string | undefined, modifier: RegExp, unknown: boolean): boolean {
    const line = owner && this.typeLine(owner);
    return line ? modifier.test(line) : unknown;
  }

  private pythonVisible(bare: string, owner: string | undefined, decorations: readonly string[]): boolean {
    if (bare.startsWith('_') || owner?.startsWith('_')) return false;
    // A private module (`_internal.py`, `_vendor/`) is no public API, whatever its functions are called.
    if (this.file.split('/').some((part) => part.startsWith('_') && !part.startsWith('__'))) return false;
    return !decorations.some((d) => /@(?:typing\.)?overload\b|@(?:abc\.)?abstractmethod\b/.test(d));
  }

  private rubyVisible(fn: FunctionShape, bare: string): boolean {
    const name = escape(bare);
    // `private :a, :b`, `private_class_method :a`, `private def a`, anywhere in the file.
    const byName = new RegExp(`^\\s*(?:private|protected|private_class_method)\\b.*(?::${name}(?![\\w?!=])|\\bdef\\s+(?:self\\.)?${name}(?![\\w?!=]))`);
    if (this.code.some((line) => byName.test(line))) return false;
    // A bare `private` or `protected` above it at its own indentation, before the class or module it is in opens.
    const indent = indentOf(this.code[fn.line - 1] ?? '');
    const heredocs = rubyHeredocLines(this.raw);
    for (let i = fn.line - 2; i >= 0; i--) {
      const line = this.code[i]!;
      if (!line.trim() || heredocs.has(i)) continue;
      const at = indentOf(line);
      if (at < indent) return true;
      if (at === indent && /^\s*(?:private|protected)\s*$/.test(line)) return false;
      if (at === indent && /^\s*public\s*$/.test(line)) return true;
    }
    return true;
  }

  private jsVisible(bare: string, owner: string | undefined, sig: string): boolean {
    const exported = this.exportedNames();
    if (/^export\b/.test(sig) || /^(?:module\.)?exports\.[\w$]+\s*=/.test(sig)) return !bare.startsWith('_');
    if (bare.startsWith('_') || bare.startsWith('#')) return false;
    const member = /^([\w$]+)(?:\.prototype)?\.[\w$]+\s*=/.exec(sig);
    if (member) return exported.has(member[1]!);
    if (owner) return !/\b(?:private|protected)\b|#/.test(sig.slice(0, sig.indexOf(bare) + 1)) && exported.has(owner);
    return exported.has(bare);
  }

  /** What a JS/TS module exports by name, and the objects and classes whose members it exports. */
  private exportedNames(): Set<string> {
    if (this.jsExported) return this.jsExported;
    const names = new Set<string>();
    const add = (name: string | undefined) => name && !/^(?:function|class|async|new|require)$/.test(name) && names.add(name);
    for (let i = 0; i < this.code.length; i++) {
      const line = this.code[i]!.trim();
      if (!/\bexports?\b/.test(line)) continue;
      add(/^export\s+(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|class|const|let|var)\s*([\w$]+)/.exec(line)?.[1]);
      add(/^export\s+default\s+([\w$]+)\s*;?$/.exec(line)?.[1]);
      const list = /^export\s*(?:type\s*)?\{([^}]*)\}/.exec(line)?.[1];
      if (list) for (const part of list.split(',')) add(/^\s*([\w$]+)/.exec(part)?.[1]);
      // `module.exports = x`, `exports = module.exports = x`, `var app = exports = module.exports = {}`.
      add(/\bmodule\.exports\s*=\s*(?:exports\s*=\s*)?([\w$]+)\s*;?$/.exec(line)?.[1]);
      add(/\bmodule\.exports\s*=\s*(?:async\s+)?(?:function\*?|class)\s+([\w$]+)/.exec(line)?.[1]);
      add(/^(?:(?:var|let|const)\s+)?([\w$]+)\s*=\s*(?:(?:module\.)?exports\s*=\s*)+/.exec(line)?.[1]);
      const property = /^(?:module\.)?exports\.([\w$]+)\s*=\s*([\w$]+)?/.exec(line);
      if (property) {
        add(property[1]);
        add(property[2]);
      }
      if (/\bmodule\.exports\s*=\s*\{|^export\s+default\s*\{/.test(line)) {
        // `module.exports = { a, b: c }`, `export default { a, b }`: the names listed, to the closing brace.
        let body = line.slice(line.indexOf('{') + 1);
        for (let j = i + 1; j < this.code.length && j < i + 200 && !body.includes('}'); j++) body += ` ${this.code[j]!.trim()}`;
        for (const part of body.slice(0, body.includes('}') ? body.indexOf('}') : undefined).split(',')) {
          const entry = /^\s*([\w$]+)\s*(?::\s*([\w$]+)\s*)?$/.exec(part);
          if (entry) {
            add(entry[1]);
            add(entry[2]);
          }
        }
      }
    }
    this.jsExported = names;
    return names;
  }

  private rustVisible(sig: string, owner: string | undefined): boolean {
    if (!/^pub\s+(?:(?:const|async|unsafe|default|extern\s*(?:""\s*)?)\s+)*fn\b/.test(sig)) return false;
    if (!owner) return true;
    const declaration = new RegExp(`^\\s*(?:pub(?:\\([^)]*\\))?\\s+)?(?:struct|enum|union|trait)\\s+${escape(owner)}\\b`);
    const line = this.code.find((l) => declaration.test(l));
    return !line || /^\s*pub\s/.test(line);
  }

  private cVisible(fn: FunctionShape, bare: string, sig: string): boolean {
    const scopes = this.scopes.get(fn.line) ?? [];
    // `namespace detail`, an anonymous namespace, a class's private part, a `static` free function: file or library internals.
    if (scopes.some((scope) => (scope.kind === 'namespace' && INTERNAL_NAMESPACE.test(scope.name ?? '')) || (scope.kind === 'type' && scope.access !== 'public'))) return false;
    const inType = scopes.some((scope) => scope.kind === 'type');
    if ([...scopes].reverse().find((scope) => scope.kind === 'type')?.name === bare) return false; // a constructor
    if (/\b(?:override|final)\b/.test(sig.slice(sig.indexOf(bare)))) return false;
    if (!inType && /\bstatic\b/.test(sig.slice(0, sig.indexOf(bare)))) return false;
    if (/\.(?:h|hh|hpp|hxx|inl|ipp)$/.test(this.file)) return true;
    // A class defined in a source file is that file's own: no test can include it.
    if (inType) return false;
    // A source file: the header beside it must declare it (and, for `Class::method`, in the class's public part).
    const headerText = this.options.headerText;
    if (!headerText) return false;
    const headerCode = codeLines(headerText, this.language);
    const declared = new RegExp(`(?:^|[^\\w$])${escape(bare)}\\s*\\(`);
    const at = headerCode.findIndex((line) => declared.test(line) && !/\bstatic\b/.test(line));
    if (at < 0) return false;
    const headerScopes = scopesAt(headerCode, new Set([at + 1])).get(at + 1) ?? [];
    return !headerScopes.some((scope) => (scope.kind === 'namespace' && INTERNAL_NAMESPACE.test(scope.name ?? '')) || (scope.kind === 'type' && scope.access !== 'public'));
  }

}

/** The lines (0-based) of Ruby heredoc bodies and their closing `EOS`: text, whatever its indentation. */
function rubyHeredocLines(raw: readonly string[]): Set<number> {
  const inside = new Set<number>();
  for (let i = 0; i < raw.length; i++) {
    const opened = /<<[~-]?(['"]?)([A-Z_][A-Z0-9_]*)\1/.exec(raw[i]!);
    if (!opened || /^\s*#/.test(raw[i]!)) continue;
    // A heredoc alone on its line may start at column 0, like its body.
    if (/^\s*<</.test(raw[i]!)) inside.add(i);
    for (let j = i + 1; j < raw.length; j++) {
      inside.add(j);
      if (raw[j]!.trim() === opened[2]) {
        i = j;
        break;
      }
    }
  }
  return inside;
}

/**
 * Words that show a test reaching the function by another name: for a role name (`routes_command`,
 * `NewCompletionCmd`), the rest of it (`routes`, `completion`); for a decorated function, the words of its
 * decorators' strings (`@click.command("routes")`) and its name with dashes (`show-routes` for `show_routes`).
 */
function aliasesOf(bare: string, decorations: readonly string[], raw: readonly string[], line: number): string[] {
  const aliases = new Set<string>();
  const words = bare.replace(/([a-z0-9])([A-Z])/g, '$1_$2').split('_').filter(Boolean);
  if (words.length > 1 && ROLE_SUFFIX.test(words[words.length - 1]!)) {
    const rest = words.slice(0, -1);
    const snake = bare.includes('_');
    aliases.add(snake ? rest.join('_') : bare.slice(0, bare.length - words[words.length - 1]!.length));
    aliases.add(rest.join('-').toLowerCase());
    for (const word of rest) if (word.length >= 4) aliases.add(word.toLowerCase());
  }
  if (decorations.length > 0) {
    if (bare.includes('_')) aliases.add(bare.replace(/_/g, '-'));
    for (const text of [...decorations, raw[line - 1] ?? '']) {
      for (const quoted of text.matchAll(/"([^"\n]{1,80})"|'([^'\n]{1,80})'/g)) {
        for (const word of (quoted[1] ?? quoted[2]!).matchAll(/[A-Za-z][\w-]*[\w]/g)) if (word[0].length >= 3) aliases.add(word[0]);
      }
    }
  }
  aliases.delete(bare);
  return [...aliases].filter((alias) => alias.length >= 3);
}
