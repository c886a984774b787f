/**
 * The scopes that enclose given lines of a brace language's code (comments and strings already removed, codeText.ts):
 * each `{` read by the code before it (since the last `;`, `{` or `}`), so `namespace detail {`, `class Foo : Bar {`
 * and `extension Session: RequestDelegate {` are told apart from a function's or a block's brace, and C++ access labels
 * (`public:`) are followed inside classes. Pure; a light scanner like sourceShape.ts, for the questions
 * callableFunctions.ts asks about C++ and Swift (is this in a `detail` namespace, a class's private part, a protocol
 * conformance).
 */

export interface Scope {
  readonly kind: 'namespace' | 'type' | 'extension' | 'other';
  /** The namespace's or type's name ('' for an anonymous namespace). */
  readonly name?: string;
  /** The code before the `{`, trimmed and cut to its last 300 characters. */
  readonly header: string;
  /** Types: the access in effect (C++ `public:`…; a `struct` starts public, a `class` private). */
  readonly access?: 'public' | 'private' | 'protected';
}

const NAMESPACE = /\bnamespace\s*([\w:]*)\s*$/;
const TYPE = /\b(class|struct|union|enum|protocol|actor)\s+(?:[A-Z_][A-Z0-9_]*\s+)?([A-Za-z_]\w*)(?:\s*<[^{]*>)?\s*(?:final\s*)?(?::[^{]*)?$/;
const EXTENSION = /\bextension\s+([A-Za-z_][\w.]*)/;
const ACCESS_LABEL = /^\s*(public|private|protected)\s*:(?!:)/;

/** For each of `lines` (1-based), the scopes open at its start, outermost first. */
export function scopesAt(code: readonly string[], lines: ReadonlySet<number>): Map<number, Scope[]> {
  const found = new Map<number, Scope[]>();
  const stack: Array<{ -readonly [K in keyof Scope]: Scope[K] }> = [];
  let header = '';
  for (let index = 0; index < code.length; index++) {
    if (lines.has(index + 1)) found.set(index + 1, stack.map((scope) => ({ ...scope })));
    const line = code[index]!;
    const label = ACCESS_LABEL.exec(line);
    const inner = stack[stack.length - 1];
    if (label && inner?.kind === 'type') {
      inner.access = label[1] as Scope['access'];
      header = '';
      continue;
    }
    // Preprocessor lines are no code around a brace (a macro's body holds braces of its own).
    if (/^\s*#/.test(line)) continue;
    for (const c of line) {
      if (c === '{') {
        stack.push(classify(header.trim().slice(-300)));
        header = '';
      } else if (c === '}') {
        stack.pop();
        header = '';
      } else if (c === ';') header = '';
      else header += c;
    }
    header += ' ';
  }
  return found;
}

function classify(header: string): { -readonly [K in keyof Scope]: Scope[K] } {
  const namespace = NAMESPACE.exec(header);
  if (namespace) return { kind: 'namespace', name: namespace[1]!.split('::').pop()!, header };
  const extension = EXTENSION.exec(header);
  if (extension && !header.includes('(')) return { kind: 'extension', name: extension[1]!.split('.').pop()!, header };
  const type = !header.includes('(') || /^\s*(?:template\s*<[^>]*>\s*)?(?:class|struct)\b/.test(header) ? TYPE.exec(header) : null;
  if (type) return { kind: 'type', name: type[2]!, header, access: type[1] === 'class' ? 'private' : 'public' };
  return { kind: 'other', header };
}
