/**
 * Flag parsing shared by the CLI commands: `--name value` for value flags, bare `--name` for switches.
 * Unknown flags and missing values are errors (exit code 2), so a typo never silently means the default.
 */
export class UsageError extends Error {}

export interface ParsedFlags {
  readonly values: ReadonlyMap<string, string>;
  readonly switches: ReadonlySet<string>;
  /** Repeatable flags (`spec.lists`): every value given, in order. */
  readonly lists: ReadonlyMap<string, readonly string[]>;
}

export function parseFlags(argv: readonly string[], spec: { values: readonly string[]; switches: readonly string[]; lists?: readonly string[] }): ParsedFlags {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  const lists = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // `--name=value` is accepted too: shells and scripts write both.
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(2, eq) : arg.replace(/^--/, '');
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument: ${arg}`);
    if (spec.switches.includes(name) && eq < 0) switches.add(name);
    else if (spec.values.includes(name) || spec.lists?.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
      if (spec.lists?.includes(name)) lists.set(name, [...(lists.get(name) ?? []), value]);
      else values.set(name, value);
    } else throw new UsageError(`unknown option: ${arg}`);
  }
  return { values, switches, lists };
}

/**
 * `--exclude GLOB`, repeatable and comma-separated (`--exclude 'gen/**,*.pb.ts' --exclude legacy`): the globs, or
 * undefined when none was given. A glob with a comma inside braces (`{a,b}`) stays whole.
 */
export function excludeGlobs(flags: ParsedFlags): string[] | undefined {
  const raw = flags.lists.get('exclude');
  if (!raw) return undefined;
  const globs = raw.flatMap((value) => value.split(/,(?![^{]*\})/)).map((glob) => glob.trim()).filter((glob) => glob !== '');
  if (globs.length === 0) throw new UsageError('--exclude needs a glob, e.g. --exclude "generated/**"');
  return globs;
}

/** A positive whole number (minutes, counts, days), or a usage error naming the flag. */
export function positiveInt(flags: ParsedFlags, name: string, fallback: number | undefined): number | undefined {
  const raw = flags.values.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive whole number, got "${raw}"`);
  return n;
}

/**
 * An instant, epoch ms: `YYYY-MM-DD` (read as UTC midnight, the start of that day, as JavaScript does) or ISO 8601.
 * Git is then given the exact ISO instant, so git and JavaScript agree on where the cut is.
 */
export function parseDate(flags: ParsedFlags, name: string): number | undefined {
  const raw = flags.values.get(name);
  if (raw === undefined) return undefined;
  const t = Date.parse(raw);
  if (!Number.isFinite(t)) throw new UsageError(`--${name} must be a date like 2025-06-30 or 2025-06-30T12:00:00Z, got "${raw}"`);
  return t;
}
