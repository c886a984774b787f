/**
 * Whether a source file is part of what its package offers: a file whose types are all internal (Java
 * package-private, Kotlin `internal`, C# `internal`, Swift without `public`/`open`, `@internal`) is machinery its
 * public API's tests reach, and a deprecated one is on its way out. Neither is a file-level test gap: "no test for
 * this file" would be true of its name and false of its code. Pure: the caller passes the file's text.
 */
import { codeLines } from './codeText';
import type { SourceLanguage } from './testFileMatch';

export type FileSurface = 'internal' | 'deprecated';

/** Deprecation and internal markers in doc comments and attributes, as each language writes them. */
const DEPRECATED = /@deprecated\b|@Deprecated\b|\[Obsolete\b|#\[deprecated\b|^\s*\/\/\s*Deprecated:/;
const INTERNAL_DOC = /@internal\b|@api\s+private\b|@private\b|:nodoc:/;

/** A type declared at the top of the file (no indentation), with its modifiers in group 1. */
const TOP_TYPE: Partial<Record<SourceLanguage, RegExp>> = {
  java: /^((?:(?:public|protected|private|abstract|final|static|sealed|non-sealed|strictfp)\s+)*)(?:class|interface|enum|record|@interface)\s+\w/,
  kotlin: /^((?:(?:public|internal|private|protected|abstract|open|final|sealed|data|enum|inline|value|annotation|expect|actual|suspend|operator|infix|const|lateinit)\s+)*)(?:class|interface|object|typealias|fun|val|var)\s+[\w<(`]/,
  scala: /^((?:(?:private(?:\[\w+\])?|protected(?:\[\w+\])?|abstract|final|sealed|case|implicit)\s+)*)(?:class|trait|object)\s+\w/,
  csharp: /^\s{0,4}((?:(?:public|internal|private|protected|static|sealed|abstract|partial|readonly|ref|unsafe|file)\s+)*)(?:class|struct|interface|record|enum)\s+\w/,
  swift: /^((?:(?:public|open|internal|fileprivate|private|final|@\w+)\s+)*)(?:class|struct|enum|protocol|actor|extension)\s+\w/,
  // Declared without visibility: only their doc comments can say deprecated or internal.
  php: /^((?:(?:abstract|final|readonly)\s+)*)(?:class|interface|trait|enum)\s+\w/,
  js: /^((?:export\s+)?(?:default\s+)?)(?:class|function)\s+\w/,
  ts: /^((?:export\s+)?(?:default\s+)?(?:abstract\s+)?)(?:class|function|interface)\s+\w/,
};

/** Modifiers that make a top-level type reachable from outside its package or module. */
const PUBLIC: Partial<Record<SourceLanguage, RegExp>> = {
  java: /\bpublic\b/,
  // Kotlin and Scala types are public unless they say otherwise.
  kotlin: /^(?!.*\b(?:internal|private)\b)/,
  scala: /^(?!.*\bprivate\b)/,
  csharp: /\bpublic\b/,
  swift: /\b(?:public|open)\b/,
};

/** Why `text` is no file-level test gap, or undefined when it is part of the public surface (or the language does not say). */
export function fileSurface(text: string, language: SourceLanguage): FileSurface | undefined {
  const raw = text.split(/\r?\n/);
  const top = TOP_TYPE[language];
  const code = codeLines(text, language);
  const declarations: Array<{ line: number; modifiers: string }> = [];
  if (top) {
    code.forEach((line, i) => {
      const m = top.exec(line);
      if (m) declarations.push({ line: i, modifiers: m[1] ?? '' });
    });
  }
  // The doc comment or attributes right above the first type speak for the file (`@deprecated`, `@internal`).
  const first = declarations[0]?.line;
  const above = first === undefined ? [] : raw.slice(Math.max(0, first - 8), first + 1);
  if (above.some((line) => DEPRECATED.test(line))) return 'deprecated';
  if (above.some((line) => INTERNAL_DOC.test(line))) return 'internal';
  const isPublic = PUBLIC[language];
  if (!isPublic || declarations.length === 0) return undefined;
  // Swift extensions add to types declared elsewhere: they say nothing of this file's own visibility.
  const own = language === 'swift' ? declarations.filter((d) => !/\bextension\b/.test(code[d.line] ?? '')) : declarations;
  if (own.length === 0) return undefined;
  return own.some((d) => isPublic.test(d.modifiers)) ? undefined : 'internal';
}
