import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JsonlActivityStore } from '../../../src/adapters/jsonlActivityStore';
import { dayTotals } from '../../../src/core/dayTotals';
import type { ActivityInterval, LocalDay, StreakSettings } from '../../../src/core/model';
import { buildSnapshot, buildSnapshotFromTotals, combinedDayTotals } from '../../../src/core/stats';
import { seededRandom } from '../helpers/seededRandom';

const MIN = 60_000;
const settings: StreakSettings = { rule: { kind: 'weekdays' }, freezesPerMonth: 2, dailyGoalMinutes: 20 };

/** An interval on `day` (offset 0) starting `fromMin` after 08:00 UTC. */
function at(id: string, day: LocalDay, fromMin: number, minutes: number, repo = '/r', language = 'typescript'): ActivityInterval {
  const start = Date.parse(`${day}T08:00:00Z`) + fromMin * MIN;
  return { id, start, end: start + minutes * MIN, day, utcOffsetMinutes: 0, repo, language };
}


/** Every file under `dir` with a hash of its bytes, for "nothing raw was touched". */
async function snapshotTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    for (const entry of await fs.readdir(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out.set(path.relative(dir, full), createHash('sha256').update(await fs.readFile(full)).digest('hex'));
    }
  };
  await walk(dir);
  return out;
}

describe('MonthSummaryCache (JsonlActivityStore.loadHistory)', () => {
  let dir: string;
  /** Raw-file reads by path, through the store's injected reader. */
  let reads: Map<string, number>;
  const reader = (): JsonlActivityStore =>
    new JsonlActivityStore({
      dir,
      fileName: 'reader',
      readText: async (file) => {
        reads.set(file, (reads.get(file) ?? 0) + 1);
        return fs.readFile(file, 'utf8');
      },
    });
  const summaryFile = (month: string): string => path.join(dir, 'summaries', `${month}.json`);
  const rawReadsIn = (month: string): number =>
    [...reads].filter(([file]) => file.includes(`${path.sep}${month}${path.sep}`)).reduce((n, [, count]) => n + count, 0);

  /** The figures the raw path gives: every interval parsed, then core day totals and snapshot. */
  async function rawFigures(today: LocalDay) {
    const { intervals, problems } = await new JsonlActivityStore({ dir, fileName: 'raw' }).loadAll();
    return {
      totals: dayTotals(intervals),
      snapshot: buildSnapshot({ intervals, commitDays: [], today, settings, now: 0 }),
      problems,
    };
  }

  async function assertSameAsRaw(today: LocalDay, history: Awaited<ReturnType<JsonlActivityStore['loadHistory']>>): Promise<void> {
    const raw = await rawFigures(today);
    assert.deepEqual(combinedDayTotals(history.pastTotals, history.recentIntervals), raw.totals);
    assert.deepEqual(buildSnapshotFromTotals({ ...history, commitDays: [], today, settings, now: 0 }), raw.snapshot);
    assert.deepEqual(history.problems, raw.problems);
  }

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hands-on-summary-'));
    reads = new Map();
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('keeps the current and previous month raw and summarises older months into summaries/YYYY-MM.json', async () => {
    const a = new JsonlActivityStore({ dir, fileName: 'a' });
    await a.append([at('a:1', '2025-12-31', 0, 30), at('a:2', '2026-01-15', 0, 25), at('a:3', '2026-02-02', 0, 20), at('a:4', '2026-03-04', 0, 10)]);
    const history = await reader().loadHistory({ today: '2026-03-05' });
    assert.equal(history.recentFromDay, '2026-02-01');
    assert.deepEqual(history.recentIntervals.map((i) => i.id), ['a:3', 'a:4']);
    assert.deepEqual([...history.pastTotals.keys()], ['2025-12-31', '2026-01-15']);
    assert.equal(history.pastLastActivityAt, at('a:2', '2026-01-15', 0, 25).end);
    assert.deepEqual(history.summaries, { reused: [], rebuilt: ['2025-12', '2026-01'], notWritten: [] });
    assert.deepEqual((await fs.readdir(path.join(dir, 'summaries'))).sort(), ['2025-12.json', '2026-01.json']);
    const written = JSON.parse(await fs.readFile(summaryFile('2026-01'), 'utf8'));
    assert.equal(written.v, 1);
    assert.equal(written.month, '2026-01');
    assert.deepEqual(written.days, [{ day: '2026-01-15', minutes: 25, byRepo: [['/r', 25]], byLanguage: [['typescript', 25]] }]);
    await assertSameAsRaw('2026-03-05', history);
  });

  it('uses a summary whose fingerprint matches without reading that month raw', async () => {
    const a = new JsonlActivityStore({ dir, fileName: 'a' });
    const b = new JsonlActivityStore({ dir, fileName: 'b' });
    await a.append([at('a:1', '2026-01-15', 0, 30), at('a:2', '2026-03-04', 0, 10)]);
    await b.append([at('b:1', '2026-01-15', 10, 30)]);
    await reader().loadHistory({ today: '2026-03-05' });
    assert.equal(rawReadsIn('2026-01'), 2, 'the cold load parses both January files');

    reads.clear();
    const warm = await reader().loadHistory({ today: '2026-03-05' });
    assert.equal(rawReadsIn('2026-01'), 0, 'the warm load must not read January raw');
    assert.equal(rawReadsIn('2026-03'), 1, 'recent months are always read raw');
    assert.deepEqual(warm.summaries, { reused: ['2026-01'], rebuilt: [], notWritten: [] });
    assert.equal(warm.pastTotals.get('2026-01-15')!.minutes, 40, 'union of [0,30] and [10,40]');
    await assertSameAsRaw('2026-03-05', warm);

    // And the figures really come from the summary: an edit that keeps it well-formed shows through.
    const summary = JSON.parse(await fs.readFile(summaryFile('2026-01'), 'utf8'));
    summary.days[0].minutes = 999;
    await fs.writeFile(summaryFile('2026-01'), JSON.stringify(summary));
    const edited = await reader().loadHistory({ today: '2026-03-05' });
    assert.equal(edited.pastTotals.get('2026-01-15')!.minutes, 999);
  });

  it('rebuilds a stale summary after a late append to a past month, in the same file or a new one', async () => {
    const a = new JsonlActivityStore({ dir, fileName: 'a' });
    await a.append([at('a:1', '2026-01-15', 0, 30)]);
    await reader().loadHistory({ today: '2026-04-10' });

    // The same window appends late (a longer snapshot of a:1 and a new interval) to January.
    await a.append([at('a:1', '2026-01-15', 0, 45), at('a:2', '2026-01-20', 0, 5)]);
    reads.clear();
    const afterSameFile = await reader().loadHistory({ today: '2026-04-10' });
    assert.deepEqual(afterSameFile.summaries.rebuilt, ['2026-01']);
    assert.equal(afterSameFile.pastTotals.get('2026-01-15')!.minutes, 45);
    assert.equal(afterSameFile.pastTotals.get('2026-01-20')!.minutes, 5);
    await assertSameAsRaw('2026-04-10', afterSameFile);

    // Another window's file appears in January: overlapping time counts once.
    await new JsonlActivityStore({ dir, fileName: 'late' }).append([at('late:1', '2026-01-15', 40, 20)]);
    const afterNewFile = await reader().loadHistory({ today: '2026-04-10' });
    assert.deepEqual(afterNewFile.summaries.rebuilt, ['2026-01']);
    assert.equal(afterNewFile.pastTotals.get('2026-01-15')!.minutes, 60);
    await assertSameAsRaw('2026-04-10', afterNewFile);

    // Then it is stable again.
    reads.clear();
    const warm = await reader().loadHistory({ today: '2026-04-10' });
    assert.deepEqual(warm.summaries.reused, ['2026-01']);
    assert.equal(rawReadsIn('2026-01'), 0);
  });

  it('ignores and rebuilds a corrupt summary, and leaves the raw data byte for byte as it was', async () => {
    const a = new JsonlActivityStore({ dir, fileName: 'a' });
    await a.append([at('a:1', '2026-01-15', 0, 30), at('a:2', '2026-02-16', 0, 20), at('a:3', '2026-04-01', 0, 5)]);
    await reader().loadHistory({ today: '2026-04-10' });
    const rawBefore = await snapshotTree(path.join(dir, 'activity'));

    const good = await fs.readFile(summaryFile('2026-02'), 'utf8');
    const corruptions: Array<[string, string]> = [
      ['torn', good.slice(0, good.length / 2)],
      ['empty', ''],
      ['not JSON', '\u0000\u0000garbage'],
      ['wrong shape', JSON.stringify({ ...JSON.parse(good), days: [{ day: '2026-02-16', minutes: -5, byRepo: [], byLanguage: [] }] })],
      ['other version', JSON.stringify({ ...JSON.parse(good), v: 2 })],
      ['other month', JSON.stringify({ ...JSON.parse(good), month: '2026-03' })],
    ];
    for (const [what, text] of corruptions) {
      await fs.writeFile(summaryFile('2026-01'), text);
      await fs.writeFile(summaryFile('2026-02'), text);
      const history = await reader().loadHistory({ today: '2026-04-10' });
      assert.deepEqual(history.summaries.rebuilt, ['2026-01', '2026-02'], what);
      assert.deepEqual(history.problems, [], what);
      await assertSameAsRaw('2026-04-10', history);
      assert.deepEqual(await snapshotTree(path.join(dir, 'activity')), rawBefore, `${what}: raw data changed`);
      assert.equal(await fs.readFile(summaryFile('2026-02'), 'utf8'), good, `${what}: summary not rewritten`);
    }
    // A directory where the summary should be: it cannot be replaced, so the month is simply read raw every time.
    await fs.rm(summaryFile('2026-01'));
    await fs.mkdir(summaryFile('2026-01'));
    const blocked = await reader().loadHistory({ today: '2026-04-10' });
    assert.deepEqual(blocked.summaries.notWritten, ['2026-01']);
    await assertSameAsRaw('2026-04-10', blocked);
    assert.deepEqual(await snapshotTree(path.join(dir, 'activity')), rawBefore);
    assert.deepEqual((await fs.readdir(path.join(dir, 'summaries'))).filter((n) => n.endsWith('.tmp')), [], 'no temp file left');
  });

  it('reports a past month\'s bad lines on every load, and writes no summary while a raw file is unreadable', async () => {
    const a = new JsonlActivityStore({ dir, fileName: 'a' });
    await a.append([at('a:1', '2026-01-15', 0, 30)]);
    await fs.appendFile(a.fileFor('2026-01'), '{"v":1,"kind":"interval","id":"a:2"'); // torn last line
    const cold = await reader().loadHistory({ today: '2026-04-10' });
    const warm = await reader().loadHistory({ today: '2026-04-10' });
    assert.deepEqual(warm.summaries.reused, ['2026-01']);
    assert.deepEqual(warm.problems, cold.problems);
    assert.deepEqual(warm.problems, [{ file: a.fileFor('2026-01'), line: 2, reason: 'torn last line (interrupted write)' }]);
    await assertSameAsRaw('2026-04-10', warm);

    // A file that cannot be read: reported, counted as missing, and no summary would hide it later.
    await fs.rm(path.join(dir, 'summaries'), { recursive: true });
    const failing = new JsonlActivityStore({
      dir,
      fileName: 'reader',
      readText: async (file) => {
        if (file.endsWith('a.jsonl')) throw Object.assign(new Error('denied'), { code: 'EACCES' });
        return fs.readFile(file, 'utf8');
      },
    });
    const denied = await failing.loadHistory({ today: '2026-04-10' });
    assert.deepEqual(denied.problems, [{ file: a.fileFor('2026-01'), line: 0, reason: 'unreadable: EACCES' }]);
    assert.deepEqual(denied.summaries.notWritten, ['2026-01']);
    await assert.rejects(fs.stat(summaryFile('2026-01')), { code: 'ENOENT' });
    const readable = await reader().loadHistory({ today: '2026-04-10' });
    assert.equal(readable.pastTotals.get('2026-01-15')!.minutes, 30);
  });

  it('never keeps a summary that misses an append racing with its rebuild (stat before read)', async () => {
    const a = new JsonlActivityStore({ dir, fileName: 'a' });
    await a.append([at('a:1', '2026-01-15', 0, 30)]);
    let raced = false;
    const racing = new JsonlActivityStore({
      dir,
      fileName: 'reader',
      readText: async (file) => {
        const text = await fs.readFile(file, 'utf8');
        if (!raced) {
          raced = true; // another window appends right after this read
          await new JsonlActivityStore({ dir, fileName: 'a' }).append([at('a:2', '2026-01-16', 0, 40)]);
        }
        return text;
      },
    });
    const during = await racing.loadHistory({ today: '2026-04-10' });
    assert.equal(during.pastTotals.get('2026-01-16'), undefined, 'the read did not see the append');
    const after = await reader().loadHistory({ today: '2026-04-10' });
    assert.deepEqual(after.summaries.rebuilt, ['2026-01']);
    assert.equal(after.pastTotals.get('2026-01-16')!.minutes, 40);
    await assertSameAsRaw('2026-04-10', after);
  });

  it('lets windows rebuild at once: last writer wins and every result is right', async () => {
    const a = new JsonlActivityStore({ dir, fileName: 'a' });
    await a.append([at('a:1', '2026-01-15', 0, 30), at('a:2', '2026-02-10', 0, 30), at('a:3', '2026-05-10', 0, 30)]);
    const results = await Promise.all([1, 2, 3, 4].map(() => reader().loadHistory({ today: '2026-05-11' })));
    for (const history of results) await assertSameAsRaw('2026-05-11', history);
    const warm = await reader().loadHistory({ today: '2026-05-11' });
    assert.deepEqual(warm.summaries.reused, ['2026-01', '2026-02']);
  });

  it('gives exactly the raw figures for a random year of three overlapping windows, cold, warm and after changes', async () => {
    const rand = seededRandom(20260517);
    const windows = ['w-a', 'w-b', 'w-c'];
    const stores = windows.map((windowId) => new JsonlActivityStore({ dir, fileName: windowId }));
    const repos = ['/work/api', '/work/web', '/work/infra'];
    const languages = ['typescript', 'markdown', 'python', ''];
    const first = Date.parse('2025-05-01T00:00:00Z');
    for (let day = 0; day < 400; day++) {
      const dayName = new Date(first + day * 86_400_000).toISOString().slice(0, 10);
      if (rand() < 0.3) continue;
      for (let w = 0; w < 3; w++) {
        const batch: ActivityInterval[] = [];
        for (let k = 0; k < 1 + Math.floor(rand() * 6); k++) {
          // Windows work in the same hours, so their intervals overlap often.
          const interval = at(`${windows[w]}:${day}-${k}`, dayName, Math.floor(rand() * 600), 1 + Math.floor(rand() * 90),
            repos[Math.floor(rand() * 3)]!, languages[Math.floor(rand() * 4)]!);
          batch.push(interval);
          // Re-written snapshots of an open interval: shorter versions are written first.
          if (rand() < 0.2) batch.unshift({ ...interval, end: interval.start + (interval.end - interval.start) / 2 });
        }
        await stores[w]!.append(batch);
      }
    }
    const today = '2026-06-03';
    const cold = await reader().loadHistory({ today });
    assert.equal(cold.summaries.reused.length, 0);
    assert.ok(cold.summaries.rebuilt.length >= 11, `rebuilt ${cold.summaries.rebuilt.length} months`);
    await assertSameAsRaw(today, cold);
    // Union, not sum: some day has overlapping windows.
    const raw = await new JsonlActivityStore({ dir, fileName: 'raw' }).loadAll();
    const sums = new Map<string, number>();
    for (const i of raw.intervals) sums.set(i.day, (sums.get(i.day) ?? 0) + (i.end - i.start) / MIN);
    assert.ok([...cold.pastTotals.values()].some((t) => t.minutes < sums.get(t.day)! - 1), 'the data overlaps');

    reads.clear();
    const warm = await reader().loadHistory({ today });
    assert.deepEqual(warm.summaries.reused, cold.summaries.rebuilt);
    assert.equal([...reads.keys()].filter((file) => !/2026-0[56]/.test(file)).length, 0, 'only recent months read raw');
    await assertSameAsRaw(today, warm);

    // Late appends to two past months by one window, then a day later (a new month: May becomes past).
    await stores[1]!.append([at('w-b:late1', '2025-08-04', 30, 50, '/work/api'), at('w-b:late2', '2026-02-10', 0, 600)]);
    const changed = await reader().loadHistory({ today });
    assert.deepEqual(changed.summaries.rebuilt, ['2025-08', '2026-02']);
    await assertSameAsRaw(today, changed);
    const nextMonth = await reader().loadHistory({ today: '2026-07-01' });
    assert.deepEqual(nextMonth.summaries.rebuilt, ['2026-05']);
    assert.equal(nextMonth.recentFromDay, '2026-06-01');
    await assertSameAsRaw('2026-07-01', nextMonth);
  });
});
