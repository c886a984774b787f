/**
 * Source text with comments removed and string contents emptied, line by line, for the light scanners that size a
 * source file (sourceShape.ts) and read a test file's references (testReferences.ts). Not a parser: one pass over the
 * characters with the handful of lexical rules each language family shares (comment markers, quote kinds, char
 * literals, triple-quoted and raw strings, JavaScript and Ruby regex literals), enough that a `{` or a keyword inside
 * a comment or a string is never read as code. Pure.
 *
 * The output has as many lines as the input, so line numbers still point into the file. A string keeps its quotes
 * (`"…"` becomes `""`), so `import x from "y"` stays recognisable as an import line with its specifier removed; use
 * {@link stringLiterals} where the specifier matters.
 */
import type { SourceLanguage } from './testFileMatch';

interface Syntax {
  /** `//` starts a comment. */
  readonly slashComment: boolean;
  /** `#` starts a comment (not `#[`, PHP's attributes, which are skipped as comments anyway). */
  readonly hashComment: boolean;
  readonly blockComment: boolean;
  /** Quote characters that open a string ending at the same character. */
  readonly quotes: string;
  /** `'x'` is a character literal (C family, Rust, Go): a lone `'` (a Rust lifetime, C++ `1'000`) is plain code. */
  readonly charLiterals: boolean;
  /** `"""…"""` (and `'''…'''` in Python) spans lines. */
  readonly tripleQuotes: boolean;
  /** `/…/` after an operator is a regex literal. */
  readonly regexLiterals: boolean;
  /** Ruby's `=begin` … `=end` block comments. */
  readonly rubyBlocks: boolean;
}

const C_LIKE: Syntax = { slashComment: true, hashComment: false, blockComment: true, quotes: '"', charLiterals: true, tripleQuotes: false, regexLiterals: false, rubyBlocks: false };
const SYNTAX: Readonly<Record<SourceLanguage, Syntax>> = {
  js: { ...C_LIKE, quotes: '"\'`', charLiterals: false, regexLiterals: true },
  ts: { ...C_LIKE, quotes: '"\'`', charLiterals: false, regexLiterals: true },
  python: { ...C_LIKE, slashComment: false, hashComment: true, blockComment: false, quotes: '"\'', charLiterals: false, tripleQuotes: true },
  go: { ...C_LIKE, quotes: '"`' },
  java: { ...C_LIKE, tripleQuotes: true },
  kotlin: { ...C_LIKE, tripleQuotes: true },
  scala: { ...C_LIKE, tripleQuotes: true },
  rust: C_LIKE,
  c: C_LIKE,
  cpp: C_LIKE,
  csharp: C_LIKE,
  swift: { ...C_LIKE, charLiterals: false, tripleQuotes: true },
  ruby: { ...C_LIKE, slashComment: false, hashComment: true, blockComment: false, quotes: '"\'`', charLiterals: false, regexLiterals: true, rubyBlocks: true },
  php: { ...C_LIKE, hashComment: true, quotes: '"\'', charLiterals: false },
};

/** Characters after which a `/` starts a regex literal rather than a division. */
const BEFORE_REGEX = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);

/** The file's lines with comments removed and string contents emptied (quotes kept). */
export function codeLines(text: string, language: SourceLanguage): string[] {
  return scan(text, SYNTAX[language], undefined);
}

/** The width of a line's leading spaces and tabs, a tab counting four: how indentation languages nest. */
export function indentOf(line: string): number {
  let width = 0;
  for (const c of line) {
    if (c === ' ') width++;
    else if (c === '\t') width += 4;
    else break;
  }
  return width;
}

/**
 * The contents of the string literals that start on each line (1-based line → strings), for import specifiers:
 * `require('./a')`, `from "pkg"`, `#include "x.h"`. Multi-line strings are left out.
 */
export function stringLiterals(text: string, language: SourceLanguage): Map<number, string[]> {
  return codeAndStrings(text, language).strings;
}

/** {@link codeLines} and {@link stringLiterals} from one pass. */
export function codeAndStrings(text: string, language: SourceLanguage): { lines: string[]; strings: Map<number, string[]> } {
  const strings = new Map<number, string[]>();
  const lines = scan(text, SYNTAX[language], (line, value) => {
    const list = strings.get(line);
    if (list) list.push(value);
    else strings.set(line, [value]);
  });
  return { lines, strings };
}

function scan(text: string, syntax: Syntax, onString: ((line: number, value: string) => void) | undefined): string[] {
  const lines: string[] = [];
  let out = '';
  let i = 0;
  const n = text.length;
  /** Last significant code character on the current line, for the regex-literal rule. */
  let last = '';
  const newline = () => {
    lines.push(out);
    out = '';
    last = '';
  };
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      newline();
      i++;
      continue;
    }
    if (c === '\r') {
      i++;
      continue;
    }
    const next = text[i + 1];
    // Comments.
    if ((syntax.slashComment && c === '/' && next === '/') || (syntax.hashComment && c === '#')) {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (syntax.blockComment && c === '/' && next === '*') {
      i += 2;
      while (i < n && !(text[i] === '*' && text[i + 1] === '/')) {
        if (text[i] === '\n') newline();
        i++;
      }
      i += 2;
      continue;
    }
    if (syntax.rubyBlocks && c === '=' && (i === 0 || text[i - 1] === '\n') && text.startsWith('=begin', i)) {
      while (i < n && !((text[i - 1] === '\n') && text.startsWith('=end', i))) {
        if (text[i] === '\n') newline();
        i++;
      }
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    // Strings.
    if (syntax.quotes.includes(c) || (syntax.charLiterals && c === "'")) {
      if (c === "'" && syntax.charLiterals && !syntax.quotes.includes("'")) {
        const literal = /^'(?:\\[^']{1,10}|[^\\'\n])'/.exec(text.slice(i, i + 14));
        if (!literal) {
          out += c;
          last = c;
          i++;
          continue;
        }
        out += "''";
        last = "'";
        i += literal[0].length;
        continue;
      }
      const triple = syntax.tripleQuotes && next === c && text[i + 2] === c && (c === '"' || c === "'");
      const close = triple ? c.repeat(3) : c;
      // Backtick strings (JS templates, Go raw strings) and triple-quoted ones span lines; Go raw strings have no escapes.
      const multiline = triple || c === '`';
      const escapes = !(c === '`' && syntax.quotes === '"`');
      const startLine = lines.length + 1;
      // The value is kept only for a caller that wants it: most scans only skip strings.
      let value = '';
      i += close.length;
      out += c;
      const quote = c.charCodeAt(0);
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === quote && (!triple || text.startsWith(close, i))) break;
        if (d === 10) {
          if (!multiline) break; // an unterminated string ends with its line
          newline();
          value = '';
          i++;
          // The next line keeps its indentation: a closing `"""` must not look like a dedent to the scanners.
          while (i < n && (text[i] === ' ' || text[i] === '\t')) out += text[i++];
          continue;
        }
        if (d === 92 && escapes && i + 1 < n && text.charCodeAt(i + 1) !== 10) {
          if (onString) value += text[i + 1];
          i += 2;
          continue;
        }
        if (onString) value += text[i];
        i++;
      }
      if (text.startsWith(close, i)) i += close.length;
      if (onString && lines.length + 1 === startLine) onString(startLine, value);
      out += c;
      last = c;
      continue;
    }
    if (syntax.regexLiterals && c === '/' && BEFORE_REGEX.has(last) && next !== ' ' && next !== '=') {
      let j = i + 1;
      let inClass = false;
      while (j < n && text[j] !== '\n') {
        const d = text[j]!;
        if (d === '\\') j++;
        else if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
        j++;
      }
      if (j < n && text[j] === '/') {
        out += '/ /'; // an emptied regex, kept apart so it never reads as a comment
        i = j + 1;
        last = '/';
        continue;
      }
    }
    // A run of plain code, up to the next character one of the rules above looks at: appended as one slice.
    let j = i + 1;
    while (j < n && !SPECIAL.has(text.charCodeAt(j))) j++;
    out += text.slice(i, j);
    for (let k = j - 1; k >= i; k--) {
      const d = text.charCodeAt(k);
      if (d === 32 || d === 9) continue;
      last = isWordCode(d) ? 'a' : text[k]!;
      break;
    }
    i = j;
  }
  lines.push(out);
  return lines;
}

/** Characters that can start a comment, a string, a regex, a Ruby block comment or a line: the scan stops at them. */
const SPECIAL = new Set(['\n', '\r', '/', '#', '"', "'", '`', '='].map((c) => c.charCodeAt(0)));

function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36 || code > 127;
}
