/**
 * Core figures for `npm run bench`: the tracker's per-event cost and the cost of a year of data.
 * Run with `node --expose-gc --import tsx bench/core.bench.ts OUT.json`; prints nothing but JSON.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { JsonlActivityStore } from '../src/adapters/jsonlActivityStore';
import { SystemCalendar } from '../src/adapters/systemCalendar';
import { ActivityTracker } from '../src/core/activity';
import type { ActivityInterval } from '../src/core/model';
import { buildSnapshot, buildSnapshotFromTotals } from '../src/core/stats';

const calendar = new SystemCalendar();
const gc = (globalThis as { gc?: () => void }).gc;

function trackerNsPerEvent(): number {
  const events = 1_000_000;
  const tracker = new ActivityTracker({ windowId: 'bench', idleTimeoutMs: 5 * 60_000, calendar });
  const repos = ['/work/a', '/work/b'];
  const languages = ['typescript', 'markdown', 'python'];
  let at = Date.UTC(2026, 10, 2, 9);
  // Warm up the JIT on a separate tracker so the measured run is steady state.
  const warm = new ActivityTracker({ windowId: 'warm', idleTimeoutMs: 5 * 60_000, calendar });
  for (let i = 0; i < 200_000; i++) warm.record(at + i * 700, repos[0]!, languages[0]!);
  const started = performance.now();
  for (let i = 0; i < events; i++) {
    // Mostly keystrokes ~0.7 s apart, with a switch of file type every 500 events and an idle gap every 20,000.
    at += i % 20_000 === 0 ? 10 * 60_000 : 700;
    tracker.record(at, repos[(i / 50_000) & 1]!, languages[Math.floor(i / 500) % 3]!);
    if (i % 40_000 === 0) tracker.drain(at);
  }
  const elapsed = performance.now() - started;
  tracker.drain(at);
  return (elapsed * 1e6) / events;
}

/** A realistic year: 3 windows, weekdays, 2–4 sessions a day each, split into 30 s flush records. */
function yearOfIntervals(): Map<string, ActivityInterval[]> {
  const byWindow = new Map<string, ActivityInterval[]>();
  const start = Date.UTC(2025, 10, 28, 8);
  for (const windowId of ['win-a', 'win-b', 'win-c']) {
    const list: ActivityInterval[] = [];
    let seq = 0;
    for (let dayIndex = 0; dayIndex < 365; dayIndex++) {
      const dayStart = start + dayIndex * 86_400_000;
      if (new Date(dayStart).getUTCDay() % 6 === 0) continue;
      for (let session = 0; session < 3; session++) {
        const sessionStart = dayStart + session * 3 * 3_600_000 + (windowId.charCodeAt(4) % 3) * 600_000;
        // Twenty 3-minute intervals per session: repo and language switches cut intervals this often.
        for (let k = 0; k < 20; k++) {
          const s = sessionStart + k * 180_000;
          list.push({
            id: `${windowId}:${seq++}`,
            start: s,
            end: s + 170_000,
            day: calendar.dayOf(s),
            utcOffsetMinutes: calendar.utcOffsetMinutes(s),
            repo: k % 4 === 0 ? '/work/service-b' : '/work/service-a',
            language: k % 3 === 0 ? 'markdown' : 'typescript',
          });
        }
      }
    }
    byWindow.set(windowId, list);
  }
  return byWindow;
}

interface YearFigures {
  yearSummaryMs: number;
  yearSummaryColdMs: number;
  yearSummaryRawMs: number;
  yearSummaryHeapMB: number;
  yearIntervals: number;
  yearRecentIntervals: number;
}

/**
 * Start-up over a year of data: `loadHistory` (past months from summaries, the current and previous month raw) and the
 * snapshot. `yearSummaryMs` is the warm path, as every start after the first in a month; `yearSummaryColdMs` has no
 * summaries (the first load ever, which also writes them); `yearSummaryRawMs` parses everything (`loadAll`, as export does).
 * Heap: what the loaded history holds (past day totals plus recent intervals).
 */
async function yearSummary(): Promise<YearFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hands-on-bench-'));
  try {
    let count = 0;
    for (const [windowId, intervals] of yearOfIntervals()) {
      await new JsonlActivityStore({ dir, fileName: windowId }).append(intervals);
      count += intervals.length;
    }
    const reader = new JsonlActivityStore({ dir, fileName: 'reader' });
    const today = calendar.dayOf(Date.UTC(2026, 10, 27, 12));
    const settings = { rule: { kind: 'weekdays' as const }, freezesPerMonth: 2, dailyGoalMinutes: 20 };
    const summarise = async (): Promise<void> => {
      const history = await reader.loadHistory({ today });
      buildSnapshotFromTotals({ ...history, commitDays: [], today, settings, now: Date.now() });
    };
    const median = async (runs: number, before: () => void, run: () => Promise<void>): Promise<number> => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        before();
        const started = performance.now();
        await run();
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
    };
    const dropSummaries = (): void => rmSync(path.join(dir, 'summaries'), { recursive: true, force: true });

    // Raw: everything parsed (one warm-up run first, as for each figure).
    await reader.loadAll();
    const rawMs = await median(5, () => undefined, async () => {
      const { intervals } = await reader.loadAll();
      buildSnapshot({ intervals, commitDays: [], today, settings, now: Date.now() });
    });
    // Cold: no summaries, so every past month is parsed and its summary written.
    dropSummaries();
    await summarise();
    const coldMs = await median(5, dropSummaries, summarise);
    // Warm: summaries present (the last cold run wrote them).
    await summarise();
    const warmMs = await median(5, () => undefined, summarise);

    // Heap held by the loaded year, as the extension keeps it; measured with nothing else alive.
    const settle = (): number => {
      for (let i = 0; i < 3; i++) gc?.();
      return process.memoryUsage().heapUsed;
    };
    const before = settle();
    const held = await reader.loadHistory({ today });
    const after = settle();
    if (held.summaries.rebuilt.length !== 0) throw new Error(`warm load rebuilt ${held.summaries.rebuilt.join(', ')}`);
    const raw = await reader.loadAll();
    if (raw.intervals.length !== count) throw new Error(`loaded ${raw.intervals.length} of ${count} intervals`);
    // The warm path must give exactly the figures of the raw path.
    const fast = buildSnapshotFromTotals({ ...held, commitDays: [], today, settings, now: 0 });
    const slow = buildSnapshot({ intervals: raw.intervals, commitDays: [], today, settings, now: 0 });
    if (JSON.stringify(fast) !== JSON.stringify(slow)) throw new Error('summaries disagree with the raw intervals');
    return {
      yearSummaryMs: round(warmMs),
      yearSummaryColdMs: round(coldMs),
      yearSummaryRawMs: round(rawMs),
      yearSummaryHeapMB: round((after - before) / 1024 / 1024),
      yearIntervals: count,
      yearRecentIntervals: held.recentIntervals.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (n: number): number => Math.round(n * 100) / 100;

async function main(): Promise<void> {
  const out = process.argv[2];
  const figures = { trackerNsPerEvent: round(trackerNsPerEvent()), ...(await yearSummary()) };
  if (out) writeFileSync(out, JSON.stringify(figures));
  else process.stdout.write(`${JSON.stringify(figures)}\n`);
}

void main();
