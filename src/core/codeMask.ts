/**
 * A small lexer for a window of source lines, as a per-character mask: which characters are code, which are inside a
 * comment and which inside a string literal. Enough to tell a skip marker in code from one in a Javadoc, a
 * commented-out line or a string, and to count braces and read literals without being fooled by either. Pure.
 * (codeText.ts strips whole files to their code for the shape scanner; this one keeps positions.)
 *
 * Not a parser: it knows each language family's comment and quote syntax (`//`, `/* *\/`, `#`, Python's triple
 * quotes, Ruby's `=begin`, char literals in C-like languages) and nothing else. Heredocs, nested block comments and
 * template-literal interpolation are read as their outer kind.
 */

export type CodeFamily = 'c' | 'python' | 'ruby' | 'php' | 'js' | 'go';

/** Per-character kinds, one string per line: `c` code, `m` comment, `s` string (quotes included). */
export interface MaskedLines {
  /** The original lines of the window. */
  readonly lines: readonly string[];
  readonly kinds: readonly string[];
  /** Index in the file of `lines[0]`. */
  readonly first: number;
}

interface Syntax {
  readonly lineComment: readonly string[];
  readonly block: boolean;
  /** Quote characters that open a string (`'` is a char literal in C-like languages, not a string). */
  readonly quotes: string;
  /** `"""` (and `'''` in Python) strings that may span lines. */
  readonly triple: readonly string[];
}

const SYNTAX: Readonly<Record<CodeFamily, Syntax>> = {
  c: { lineComment: ['//'], block: true, quotes: '"', triple: ['"""'] },
  js: { lineComment: ['//'], block: true, quotes: '"\'`', triple: [] },
  go: { lineComment: ['//'], block: true, quotes: '"`', triple: [] },
  python: { lineComment: ['#'], block: false, quotes: '"\'', triple: ['"""', "'''"] },
  ruby: { lineComment: ['#'], block: false, quotes: '"\'', triple: [] },
  php: { lineComment: ['//', '#'], block: true, quotes: '"\'', triple: [] },
};

/**
 * Lexes `lines[from..to]` (inclusive, clamped), starting in code at `from`: callers start far enough above what they
 * ask about (a few hundred lines) that an open block comment is rare.
 */
export function maskLines(all: readonly string[], from: number, to: number, family: CodeFamily): MaskedLines {
  const syntax = SYNTAX[family];
  const start = Math.max(0, from);
  const end = Math.min(all.length - 1, to);
  const lines = all.slice(start, end + 1);
  const kinds: string[] = [];
  // Characters that may open a comment, a string or a char literal; runs of anything else are code, taken at once.
  const special = new RegExp(SPECIALS[family], 'g');
  // State carried across lines: inside a block comment, or a multi-line string closed by `closer`.
  let inBlock = false;
  let closer: string | undefined;
  for (const line of lines) {
    if (family === 'ruby' && !closer) {
      if (inBlock) {
        if (/^=end\b/.test(line)) inBlock = false;
        kinds.push('m'.repeat(line.length));
        continue;
      }
      if (/^=begin\b/.test(line)) {
        inBlock = true;
        kinds.push('m'.repeat(line.length));
        continue;
      }
    }
    let out = '';
    let i = 0;
    const take = (kind: string, stop: number) => {
      out += kind.repeat(stop - i);
      i = stop;
    };
    while (i < line.length) {
      if (inBlock) {
        const close = line.indexOf('*/', i);
        take('m', close < 0 ? line.length : close + 2);
        if (close >= 0) inBlock = false;
        continue;
      }
      if (closer) {
        const close = findCloser(line, i, closer);
        take('s', close < 0 ? line.length : close + closer.length);
        if (close >= 0) closer = undefined;
        continue;
      }
      special.lastIndex = i;
      const next = special.exec(line)?.index ?? line.length;
      if (next > i) {
        take('c', next);
        continue;
      }
      const rest = line.slice(i, i + 3);
      if (syntax.lineComment.some((open) => line.startsWith(open, i)) && !(family === 'php' && line.startsWith('#[', i))) {
        take('m', line.length);
        break;
      }
      if (syntax.block && rest.startsWith('/*')) {
        take('m', i + 2);
        inBlock = true;
        continue;
      }
      const triple = syntax.triple.find((q) => rest === q);
      if (triple) {
        take('s', i + 3);
        closer = triple;
        continue;
      }
      const ch = line[i]!;
      if (syntax.quotes.includes(ch)) {
        const close = findCloser(line, i + 1, ch);
        // Backtick strings (JS templates, Go raw strings) may span lines; the others end with the line.
        if (close < 0 && ch === '`') closer = ch;
        take('s', close < 0 ? line.length : close + 1);
        continue;
      }
      if (ch === "'" && !syntax.quotes.includes("'")) {
        // A char literal ('x', '\n', '"'); a lone quote (a Rust lifetime) is code.
        const len = line[i + 1] === '\\' ? line.indexOf("'", i + 2) - i + 1 : line[i + 2] === "'" ? 3 : 0;
        if (len > 0 && len <= 10) {
          take('s', i + len);
          continue;
        }
      }
      take('c', i + 1);
    }
    kinds.push(out);
  }
  return { lines, kinds, first: start };
}

/** Per family, a character class of what may start a comment, a string or a char literal. */
const SPECIALS: Readonly<Record<CodeFamily, string>> = {
  c: '["\'/]', js: '["\'`/]', go: '["\'`/]', python: '["\'#]', ruby: '["\'#]', php: '["\'/#]',
};

/** The index of `closer` at or after `from`, skipping backslash escapes; -1 when the line ends first. */
function findCloser(line: string, from: number, closer: string): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\' && closer !== '`') {
      i++;
      continue;
    }
    if (line.startsWith(closer, i)) return i;
  }
  return -1;
}

/** The kind of the character at `column` of file line `index` (0-based), or `c` outside the window. */
export function kindAt(masked: MaskedLines, index: number, column: number): 'c' | 'm' | 's' {
  return (masked.kinds[index - masked.first]?.[column] ?? 'c') as 'c' | 'm' | 's';
}

/** A line with everything that is not code replaced by spaces: braces and keywords can then be read safely. */
export function codeOnly(masked: MaskedLines, index: number): string {
  const line = masked.lines[index - masked.first] ?? '';
  const kinds = masked.kinds[index - masked.first] ?? '';
  let out = '';
  for (let i = 0; i < line.length; i++) out += kinds[i] === 'c' ? line[i] : ' ';
  return out;
}

/** True when the line holds comment text and nothing else (blank lines are not comment lines). */
export function isCommentLine(masked: MaskedLines, index: number): boolean {
  const kinds = masked.kinds[index - masked.first] ?? '';
  const line = masked.lines[index - masked.first] ?? '';
  let sawComment = false;
  for (let i = 0; i < line.length; i++) {
    if (kinds[i] === 'm') sawComment = true;
    else if (!/\s/.test(line[i]!)) return false;
  }
  return sawComment;
}

/** The comment text of a line: its comment characters, without the comment syntax (`//`, `#`, `/**`, `*`, `*\/`). */
export function commentText(masked: MaskedLines, index: number): string {
  const line = masked.lines[index - masked.first] ?? '';
  const kinds = masked.kinds[index - masked.first] ?? '';
  let out = '';
  for (let i = 0; i < line.length; i++) out += kinds[i] === 'm' ? line[i] : ' ';
  return out
    .replace(/\/\*+|\*+\//g, ' ')
    .replace(/^\s*(\/\/+!?|#+|\*+(?!\w))/, '')
    .replace(/\s+/g, ' ')
    .trim();
}
