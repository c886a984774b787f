import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { changedSourceFiles, NAMED_FIXES_PER_FILE, refreshHistory, type HistoryCache } from '../../../../src/adapters/localTasks/history';
import { unquoteGitPath as unquote } from '../../../../src/adapters/gitQuotedPath';
import { CountingGateway, DAY_MS, TempRepos } from './gitRepo';

describe('local tasks: history churn and fix commits (real repositories)', function () {
  this.timeout(30_000);
  let repos: TempRepos;
  let git: CountingGateway;
  beforeEach(() => {
    repos = new TempRepos();
    git = repos.gateway();
  });
  afterEach(() => repos.dispose());

  /** a.ts: 4 commits in the window (2 fixes); b.py: 2 (1 fix); old.ts only before the window. */
  const standard = () => {
    const repo = repos.init('hist');
    repos.commit(repo, 'fix: ancient crash', 400, { 'old.ts': '1', 'a.ts': '0' });
    repos.commit(repo, 'add a and b', 100, { 'a.ts': '1', 'b.py': '1' });
    repos.commit(repo, 'Fix empty invoice (fixes #12)', 60, { 'a.ts': '2' });
    repos.commit(repo, 'refactor prefix handling and debug output', 50, { 'a.ts': '3', 'b.py': '2' });
    repos.commit(repo, 'Revert "something"', 40, { 'a.ts': '4', 'docs/readme.md': 'x' });
    repos.commit(repo, 'tweak fixture data', 30, { 'test/a.test.ts': 'x' });
    return repo;
  };
  const totals = (files: Map<string, { churn: number; fixCommits: number }>) =>
    Object.fromEntries([...files].sort(([a], [b]) => a.localeCompare(b)).map(([f, c]) => [f, `${c.churn}/${c.fixCommits}`]));

  it('counts churn and fix commits per file inside the window only', async () => {
    const repo = standard();
    const summary = await refreshHistory(git, repo, undefined, { historyDays: 180 });
    assert.equal(summary.walk, 'full');
    assert.equal(summary.commits, 5);
    assert.deepEqual(totals(summary.files), { 'a.ts': '4/2', 'b.py': '2/0', 'docs/readme.md': '1/1', 'test/a.test.ts': '1/0' });
    assert.deepEqual(changedSourceFiles(summary), ['a.ts', 'b.py']);
    const narrow = await refreshHistory(git, repo, undefined, { historyDays: 45 });
    assert.deepEqual(totals(narrow.files), { 'a.ts': '1/1', 'docs/readme.md': '1/1', 'test/a.test.ts': '1/0' });
  });

  it('counts behaviour fixes only (one classifier: not typos, docs, lint, CI or bots) and names the newest ones', async () => {
    const repo = repos.init('honest');
    repos.commit(repo, 'add invoice', 50, { 'src/invoice.ts': '0' });
    const fix1 = repos.commit(repo, 'Fix crash on empty invoice', 40, { 'src/invoice.ts': '1' });
    repos.commit(repo, 'Fix typos and grammar issues', 35, { 'src/invoice.ts': '2' });
    repos.commit(repo, 'doc: fix typos in comments', 30, { 'src/invoice.ts': '3' });
    repos.commit(repo, 'Fix CA1062 warnings (#2238)', 28, { 'src/invoice.ts': '4' });
    repos.commit(repo, 'fix(ci): update the release workflow', 26, { 'src/invoice.ts': '5' });
    // A bot's commit, told apart by its author only: its subject alone would read as a fix.
    const when = `@${Math.floor((Date.now() - 20 * DAY_MS) / 1000)} +0000`;
    repos.write(repo, { 'src/invoice.ts': '6' });
    repos.git(repo, ['commit', '-qam', 'fix: handle empty totals'], {
      GIT_AUTHOR_NAME: 'renovate[bot]', GIT_AUTHOR_EMAIL: '29139614+renovate[bot]@users.noreply.github.com', GIT_AUTHOR_DATE: when,
      GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.com', GIT_COMMITTER_DATE: when,
    });
    const fix2 = repos.commit(repo, 'fix(totals): round half to even', 10, { 'src/invoice.ts': '7' });
    const summary = await refreshHistory(git, repo, undefined, { historyDays: 180 });
    assert.deepEqual(summary.files.get('src/invoice.ts'), {
      churn: 8, fixCommits: 2,
      fixes: [{ hash: fix2, subject: 'fix(totals): round half to even' }, { hash: fix1, subject: 'Fix crash on empty invoice' }],
    });
    // The cache keeps a subject for the fixes only, and that is the fix flag.
    assert.deepEqual(summary.cache!.commits.map((c) => c.s), ['fix(totals): round half to even', undefined, undefined, undefined, undefined, undefined, 'Fix crash on empty invoice', undefined]);
  });

  it('names at most NAMED_FIXES_PER_FILE fixes, newest first, and counts them all', async () => {
    const repo = repos.init('many-fixes');
    const hashes = [5, 4, 3, 2, 1].map((n) => repos.commit(repo, `Fix bug ${n}`, 10 * n, { 'a.py': String(n) }));
    const file = (await refreshHistory(git, repo, undefined)).files.get('a.py')!;
    assert.equal(file.fixCommits, 5);
    assert.deepEqual(file.fixes!.map((f) => f.hash), hashes.reverse().slice(0, NAMED_FIXES_PER_FILE));
  });

  it('on a refresh walks only the new commits and reaches the same totals as a full walk', async () => {
    const repo = standard();
    const first = await refreshHistory(git, repo, undefined);
    const oldHead = first.cache!.head;
    repos.commit(repo, 'fix rounding', 2, { 'a.ts': '5', 'c.go': 'x' });
    repos.commit(repo, 'more', 1, { 'c.go': 'y' });
    git.calls.length = 0;
    // Through JSON, as the caller would persist it.
    const cache = JSON.parse(JSON.stringify(first.cache)) as HistoryCache;
    const incremental = await refreshHistory(git, repo, cache);
    assert.equal(incremental.walk, 'incremental');
    assert.equal(incremental.walkedCommits, 2);
    const log = git.calls.find((args) => args.includes('log'))!;
    assert.ok(log.includes(`${oldHead}..${incremental.cache!.head}`), log.join(' '));
    const full = await refreshHistory(repos.gateway(), repo, undefined);
    assert.equal(full.walkedCommits, 7);
    assert.deepEqual(totals(incremental.files), totals(full.files));
    assert.equal(incremental.commits, full.commits);
    assert.deepEqual(totals(incremental.files)['a.ts'], '5/3');
    // The cache handed in is not modified.
    assert.deepEqual(cache, JSON.parse(JSON.stringify(first.cache)));
  });

  it('does no git work besides rev-parse when HEAD is unchanged, yet lets old commits age out of the window', async () => {
    const repo = standard();
    const first = await refreshHistory(git, repo, undefined);
    git.calls.length = 0;
    const again = await refreshHistory(git, repo, first.cache);
    assert.equal(again.walk, 'cached');
    assert.deepEqual(git.commands(), ['rev-parse']);
    assert.deepEqual(totals(again.files), totals(first.files));
    const later = await refreshHistory(git, repo, first.cache, { now: Date.now() + 100 * DAY_MS });
    assert.equal(later.walk, 'cached');
    // The window now starts 80 days ago: the commit of 100 days ago has left it.
    assert.deepEqual(totals(later.files), { 'a.ts': '3/2', 'b.py': '1/0', 'docs/readme.md': '1/1', 'test/a.test.ts': '1/0' });
  });

  it('walks everything again when history was rewritten or the window grew', async () => {
    const repo = standard();
    const first = await refreshHistory(git, repo, undefined);
    repos.git(repo, ['reset', '-q', '--hard', 'HEAD~2']);
    repos.commit(repo, 'other', 1, { 'z.ts': '1' });
    const rewritten = await refreshHistory(git, repo, first.cache);
    assert.equal(rewritten.walk, 'full');
    assert.deepEqual(totals(rewritten.files), { 'a.ts': '3/1', 'b.py': '2/0', 'z.ts': '1/0' });
    const wider = await refreshHistory(git, repo, rewritten.cache, { historyDays: 500 });
    assert.equal(wider.walk, 'full');
    assert.equal(wider.files.get('old.ts')?.fixCommits, 1);
  });

  it('works in a shallow clone and on a detached HEAD, and reports an empty repository as empty', async () => {
    const repo = standard();
    const clone = path.join(repos.tmp, 'shallow');
    repos.git(repos.tmp, ['clone', '-q', '--depth', '2', `file://${repo}`, clone]);
    const shallow = await refreshHistory(git, clone, undefined);
    assert.equal(shallow.commits, 2);
    // The grafted boundary commit (the revert) would seem to add every file; its files are not counted.
    assert.deepEqual(totals(shallow.files), { 'test/a.test.ts': '1/0' });
    repos.git(repo, ['checkout', '-q', '--detach', 'HEAD~1']);
    const detached = await refreshHistory(git, repo, undefined);
    assert.equal(detached.commits, 4);
    const empty = await refreshHistory(git, repos.init('empty'), undefined);
    assert.equal(empty.walk, 'empty');
    assert.equal(empty.files.size, 0);
  });

  it('walks the two halves of the window side by side without losing or doubling a commit at the split', async () => {
    const repo = repos.init('split');
    const now = Date.now();
    const since = now - 180 * DAY_MS;
    const middle = Math.floor((since + now) / 2 / 1000) * 1000;
    const at = (ms: number, message: string, files: Record<string, string>) => {
      repos.write(repo, files);
      repos.git(repo, ['add', '-A']);
      const when = `@${Math.floor(ms / 1000)} +0000`;
      repos.git(repo, ['commit', '-q', '-m', message], { GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'd@e', GIT_AUTHOR_DATE: when, GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'd@e', GIT_COMMITTER_DATE: when });
    };
    at(since - DAY_MS, 'before the window', { 'a.ts': '0' });
    at(middle - 1000, 'fix: a second before the split', { 'a.ts': '1' });
    at(middle, 'at the split', { 'a.ts': '2', 'b.ts': '1' });
    repos.git(repo, ['mv', 'b.ts', 'c.ts']);
    at(middle + 1000, 'rename b to c', {});
    git.calls.length = 0;
    const summary = await refreshHistory(git, repo, undefined, { now });
    assert.equal(git.commands().filter((c) => c === 'log').length, 2);
    assert.equal(summary.commits, 3);
    assert.deepEqual(totals(summary.files), { 'a.ts': '2/1', 'b.ts': '1/0', 'c.ts': '1/0' });
    const cache = summary.cache!;
    const renamed = cache.commits[0]!;
    assert.deepEqual(renamed.r?.map(([from, to]) => [cache.files[from], cache.files[to]]), [['b.ts', 'c.ts']]);
    // Newest first, and the boundary is the commit just before the window.
    assert.deepEqual(cache.commits.map((c) => c.t * 1000), [middle + 1000, middle, middle - 1000]);
    assert.equal(cache.boundary, repos.git(repo, ['rev-parse', 'HEAD~3']));
  });

  it('unquotes C-quoted paths', () => {
    assert.equal(unquote('"a\\tb\\"c\\\\d"'), 'a\tb"c\\d');
    assert.equal(unquote('"\\303\\251t\\303\\251.ts"'), 'été.ts');
    assert.equal(unquote('plain.ts'), 'plain.ts');
  });

  it('stays bounded on a generated repository of 20,000 commits', async function () {
    this.timeout(30_000);
    const repo = repos.init('big');
    const now = Math.floor(Date.now() / 1000);
    const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
    // Two blobs, alternated per visit so every commit really changes its file; small trees (20 folders of 10).
    const parts = [1, 2].map((b) => `blob\nmark :${b}\n` + data(`export const v = ${b};`));
    const total = 20_000;
    for (let i = 1; i <= total; i++) {
      // Oldest first; the newest 15,000 fall inside a 90-day window, the rest are 100+ days old.
      const t = i <= 5_000 ? now - 200 * 86_400 + i : now - 80 * 86_400 + i * 300;
      parts.push(`commit refs/heads/main\nmark :${100 + i}\ncommitter Dev <dev@example.com> ${t} +0000\n`
        + data(i % 10 === 0 ? `fix bug ${i}` : `change ${i}`)
        + (i > 1 ? `from :${99 + i}\n` : '')
        + `M 100644 :${(Math.floor(i / 200) % 2) + 1} src/d${i % 20}/f${i % 200}.ts\n\n`);
    }
    // glibc returns memory to the kernel after nearly every object, and on a busy machine those brk calls took
    // fast-import from 1 s to a minute; padding the heap keeps it at about a second.
    repos.git(repo, ['fast-import', '--quiet'], { MALLOC_TOP_PAD_: String(64 << 20), MALLOC_TRIM_THRESHOLD_: String(256 << 20) }, parts.join(''));
    const started = Date.now();
    const rssBefore = process.memoryUsage().rss;
    const bounded = await refreshHistory(git, repo, undefined, { historyDays: 90, maxCommits: 10_000 });
    assert.equal(bounded.walkedCommits, 10_000);
    assert.equal(bounded.truncated, true);
    const windowed = await refreshHistory(git, repo, undefined, { historyDays: 90, maxCommits: 100_000 });
    assert.equal(windowed.walkedCommits, 15_000);
    assert.equal(windowed.truncated, false);
    assert.equal([...windowed.files.values()].reduce((n, f) => n + f.churn, 0), 15_000);
    assert.equal([...windowed.files.values()].reduce((n, f) => n + f.fixCommits, 0), 1_500);
    assert.equal(windowed.files.size, 200);
    const elapsed = Date.now() - started;
    const grownMB = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
    assert.ok(elapsed < 10_000, `took ${elapsed} ms`);
    assert.ok(grownMB < 150, `RSS grew ${grownMB.toFixed(0)} MB`);
    // The cache stays compact: one small record per commit (sha, time, file indices, a fix's subject: under 100
    // characters of JSON; the sha lets line ages fetch a file's diffs without walking again) and one entry per file.
    const size = JSON.stringify(windowed.cache).length;
    assert.ok(size < 15_000 * 100, `${size} characters`);
  });
});
