import { strict as assert } from 'node:assert';
import { appendFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { GrepHit } from '../../../../src/adapters/localTasks/grep';
import { refreshHistory } from '../../../../src/adapters/localTasks/history';
import { dateLines, DiffReader, findBoundary } from '../../../../src/adapters/localTasks/lineAges';
import { grepTodos, todoCandidates } from '../../../../src/adapters/localTasks/todos';
import { locate, worktreeStatus } from '../../../../src/adapters/localTasks/worktree';
import type { TodoSignals } from '../../../../src/core/tasks';
import { CountingGateway, DAY_MS, TempRepos } from './gitRepo';

describe('local tasks: line ages from the history window (real repositories)', function () {
  this.timeout(30_000);
  let repos: TempRepos;
  let git: CountingGateway;
  beforeEach(() => {
    repos = new TempRepos();
    git = repos.gateway();
  });
  afterEach(() => repos.dispose());

  /** The TODO candidates in file order, dated the way collectLocalCandidates does. */
  const datedTodos = async (repo: string, options: { historyDays?: number; blamePastWindowMaxCommits?: number; status?: 'none' } = {}) => {
    const now = Date.now();
    const historyDays = options.historyDays ?? 180;
    const since = now - historyDays * DAY_MS;
    const where = await locate(git, repo);
    assert.equal(where.kind, 'ok');
    if (where.kind !== 'ok') throw new Error('unreachable');
    const scan = await grepTodos(git, repo);
    const hits = new Map<string, GrepHit[]>();
    for (const hit of scan.hits) hits.set(hit.path, [...(hits.get(hit.path) ?? []), hit]);
    const dated = await dateLines(git, repo, hits, {
      head: where.head,
      since,
      shallow: where.shallow,
      status: options.status === 'none' ? Promise.resolve(undefined) : worktreeStatus(git, repo),
      boundary: findBoundary(git, repo, where.head, since),
      history: refreshHistory(git, repo, undefined, { now, historyDays, known: where }).then((h) => h.cache),
    }, { now, ...(options.blamePastWindowMaxCommits === undefined ? {} : { blamePastWindowMaxCommits: options.blamePastWindowMaxCommits }) });
    const result = todoCandidates(repo, scan, dated);
    assert.deepEqual(result.problems, []);
    return result.candidates.sort((a, b) => a.location!.file.localeCompare(b.location!.file) || a.location!.line - b.location!.line);
  };
  /** TODO title → [age, ageUnknown] in file order. */
  const ages = async (repo: string, options: Parameters<typeof datedTodos>[1] = {}) =>
    (await datedTodos(repo, options)).map((c) => [c.title, (c.signals as TodoSignals).ageDays, (c.signals as TodoSignals).ageUnknown ?? false] as const);
  /** Titles whose age is only a lower bound (older than the window). */
  const lowerBounds = async (repo: string, options: Parameters<typeof datedTodos>[1] = {}) =>
    (await datedTodos(repo, options)).filter((c) => (c.signals as TodoSignals).ageAtLeast).map((c) => c.title);
  const NO_BLAME = { blamePastWindowMaxCommits: -1 };

  it('dates a TODO by the commit that wrote it; one older than the window gets the window length, or its blame age where blame is cheap', async () => {
    const repo = repos.init('ages');
    repos.commit(repo, 'ancient', 400, { 'a.ts': '// TODO: ancient\nexport const a = 1;\n' });
    repos.commit(repo, 'forty', 40, { 'b.py': 'x = 1  # FIXME: forty days\n' });
    repos.commit(repo, 'recent', 3, { 'a.ts': '// TODO: ancient\nexport const a = 2;\n// BUG: recent\n' });

    git.calls.length = 0;
    assert.deepEqual(await ages(repo, NO_BLAME), [
      ['TODO: ancient', 180, false], ['BUG: recent', 3, false], ['FIXME: forty days', 40, false],
    ]);
    assert.ok(!git.commands().includes('blame'), git.commands().join(' '));
    assert.deepEqual(await lowerBounds(repo, NO_BLAME), ['TODO: ancient'], 'only the line older than the window is "over 180 days"');
    assert.deepEqual(await lowerBounds(repo), [], 'blame dated it exactly');
    // Few commits in the window: blame is cheap, and dates the old line exactly (as before this module).
    assert.deepEqual((await ages(repo))[0], ['TODO: ancient', 400, false]);
    assert.ok(git.commands().includes('blame'));
    // A narrower window: 40 days is now older than it.
    assert.deepEqual(await ages(repo, { ...NO_BLAME, historyDays: 30 }), [
      ['TODO: ancient', 30, false], ['BUG: recent', 3, false], ['FIXME: forty days', 30, false],
    ]);
  });

  it('gives uncommitted lines age 0: an untracked file, and the added lines of a changed one', async () => {
    const repo = repos.init('dirty');
    repos.commit(repo, 'start', 34, { 'a.ts': '// TODO: committed\nexport const a = 1;\n' });
    appendFileSync(path.join(repo, 'a.ts'), '// TODO: written just now\n');
    writeFileSync(path.join(repo, 'new.ts'), '// HACK: untracked\n');
    // Staged but not committed is not committed either.
    writeFileSync(path.join(repo, 'staged.ts'), '// FIXME: staged\n');
    repos.git(repo, ['add', 'staged.ts']);
    assert.deepEqual(await ages(repo, NO_BLAME), [
      ['TODO: committed', 34, false], ['TODO: written just now', 0, false], ['HACK: untracked', 0, false], ['FIXME: staged', 0, false],
    ]);
  });

  it('follows a rename, keeps a moved or re-indented line, and dates an edited line by its edit', async () => {
    const repo = repos.init('moves');
    repos.commit(repo, 'start', 100, { 'src/a.ts': '// TODO: keep me\n// TODO: edit me\nexport const a = 1;\nexport const b = 1;\nexport const c = 1;\n' });
    repos.git(repo, ['mv', 'src/a.ts', 'src/b.ts']);
    repos.commit(repo, 'rename with a change', 10, { 'src/b.ts': '// TODO: keep me\n// TODO: edit me\nexport const a = 1;\nexport const b = 1;\nexport const c = 2;\n' });
    repos.commit(repo, 'move and edit', 5, { 'src/b.ts': '// TODO: edit me, now clearer\nexport const a = 1;\nexport const b = 1;\nexport const c = 2;\n    // TODO: keep me\n' });
    assert.deepEqual(await ages(repo, NO_BLAME), [['TODO: edit me, now clearer', 5, false], ['TODO: keep me', 100, false]]);
  });

  it('tells identical lines apart by count (older copies first), and dates a removed and re-added line by its return', async () => {
    const repo = repos.init('dupes');
    repos.commit(repo, 'one', 50, { 'a.ts': '// TODO: dup\nlet a;\n// TODO: comes back\n' });
    repos.commit(repo, 'gone', 30, { 'a.ts': '// TODO: dup\nlet a;\n' });
    repos.commit(repo, 'two', 20, { 'a.ts': '// TODO: dup\nlet a;\n// TODO: dup\n// TODO: comes back\n' });
    assert.deepEqual(await ages(repo, NO_BLAME), [['TODO: dup', 50, false], ['TODO: dup', 20, false], ['TODO: comes back', 20, false]]);
  });

  it('uses the oldest commit seen as the lower bound when the walk stops early (a history younger than the window)', async () => {
    const repo = repos.init('young');
    repos.commit(repo, 'first', 60, { 'a.ts': '// TODO: from the first commit\n' });
    repos.commit(repo, 'more', 2, { 'b.ts': 'let b;\n' });
    // The root commit wrote the line: it is in the window, so its age is exact.
    assert.deepEqual(await ages(repo, NO_BLAME), [['TODO: from the first commit', 60, false]]);
    // A shallow clone's oldest commit is a graft: what it holds is at least as old as it.
    const clone = path.join(repos.tmp, 'shallow');
    repos.git(repos.tmp, ['clone', '-q', '--depth', '1', `file://${repo}`, clone]);
    assert.deepEqual(await ages(clone, NO_BLAME), [['TODO: from the first commit', 2, false]]);
  });

  it('dates a line in a hot file whose commits in the window do not fit one command', async () => {
    const repo = repos.init('hot');
    const now = Math.floor(Date.now() / 1000);
    const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
    const parts: string[] = [];
    for (let i = 1; i <= 700; i++) {
      const t = i === 1 ? now - 100 * 86_400 : now - 90 * 86_400 + i * 600;
      const text = `// TODO: written first\nexport const v = ${i};\n${i >= 300 ? '// FIXME: written at 300\n' : ''}`;
      parts.push(`commit refs/heads/main\nmark :${i}\nauthor Dev <dev@example.com> ${t} +0000\ncommitter Dev <dev@example.com> ${t} +0000\n`
        + data(`change ${i}`) + (i > 1 ? `from :${i - 1}\n` : '') + `M 100644 inline a.ts\n${data(text)}\n`);
    }
    repos.git(repo, ['fast-import', '--quiet'], {}, parts.join(''));
    repos.git(repo, ['checkout', '-q', '-f', 'main']);
    const at300 = Math.floor((Date.now() - (now - 90 * 86_400 + 300 * 600) * 1000) / DAY_MS);
    assert.deepEqual(await ages(repo, NO_BLAME), [['TODO: written first', 100, false], ['FIXME: written at 300', at300, false]]);
    assert.ok(git.calls.filter((args) => args.includes('--no-walk=unsorted')).length >= 2, 'the chain was read in slices');
  });

  it('falls back to blame without a work-tree status', async () => {
    const repo = repos.init('fallback');
    repos.commit(repo, 'start', 12, { 'a.ts': '// TODO: blamed\n' });
    git.calls.length = 0;
    assert.deepEqual(await ages(repo, { status: 'none' }), [['TODO: blamed', 12, false]]);
    assert.ok(git.commands().includes('blame'));
  });

  it('reads diffs: new-side ranges, quoted and spaced names, deletions, and content that looks like a header', () => {
    const seen: string[] = [];
    const reader = new DiffReader({
      header: (line) => seen.push(`commit ${line}`),
      hunk: (file, start, count) => seen.push(`hunk ${file} ${start},${count}`),
      line: (file, sign, text) => seen.push(`${sign} ${file} ${text}`),
    });
    const diff = [
      '\0abc\t1700000000', '',
      'diff --git a/sp ace.ts b/sp ace.ts', 'index 1..2 100644', '--- a/sp ace.ts\t', '+++ b/sp ace.ts\t',
      '@@ -0,0 +1,2 @@', '+// TODO: one', '++++ looks like a header',
      'diff --git "a/q\\"uote.ts" "b/q\\"uote.ts"', '--- "a/q\\"uote.ts"', '+++ "b/q\\"uote.ts"', '@@ -3 +3 @@ ctx', '-old', '+new',
      'diff --git a/gone.ts b/gone.ts', 'deleted file mode 100644', '--- a/gone.ts', '+++ /dev/null', '@@ -1 +0,0 @@', '-// TODO: gone',
      '@@ -7,2 +6,0 @@', '-x',
    ];
    for (const line of diff) reader.feed(line);
    assert.deepEqual(seen, [
      'commit abc\t1700000000',
      'hunk sp ace.ts 1,2', '+ sp ace.ts // TODO: one', '+ sp ace.ts +++ looks like a header',
      'hunk q"uote.ts 3,1', '- q"uote.ts old', '+ q"uote.ts new',
    ]);
  });
});
