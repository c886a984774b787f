/**
 * A derived, rebuildable cache of per-month day totals, so start-up does not parse a year of raw activity lines.
 * Node only: no `vscode`.
 *
 * Layout: `<dir>/YYYY-MM.json` (dir is `<storage>/summaries`), one file per PAST month: every month before the
 * previous calendar month of `today`. The current and the previous month are always read raw: a window open across a
 * month end can still append late intervals there. Correctness does not rely on that, though: every summary is checked.
 *
 * A summary file: `{ v: 1, month, fingerprint, lastActivityAt, problems, days: [{ day, minutes, byRepo, byLanguage }] }`
 * where `days` are exactly core `dayTotals` of the month's raw intervals (the union across windows), `byRepo` and
 * `byLanguage` are `[key, minutes]` pairs (keys are repo paths from disk: pairs cannot collide with `__proto__`), and
 * `problems` are the month's unreadable lines, so they are still reported when the summary is used.
 *
 * Validity: `fingerprint` is a hash of the month's raw file names, sizes and mtimes (one `stat` per file, taken BEFORE
 * the raw files are read, so an append racing with a rebuild leaves a summary that no longer matches and is rebuilt
 * next time). On load:
 * - fingerprint matches and the file is well-formed: used as is, the raw files are not read;
 * - otherwise (missing, stale, corrupt, other version, unreadable): the month is parsed raw and its summary rewritten
 *   atomically (temp file, then rename). It is derived data, so when two windows rebuild at once the last rename wins
 *   and both wrote the same content. A torn or empty file after a crash fails validation and is simply rebuilt.
 * - A summary is not written when a raw file or the month folder could not be read (it would hide that data until the
 *   file's size or mtime changed, and fixing a permission changes neither).
 * Raw activity files are never modified, renamed or deleted here.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { dayTotals, mergeDayTotals } from '../core/dayTotals';
import { firstDayOfPreviousMonth, monthOf } from '../core/localDays';
import type { ActivityInterval, DayTotal, LocalDay } from '../core/model';
import type { ActivityHistory, StoreProblem } from '../core/ports';
import { mapLimit } from './mapLimit';
import { writeFileAtomically } from './atomicFile';

const SUMMARY_VERSION = 1;
/** Past months loaded at once: each stats its files and reads one small summary. */
const MONTH_CONCURRENCY = 6;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The raw side of the store, as the cache needs it (implemented by jsonlActivityStore's helpers). */
export interface MonthSource {
  /** Month folders (`YYYY-MM`) in calendar order. */
  months(problems: StoreProblem[]): Promise<string[]>;
  /** Full paths of a month's raw files, sorted. */
  files(month: string, problems: StoreProblem[]): Promise<string[]>;
  /** Every valid interval in `files`, de-duplicated by id; unreadable files are reported with line 0. */
  read(files: readonly string[], problems: StoreProblem[]): Promise<ActivityInterval[]>;
}

export interface MonthSummaryCacheOptions {
  /** Folder of the summary files; created on first write. */
  readonly dir: string;
  readonly source: MonthSource;
}

/** What happened to the summaries during a load: for diagnostics, tests and the bench. */
export interface SummaryReport {
  /** Past months whose summary was valid and used. */
  readonly reused: string[];
  /** Past months parsed raw (summary missing, stale or corrupt); their summary was rewritten unless listed below. */
  readonly rebuilt: string[];
  /** Past months whose summary could not be written (or was not, because raw data was unreadable). */
  readonly notWritten: string[];
}

export interface CachedHistory extends ActivityHistory {
  readonly summaries: SummaryReport;
}

interface MonthResult {
  readonly month: string;
  readonly totals: Map<LocalDay, DayTotal>;
  readonly lastActivityAt: number | undefined;
  readonly problems: StoreProblem[];
  readonly outcome: 'reused' | 'rebuilt' | 'notWritten';
}

interface SummaryDay {
  readonly day: LocalDay;
  readonly minutes: number;
  readonly byRepo: Array<[string, number]>;
  readonly byLanguage: Array<[string, number]>;
}

interface SummaryFile {
  readonly v: typeof SUMMARY_VERSION;
  readonly month: string;
  readonly fingerprint: string;
  readonly lastActivityAt: number | null;
  /** `file` is the raw file's name inside the month folder. */
  readonly problems: Array<{ file: string; line: number; reason: string }>;
  readonly days: SummaryDay[];
}

export class MonthSummaryCache {
  constructor(private readonly options: MonthSummaryCacheOptions) {}

  /** The summary file of a month (`YYYY-MM`). */
  fileFor(month: string): string {
    return path.join(this.options.dir, `${month}.json`);
  }

  async load({ today }: { readonly today: LocalDay }): Promise<CachedHistory> {
    const { source } = this.options;
    const recentFromDay = firstDayOfPreviousMonth(today);
    const recentFrom = monthOf(recentFromDay);
    const problems: StoreProblem[] = [];
    const months = await source.months(problems);
    const past = months.filter((m) => m < recentFrom);
    const recent = months.filter((m) => m >= recentFrom);

    const recentRead = (async () => {
      const files = (await Promise.all(recent.map((m) => source.files(m, problems)))).flat();
      return source.read(files, problems);
    })();
    const pastResults = await mapLimit(past, MONTH_CONCURRENCY, (month) => this.loadMonth(month));
    const recentIntervals = await recentRead;

    const report: SummaryReport = { reused: [], rebuilt: [], notWritten: [] };
    let pastLastActivityAt: number | undefined;
    for (const result of pastResults) {
      problems.push(...result.problems);
      if (result.outcome === 'reused') report.reused.push(result.month);
      else report.rebuilt.push(result.month);
      if (result.outcome === 'notWritten') report.notWritten.push(result.month);
      if (result.lastActivityAt !== undefined && (pastLastActivityAt === undefined || result.lastActivityAt > pastLastActivityAt)) {
        pastLastActivityAt = result.lastActivityAt;
      }
    }
    problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
    return {
      pastTotals: mergeDayTotals(...pastResults.map((r) => r.totals)),
      pastLastActivityAt,
      recentFromDay,
      recentIntervals,
      problems,
      summaries: report,
    };
  }

  private async loadMonth(month: string): Promise<MonthResult> {
    const { source } = this.options;
    const problems: StoreProblem[] = [];
    const files = await source.files(month, problems);
    // A folder that could not be listed says nothing about its files: no fingerprint, no summary either way.
    const fingerprint = problems.length === 0 ? await fingerprintOf(files) : undefined;
    if (fingerprint !== undefined) {
      const cached = await this.readSummary(month, fingerprint, files);
      if (cached) return { ...cached, month, outcome: 'reused' };
    }
    const intervals = await source.read(files, problems);
    const totals = dayTotals(intervals);
    let lastActivityAt: number | undefined;
    for (const interval of intervals) if (lastActivityAt === undefined || interval.end > lastActivityAt) lastActivityAt = interval.end;
    const unreadable = problems.some((p) => p.line === 0);
    let outcome: MonthResult['outcome'] = 'notWritten';
    if (fingerprint !== undefined && !unreadable) {
      const summary: SummaryFile = {
        v: SUMMARY_VERSION,
        month,
        fingerprint,
        lastActivityAt: lastActivityAt ?? null,
        problems: problems.map((p) => ({ file: path.basename(p.file), line: p.line, reason: p.reason })),
        days: [...totals.values()].map((t) => ({ day: t.day, minutes: t.minutes, byRepo: [...t.byRepo], byLanguage: [...t.byLanguage] })),
      };
      if (await writeFileAtomically(this.fileFor(month), JSON.stringify(summary))) outcome = 'rebuilt';
    }
    return { month, totals, lastActivityAt, problems, outcome };
  }

  /** The month's figures from its summary, or undefined when the summary is missing, stale or not well-formed. */
  private async readSummary(
    month: string,
    fingerprint: string,
    files: readonly string[],
  ): Promise<Omit<MonthResult, 'month' | 'outcome'> | undefined> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(this.fileFor(month), 'utf8'));
    } catch {
      return undefined; // missing, unreadable or corrupt: rebuilt from the raw files
    }
    const summary = checkSummary(parsed, month, fingerprint);
    if (!summary) return undefined;
    const byName = new Map(files.map((file) => [path.basename(file), file]));
    const problems: StoreProblem[] = [];
    for (const p of summary.problems) {
      const file = byName.get(p.file);
      if (file === undefined) return undefined; // cannot be, with a matching fingerprint: distrust the summary
      problems.push({ file, line: p.line, reason: p.reason });
    }
    const totals = new Map<LocalDay, DayTotal>();
    for (const d of summary.days) totals.set(d.day, { day: d.day, minutes: d.minutes, byRepo: new Map(d.byRepo), byLanguage: new Map(d.byLanguage) });
    return { totals, lastActivityAt: summary.lastActivityAt ?? undefined, problems };
  }
}

/** Hash of names, sizes and mtimes of a month's raw files; undefined when any of them cannot be stat'ed. */
async function fingerprintOf(files: readonly string[]): Promise<string | undefined> {
  try {
    const stats = await Promise.all(files.map((file) => stat(file)));
    const hash = createHash('sha256');
    files.forEach((file, i) => hash.update(`${path.basename(file)}\0${stats[i]!.size}\0${stats[i]!.mtimeMs}\n`));
    return `${files.length}:${hash.digest('hex')}`;
  } catch {
    return undefined;
  }
}

const isMinutes = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

function isPairs(x: unknown): x is Array<[string, number]> {
  return Array.isArray(x) && x.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && isMinutes(p[1]));
}

/** The summary if it is well-formed, of this version, for this month and fingerprint; days strictly ascending. */
function checkSummary(x: unknown, month: string, fingerprint: string): SummaryFile | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const s = x as Partial<Record<keyof SummaryFile, unknown>>;
  if (s.v !== SUMMARY_VERSION || s.month !== month || s.fingerprint !== fingerprint) return undefined;
  if (!(s.lastActivityAt === null || (typeof s.lastActivityAt === 'number' && Number.isFinite(s.lastActivityAt)))) return undefined;
  if (!Array.isArray(s.problems) || !Array.isArray(s.days)) return undefined;
  for (const p of s.problems as unknown[]) {
    const q = p as { file?: unknown; line?: unknown; reason?: unknown } | null;
    if (typeof q !== 'object' || q === null || typeof q.file !== 'string' || !Number.isInteger(q.line) || typeof q.reason !== 'string') return undefined;
  }
  let previous = '';
  for (const d of s.days as unknown[]) {
    const e = d as Partial<Record<keyof SummaryDay, unknown>> | null;
    if (typeof e !== 'object' || e === null || typeof e.day !== 'string' || !DAY.test(e.day) || e.day <= previous) return undefined;
    if (!isMinutes(e.minutes) || !isPairs(e.byRepo) || !isPairs(e.byLanguage)) return undefined;
    previous = e.day;
  }
  return x as SummaryFile;
}
