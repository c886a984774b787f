/**
 * The CLI end to end on real temporary repositories: `suggest` and `risk` run as a user runs them (a node process
 * on src/cli.ts through tsx), and the risk evaluation's scoring on a tiny synthetic history.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { Task } from '../../../src/core/tasks';
import { testGapRisk } from '../../../src/core/taskValue';
import { DAY_MS, TempRepos } from '../adapters/localTasks/gitRepo';
import { tsFunction } from '../helpers/codeSamples';
import { CLI, cli } from './runCli';

describe('CLI: hands-on suggest and risk (real repositories)', function () {
  this.timeout(60_000);
  let repos: TempRepos;
  beforeEach(() => { repos = new TempRepos(); });
  afterEach(() => repos.dispose());

  const project = () => {
    const repo = repos.init('project');
    repos.commit(repo, 'start', 300, { 'src/legacy.ts': 'export const l = 1;\n', 'src/cart.ts': 'export const c = 1;\n', 'src/cart.test.ts': "it('x', () => {});\n" });
    repos.commit(repo, 'add billing', 50, { 'src/billing.ts': tsFunction('bill', { firstLines: ['  // FIXME: handle empty invoice'] }), 'src/cart.ts': 'export const c = 2;\n' });
    // The fix comes with test data: billing.ts stays a plain test gap (no regression test is due).
    repos.commit(repo, 'fix: billing rounding', 20, { 'src/billing.ts': tsFunction('bill', { firstLines: ['  // FIXME: handle empty invoice'], version: 1 }), 'testdata/rounding.txt': '0.5\n' });
    return repo;
  };

  it('suggest --json prints the ranked Task objects; the table names kind, estimate, title, place and reason', async () => {
    const repo = project();
    const json = await cli(['suggest', '--repo', path.join(repo, 'src'), '--budget', '30', '--json']);
    assert.equal(json.code, 0, json.stderr);
    assert.equal(json.stderr, '');
    const tasks = JSON.parse(json.stdout) as Task[];
    assert.deepEqual(tasks.map((t) => `${t.kind}:${t.title}`).sort(), ['testGap:Add tests for src/billing.ts', 'todo:FIXME: handle empty invoice']);
    for (const task of tasks) {
      assert.equal(typeof task.id, 'string');
      assert.equal(task.repo, repo);
      assert.ok(task.estimateMinutes > 0 && typeof task.score === 'number' && task.reasons.length > 0, JSON.stringify(task));
      assert.equal(task.location?.file.startsWith(repo), true);
    }
    assert.ok(tasks[0]!.score >= tasks[1]!.score, 'best first');

    const table = await cli(['suggest', '--repo', repo]);
    assert.equal(table.code, 0, table.stderr);
    const lines = table.stdout.trim().split('\n');
    assert.match(lines[0]!, /^KIND\s+EST\s+TITLE\s+WHERE\s+WHY$/);
    assert.ok(lines.some((l) => /^testGap\s+~\d+ min\s+Add tests for src\/billing\.ts\s+src\/billing\.ts:1\s+Changed in 2 commits, 1 of them a fix/.test(l)), table.stdout);
    assert.ok(lines.some((l) => /^todo\s+.*FIXME: handle empty invoice\s+src\/billing\.ts:2\s+/.test(l)), table.stdout);
  });

  it('suggest with nothing to offer says what it read and which setting would find more, and counts parked items', async () => {
    const repo = repos.init('quiet');
    repos.commit(repo, 'start', 400, { 'src/cart.ts': tsFunction('total'), 'src/cart.test.ts': "import { total } from './cart';\nit('totals', () => total());\n" });
    repos.commit(repo, 'tweak cart', 300, { 'src/cart.ts': tsFunction('total', { version: 1, firstLines: ['  // TODO: drop this overload in the next major version'] }) });
    const now = new Date(Date.now() - 290 * DAY_MS).toISOString();
    const out = await cli(['suggest', '--repo', repo, '--now', now, '--history-days', '180']);
    assert.equal(out.code, 0, out.stderr);
    const lines = out.stdout.trim().split('\n');
    assert.equal(lines[0], 'No suggested tasks.');
    // The window ends at the last commit (300 days ago), 180 days long: both commits are in it.
    assert.match(lines[1]!, /^Read 2 commits from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d: every source file they changed has tests/);
    assert.match(out.stdout, /1 item waits on other work/);
    assert.match(out.stdout, /--history-days 365 \(in the editor, the setting handsOn\.historyDays\)/);
    assert.match(out.stdout, /GITHUB_TOKEN/);
    const longest = await cli(['suggest', '--repo', repo, '--history-days', '730']);
    assert.doesNotMatch(longest.stdout, /--history-days/, 'no longer window to offer at the maximum');
  });

  it('suggest: problems go to stderr one line each; a folder outside git fails; bad flags are usage errors', async () => {
    const plain = path.join(repos.tmp, 'plain');
    repos.write(plain, { 'a.ts': '// TODO: x\n' });
    const notRepo = await cli(['suggest', '--repo', plain, '--json']);
    assert.equal(notRepo.code, 1);
    assert.deepEqual(JSON.parse(notRepo.stdout), []);
    assert.match(notRepo.stderr, /^.*not inside a git work tree.*\n$/);

    // GitHub (GITHUB_TOKEN set) is covered against a local fake in suggestGitHub.test.ts.
    const bad = await cli(['suggest', '--budget', 'soon']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--budget must be a positive whole number/);
  });

  it('risk --as-of counts only history up to the date, with the test-gap formula, riskiest first', async () => {
    const repo = repos.init('risky');
    const quiet = `${'export const line = 1;\n'.repeat(200)}`;
    repos.commit(repo, 'start', 300, { 'src/a.ts': '1\n', 'src/b.ts': '1\n', 'src/c.ts': '1\n', 'src/c.test.ts': 't\n', 'src/quiet.ts': quiet });
    repos.commit(repo, 'fix: a crash', 100, { 'src/a.ts': '2\n' });
    repos.commit(repo, 'tweak b', 90, { 'src/b.ts': '2\n' });
    repos.commit(repo, 'more b', 80, { 'src/b.ts': '3\n', 'src/c.ts': '2\n' });
    // After the cut: must not count as history; the behaviour fix is what happened next, the typo and test fixes not.
    repos.commit(repo, 'fix: b again', 30, { 'src/b.ts': '4\n', 'src/later.ts': 'x\n' });
    repos.commit(repo, 'Fix typo in comments', 25, { 'src/c.ts': '3\n' });
    repos.commit(repo, 'Fix flaky test', 20, { 'src/c.test.ts': 'u\n' });
    const asOf = new Date(Date.now() - 60 * DAY_MS).toISOString();
    const result = await cli(['risk', '--repo', repo, '--as-of', asOf, '--json']);
    assert.equal(result.code, 0, result.stderr);
    type Row = { file: string; risk: number; churn: number; fixCommits: number; bytes: number; hasTestFile: boolean; fixDays: number[] };
    const out = JSON.parse(result.stdout) as { asOf: string; asOfCommit: string; commits: number; historyDays: number; files: Row[]; fixedAfter?: string[] };
    assert.equal(out.asOf, asOf);
    assert.equal(out.asOfCommit, repos.git(repo, ['rev-parse', 'HEAD~3']));
    assert.equal(out.historyDays, 180);
    assert.equal(out.commits, 3);
    assert.equal(out.fixedAfter, undefined);
    const expected = (file: string, churn: number, fixCommits: number, bytes: number, hasTestFile: boolean) => ({
      file, churn, fixCommits, bytes, hasTestFile,
      risk: Math.round(testGapRisk({ kind: 'testGap', uncoveredLines: 0, uncoveredShare: undefined, churn, fixCommits, hasTestFile, bytes }) * 1e6) / 1e6,
    });
    const strip = ({ fixDays: _, ...row }: Row) => row;
    // The test-gap formula itself: b (2 commits) over a (1, a fix) over c (1, tested); quiet.ts did not change.
    assert.deepEqual(out.files.map(strip), [expected('src/b.ts', 2, 0, 2, false), expected('src/a.ts', 1, 1, 2, false), expected('src/c.ts', 1, 0, 2, true)]);
    assert.deepEqual(out.files.map((f) => f.fixDays.map(Math.round)), [[], [40], []]);

    // Every source file at the date, and what fixes touched next (by the product's fix rule: no typo, no test fix).
    const all = await cli(['risk', '--repo', repo, '--as-of', asOf, '--all-files', '--fixed-until', new Date().toISOString(), '--json']);
    const allOut = JSON.parse(all.stdout) as typeof out;
    assert.deepEqual(allOut.files.map(strip)[0], expected('src/quiet.ts', 0, 0, quiet.length, false), 'a big file ranks high though unchanged');
    assert.deepEqual(allOut.files.map((f) => f.file).sort(), ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/quiet.ts']);
    assert.deepEqual(allOut.fixedAfter, ['src/b.ts', 'src/later.ts']);

    const limited = await cli(['risk', '--repo', repo, '--as-of', asOf, '--history-days', '25', '--top', '1', '--json']);
    const top = JSON.parse(limited.stdout) as typeof out;
    assert.deepEqual(top.files.map((f) => [f.file, f.churn]), [['src/b.ts', 1]], 'the window before the date is bounded too');

    const table = await cli(['risk', '--repo', repo, '--as-of', asOf]);
    assert.match(table.stdout, new RegExp(`^#\\s+RISK\\s+FIXES\\s+CHURN\\s+BYTES\\s+TEST FILE\\s+FILE\\n1\\s+${out.files[0]!.risk.toFixed(3)}\\s+0\\s+2\\s+2\\s+no\\s+src/b\\.ts\\n`));

    const missing = await cli(['risk', '--repo', repo]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--as-of DATE is required/);
    const backwards = await cli(['risk', '--repo', repo, '--as-of', asOf, '--fixed-until', '2000-01-01']);
    assert.equal(backwards.code, 2);
    assert.match(backwards.stderr, /--fixed-until must be later than --as-of/);
  });

  it('suggest and risk take --exclude GLOB, repeatable or comma-separated, as the handsOn.exclude setting', async () => {
    const repo = repos.init('excluding');
    const files4 = (extra: string) => ({
      'src/app.ts': `// TODO: ours\n${extra}`, 'legacy/old.ts': `// TODO: legacy\n${extra}`, 'gen/api.ts': `// TODO: codegen\n${extra}`, 'web/a.proto.ts': `// TODO: proto\n${extra}`,
    });
    repos.commit(repo, 'start', 100, files4(''));
    repos.commit(repo, 'fix: all of them', 50, files4('1\n'));
    const places = (tasks: Task[]) => [...new Set(tasks.map((t) => path.relative(repo, t.location!.file).split(path.sep).join('/')))].sort();
    const all = await cli(['suggest', '--repo', repo, '--json']);
    assert.deepEqual(places(JSON.parse(all.stdout) as Task[]), ['gen/api.ts', 'legacy/old.ts', 'src/app.ts', 'web/a.proto.ts']);
    const some = await cli(['suggest', '--repo', repo, '--json', '--exclude', 'legacy,gen/**', '--exclude=*.proto.ts']);
    assert.equal(some.code, 0, some.stderr);
    assert.deepEqual(places(JSON.parse(some.stdout) as Task[]), ['src/app.ts']);

    const risk = await cli(['risk', '--repo', repo, '--as-of', new Date().toISOString(), '--json', '--exclude', 'legacy', '--exclude', '{gen,web}/**']);
    assert.equal(risk.code, 0, risk.stderr);
    assert.deepEqual((JSON.parse(risk.stdout) as { files: { file: string }[] }).files.map((f) => f.file), ['src/app.ts']);

    const empty = await cli(['suggest', '--repo', repo, '--exclude', ' , ']);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /--exclude needs a glob/);
  });
});

describe('eval:risk scoring (synthetic history)', function () {
  this.timeout(60_000);
  let repos: TempRepos;
  beforeEach(() => { repos = new TempRepos(); });
  afterEach(() => repos.dispose());

  it('precision@k and the Bugspots score', async () => {
    const evalRisk = (await import('../../../scripts/eval-risk.mjs')) as typeof import('../../../scripts/eval-risk.mjs');
    assert.equal(evalRisk.precisionAtK(['a', 'b', 'c'], new Set(['a', 'c', 'z']), 2), 0.5);
    assert.equal(evalRisk.precisionAtK(['a'], new Set(['a']), 4), 0.25, 'fewer ranked than k: the missing ones miss');
    // t runs from the oldest fix (0) to the cutoff (1): a fix at the cutoff weighs 1/2, the oldest ~0.
    const scores = evalRisk.bugspotsScores([{ file: 'new', fixDays: [0] }, { file: 'old', fixDays: [100] }, { file: 'none', fixDays: [] }]);
    assert.equal(scores.get('new'), 0.5);
    assert.ok(scores.get('old')! < 1e-5 && scores.get('old')! > 0);
    assert.equal(scores.get('none'), 0);
    assert.deepEqual(evalRisk.rankByBugspots([{ file: 'b', fixDays: [] }, { file: 'old', fixDays: [100] }, { file: 'new', fixDays: [0] }, { file: 'a', fixDays: [] }]), ['new', 'old', 'a', 'b']);
  });

  it('ranks with risk, churn and Bugspots from one CLI run, against the files fixed after the cutoff', async () => {
    const evalRisk = (await import('../../../scripts/eval-risk.mjs')) as typeof import('../../../scripts/eval-risk.mjs');
    const repo = repos.init('history');
    // Before the cutoff (100 days ago): churny.ts changes most, buggy.ts has the fixes, big.ts is large and quiet.
    repos.commit(repo, 'start', 300, { 'src/churny.ts': '0\n', 'src/buggy.ts': '0\n', 'src/calm.ts': '0\n', 'src/big.ts': 'x\n'.repeat(3000) });
    for (let i = 1; i <= 4; i++) repos.commit(repo, `tweak ${i}`, 200 - i, { 'src/churny.ts': `${i}\n` });
    repos.commit(repo, 'fix: crash', 150, { 'src/buggy.ts': '1\n' });
    repos.commit(repo, 'bugfix: again', 140, { 'src/buggy.ts': '2\n', 'src/calm.ts': '1\n' });
    repos.commit(repo, 'Fix hang on close', 130, { 'src/buggy.ts': '2.5\n' });
    // After the cutoff: buggy.ts and big.ts get fixes; churny.ts only a feature and a typo fix.
    repos.commit(repo, 'fix: crash again', 50, { 'src/buggy.ts': '3\n', 'src/big.ts': 'y\n'.repeat(3000) });
    repos.commit(repo, 'feature', 40, { 'src/churny.ts': '9\n' });
    repos.commit(repo, 'Fix typos', 30, { 'src/churny.ts': '10\n' });
    const cutoff = Date.now() - 100 * DAY_MS;
    const result = evalRisk.evaluate({ repo, cutoff, windowDays: 180, k: 1, cli: CLI });
    assert.equal(result.fixedFiles, 2);
    assert.deepEqual([result.all.files, result.changed.files], [4, 3]);
    assert.deepEqual(result.all.top, ['src/big.ts'], 'size counts among every file');
    assert.deepEqual([result.all.risk, result.all.churn, result.all.bugspots, result.all.ceiling], [1, 0, 1, 1]);
    assert.deepEqual(result.changed.top, ['src/buggy.ts']);
    assert.deepEqual([result.changed.risk, result.changed.churn, result.changed.bugspots, result.changed.ceiling], [1, 0, 1, 1]);
  });
});
