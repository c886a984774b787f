import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { collectLocalCandidates } from '../../../../src/adapters/localTasks';
import { NO_CALIBRATION } from '../../../../src/core/calibration';
import { estimate } from '../../../../src/core/estimate';
import { rankTasks } from '../../../../src/core/rank';
import type { TaskCandidate, TestGapSignals } from '../../../../src/core/tasks';
import { tsFunction } from '../../helpers/codeSamples';
import { TempRepos } from './gitRepo';

/** A module with two functions worth a test; `fix` and `clamp` each change one line of `applyDiscount`, `message` only its error text. */
function invoice(options: { fix?: boolean; message?: string; extra?: string; clamp?: boolean } = {}): string {
  return [
    'export function parseInvoice(text: string): number[] {',
    '  const parts = text.split(",");',
    ...Array.from({ length: 14 }, (_, i) => `  const field${i} = parts[${i}] ?? "";`),
    '  if (parts.length === 0) return [];',
    '  return parts.map(Number);',
    '}',
    '',
    'export function applyDiscount(total: number, rate: number): number {',
    options.fix ? '  if (rate < 0 || rate > 1) throw new Error("rate out of range");' : `  if (rate < 0) throw new Error(${JSON.stringify(options.message ?? 'negative rate')});`,
    options.clamp ? '  return Math.max(0, total * (1 - rate));' : '  return total * (1 - rate);',
    '}',
    options.extra ?? '',
    '',
  ].join('\n');
}

describe('local tasks: regression tests for fixes that came without one (real repositories)', function () {
  this.timeout(30_000);
  let repos: TempRepos;
  beforeEach(() => { repos = new TempRepos(); });
  afterEach(() => repos.dispose());

  const regressions = (list: readonly TaskCandidate[]) => list.filter((c) => c.signals.kind === 'testGap' && c.signals.regressionFor);
  const signals = (c: TaskCandidate) => c.signals as TestGapSignals;
  // The 180-day window alone (no minimum of commits): these repositories are tiny, and the test is about age.
  const scan = async (repo: string) => {
    const result = await collectLocalCandidates(repo, { git: repos.gateway(), minWindowCommits: 1 });
    assert.deepEqual(result.problems, []);
    return result.candidates;
  };

  it('suggests a regression test at the function a fix changed, naming the fix and what was checked', async () => {
    const repo = repos.init('fixed');
    repos.commit(repo, 'start', 40, { 'src/invoice.ts': invoice(), 'test/invoice.test.ts': "import { parseInvoice } from '../src/invoice';\n" });
    repos.commit(repo, 'Add a header line', 30, { 'src/invoice.ts': `// Invoices.\n${invoice()}` });
    const fix = repos.commit(repo, 'Fix discount over 100%', 10, { 'src/invoice.ts': `// Invoices.\n${invoice({ fix: true })}`, 'CHANGELOG.md': 'Fixed discounts\n' });
    repos.commit(repo, 'Move the parser down', 5, { 'src/invoice.ts': `// Invoices.\n\n\n${invoice({ fix: true })}` });

    const [task, ...rest] = regressions(await scan(repo));
    assert.equal(rest.length, 0);
    assert.equal(task!.id, `testGap:${repo}:regression:${fix}`);
    assert.equal(task!.title, `Add a regression test for applyDiscount: ${fix.slice(0, 7)} Fix discount over 100%`);
    assert.deepEqual(task!.location, { file: path.join(repo, 'src/invoice.ts'), line: 25 }, 'the changed line as it is now, moved since the fix');
    const s = signals(task!);
    assert.deepEqual(s.regressionFor, { hash: fix, subject: 'Fix discount over 100%', ageDays: 10, file: 'src/invoice.ts', changedLines: 2 });
    assert.equal(s.functionName, 'applyDiscount');
    assert.equal(s.hasTestFile, true);
    assert.deepEqual(s.testEvidence, { kind: 'name', testFile: 'test/invoice.test.ts' });
    const [ranked] = rankTasks([task!], { now: Date.now(), calibration: NO_CALIBRATION, snoozed: new Map(), dismissed: new Set(), calendar: { dayOf: () => '2024-01-01' } });
    assert.deepEqual(ranked!.reasons.slice(0, 3), [
      `${fix.slice(0, 7)} Fix discount over 100% (10 days ago) changed src/invoice.ts (2 lines in applyDiscount) and no test file`,
      'No later commit changed a test together with src/invoice.ts',
      'The file has tests: test/invoice.test.ts is named for it',
    ]);
    assert.equal(estimate(s).minutes, 10);
  });

  it('says nothing when the test came with the fix or later, the fixed code is gone, or the fix was cosmetic or vendored', async () => {
    const repo = repos.init('tested');
    repos.commit(repo, 'start', 60, { 'src/a.ts': invoice(), 'src/b.ts': invoice(), 'src/c.ts': invoice(), 'src/d.ts': invoice(), 'src/e.ts': invoice(), 'src/f.ts': invoice(), 'src/g.ts': invoice(),
      'src/h.ts': invoice(), 'src/i.ts': invoice(), 'vendor/lib/rates.ts': invoice(),
    });
    repos.commit(repo, 'Fix a', 50, { 'src/a.ts': invoice({ fix: true }), 'test/a.test.ts': 'it("a", () => {});\n' });
    repos.commit(repo, 'Fix b', 40, { 'src/b.ts': invoice({ fix: true }) });
    repos.commit(repo, 'b: cover the rate check', 35, { 'src/b.ts': invoice({ fix: true, extra: '// covered' }), 'test/b.test.ts': 'it("b", () => {});\n' });
    repos.commit(repo, 'Fix c', 30, { 'src/c.ts': invoice({ fix: true }) });
    repos.commit(repo, 'c: drop discounts', 20, { 'src/c.ts': invoice().split('export function applyDiscount')[0]! });
    repos.commit(repo, 'Fix d', 15, { 'src/d.ts': invoice({ fix: true }) });
    repos.git(repo, ['rm', '-q', 'src/d.ts']);
    repos.commit(repo, 'd is gone', 12);
    repos.commit(repo, 'Fix the error message of e', 10, { 'src/e.ts': invoice({ message: 'rate below zero' }) });
    repos.commit(repo, 'Fix g for rates over one', 8, { 'src/g.ts': invoice({ fix: true }), 'fixtures/rates.json': '{}\n' });
    // The fix's main change (h) got a test later: its small part elsewhere (i) is no task of its own.
    repos.commit(repo, 'Fix h and i', 7, { 'src/h.ts': invoice({ fix: true, clamp: true }), 'src/i.ts': invoice({ clamp: true }) });
    repos.commit(repo, 'h: test the rates', 6, { 'src/h.ts': invoice({ fix: true, clamp: true, extra: '// tested' }), 'test/h.test.ts': 'it("h", () => {});\n' });
    repos.commit(repo, 'Fix vendored rates', 6, { 'vendor/lib/rates.ts': invoice({ fix: true }) });
    const f = repos.commit(repo, 'Fix f', 5, { 'src/f.ts': invoice({ fix: true }) });
    assert.deepEqual(regressions(await scan(repo)).map((c) => c.title), [`Add a regression test for applyDiscount: ${f.slice(0, 7)} Fix f`], 'only the fix nothing tested');
  });

  it('leaves out a fix inside a string: a shell script in a Go template is not pinned by a unit test of the code', async () => {
    const repo = repos.init('template');
    const script = (line: string) => [
      'package cobra', '', 'func genBash(name string) string {', '\tout := ""', ...Array.from({ length: 14 }, (_, i) => `\tif len(name) > ${i} {\n\t\tout += name\n\t}`),
      '\treturn out + `', '# bash completion', 'local cur prev', line, 'compopt -o nospace', '`', '}', '',
    ].join('\n');
    repos.commit(repo, 'start', 40, { 'bash.go': script('local fullFilter'), 'other_test.go': 'package cobra\n' });
    repos.commit(repo, 'fix(bash): nounset unbound variable', 10, { 'bash.go': script('local fullFilter=""') });
    assert.deepEqual(regressions(await scan(repo)), []);
  });

  it('sees a Rust fix whose test is inside the file, and leaves fixes older than the window', async () => {
    const repo = repos.init('rust');
    const rust = (fixed: boolean, test = '') => `pub fn clamp(x: i32) -> i32 {\n${Array.from({ length: 16 }, (_, i) => `    let y${i} = x + ${i};`).join('\n')}\n    if x < ${fixed ? 1 : 0} { return 0; }\n    x\n}\n${test}`;
    repos.commit(repo, 'start', 400, { 'src/clamp.rs': rust(false), 'src/bound.rs': rust(false), 'src/old.ts': invoice() });
    repos.commit(repo, 'Fix old', 300, { 'src/old.ts': invoice({ fix: true }) });
    repos.commit(repo, 'Fix clamp at zero', 10, { 'src/clamp.rs': rust(true, '\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn zero() { assert_eq!(super::clamp(0), 0); }\n}\n') });
    const bound = repos.commit(repo, 'Fix bound at zero', 5, { 'src/bound.rs': rust(true) });
    assert.deepEqual(regressions(await scan(repo)).map((c) => c.title), [`Add a regression test for clamp: ${bound.slice(0, 7)} Fix bound at zero`]);
  });

  it('reads a pull request merged from a branch as one change: a test in another of its commits came with the fix', async () => {
    const repo = repos.init('merges');
    repos.commit(repo, 'start', 40, { 'src/a.ts': invoice(), 'src/b.ts': invoice() });
    repos.git(repo, ['checkout', '-q', '-b', 'fix-a']);
    repos.commit(repo, 'Fix a', 20, { 'src/a.ts': invoice({ fix: true }) });
    repos.commit(repo, 'cover the rate check of a', 19, { 'test/rates.test.ts': 'it("a", () => {});\n' });
    repos.git(repo, ['checkout', '-q', 'main']);
    repos.git(repo, ['merge', '-q', '--no-ff', '-m', 'Merge branch fix-a', 'fix-a'], { GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'd@e', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'd@e' });
    repos.git(repo, ['checkout', '-q', '-b', 'fix-b']);
    const fixB = repos.commit(repo, 'Fix b', 10, { 'src/b.ts': invoice({ fix: true }) });
    repos.commit(repo, 'tidy b', 9, { 'src/b.ts': invoice({ fix: true, extra: '// tidy' }) });
    repos.git(repo, ['checkout', '-q', 'main']);
    repos.git(repo, ['merge', '-q', '--no-ff', '-m', 'Merge branch fix-b', 'fix-b'], { GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'd@e', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'd@e' });
    assert.deepEqual(regressions(await scan(repo)).map((c) => c.title), [`Add a regression test for applyDiscount: ${fixB.slice(0, 7)} Fix b`]);
  });

  it('lists a file that is also a plain test gap once, as the regression test, which claims nothing about the file', async () => {
    const repo = repos.init('merged');
    repos.commit(repo, 'start', 40, { 'src/pricing.ts': invoice(), 'src/other.ts': tsFunction('other') });
    const older = repos.commit(repo, 'Fix negative totals', 20, { 'src/pricing.ts': invoice({ clamp: true }) });
    const fix = repos.commit(repo, 'Fix rates over one', 10, {
      'src/pricing.ts': invoice({ clamp: true, fix: true, extra: 'export const RATE_CAP = 1;' }), 'src/other.ts': tsFunction('other').replace('total < 0', 'total <= 0'),
    });
    const candidates = await scan(repo);
    const gaps = candidates.filter((c) => c.signals.kind === 'testGap');
    assert.deepEqual(gaps.map((c) => c.title).sort(), ['Add tests for src/other.ts', `Add a regression test for applyDiscount: ${fix.slice(0, 7)} Fix rates over one`].sort());
    const s = signals(regressions(candidates)[0]!);
    assert.equal(s.hasTestFile, true);
    assert.deepEqual([s.evidenceChecked, s.testEvidence], [undefined, undefined]);
    assert.deepEqual(s.regressionFor?.earlier, [{ hash: older, subject: 'Fix negative totals' }], 'two fixes of one function are one test to write');
    assert.deepEqual(s.regressionFor?.otherFiles, ['src/other.ts']);
    assert.equal(estimate(s).minutes, 10);
  });
});
