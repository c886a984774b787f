/**
 * Merges the coverage of one file from several reports and turns it into what a test-gap task
 * needs: the uncovered lines, their share, and ranges labelled with the function they sit in.
 */
import type { FunctionCoverage } from './report';

export interface UncoveredRange {
  /** 1-based, inclusive. */
  readonly start: number;
  readonly end: number;
  readonly functionName?: string;
}

export interface FileCoverageSummary {
  /** Sorted, 1-based. */
  readonly uncoveredLines: number[];
  /** Uncovered instrumented lines over instrumented lines, 0–1. */
  readonly uncoveredShare: number;
  readonly uncoveredRanges: UncoveredRange[];
}

/** The union of several reports on one file: a line is covered if any report covers it. */
export class MergedFileCoverage {
  private readonly lines = new Map<number, number>();
  private readonly functions = new Map<string, FunctionCoverage>();

  add(lines: ReadonlyMap<number, number>, functions: readonly FunctionCoverage[]): void {
    for (const [line, hits] of lines) this.lines.set(line, Math.max(this.lines.get(line) ?? 0, hits));
    for (const fn of functions) {
      // The same function seen by two tools: keep the most hits and any known end.
      const key = `${fn.startLine}\0${fn.name}`;
      const seen = this.functions.get(key);
      const endLine = seen?.endLine ?? fn.endLine;
      const hits = Math.max(seen?.hits ?? 0, fn.hits);
      this.functions.set(key, endLine === undefined ? { name: fn.name, startLine: fn.startLine, hits } : { name: fn.name, startLine: fn.startLine, endLine, hits });
    }
  }

  summarize(): FileCoverageSummary {
    const instrumented = [...this.lines.keys()].sort((a, b) => a - b);
    const uncoveredLines = instrumented.filter((line) => this.lines.get(line) === 0);
    const enclosing = enclosingFunction([...this.functions.values()]);
    const uncoveredRanges: UncoveredRange[] = [];
    let current: { start: number; end: number; functionName: string | undefined } | undefined;
    const flush = (): void => {
      if (!current) return;
      const { start, end, functionName } = current;
      uncoveredRanges.push(functionName === undefined ? { start, end } : { start, end, functionName });
      current = undefined;
    };
    // A range runs over uncovered lines until a covered line or a different function; blank and
    // comment lines (not instrumented) do not break it.
    for (const line of instrumented) {
      if (this.lines.get(line)! > 0) {
        flush();
        continue;
      }
      const functionName = enclosing(line);
      if (current && current.functionName === functionName) current.end = line;
      else {
        flush();
        current = { start: line, end: line, functionName };
      }
    }
    flush();
    const uncoveredShare = instrumented.length === 0 ? 0 : uncoveredLines.length / instrumented.length;
    return { uncoveredLines, uncoveredShare, uncoveredRanges };
  }
}

/**
 * Innermost function containing a line. Without a known end (LCOV, Clover, JaCoCo), a function is
 * taken to run until the next function starts: good enough to name a range, never used to size one.
 */
function enclosingFunction(functions: readonly FunctionCoverage[]): (line: number) => string | undefined {
  const sorted = [...functions].sort((a, b) => a.startLine - b.startLine);
  const spans = sorted.map((fn, i) => ({
    name: fn.name,
    start: fn.startLine,
    end: fn.endLine ?? (sorted.slice(i + 1).find((next) => next.startLine > fn.startLine)?.startLine ?? Infinity) - 1,
  }));
  return (line) => {
    let best: { name: string; start: number; end: number } | undefined;
    for (const span of spans) {
      if (span.start > line) break;
      if (span.end >= line && (!best || span.start >= best.start)) best = span;
    }
    return best?.name;
  };
}
