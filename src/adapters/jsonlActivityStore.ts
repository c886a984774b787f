/**
 * ActivityStore as append-only JSON-lines files, safe across VS Code windows. Node only: no `vscode`.
 *
 * Layout under `dir` (the extension's globalStorageUri path):
 *   activity/YYYY-MM/<fileName>.jsonl      YYYY-MM is the month of the interval's local `day`; fileName is a reused
 *                                          slot such as `slot-0` (windowSlot.ts), so a month holds few files
 *   summaries/YYYY-MM.json                 derived, rebuildable day totals of a past month (see monthSummaryCache.ts)
 * Each line: {"v":1,"kind":"interval","id":…,"start":…,"end":…,"day":…,"utcOffsetMinutes":…,"repo":…,"language":…}
 *
 * Why this shape (see docs/facts.md, "Keeping data across VS Code windows"):
 * - Each window appends to the file of the slot it leases, so windows normally never share a file; the folder has no
 *   locking. Sharing one by accident (see windowSlot.ts) loses nothing: the next two points hold for any number of
 *   writers, and record ids carry the per-activation window id, never the file name.
 * - One `appendFile` per file per batch, all lines joined: O_APPEND writes of whole lines never interleave.
 * - Records carry ids and readers keep the longest `end` per id, so writing a record again is harmless. That is what
 *   makes retrying a failed batch safe.
 * - Readers skip (and report) blank, torn or unknown lines and NEVER modify or delete anything.
 * - One file per month keeps each file small and lets old months be archived or compacted later. `loadHistory` reads past
 *   months from their summaries (validated against the raw files' sizes and mtimes) and only recent months raw.
 *
 * Write error contract: `append` rejects with StoreWriteError when the disk is full, read-only, or not permitted.
 * `error.unwritten` holds the intervals that may not be on disk; the caller keeps them buffered and retries later
 * (with the same or a newer version of each record). Nothing the caller passed is ever dropped silently.
 */
import { appendFile, mkdir, open, readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ActivityInterval, LocalDay } from '../core/model';
import type { ActivityHistoryReader, ActivityStore, StoreProblem } from '../core/ports';
import { type CachedHistory, MonthSummaryCache } from './monthSummaryCache';
import { mapLimit } from './mapLimit';

const SCHEMA_VERSION = 1;
const ACTIVITY_DIR = 'activity';
const SUMMARY_DIR = 'summaries';
const MONTH_DIR = /^\d{4}-\d{2}$/;
const DAY = /^(\d{4}-\d{2})-\d{2}$/;
const FILE_NAME = /^[A-Za-z0-9_-]{1,100}$/;
/** Files read at once by `loadAll`; enough to hide latency, few enough to stay far below the fd limit. */
const READ_CONCURRENCY = 16;

export interface JsonlActivityStoreOptions {
  /** Root folder, shared by all windows (globalStorageUri.fsPath). */
  readonly dir: string;
  /**
   * Base name of the file this store appends to in each month: letters, digits, `_` and `-` only. A function is asked
   * before every batch, so a window whose slot lease changes (windowSlot.ts) writes its next batch to the new file.
   */
  readonly fileName: string | (() => string | Promise<string>);
  /** Reads a whole raw file; tests pass a counting wrapper. Defaults to `fs.readFile(file, 'utf8')`. */
  readonly readText?: (file: string) => Promise<string>;
}

export class JsonlActivityStore implements ActivityStore, ActivityHistoryReader {
  private readonly root: string;
  private readonly fileName: () => string | Promise<string>;
  /** The name the latest batch used (or the fixed name); for `fileFor`. */
  private lastName: string | undefined;
  /** Serialises this window's appends so batches land in order. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly readText: (file: string) => Promise<string>;
  private readonly summaries: MonthSummaryCache;

  constructor(options: JsonlActivityStoreOptions) {
    const fixed = options.fileName;
    if (typeof fixed === 'string') {
      checkFileName(fixed);
      this.lastName = fixed;
    }
    this.fileName = typeof fixed === 'string' ? () => fixed : fixed;
    this.root = path.join(options.dir, ACTIVITY_DIR);
    this.readText = options.readText ?? ((file) => readFile(file, 'utf8'));
    const root = this.root;
    const readText = this.readText;
    this.summaries = new MonthSummaryCache({
      dir: path.join(options.dir, SUMMARY_DIR),
      source: {
        months: (problems) => listMonths(root, problems),
        files: (month, problems) => listMonthFiles(root, month, problems),
        read: (files, problems) => readIntervalFiles(files, problems, readText),
      },
    });
  }

  /**
   * The file this window writes for a month (`YYYY-MM`) under the fixed name or the name of the latest batch; exposed
   * for diagnostics and tests. Throws for a store with a name function that has not written yet.
   */
  fileFor(month: string, name = this.lastName): string {
    if (name === undefined) throw new Error('no file name yet: nothing written');
    return path.join(this.root, month, `${name}.jsonl`);
  }

  append(intervals: readonly ActivityInterval[]): Promise<void> {
    const run = this.queue.then(() => this.appendNow(intervals));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async loadAll(): Promise<{ intervals: ActivityInterval[]; problems: StoreProblem[] }> {
    const problems: StoreProblem[] = [];
    const files: string[] = [];
    for (const month of await listMonths(this.root, problems)) files.push(...(await listMonthFiles(this.root, month, problems)));
    const intervals = await readIntervalFiles(files, problems, this.readText);
    return { intervals, problems: sortProblems(problems) };
  }

  /**
   * Past months as day totals (from `summaries/`, rebuilt from the raw files whenever those changed), the current and
   * previous month of `today` as raw intervals. Never modifies the activity files.
   */
  loadHistory(options: { readonly today: LocalDay }): Promise<CachedHistory> {
    return this.summaries.load(options);
  }

  private async appendNow(intervals: readonly ActivityInterval[]): Promise<void> {
    const invalid = intervals.filter((i) => validate(i) !== undefined);
    if (invalid.length > 0) {
      // A programming error upstream, not a disk problem: refuse the whole batch rather than write bad records.
      throw new TypeError(`refusing to store invalid intervals: ${invalid.map((i) => `${String(i.id)} (${validate(i)})`).join(', ')}`);
    }
    const name = await this.fileName();
    checkFileName(name);
    this.lastName = name;
    const byMonth = new Map<string, ActivityInterval[]>();
    for (const interval of intervals) {
      const month = DAY.exec(interval.day)![1]!;
      const list = byMonth.get(month);
      if (list) list.push(interval);
      else byMonth.set(month, [interval]);
    }
    const unwritten: ActivityInterval[] = [];
    let firstError: unknown;
    for (const [month, list] of byMonth) {
      try {
        await this.appendLines(this.fileFor(month, name), list.map(toLine).join(''));
      } catch (err) {
        firstError ??= err;
        unwritten.push(...list);
      }
    }
    if (firstError !== undefined) throw new StoreWriteError(firstError, unwritten);
  }

  private async appendLines(file: string, text: string): Promise<void> {
    await mkdir(path.dirname(file), { recursive: true });
    // After a crash or a partial write the file may end mid-line; start on a fresh line so our first record is not
    // glued to the fragment (the reader skips the fragment and the blank line costs nothing). Checked before EVERY
    // batch, not once per file: a slot file can have had another writer since our last batch (a lease taken over
    // after a long sleep), which may have died mid-line. One open+read of the last byte per batch (≤ every 30 s).
    if (await endsMidLine(file)) text = '\n' + text;
    await appendFile(file, text, { encoding: 'utf8', flag: 'a' });
  }
}

/** Writing to the store failed; `unwritten` must stay buffered by the caller and be retried later. */
export class StoreWriteError extends Error {
  readonly kind = 'StoreWriteError';
  /** errno code such as ENOSPC, EROFS, EACCES, EPERM, ENOTDIR; `UNKNOWN` when there is none. */
  readonly code: string;
  /** What the user can do about it: free space, fix permissions, or nothing obvious. */
  readonly category: 'diskFull' | 'readOnly' | 'permission' | 'other';

  constructor(readonly cause: unknown, readonly unwritten: readonly ActivityInterval[]) {
    const code = errorCode(cause);
    super(`Could not save coding time (${code}): ${cause instanceof Error ? cause.message : String(cause)}`);
    this.code = code;
    this.category =
      code === 'ENOSPC' || code === 'EDQUOT' ? 'diskFull'
        : code === 'EROFS' ? 'readOnly'
        : code === 'EACCES' || code === 'EPERM' ? 'permission'
        : 'other';
  }

  static is(err: unknown): err is StoreWriteError {
    return err instanceof StoreWriteError;
  }
}

/** Month folders (`YYYY-MM`) under the activity root, in calendar order. */
export async function listMonths(root: string, problems: StoreProblem[]): Promise<string[]> {
  return (await readdirOrEmpty(root, problems)).filter((m) => MONTH_DIR.test(m)).sort();
}

/** The raw `.jsonl` files of one month, sorted by name, as full paths. */
export async function listMonthFiles(root: string, month: string, problems: StoreProblem[]): Promise<string[]> {
  const dir = path.join(root, month);
  return (await readdirOrEmpty(dir, problems))
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * Every valid interval in `files`, de-duplicated by id (longest `end` wins), sorted by start then id. Unreadable files
 * and lines are appended to `problems` (line 0 for a whole file); nothing is modified.
 */
export async function readIntervalFiles(
  files: readonly string[],
  problems: StoreProblem[],
  readText: (file: string) => Promise<string> = (file) => readFile(file, 'utf8'),
): Promise<ActivityInterval[]> {
  const byId = new Map<string, ActivityInterval>();
  await mapLimit(files, READ_CONCURRENCY, async (file) => {
    let text: string;
    try {
      text = await readText(file);
    } catch (err) {
      problems.push({ file, line: 0, reason: `unreadable: ${errorCode(err)}` });
      return;
    }
    parseInto(file, text, byId, problems);
  });
  return [...byId.values()].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Problems in file, then line order. */
export function sortProblems(problems: StoreProblem[]): StoreProblem[] {
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

function checkFileName(name: string): void {
  if (!FILE_NAME.test(name)) throw new RangeError(`fileName must match ${FILE_NAME}, got "${name}"`);
}

function toLine(i: ActivityInterval): string {
  // Explicit fields: nothing the caller happened to attach leaks into the file.
  return JSON.stringify({
    v: SCHEMA_VERSION, kind: 'interval',
    id: i.id, start: i.start, end: i.end, day: i.day, utcOffsetMinutes: i.utcOffsetMinutes, repo: i.repo, language: i.language,
  }) + '\n';
}

function parseInto(file: string, text: string, byId: Map<string, ActivityInterval>, problems: StoreProblem[]): void {
  const lines = text.split('\n');
  const endsClean = text.endsWith('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    // Blank lines are harmless (the writer adds one after a torn tail); trim only when a line starts with whitespace.
    if (line.length === 0 || (line.charCodeAt(0) <= 0x20 && line.trim() === '')) continue;
    const isLast = n === lines.length - 1 && !endsClean;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      problems.push({ file, line: n + 1, reason: isLast ? 'torn last line (interrupted write)' : 'not valid JSON' });
      continue;
    }
    const reason = checkRecord(record);
    if (reason) {
      problems.push({ file, line: n + 1, reason });
      continue;
    }
    const r = record as ActivityInterval;
    const interval: ActivityInterval = {
      id: r.id, start: r.start, end: r.end, day: r.day, utcOffsetMinutes: r.utcOffsetMinutes, repo: r.repo, language: r.language,
    };
    const seen = byId.get(interval.id);
    if (!seen || interval.end > seen.end) byId.set(interval.id, interval);
  }
}

function checkRecord(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'not a JSON object';
  const r = record as Record<string, unknown>;
  if (r.v !== SCHEMA_VERSION) return `unsupported schema version ${JSON.stringify(r.v)}`;
  if (r.kind !== 'interval') return `unknown record kind ${JSON.stringify(r.kind)}`;
  return validate(r);
}

/** Field checks shared by the writer and the reader; returns why a record is invalid, or undefined. */
function validate(r: Partial<Record<keyof ActivityInterval, unknown>>): string | undefined {
  if (typeof r.id !== 'string' || r.id === '') return 'id must be a non-empty string';
  if (!Number.isFinite(r.start) || !Number.isFinite(r.end)) return 'start and end must be finite numbers';
  if ((r.end as number) < (r.start as number)) return 'end is before start';
  if (typeof r.day !== 'string' || !DAY.test(r.day)) return 'day must be YYYY-MM-DD';
  if (!Number.isInteger(r.utcOffsetMinutes)) return 'utcOffsetMinutes must be an integer';
  if (typeof r.repo !== 'string' || typeof r.language !== 'string') return 'repo and language must be strings';
  return undefined;
}

async function endsMidLine(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return false;
    throw err;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    await handle.close();
  }
}

async function readdirOrEmpty(dir: string, problems: StoreProblem[]): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') problems.push({ file: dir, line: 0, reason: `unreadable folder: ${errorCode(err)}` });
    return [];
  }
}

function errorCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}
