/**
 * The `npm run eval:quality` harness (scripts/eval-quality.mjs): labels, the figures per repository and as means,
 * the targets, and one repository end to end through the CLI as a user runs it.
 */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as harness from '../../../scripts/eval-quality.mjs';
import type { Label, RepoResult, TaskRecord } from '../../../scripts/eval-quality.mjs';
import { DAY_MS, TempRepos } from '../adapters/localTasks/gitRepo';
import { CLI } from '../cli/runCli';

const record = (over: Partial<TaskRecord>): TaskRecord => ({
  rank: 1, kind: 'testGap', path: 'src/a.ts', line: 1, title: 'Add tests for src/a.ts', estimateMinutes: 25, reasons: [], claimsNoTest: false,
  verdict: 'good', by: 'auto', auto: { verdict: 'good', findings: [] }, ...over,
});
const bad = (defect: string) => ({ verdict: 'bad' as const, findings: [{ defect, why: 'x' }] });

describe('eval:quality labels', function () {
  this.timeout(30_000);
  let repos: TempRepos;
  beforeEach(() => { repos = new TempRepos(); });
  afterEach(() => repos.dispose());

  const label = (over: Partial<Label>): Label => ({ repo: 'o/r', kind: 'todo', path: 'src/a.ts', line: 10, title: 'TODO: x', verdict: 'good', ...over });
  const task = (over: { kind?: string; line?: number; title?: string }) => ({ kind: over.kind ?? 'todo', title: over.title ?? 'TODO: x', location: { file: '/abs/src/a.ts', line: over.line ?? 10 } });

  it('matches a label by repository, kind and path, and the line or the title nearby; a test gap by its path', () => {
    const labels = [label({}), label({ kind: 'testGap', line: 1, title: 'Add tests for src/a.ts', verdict: 'bad', defect: 'untestable' })];
    assert.equal(harness.labelFor(labels, 'o/r', task({}), 'src/a.ts'), labels[0]);
    assert.equal(harness.labelFor(labels, 'o/r', task({ title: 'TODO: x, reworded' }), 'src/a.ts'), labels[0], 'the line still holds');
    assert.equal(harness.labelFor(labels, 'o/r', task({ line: 12 }), 'src/a.ts'), labels[0], 'the title still holds');
    assert.equal(harness.labelFor(labels, 'o/r', task({ line: 40 }), 'src/a.ts'), undefined, 'the same title far away is another task (a CHANGELOG heading, a repeated TODO)');
    assert.equal(harness.labelFor(labels, 'o/r', task({ line: 12, title: 'TODO: y' }), 'src/a.ts'), undefined);
    assert.equal(harness.labelFor(labels, 'o/other', task({}), 'src/a.ts'), undefined);
    assert.equal(harness.labelFor(labels, 'o/r', task({}), 'src/b.ts'), undefined);
    assert.equal(harness.labelFor(labels, 'o/r', task({ kind: 'testGap', line: 40, title: 'Add tests for src/a.ts (parse)' }), 'src/a.ts'), labels[1]);
    const regression = task({ kind: 'testGap', line: 40, title: 'Add a regression test for parse: 1a2b3c4 Fix parse' });
    assert.equal(harness.labelFor(labels, 'o/r', regression, 'src/a.ts'), undefined, "a regression test is not judged by the file's plain gap label");
    const withOwn = [...labels, label({ kind: 'testGap', line: 12, title: 'Add a regression test for parse: 1a2b3c4 Fix parse' })];
    assert.equal(harness.labelFor(withOwn, 'o/r', regression, 'src/a.ts'), withOwn[2]);
  });

  it('matches a function-level test gap only to a label for the same function', () => {
    const fileLabel = label({ kind: 'testGap', line: 1, title: 'Add tests for src/a.ts', verdict: 'bad', defect: 'untestable' });
    const fnLabel = label({ kind: 'testGap', line: 30, function: 'parse', title: 'Add a test for parse (src/a.ts)', verdict: 'good' });
    const fnTask = (bareName: string, line = 30) => ({
      kind: 'testGap', title: `Add a test for ${bareName} (src/a.ts)`, location: { file: '/abs/src/a.ts', line },
      signals: { kind: 'testGap', untestedFunction: { name: bareName, bareName, line, endLine: line + 10, testFilesSearched: 3 } },
    });
    assert.equal(harness.labelFor([fileLabel, fnLabel], 'o/r', fnTask('parse', 34), 'src/a.ts'), fnLabel);
    assert.equal(harness.labelFor([fileLabel, fnLabel], 'o/r', fnTask('format', 30), 'src/a.ts'), undefined, 'another function of the file');
    assert.equal(harness.labelFor([fnLabel], 'o/r', task({ kind: 'testGap', line: 1, title: 'Add tests for src/a.ts' }), 'src/a.ts'), undefined, 'the whole file');
    assert.equal(harness.labelFor([fileLabel, fnLabel], 'o/r', task({ kind: 'testGap', line: 1, title: 'Add tests for src/a.ts' }), 'src/a.ts'), fileLabel);
  });

  it('reads labels, leaves stubs without a verdict pending and refuses malformed ones', () => {
    const file = path.join(repos.tmp, 'labels.json');
    const write = (labels: unknown[]) => writeFileSync(file, JSON.stringify({ labels }));
    write([label({}), { ...label({ line: 3 }), verdict: '' }]);
    const read = harness.readLabels(file);
    assert.deepEqual([read.labels.length, read.pending], [1, 1]);
    write([label({ verdict: 'bad' })]);
    assert.throws(() => harness.readLabels(file), /needs a defect/);
    write([label({ verdict: 'bad', defect: 'sloppy' })]);
    assert.throws(() => harness.readLabels(file), /needs a defect/);
    write([label({ defect: 'vague' })]);
    assert.throws(() => harness.readLabels(file), /good verdict has no defect/);
    write([label({ path: '/work/corpus/o+r/src/a.ts' })]);
    assert.throws(() => harness.readLabels(file), /relative/);
    assert.deepEqual(harness.readLabels(path.join(repos.tmp, 'none.json')), { labels: [], pending: 0 });
  });

  it('the project label file is valid and every label names a corpus repository', async () => {
    const { labels } = harness.readLabels();
    const corpus = (await import('../../../bench/corpus.json')).default as { repositories: { repo: string }[] };
    assert.ok(labels.length > 0);
    for (const l of labels) assert.ok(corpus.repositories.some((r) => r.repo === l.repo), l.repo);
  });
});

describe('eval:quality figures', () => {
  it('scores a top 10: clean share over min(10, tasks), labels first, agreement and "no test file" claims', () => {
    const records = [
      record({ verdict: 'bad', defect: 'untestable', auto: bad('untestable') }),
      record({ claimsNoTest: true, verdict: 'bad', by: 'label', defect: 'wrongNoTestFile', auto: bad('wrongNoTestFile'), label: { verdict: 'bad', defect: 'wrongNoTestFile' } }),
      record({ claimsNoTest: true, verdict: 'good', by: 'label', label: { verdict: 'good' } }),
      record({ claimsNoTest: true, verdict: 'good', by: 'label', auto: bad('wrongNoTestFile'), label: { verdict: 'good' } }),
      record({}),
    ];
    const score = harness.scoreRepo(records, 5, 12);
    assert.equal(score.cleanShare, 0.6);
    assert.deepEqual([score.clean, score.labeled, score.agreed], [3, 3, 2]);
    assert.deepEqual([score.noTestClaims, score.noTestClaimsRightAuto, score.noTestClaimsLabeled, score.noTestClaimsRightLabeled], [3, 1, 3, 2]);
    assert.deepEqual(score.defects, { untestable: 1, wrongNoTestFile: 1 });
    assert.equal(harness.scoreRepo([], 0, 0).cleanShare, null, 'no tasks: no share (the task count target catches it)');
  });

  it('means per split, pooled agreement, and the targets missed', () => {
    const row = (repo: string, split: string, cleanShare: number | null, tasks: number, idleTasks: number) => ({
      repo, split, tasks, idleTasks, cleanShare, labeled: 2, agreed: 1, noTestClaims: 2, noTestClaimsRightAuto: 1, noTestClaimsLabeled: 1, noTestClaimsRightLabeled: 1, ms: 100,
    });
    const rows = [row('a/dev1', 'dev', 1, 20, 15), row('a/dev2', 'dev', 0.8, 12, 9), row('b/held', 'heldOut', 0.7, 30, 30), row('c/empty', 'dev', null, 0, 0)];
    const means = harness.summarizeAll(rows);
    assert.equal(means.dev.cleanShare, 0.9);
    assert.equal(means.dev.withoutTasks, 1);
    assert.equal(means.all.cleanShare, 0.833);
    assert.equal(means.all.minCleanShare, 0.7);
    assert.equal(means.all.agreement, 0.5);
    assert.equal(means.heldOut.tasks, 30);
    assert.deepEqual(harness.missedTargets(rows, means), [
      'mean clean top-10 share 0.833 < 0.9',
      'a/dev2: 9 tasks when idle a year < 10',
      'b/held: clean share 0.7 < 0.8',
      'c/empty: 0 tasks < 10',
      'c/empty: 0 tasks when idle a year < 10',
    ]);
    const good = [row('a/x', 'dev', 1, 20, 20), row('b/y', 'heldOut', 0.9, 10, 10)];
    assert.deepEqual(harness.missedTargets(good, harness.summarizeAll(good)), []);
  });
});

describe('eval:quality end to end (a real repository, the CLI as a user runs it)', function () {
  this.timeout(120_000);
  let repos: TempRepos;
  beforeEach(() => { repos = new TempRepos(); });
  afterEach(() => repos.dispose());

  it('runs suggest at the clock and a year later, judges the top 10, and lets a label override the automatic verdict', () => {
    const repo = repos.init('project');
    repos.commit(repo, 'start', 60, {
      'src/billing.ts': ['export function bill(x: number) {', ...Array.from({ length: 20 }, (_, i) => `  if (x === ${i}) return ${i};`), '  // TODO: remove in v2', '  return 0;', '}', ''].join('\n'),
    });
    // The fix comes with test data: the file stays a plain test gap (no regression test is due).
    repos.commit(repo, 'fix: rounding', 30, {
      'src/billing.ts': ['export function bill(x: number) {', ...Array.from({ length: 20 }, (_, i) => `  if (x === ${i}) return ${i} + 1;`), '  // TODO: remove in v2', '  return 0;', '}', ''].join('\n'),
      'testdata/rounding.txt': '1\n',
    });
    const now = Date.now();
    const entry = { repo: 'example/project', split: 'dev', language: 'TypeScript' };
    const labels: Label[] = [{ repo: 'example/project', kind: 'testGap', path: 'src/billing.ts', line: 1, title: 'Add tests for src/billing.ts', verdict: 'bad', defect: 'notWorthIt', note: 'read it' }];
    const used = new Set<Label>();
    const result: RepoResult = harness.evaluateRepo(entry, repo, { labels, cli: CLI, now, usedLabels: used });
    assert.ok(result.tasks >= 1, JSON.stringify(result.top));
    assert.equal(result.idleTasks, harness.runSuggest(repo, now + 365 * DAY_MS, CLI).tasks.length);
    const byPath = (p: string, kind: string) => result.top.find((r) => r.path === p && r.kind === kind);
    // The TODO waits for v2: the product lists it as parked, which is not a suggestion, so it is not in the top 10.
    assert.equal(byPath('src/billing.ts', 'todo'), undefined, JSON.stringify(result.top));
    const gap = byPath('src/billing.ts', 'testGap')!;
    assert.deepEqual([gap.by, gap.verdict, gap.defect, gap.auto.verdict], ['label', 'bad', 'notWorthIt', 'good']);
    assert.deepEqual([...used], labels);
    assert.equal(gap.claimsNoTest, true);
    assert.equal(result.labeled, 1);
    assert.equal(result.agreed, 0);
    assert.ok(result.top.every((r) => !path.isAbsolute(r.path)), 'paths are repository-relative');
    assert.ok(result.ms > 0);
    assert.match(harness.renderShow(result), /label: bad[^\n]*read it/);
    assert.match(harness.renderTable([result], harness.summarizeAll([result])), /example\/project\s+dev/);
  });
});
