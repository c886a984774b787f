/**
 * The common shape every coverage format is parsed into, the typed error a parser throws on bad
 * input, and the limits that keep a huge or hostile report from exhausting memory.
 * Parsers only read: nothing in a report is ever executed, fetched or resolved (no DTDs, no entities).
 */

export type CoverageFormat = 'lcov' | 'cobertura' | 'jacoco' | 'clover' | 'istanbul';

export interface FunctionCoverage {
  readonly name: string;
  /** 1-based. */
  readonly startLine: number;
  /** 1-based, inclusive; only some formats say where a function ends. */
  readonly endLine?: number;
  readonly hits: number;
}

export interface FileCoverage {
  /** The path exactly as the report wrote it (absolute, relative, another machine's, `package/File.java`). */
  readonly reportPath: string;
  /** Instrumented line (1-based) → hit count; lines absent here are not code (blank, comments). */
  readonly lines: Map<number, number>;
  readonly functions: FunctionCoverage[];
}

export interface CoverageReport {
  readonly format: CoverageFormat;
  readonly files: FileCoverage[];
  /** Roots the report says its relative paths are under (Cobertura `<sources>`), as written. */
  readonly sourceRoots: string[];
}

/** Bounds on one report. Past them the report is skipped with a reason, never half-read silently. */
export interface ReadLimits {
  /** Bytes read from a streamed format (LCOV, XML). */
  readonly maxStreamBytes: number;
  /** Bytes of an Istanbul JSON file, which must be parsed whole. */
  readonly maxJsonBytes: number;
  /** Line entries kept from one report, over all its files. */
  readonly maxLineEntries: number;
}

/**
 * Streamed formats cost memory per kept line, not per byte, so they may be large. JSON.parse needs
 * several times the file size, hence the lower cap. 2M line entries ≈ 60–100 MB of Maps, more
 * instrumented lines than any single repository we expect.
 */
export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxStreamBytes: 256 * 1024 * 1024,
  maxJsonBytes: 32 * 1024 * 1024,
  maxLineEntries: 2_000_000,
};

/** A report that cannot be used; `reason` is one line for the output channel. */
export class CoverageReportError extends Error {
  readonly kind = 'CoverageReportError';
  constructor(
    readonly report: string,
    readonly reason: string,
  ) {
    super(`${report}: ${reason}`);
    this.name = 'CoverageReportError';
  }

  static is(value: unknown): value is CoverageReportError {
    return value instanceof CoverageReportError;
  }
}

/** Collects files and enforces maxLineEntries while a parser streams. */
export class ReportBuilder {
  private readonly byPath = new Map<string, { lines: Map<number, number>; functions: FunctionCoverage[] }>();
  private lineEntries = 0;
  readonly sourceRoots: string[] = [];

  constructor(
    private readonly report: string,
    private readonly limits: ReadLimits,
  ) {}

  private file(reportPath: string) {
    let entry = this.byPath.get(reportPath);
    if (!entry) {
      entry = { lines: new Map(), functions: [] };
      this.byPath.set(reportPath, entry);
    }
    return entry;
  }

  /** Records a line's hits; a line listed twice (Cobertura methods, merged classes) keeps the most hits. */
  line(reportPath: string, line: number, hits: number): void {
    if (!validLine(line) || !validHits(hits)) return;
    const { lines } = this.file(reportPath);
    const previous = lines.get(line);
    if (previous === undefined && ++this.lineEntries > this.limits.maxLineEntries) {
      throw new CoverageReportError(this.report, `more than ${this.limits.maxLineEntries} line entries; skipped`);
    }
    lines.set(line, Math.max(previous ?? 0, hits));
  }

  fn(reportPath: string, fn: FunctionCoverage): void {
    if (!validLine(fn.startLine) || !validHits(fn.hits)) return;
    const endLine = fn.endLine !== undefined && validLine(fn.endLine) && fn.endLine >= fn.startLine ? fn.endLine : undefined;
    this.file(reportPath).functions.push(endLine === undefined ? { name: fn.name, startLine: fn.startLine, hits: fn.hits } : { ...fn, endLine });
  }

  /** Declares a file even if it has no lines, so an empty-but-valid report is told from garbage. */
  touch(reportPath: string): void {
    this.file(reportPath);
  }

  build(format: CoverageFormat): CoverageReport {
    const files = [...this.byPath].map(([reportPath, { lines, functions }]) => ({ reportPath, lines, functions }));
    return { format, files, sourceRoots: this.sourceRoots };
  }
}

function validLine(line: number): boolean {
  return Number.isSafeInteger(line) && line >= 1;
}

function validHits(hits: number): boolean {
  return Number.isFinite(hits) && hits >= 0;
}
