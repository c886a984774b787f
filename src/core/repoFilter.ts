/**
 * The one repository filter: which paths are vendored, generated or excluded by the user, and so are never suggested
 * by any source (TODOs, skipped tests, test gaps, coverage gaps) nor counted by risk. Pure: the adapter
 * (adapters/localTasks/repoFilter.ts) gathers the inputs with git (attributes, submodules, the file list, heads).
 *
 * The decision, in GitHub Linguist's order:
 * 1. the user's `handsOn.exclude` globs (`--exclude` in the CLI) always win;
 * 2. the repository's own attributes: `linguist-vendored` and `linguist-generated`, set or unset;
 * 3. git submodules;
 * 4. built-in rules: well-known vendored folders, build tooling and single-file libraries, build output folders,
 *    generated file names,
 *    outputs next to their source (parser.c next to parser.y, configure next to configure.ac…), and generated-file
 *    markers in the first lines (`Code generated … DO NOT EDIT.`, `@generated`…).
 * An attribute that UNSETS vendored (`-linguist-vendored`, `linguist-vendored=false`) turns the built-in vendored
 * rules off for that path, as it does on GitHub; the same for generated.
 *
 * Paths are repository-relative with '/' separators. Decide on paths first (`pathExclusion`): file heads are read only
 * for the paths still in, and only for those that reach a candidate list (`headExclusion`).
 */

/** Why a path is left out. The first group is vendored, the second generated. */
export type ExclusionReason =
  | 'excludeSetting'
  | 'vendoredAttribute'
  | 'submodule'
  | 'vendoredFolder'
  | 'vendoredTooling'
  | 'vendoredLibrary'
  | 'generatedAttribute'
  | 'buildOutput'
  | 'generatedName'
  | 'generatedFromSource'
  | 'generatedMarker';

/** `linguist-vendored` / `linguist-generated` for one path: true (set), false (unset), undefined (unspecified). */
export interface LinguistAttributes {
  readonly vendored?: boolean;
  readonly generated?: boolean;
}

/**
 * One `git check-attr` answer as Linguist reads it: `set` and any value but `false` mean yes, `unset` and `false`
 * mean no (and turn the built-in rules off), `unspecified` means the attributes say nothing.
 */
export function linguistValue(info: string): boolean | undefined {
  if (info === 'unspecified') return undefined;
  return info !== 'unset' && info !== 'false';
}

/** What an attributes file says about Linguist: whether it sets, and whether it unsets, either attribute. */
export function linguistMentions(text: string): { readonly sets: boolean; readonly unsets: boolean } {
  // Macros (`[attr]name linguist-vendored`) carry the words too, so a macro user is caught by `sets`.
  const unsets = /(?:^|\s)-linguist-(?:vendored|generated)\b|linguist-(?:vendored|generated)=false\b/m.test(text);
  return { sets: /linguist-(?:vendored|generated)/.test(text), unsets };
}

/**
 * Folders of other people's code, at any depth: package managers' install folders, the usual homes of copied-in
 * libraries (redis keeps jemalloc, hiredis and lua in `deps/`), and build tool wrappers.
 */
export const VENDORED_DIRS: readonly string[] = [
  'vendor', 'Vendor', 'vendors', '_vendor', 'vendored', 'deps', 'third_party', 'third-party', 'thirdparty', 'ThirdParty',
  '3rdparty', '3rd_party', '3rd-party', 'external', 'externals', 'extern', 'node_modules', 'bower_components',
  'jspm_packages', '.yarn', '.pnpm-store', 'Pods', 'Carthage', 'site-packages',
];

/** Build tooling copied into repositories (autotools; Gradle, Maven and Mill wrappers), by file name at any depth. */
export const VENDORED_TOOLING_NAMES: readonly string[] = [
  'config.sub', 'config.guess', 'ltmain.sh', 'install-sh', 'depcomp', 'missing', 'compile', 'ar-lib', 'test-driver',
  'mkinstalldirs', 'ylwrap', 'py-compile', 'config.rpath', 'aclocal.m4', 'libtool.m4', 'ltoptions.m4', 'ltsugar.m4',
  'ltversion.m4', 'lt~obsolete.m4', 'gradlew', 'gradlew.bat', 'mvnw', 'mvnw.cmd', 'mill', 'millw', 'mill.bat', 'sbtx',
];

/**
 * Single-file and amalgamated copies of well-known libraries, by file name at any depth: GoogleTest's fused sources
 * (fmt keeps them in `test/gtest/`), Catch2, doctest, the SQLite amalgamation, Python's docopt and six. Names only: a folder named after a
 * library (`fmt/`, `json/`) is as often the project's own code.
 */
export const VENDORED_LIBRARY_NAMES: readonly string[] = [
  'gtest-all.cc', 'gmock-all.cc', 'gmock-gtest-all.cc', 'gtest.h', 'gtest-spi.h', 'gmock.h',
  'catch.hpp', 'catch_amalgamated.hpp', 'catch_amalgamated.cpp', 'doctest.h', 'sqlite3.c', 'sqlite3.h', 'sqlite3ext.h',
  'docopt.py', 'six.py',
];

/** Folders of build tooling wrappers (the jars and scripts of `gradlew` and `mvnw`). */
export const VENDORED_TOOLING_DIRS: readonly string[] = ['gradle/wrapper', '.mvn/wrapper'];

/** Generated at any depth. */
export const GENERATED_DIRS: readonly string[] = ['generated', '__generated__', 'dist', '.next', '.nuxt', '.svelte-kit'];

/**
 * Build output, unless under a `src` or `lib` folder: source roots hold hand-written code named like this (a
 * bundler's `src/build/`, our own `src/adapters/coverage/`), while output sits at a project's or a package's top.
 */
export const BUILD_OUTPUT_DIRS: readonly string[] = ['build', 'out', 'target', 'coverage'];
const SOURCE_ROOTS = new Set(['src', 'lib']);

/**
 * Generated file names (case-insensitive globs; `*` is any run of characters but '/'): protocol buffers and gRPC,
 * C# and Dart code generators, minified bundles and source maps, lock files, test snapshots.
 */
export const GENERATED_NAME_GLOBS: readonly string[] = [
  '*.pb.go', '*.pb.gw.go', '*.pb.cc', '*.pb.h', '*.pb.c', '*.pb-c.c', '*.pb-c.h', '*.pb.swift', '*.grpc.swift',
  '*.pb.dart', '*.pbenum.dart', '*.pbjson.dart', '*.pbgrpc.dart', '*_pb2.py', '*_pb2.pyi', '*_pb2_grpc.py',
  '*_pb.js', '*_pb.d.ts', '*_grpc_pb.js', '*_grpc_pb.d.ts', '*_pb.rb', '*_services_pb.rb',
  '*.g.cs', '*.g.i.cs', '*.designer.cs', '*.designer.vb', '*.g.dart', '*.freezed.dart', '*.mocks.dart', '*.gr.dart',
  '*.generated.*', '*_generated.*',
  '*.min.js', '*.min.mjs', '*.min.cjs', '*.min.css', '*.bundle.js', '*.map',
  '*.lock', 'package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'go.sum', 'packages.lock.json', 'Package.resolved',
  '*.snap',
];

/**
 * A case-insensitive matcher for file-name globs of the three shapes GENERATED_NAME_GLOBS uses: a plain name, `*SUFFIX`
 * and `*INFIX*`. Suffixes are indexed by the name's last extension, so a name costs one or two `endsWith`, not a
 * pass of a regex with dozens of alternatives (this runs for every grep hit and every changed file).
 */
function nameMatcher(globs: readonly string[]): (name: string) => boolean {
  const exact = new Set<string>();
  const suffixes = new Map<string, string[]>();
  const infixes: string[] = [];
  for (const glob of globs.map((g) => g.toLowerCase())) {
    const stars = glob.split('*').length - 1;
    if (stars === 0) exact.add(glob);
    else if (stars === 1 && glob.startsWith('*')) {
      const suffix = glob.slice(1);
      const ext = suffix.slice(suffix.lastIndexOf('.') + 1);
      suffixes.set(ext, [...(suffixes.get(ext) ?? []), suffix]);
    } else if (stars === 2 && glob.startsWith('*') && glob.endsWith('*')) infixes.push(glob.slice(1, -1));
    else throw new Error(`nameMatcher: unsupported glob ${glob}`);
  }
  return (name) => {
    const lower = name.toLowerCase();
    if (exact.has(lower)) return true;
    const list = suffixes.get(lower.slice(lower.lastIndexOf('.') + 1));
    if (list?.some((suffix) => lower.length > suffix.length && lower.endsWith(suffix))) return true;
    return infixes.some((infix) => lower.includes(infix) && !lower.endsWith(infix) && !lower.startsWith(infix));
  };
}

const isGeneratedName = nameMatcher(GENERATED_NAME_GLOBS);
const TOOLING_NAMES = new Set(VENDORED_TOOLING_NAMES);
const LIBRARY_NAMES = new Set(VENDORED_LIBRARY_NAMES);
const VENDORED = new Set(VENDORED_DIRS);
const GENERATED = new Set(GENERATED_DIRS);
const BUILD_OUTPUT = new Set(BUILD_OUTPUT_DIRS);
/** The last segments of the tooling folders: only a folder named so is compared with them whole. */
const TOOLING_LAST = new Set(VENDORED_TOOLING_DIRS.map((dir) => dir.slice(dir.lastIndexOf('/') + 1)));

/** Inputs the adapter gathered; every one is optional (an input that failed to load just decides nothing). */
export interface RepoFilterInputs {
  /** Every path in the tree (tracked files): outputs are recognised by their source file next to them. */
  readonly files?: Iterable<string>;
  /** Submodule paths (from .gitmodules). */
  readonly submodules?: readonly string[];
  /** The user's exclude globs, compiled by the adapter with a glob library: true when `path` is excluded. */
  readonly excludeSetting?: (path: string) => boolean;
}

export class RepoFilter {
  private readonly submodules: ReadonlySet<string>;
  private readonly outputs: ReadonlySet<string>;
  private readonly excludeSetting: (path: string) => boolean;

  constructor(inputs: RepoFilterInputs = {}) {
    this.submodules = new Set((inputs.submodules ?? []).map((p) => p.replace(/\/+$/, '')).filter((p) => p !== ''));
    this.outputs = generatedFromSources(inputs.files ?? []);
    this.excludeSetting = inputs.excludeSetting ?? (() => false);
  }

  /** The user's globs only: true when `path` is excluded by the setting. */
  excludedBySetting(path: string): boolean {
    return this.excludeSetting(path);
  }

  /**
   * Every rule that needs no file content, given the path's Linguist attributes when known (leave them out when the
   * repository sets none: then the built-in rules decide).
   */
  pathExclusion(path: string, attributes: LinguistAttributes = {}): ExclusionReason | undefined {
    if (this.excludeSetting(path)) return 'excludeSetting';
    if (attributes.vendored === true) return 'vendoredAttribute';
    if (attributes.generated === true) return 'generatedAttribute';
    if (this.inSubmodule(path)) return 'submodule';
    const vendored = attributes.vendored !== false;
    const generated = attributes.generated !== false;
    // One pass over the folders, without splitting: this runs for every grep hit and every changed file.
    let underSourceRoot = false;
    let buildOutput = false;
    let start = 0;
    for (let end = path.indexOf('/'); end >= 0; start = end + 1, end = path.indexOf('/', start)) {
      const dir = path.slice(start, end);
      if (vendored && VENDORED.has(dir)) return 'vendoredFolder';
      if (vendored && TOOLING_LAST.has(dir)) {
        const upTo = path.slice(0, end);
        if (VENDORED_TOOLING_DIRS.some((tooling) => upTo === tooling || upTo.endsWith(`/${tooling}`))) return 'vendoredTooling';
      }
      if (GENERATED.has(dir)) buildOutput = true;
      else if (BUILD_OUTPUT.has(dir) && !underSourceRoot) buildOutput = true;
      if (SOURCE_ROOTS.has(dir)) underSourceRoot = true;
    }
    const name = path.slice(start);
    if (vendored && TOOLING_NAMES.has(name)) return 'vendoredTooling';
    if (vendored && LIBRARY_NAMES.has(name)) return 'vendoredLibrary';
    if (generated) {
      if (buildOutput) return 'buildOutput';
      if (isGeneratedName(name)) return 'generatedName';
      if (this.outputs.has(path)) return 'generatedFromSource';
    }
    return undefined;
  }

  /** The rule that needs the file's first bytes (`head`): a generated-file marker, unless the attributes unset generated. */
  headExclusion(head: string, attributes: LinguistAttributes = {}): ExclusionReason | undefined {
    return attributes.generated !== false && hasGeneratedMarker(head) ? 'generatedMarker' : undefined;
  }

  private inSubmodule(path: string): boolean {
    if (this.submodules.size === 0) return false;
    for (let at = path.indexOf('/'); ; at = path.indexOf('/', at + 1)) {
      if (this.submodules.has(at < 0 ? path : path.slice(0, at))) return true;
      if (at < 0) return false;
    }
  }
}

/** Bytes of a file read for markers; also the most the first HEAD_LINES lines are searched. */
export const HEAD_BYTES = 8_192;
/** Generated-file markers count in the first this many lines (a license header may come first). */
export const HEAD_LINES = 40;
/** A comment that only begins by saying "generated" counts this near the top, where generators write it. */
const WEAK_MARKER_LINES = 10;

/**
 * Markers generators write, anywhere in a line: Go's `Code generated … DO NOT EDIT.`, Facebook's `@generated`,
 * "do not edit" in any case, Bison's and the usual lexer/parser/binding generators' signatures, ANTLR's
 * `Generated from X.g4 by ANTLR`.
 */
const STRONG_MARKERS: readonly RegExp[] = [
  /@generated\b/i,
  /\bdo not edit\b/i,
  /\bDO NOT MODIFY\b/,
  /\bmade by GNU Bison\b/i,
  /\bgenerated by (?:the protocol buffer compiler|flex|bison|g?yacc|byacc|re2c|ragel|gperf|swig|cython|antlr|javacc|jflex|thrift|protoc)\b/i,
  /\bgenerated from \S+ by ANTLR\b/i,
];

/**
 * A comment (or docstring) that STARTS by saying the file is generated: `# Generated by Django 4.2`, `/* Generated
 * by Cython 3.0`, `// Auto-generated file`, `# This file is autogenerated by pip-compile`, `# THIS IS AN AUTOGENERATED
 * FILE`. "generated" must be followed by by/from/with/using, by file/code/source, or by punctuation, so that
 * `// Generated IDs must be unique` is not a marker. Scaffolds are not generated files: they are written once to be
 * edited (`// Generated on <date>` by karma init, `# This file was generated by the rspec --init command`).
 */
const WEAK_MARKER = new RegExp(
  String.raw`^\s*(?:\/\/+!?|#+!?|\/\*+!?|\*+|--+|;+|<!--|%+|\(\*|\{-|'|rem\b|dnl\b|[rRbBuU]?"""|[rRbBuU]?''')?\s*[[(<*=#-]*\s*` +
  String.raw`(?:(?:this|the)\s+(?:file|code|source|script|class|module|header|program|document)\s+(?:is|was|has been|had been)\s+|this is an?\s+)?` +
  String.raw`(?:auto(?:matically|-)?\s*)?generated\b(?:\s+(?:by|from|with|using|automatically|file|code|source)\b|\s*[.,:;!)\]*-]|\s*$)`,
  'i',
);

/** A weak marker naming a scaffolding command: the file was written once to be edited. */
const SCAFFOLD = /(?:^|[\s`'"-])(?:init|scaffold(?:ed|ing)?|template)\b/i;

/** Quotes before a marker mean a string: the generator writing a marker, not a generated file. */
const QUOTED = /["'`]/;

/** True when one of the first HEAD_LINES lines of `head` (a file's first bytes) carries a generated-file marker. */
export function hasGeneratedMarker(head: string): boolean {
  let start = 0;
  for (let line = 1; line <= HEAD_LINES && start < head.length; line++) {
    let end = head.indexOf('\n', start);
    if (end < 0) end = head.length;
    if (isGeneratedMarkerLine(head.slice(start, end), line)) return true;
    start = end + 1;
  }
  return false;
}

/** Whether line number `line` (1-based) with `text` marks its file as generated. */
export function isGeneratedMarkerLine(text: string, line: number): boolean {
  if (line > HEAD_LINES) return false;
  if (line <= WEAK_MARKER_LINES && WEAK_MARKER.test(text) && !SCAFFOLD.test(text)) return true;
  for (const marker of STRONG_MARKERS) {
    const m = marker.exec(text);
    if (m && !QUOTED.test(text.slice(0, m.index).replace(/^\s*[rRbBuU]?("""|''')/, ''))) return true;
  }
  return false;
}

/**
 * Words every marker line contains (case-insensitive): a fixed-string prefilter for a `git grep` over many files
 * that then checks each hit with isGeneratedMarkerLine.
 */
export const MARKER_KEYWORDS: readonly string[] = ['generated', 'do not edit', 'DO NOT MODIFY', 'made by GNU Bison'];

/**
 * Outputs next to their source, among `files`: lexers and parsers next to their grammar (yacc/bison `.y`/`.yy`,
 * lex/flex `.l`/`.ll`, re2c `.re`, Ragel `.rl`, gperf, Cython `.pyx`), ANTLR 4 outputs of a `.g4` grammar
 * anywhere (they are often written to another package folder), and autotools outputs (`configure`, `Makefile.in`,
 * `config.h.in`).
 */
export function generatedFromSources(files: Iterable<string>): Set<string> {
  // One regex test a file, and nothing more for a tree without sources of outputs (most trees): this runs on every
  // refresh over every tracked file.
  const sources: string[] = [];
  for (const file of files) if (OUTPUT_SOURCE.test(file)) sources.push(file);
  const found = new Set<string>();
  if (sources.length === 0) return found;
  const all = files instanceof Set ? (files as ReadonlySet<string>) : new Set(files);
  const antlr = new Set<string>();
  for (const file of sources) {
    const slash = file.lastIndexOf('/');
    const dir = file.slice(0, slash + 1);
    const name = file.slice(slash + 1);
    const dot = name.lastIndexOf('.');
    const stem = name.slice(0, dot);
    const ext = name.slice(dot + 1);
    for (const output of SIBLING_OUTPUTS[ext] ?? []) {
      const candidate = dir + output.replace('%', stem);
      if (candidate !== file && all.has(candidate)) found.add(candidate);
    }
    if (ext === 'g4') for (const output of antlrOutputs(stem)) antlr.add(output);
    if (name === 'configure.ac' || name === 'configure.in') {
      for (const output of ['configure', 'config.h.in']) if (all.has(dir + output)) found.add(dir + output);
    }
    if (name === 'Makefile.am' && all.has(`${dir}Makefile.in`)) found.add(`${dir}Makefile.in`);
  }
  if (antlr.size > 0) {
    for (const file of all) if (antlr.has(file.slice(file.lastIndexOf('/') + 1))) found.add(file);
  }
  return found;
}

/** A file whose outputs may sit next to it (or, for ANTLR, anywhere): the keys of SIBLING_OUTPUTS, .g4, autotools. */
const OUTPUT_SOURCE = /[^/]\.(?:y|yy|ypp|l|lex|ll|lpp|re|rl|gperf|pyx|g4)$|(?:^|\/)(?:configure\.ac|configure\.in|Makefile\.am)$/;

const C_OUTPUTS = ['%.c', '%.h'];
const CXX_OUTPUTS = ['%.cc', '%.cpp', '%.cxx', '%.hh', '%.hpp', '%.h'];
/** Source extension → output names next to it (`%` is the source's stem). */
const SIBLING_OUTPUTS: Record<string, readonly string[]> = {
  y: [...C_OUTPUTS, '%.tab.c', '%.tab.h', 'y.tab.c', 'y.tab.h', '%.go', 'y.go'],
  yy: [...CXX_OUTPUTS, '%.tab.cc', '%.tab.hh', '%.tab.cpp', '%.tab.hpp', 'location.hh', 'position.hh', 'stack.hh'],
  ypp: [...CXX_OUTPUTS, '%.tab.cpp', '%.tab.hpp', 'location.hh', 'position.hh', 'stack.hh'],
  l: [...C_OUTPUTS, 'lex.yy.c', '%.yy.c', '%.lex.c'],
  lex: [...C_OUTPUTS, 'lex.yy.c'],
  ll: [...CXX_OUTPUTS, 'lex.yy.cc', '%.yy.cc'],
  lpp: [...CXX_OUTPUTS, 'lex.yy.cc'],
  re: ['%.c', '%.cc', '%.cpp'],
  rl: ['%.c', '%.cc', '%.cpp', '%.go', '%.java', '%.rb'],
  gperf: ['%.c', '%.h', '%.cc', '%.cpp'],
  pyx: ['%.c', '%.cpp'],
};

const ANTLR_PARTS = ['Lexer', 'Parser', 'Listener', 'BaseListener', 'Visitor', 'BaseVisitor'];
const ANTLR_EXTENSIONS = ['java', 'py', 'ts', 'js', 'cs', 'cpp', 'h', 'swift', 'kt', 'dart', 'php'];

/**
 * File names ANTLR 4 writes for grammar `stem`: `ExprParser.java`, `ExprBaseVisitor.ts`…; Go's are lower-case and
 * snake_case (`expr_parser.go`). A split grammar (`ExprLexer.g4`, `ExprParser.g4`) also writes its own name.
 */
function antlrOutputs(stem: string): string[] {
  const own = /(?:Lexer|Parser)$/.test(stem) ? [''] : [];
  const bases = [...own, ...ANTLR_PARTS].map((part) => stem + part);
  const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return [
    ...bases.flatMap((base) => ANTLR_EXTENSIONS.map((ext) => `${base}.${ext}`)),
    ...[...own, ...ANTLR_PARTS].map((part) => `${snake(stem)}${part ? `_${snake(part)}` : ''}.go`),
  ];
}
