import { strict as assert } from 'node:assert';
import { cpSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { collectLocalCandidates } from '../../../../src/adapters/localTasks';
import { GitGateway } from '../../../../src/adapters/gitProcess';
import type { TaskCandidate, TestGapSignals } from '../../../../src/core/tasks';
import { makeC8Project } from '../coverage/realTools';
import { pyFunction, tsFunction } from '../../helpers/codeSamples';
import { DAY_MS, TempRepos } from './gitRepo';

describe('local tasks: collectLocalCandidates (real repositories)', function () {
  this.timeout(30_000);
  let repos: TempRepos;
  beforeEach(() => { repos = new TempRepos(); });
  afterEach(() => repos.dispose());

  const project = () => {
    const repo = repos.init('project');
    repos.commit(repo, 'start', 300, { 'src/legacy.ts': 'export const l = 1;\n', 'src/cart.ts': 'export const c = 1;\n' });
    repos.commit(repo, 'add billing', 50, {
      'src/billing.ts': tsFunction('bill', { firstLines: ['  // FIXME: handle empty invoice'] }),
      'src/cart.test.ts': "it.skip('totals', () => {});\n",
      'src/cart.ts': 'export const c = 2;\n',
      'app/run.py': pyFunction('run'),
    });
    // Each fix comes with a test case in test data: the files stay plain test gaps, no regression test is due.
    repos.commit(repo, 'fix: billing rounding', 20, { 'src/billing.ts': tsFunction('bill', { firstLines: ['  // FIXME: handle empty invoice'], version: 1 }), 'testdata/rounding.txt': '0.5\n' });
    repos.commit(repo, 'fixes #4 in app', 10, { 'app/run.py': pyFunction('run', { version: 1 }), 'README.md': 'x\n', 'testdata/app.txt': '4\n' });
    return repo;
  };
  const kinds = (list: readonly TaskCandidate[]) => list.map((c) => `${c.signals.kind}:${c.title}`).sort();

  it('combines TODOs, skipped tests and test gaps, and hands back a cache that makes the next refresh walk nothing', async () => {
    const repo = project();
    const git = repos.gateway();
    const sub = path.join(repo, 'src');
    const first = await collectLocalCandidates(sub, { git, minWindowCommits: 1 });
    assert.deepEqual(first.problems, []);
    assert.equal(first.repoRoot, repo);
    assert.deepEqual(kinds(first.candidates), [
      'skippedTest:Skipped test: totals (it.skip)',
      'testGap:Add tests for app/run.py',
      'testGap:Add tests for src/billing.ts',
      'todo:FIXME: handle empty invoice',
    ]);
    const gap = first.candidates.find((c) => c.title === 'Add tests for src/billing.ts')!;
    const fix = repos.git(repo, ['rev-parse', 'HEAD~1']);
    // The fix named for the reason, the file's size for the risk (read from the work tree), the evidence looked for
    // and what there is to test.
    const bytes = tsFunction('bill', { firstLines: ['  // FIXME: handle empty invoice'], version: 1 }).length;
    assert.deepEqual(gap.signals, {
      kind: 'testGap', uncoveredLines: 0, uncoveredShare: undefined, churn: 2, fixCommits: 1,
      fixes: [{ hash: fix, subject: 'fix: billing rounding' }], hasTestFile: false, bytes,
      evidenceChecked: ['name', 'import', 'coChange'], scope: { logicLines: 16, functions: 1, branches: 14 },
    } satisfies TestGapSignals);
    assert.deepEqual(gap.location, { file: path.join(repo, 'src/billing.ts'), line: 1 });
    assert.equal(gap.id, `testGap:${repo}:src/billing.ts`);
    assert.equal(first.history?.files.get('src/cart.ts')?.churn, 1, 'tested files keep their history for the coverage merge');

    git.calls.length = 0;
    const again = await collectLocalCandidates(repo, { git, minWindowCommits: 1, historyCache: JSON.parse(JSON.stringify(first.historyCache)) });
    assert.equal(again.history?.walk, 'cached');
    assert.equal(git.commands().filter((c) => c === 'log').length, 0);
    assert.deepEqual(kinds(again.candidates), kinds(first.candidates));
    assert.deepEqual(again.candidates.map((c) => c.id).sort(), first.candidates.map((c) => c.id).sort());
    // HEAD and the work tree unchanged: the TODO and skipped-test results are reused, no grep or blame runs.
    assert.deepEqual(git.commands().filter((c) => c === 'grep' || c === 'blame'), []);

    // An edit (even to a file that was already modified) and a new untracked file make them run again.
    writeFileSync(path.join(repo, 'src/billing.ts'), 'export function bill() {\n  // TODO: split invoice\n}\n');
    git.calls.length = 0;
    const edited = await collectLocalCandidates(repo, { git, historyCache: again.historyCache });
    assert.ok(git.commands().includes('grep'));
    assert.ok(kinds(edited.candidates).includes('todo:TODO: split invoice'));
    writeFileSync(path.join(repo, 'src/billing.ts'), 'export function bill() {\n  // TODO: split invoice later\n}\n');
    const editedAgain = await collectLocalCandidates(repo, { git, historyCache: edited.historyCache });
    assert.ok(kinds(editedAgain.candidates).includes('todo:TODO: split invoice later'));
    writeFileSync(path.join(repo, 'new.ts'), '// HACK: temporary\n');
    const untracked = await collectLocalCandidates(repo, { git, historyCache: editedAgain.historyCache });
    assert.ok(kinds(untracked.candidates).includes('todo:HACK: temporary'));
    // And an old snapshot is not reused: ages are whole days as of when it was taken.
    git.calls.length = 0;
    await collectLocalCandidates(repo, { git, historyCache: untracked.historyCache, now: Date.now() + 2 * 3_600_000 });
    assert.ok(git.commands().includes('grep'));
  });

  it('merges a FIXME into the skipped test beside it and repeated TODOs into one, and gives each its file\'s churn', async () => {
    const repo = repos.init('merge');
    repos.commit(repo, 'start', 60, {
      'src/matcher.rs': [
        'pub fn m() {}',
        '#[cfg(test)]',
        'mod tests {',
        '    // FIXME: Re-enable this test once inner literal extraction works.',
        '    #[test]',
        '    #[ignore]',
        '    fn candidate_lines() {}',
        '}',
      ].join('\n'),
      'src/index.rs': 'fn open() {\n    // TODO: Retry here if the database is already open.\n}\nfn reopen() {\n    // TODO: Retry here if the database is already open.\n}\n',
    });
    repos.commit(repo, 'touch index', 5, { 'src/index.rs': 'fn open() {\n    // TODO: Retry here if the database is already open.\n}\nfn reopen() {\n    // TODO: Retry here if the database is already open.\n}\n// more\n' });
    const { candidates, problems } = await collectLocalCandidates(repo, { git: repos.gateway() });
    assert.deepEqual(problems, []);
    const local = candidates.filter((c) => c.signals.kind !== 'testGap');
    assert.deepEqual(kinds(local), ['skippedTest:Skipped test: candidate_lines (# ignore )', 'todo:TODO: Retry here if the database is already open.']);
    const skip = local.find((c) => c.signals.kind === 'skippedTest')!.signals;
    assert.ok(skip.kind === 'skippedTest');
    assert.equal(skip.reason, 'FIXME: Re-enable this test once inner literal extraction works.');
    assert.equal(skip.waitsOn, 'inner literal extraction works');
    assert.equal(skip.fileChurn, 1);
    const todo = local.find((c) => c.signals.kind === 'todo')!;
    assert.ok(todo.signals.kind === 'todo');
    assert.equal(todo.location?.line, 2);
    assert.deepEqual(todo.signals.alsoAt, [5]);
    assert.equal(todo.signals.fileChurn, 2);
  });

  it('anchors the window to the last commit of an idle repository, so its recent work still shows', async () => {
    const repo = repos.init('idle');
    repos.commit(repo, 'start', 900, { 'src/old.ts': 'export const o = 1;\n' });
    repos.commit(repo, 'add parser', 420, { 'src/parser.ts': tsFunction('parse') });
    repos.commit(repo, 'tune parser rounding', 400, { 'src/parser.ts': tsFunction('parse', { version: 1 }) });
    const git = repos.gateway();
    const result = await collectLocalCandidates(repo, { git, historyDays: 180, minWindowCommits: 1 });
    assert.deepEqual(result.problems, []);
    // The last commit is 400 days old: the 180-day window ends there, so it holds the parser's two commits and
    // not the start 900 days ago.
    assert.deepEqual(kinds(result.candidates), ['testGap:Add tests for src/parser.ts']);
    assert.equal(result.history?.commits, 2);
    // The next refresh knows HEAD's date from the cache: no extra git call for it.
    git.calls.length = 0;
    const again = await collectLocalCandidates(repo, { git, historyDays: 180, minWindowCommits: 1, historyCache: result.historyCache });
    assert.deepEqual(kinds(again.candidates), kinds(result.candidates));
    assert.equal(git.commands().filter((c) => c === 'log').length, 0, git.commands().join(' '));
  });

  it('reaches back to the last commits of a quiet repository, however old, when its window holds too few', async () => {
    const repo = repos.init('quiet');
    repos.commit(repo, 'start', 900, { 'src/first.ts': tsFunction('first') });
    repos.commit(repo, 'add parser', 600, { 'src/parser.ts': tsFunction('parse') });
    repos.commit(repo, 'tweak parser', 500, { 'src/parser.ts': tsFunction('parse', { version: 1 }) });
    repos.commit(repo, 'latest', 10, { 'src/latest.ts': tsFunction('latest') });
    const gaps = (result: Awaited<ReturnType<typeof collectLocalCandidates>>) => kinds(result.candidates).filter((k) => k.startsWith('testGap'));
    // Three commits at least: the window reaches back to 'add parser' (600 days), not to 'start'.
    const three = await collectLocalCandidates(repo, { git: repos.gateway(), historyDays: 180, minWindowCommits: 3 });
    assert.equal(three.history?.commits, 3);
    assert.deepEqual(gaps(three), ['testGap:Add tests for src/latest.ts', 'testGap:Add tests for src/parser.ts']);
    assert.ok(three.window && three.window.start <= Date.now() - 600 * DAY_MS + DAY_MS && three.window.start > Date.now() - 900 * DAY_MS);
    // More than the repository has: the whole history.
    const all = await collectLocalCandidates(repo, { git: repos.gateway(), historyDays: 180, minWindowCommits: 50 });
    assert.equal(all.history?.commits, 4);
  });

  it('reports a non-repository, a missing folder and an empty repository with a problem and no candidates', async () => {
    const plain = path.join(repos.tmp, 'plain');
    repos.write(plain, { 'a.ts': '// TODO: x\n' });
    const notRepo = await collectLocalCandidates(plain, { git: repos.gateway() });
    assert.deepEqual(notRepo.candidates, []);
    assert.match(notRepo.problems[0]!, /not inside a git work tree/);
    const missing = await collectLocalCandidates(path.join(repos.tmp, 'nope'), { git: repos.gateway() });
    assert.match(missing.problems[0]!, /does not exist/);
    const empty = repos.init('empty');
    writeFileSync(path.join(empty, 'a.ts'), '// TODO: x\n');
    repos.git(empty, ['add', '.']);
    const noCommits = await collectLocalCandidates(empty, { git: repos.gateway() });
    assert.deepEqual(noCommits.candidates, []);
    assert.match(noCommits.problems[0]!, /no commits yet/);
  });

  it('gives partial results with a problem in a shallow clone, and works on a detached HEAD', async () => {
    const repo = project();
    const clone = path.join(repos.tmp, 'shallow');
    repos.git(repos.tmp, ['clone', '-q', '--depth', '1', `file://${repo}`, clone]);
    const shallow = await collectLocalCandidates(clone, { git: repos.gateway() });
    assert.match(shallow.problems.join('\n'), /shallow clone/);
    const todo = shallow.candidates.find((c) => c.signals.kind === 'todo')!;
    assert.equal(todo.title, 'FIXME: handle empty invoice');
    assert.equal((todo.signals as { ageDays: number }).ageDays, 10, 'blame stops at the shallow boundary');
    repos.git(repo, ['checkout', '-q', '--detach', 'HEAD~2']);
    const detached = await collectLocalCandidates(repo, { git: repos.gateway() });
    assert.deepEqual(detached.problems, []);
    assert.deepEqual(kinds(detached.candidates), [
      'skippedTest:Skipped test: totals (it.skip)', 'testGap:Add tests for app/run.py', 'testGap:Add tests for src/billing.ts', 'todo:FIXME: handle empty invoice',
    ]);
  });

  it('never throws: a missing git or a cancelled refresh become problems', async () => {
    const repo = project();
    const noGit = await collectLocalCandidates(repo, { git: new GitGateway({ gitPath: path.join(repos.tmp, 'no-such-git') }) });
    assert.deepEqual(noGit.candidates, []);
    assert.match(noGit.problems[0]!, /Git was not found/);
    const controller = new AbortController();
    controller.abort();
    const cancelled = await collectLocalCandidates(repo, { git: repos.gateway(), signal: controller.signal });
    assert.deepEqual(cancelled.candidates, []);
    assert.match(cancelled.problems[0]!, /cancelled/);
  });

  it('dates TODOs from the window on a long history: 3 days is 3, 400 days shows the 180-day window, and no blame runs', async function () {
    this.timeout(60_000);
    const repo = repos.init('long');
    const now = Math.floor(Date.now() / 1000);
    const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
    const commit = (mark: number, t: number, message: string, files: Record<string, string>) =>
      `commit refs/heads/main\nmark :${mark}\nauthor Dev <dev@example.com> ${t} +0000\ncommitter Dev <dev@example.com> ${t} +0000\n`
      + data(message) + (mark > 1 ? `from :${mark - 1}\n` : '')
      + Object.entries(files).map(([file, text]) => `M 100644 inline ${file}\n${data(text)}`).join('') + '\n';
    // More commits in the window than blame can afford to walk past (BLAME_PAST_WINDOW_MAX_COMMITS).
    const parts = [commit(1, now - 400 * 86_400, 'ancient', { 'src/old.ts': '// TODO: ancient\nexport const x = 1;\n' })];
    for (let i = 2; i <= 2_102; i++) parts.push(commit(i, now - 170 * 86_400 + i * 60, `change ${i}`, { [`src/f${i % 40}.ts`]: `export const v = ${i};\n` }));
    // The FIXME sits more than 3 lines below the TODO, so the two stay two tasks (see localDuplicates.ts).
    parts.push(commit(2_103, now - 3 * 86_400, 'recent', { 'src/old.ts': '// TODO: ancient\nexport const x = 2;\n\n\n\n// FIXME: recent\n' }));
    repos.git(repo, ['fast-import', '--quiet'], { MALLOC_TOP_PAD_: String(64 << 20), MALLOC_TRIM_THRESHOLD_: String(256 << 20) }, parts.join(''));
    repos.git(repo, ['checkout', '-q', '-f', 'main']);
    const git = repos.gateway();
    const result = await collectLocalCandidates(repo, { git, historyDays: 180 });
    assert.deepEqual(result.problems, []);
    const age = (title: string) => {
      const found = result.candidates.find((c) => c.title === title)!;
      return [found.signals.kind === 'todo' && found.signals.ageDays, found.signals.kind === 'todo' && found.signals.ageUnknown];
    };
    assert.deepEqual(age('FIXME: recent'), [3, undefined]);
    // Older than the window, which ends at the last commit (3 days ago): a lower bound, 180 + 3 days.
    assert.deepEqual(age('TODO: ancient'), [183, undefined]);
    assert.ok(!git.commands().includes('blame'), git.commands().join(' '));
    // HEAD's date (where the window ends), one walk (its two halves side by side) and one read of the young lines'
    // commits; the other git calls are a fixed handful, not one per file.
    assert.equal(git.commands().filter((c) => c === 'log').length, 4, git.commands().join(' '));
    assert.ok(git.calls.length <= 10, git.commands().join(' '));
  });

  it('with worktreeUnchangedSince, a refresh with nothing new runs one git command; HEAD, the index and later changes still count', async () => {
    const repo = project();
    const git = repos.gateway();
    const watching = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const first = await collectLocalCandidates(repo, { git });
    const ids = (list: readonly TaskCandidate[]) => list.map((c) => c.id).sort();

    git.calls.length = 0;
    const trusted = await collectLocalCandidates(repo, { git, historyCache: first.historyCache, worktreeUnchangedSince: watching });
    assert.deepEqual(git.commands(), ['rev-parse']);
    assert.deepEqual(ids(trusted.candidates), ids(first.candidates));
    assert.deepEqual(trusted.problems, []);
    assert.equal(trusted.history?.files.get('src/billing.ts')?.churn, 2);
    // Through JSON, as a caller may keep it.
    git.calls.length = 0;
    const again = await collectLocalCandidates(repo, { git, historyCache: JSON.parse(JSON.stringify(trusted.historyCache)), worktreeUnchangedSince: watching });
    assert.deepEqual(git.commands(), ['rev-parse']);
    assert.deepEqual(ids(again.candidates), ids(first.candidates));

    // The watcher saw a change after the scan began: the full check runs (and finds nothing new here).
    git.calls.length = 0;
    await collectLocalCandidates(repo, { git, historyCache: again.historyCache, worktreeUnchangedSince: Date.now() });
    assert.ok(git.commands().includes('status'));

    // Staging changes the index, which a watcher of the work tree may not report.
    writeFileSync(path.join(repo, 'src/billing.test.ts'), "it('bills', () => {});\n");
    const quiet = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const beforeAdd = await collectLocalCandidates(repo, { git, historyCache: again.historyCache });
    assert.ok(kinds(beforeAdd.candidates).includes('testGap:Add tests for src/billing.ts'), 'an untracked test file does not count');
    git.calls.length = 0;
    await collectLocalCandidates(repo, { git, historyCache: beforeAdd.historyCache, worktreeUnchangedSince: quiet });
    assert.deepEqual(git.commands(), ['rev-parse']);
    await new Promise((resolve) => setTimeout(resolve, 5));
    repos.git(repo, ['add', 'src/billing.test.ts']);
    git.calls.length = 0;
    const staged = await collectLocalCandidates(repo, { git, historyCache: beforeAdd.historyCache, worktreeUnchangedSince: quiet });
    assert.ok(git.commands().includes('status'), git.commands().join(' '));
    assert.ok(!kinds(staged.candidates).includes('testGap:Add tests for src/billing.ts'), 'the staged test file counts');

    // A commit moves HEAD: seen by the same one rev-parse, and the walk runs.
    repos.commit(repo, 'add billing test', 0);
    git.calls.length = 0;
    const committed = await collectLocalCandidates(repo, { git, historyCache: staged.historyCache, worktreeUnchangedSince: quiet });
    assert.equal(committed.history?.walk, 'incremental');
    assert.ok(git.commands().includes('status'));
  });

  it('turns a c8 coverage report in the repository into a test gap naming the uncovered function', async function () {
    const project = makeC8Project();
    if (!project) this.skip();
    const repo = repos.init('covered');
    cpSync(project!, repo, { recursive: true });
    repos.commit(repo, 'calc with coverage', 1, {}, true);
    const result = await collectLocalCandidates(repo, { historyDays: 30 });
    const gap = result.candidates.find((c) => c.signals.kind === 'testGap' && c.location?.file.endsWith('calc.js'));
    assert.ok(gap, `no coverage gap among ${result.candidates.map((c) => c.title).join(', ')}`);
    assert.equal(gap.title, 'Write a test for unused (lines 13–16 uncovered)');
    assert.equal(gap.location?.line, 13);
    assert.ok(!result.candidates.some((c) => c.title === 'Add tests for src/calc.js'), 'the name-based gap should give way to the coverage one');
  });
});

