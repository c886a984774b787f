/**
 * Source texts for tests that need a file worth testing (sourceShape.ts: at least MIN_LOGIC_LINES lines of logic in a
 * function), or deliberately not: real code shapes, not placeholders.
 */

/**
 * A TypeScript module: one exported function `name` whose body starts with `firstLines` (e.g. a FIXME comment, so it
 * sits on line 2) and then has `statements` lines of logic, three of them branches. `version` changes a constant,
 * for commits that must change the file.
 */
export function tsFunction(name: string, options: { firstLines?: readonly string[]; statements?: number; version?: number } = {}): string {
  const statements = options.statements ?? 16;
  const body = [
    ...(options.firstLines ?? []),
    '  let total = 0;',
    '  if (items.length === 0) return 0;',
    ...Array.from({ length: Math.max(0, statements - 5) }, (_, i) => `  const part${i} = (items[${i}] ?? 0) * ${i + 1 + (options.version ?? 0)};`),
    '  for (const item of items) total += item;',
    '  if (total < 0) throw new Error("negative");',
    '  return total;',
  ];
  return [`export function ${name}(items: number[]): number {`, ...body, '}', ''].join('\n');
}

/** A Python module with one function of `statements` lines of logic. */
export function pyFunction(name: string, options: { statements?: number; version?: number } = {}): string {
  const statements = options.statements ?? 16;
  return [
    `def ${name}(items):`,
    '    """Adds the items up."""',
    '    total = 0',
    '    if not items:',
    '        return 0',
    ...Array.from({ length: Math.max(0, statements - 5) }, (_, i) => `    part${i} = items[${i}] * ${i + 1 + (options.version ?? 0)} if len(items) > ${i} else 0`),
    '    for item in items:',
    '        total += item',
    '    return total',
    '',
  ].join('\n');
}
