import assert from 'node:assert/strict';
import { lastTouches, readDriftHistory } from '../../../src/adapters/driftHistory';
import { computeDrift, withLastTouches } from '../../../src/core/drift';
import { DAY_MS, TempRepos } from './localTasks/gitRepo';

describe('adapters/driftHistory: drift from a real repository with several authors', function () {
  this.timeout(30_000);
  let repos: TempRepos;
  beforeEach(() => (repos = new TempRepos()));
  afterEach(() => repos.dispose());

  /** Commits `files` as `email` `daysAgo` days ago. */
  const commitAs = (repo: string, email: string, daysAgo: number, files: Record<string, string>, rm: string[] = []) => {
    repos.write(repo, files);
    if (rm.length > 0) repos.git(repo, ['rm', '-q', ...rm]);
    repos.git(repo, ['add', '-A']);
    const when = `@${Math.floor((Date.now() - daysAgo * DAY_MS) / 1000)} +0000`;
    const name = email.split('@')[0]!;
    repos.git(repo, ['commit', '-q', '-m', `work by ${name}`], { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: when, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email, GIT_COMMITTER_DATE: when });
    return repos.git(repo, ['rev-parse', 'HEAD']);
  };
  const daysAgo = (now: number, time: number | undefined) => (time === undefined ? undefined : Math.round((now - time) / DAY_MS));

  it('reads what happened since the leader’s last commit: authors, a new module, a dependency bump, a rename, the drift map', async () => {
    const repo = repos.init('team');
    commitAs(repo, 'lead@example.com', 200, { 'package.json': '{"dependencies":{"x":"1"}}\n', 'src/api/routes.ts': 'a\n', 'README.md': '# r\n' });
    commitAs(repo, 'joann@example.com', 100, { 'src/api/routes.ts': 'b\n' });
    commitAs(repo, 'Lead@Example.com', 30, { 'src/ui/button.tsx': 'x\n' });
    commitAs(repo, 'ana@example.com', 20, { 'src/api/routes.ts': 'c\n', 'billing/invoice.ts': 'i\n' });
    commitAs(repo, 'bo@example.com', 10, { 'package.json': '{"dependencies":{"x":"2"}}\n' });
    repos.git(repo, ['mv', 'src/api/routes.ts', 'src/api/router.ts']);
    commitAs(repo, 'ana@example.com', 5, { 'src/api/router.ts': 'c\nd\n' });

    const now = Date.now();
    // joann@ must not count as the leader: the match is on the whole address.
    const history = await readDriftHistory(repos.gateway(), repo, { myEmails: ['ann@example.com', 'lead@example.com'], now });
    assert.equal(history.truncated, false);
    assert.deepEqual([...history.topLevelAtMyLastCommit!].sort(), ['README.md', 'package.json', 'src']);
    assert.equal(history.commits[0]!.files[0]!.change, 'R', 'the rename is seen as one');

    const drift = computeDrift({ ...history, myEmails: ['lead@example.com'], now, today: new Date(now).toISOString().slice(0, 10) });
    assert.equal(drift.commitsSince, 3);
    assert.deepEqual(drift.authorsSince, [{ name: 'ana', commits: 2 }, { name: 'bo', commits: 1 }]);
    assert.deepEqual(drift.newModules, ['billing']);
    assert.deepEqual(drift.dependencyChanges.map((d) => d.file), ['package.json']);
    // The leader touched src/api 200 days ago, before the commits read (90 days, or since their last commit).
    assert.deepEqual(drift.driftMap.map((r) => [r.dir, r.teamCommits, r.myLastTouch]), [['src/api', 2, undefined], ['billing', 1, undefined]]);
    // Asking git per row finds it.
    const touches = await lastTouches(repos.gateway(), repo, drift.driftMap.map((r) => r.dir), { myEmails: ['lead@example.com'] });
    const map = withLastTouches(drift, touches).driftMap;
    assert.equal(Math.round((now - map[0]!.myLastTouch!) / DAY_MS), 200);
    assert.equal(map[1]!.myLastTouch, undefined, 'never touched billing');
  });

  it('a leader who never committed, an empty repository, and a commit cap', async () => {
    const repo = repos.init('solo');
    for (let i = 0; i < 5; i++) commitAs(repo, 'ana@example.com', 10 - i, { [`src/f${i}.ts`]: `${i}\n` });
    const none = await readDriftHistory(repos.gateway(), repo, { myEmails: ['lead@example.com'], now: Date.now() });
    assert.equal(none.commits.length, 5);
    assert.equal(none.topLevelAtMyLastCommit, undefined);
    const capped = await readDriftHistory(repos.gateway(), repo, { myEmails: [], now: Date.now(), maxCommits: 2 });
    assert.deepEqual([capped.commits.length, capped.truncated], [2, true]);
    const empty = await readDriftHistory(repos.gateway(), repos.init('empty'), { myEmails: ['lead@example.com'], now: Date.now() });
    assert.deepEqual([empty.commits, empty.olderFrom], [[], []]);
    assert.deepEqual(await lastTouches(repos.gateway(), repos.init('empty2'), ['src'], { myEmails: ['lead@example.com'] }), new Map());
  });

  it('merges: left out of the commits and the cap, their branches read; olderFrom is where the read stopped', async () => {
    const repo = repos.init('merges');
    const root = commitAs(repo, 'bo@example.com', 300, { 'README.md': '# r\n' });
    const lead = commitAs(repo, 'lead@example.com', 200, { 'src/api/a.ts': 'a\n' });
    repos.git(repo, ['checkout', '-q', '-b', 'feature']);
    commitAs(repo, 'ana@example.com', 50, { 'src/ui/b.ts': 'b\n' });
    repos.git(repo, ['checkout', '-q', 'main']);
    commitAs(repo, 'bo@example.com', 40, { 'docs/c.md': 'c\n' });
    const when = `@${Math.floor((Date.now() - 30 * DAY_MS) / 1000)} +0000`;
    repos.git(repo, ['merge', '-q', '--no-ff', '-m', 'merge feature', 'feature'], { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when, GIT_AUTHOR_NAME: 'bo', GIT_AUTHOR_EMAIL: 'bo@example.com', GIT_COMMITTER_NAME: 'bo', GIT_COMMITTER_EMAIL: 'bo@example.com' });
    const now = Date.now();

    // Back to the leader's commit (older than the window): both lines of history, no merge commit.
    const history = await readDriftHistory(repos.gateway(), repo, { myEmails: ['lead@example.com'], now });
    assert.deepEqual(history.commits.map((c) => c.files[0]?.path), ['docs/c.md', 'src/ui/b.ts', 'src/api/a.ts']);
    assert.deepEqual([history.truncated, history.olderFrom], [false, [root]]);
    // Capped at the merge's two parents (the merge is not counted): the older history starts at their common parent.
    const capped = await readDriftHistory(repos.gateway(), repo, { myEmails: ['lead@example.com'], now, churnWindowDays: 365, maxCommits: 2 });
    assert.deepEqual([capped.commits.length, capped.truncated, capped.olderFrom], [2, true, [lead]]);
    assert.deepEqual(capped.topLevelAtMyLastCommit, new Set(['README.md', 'src']), 'the leader, below the cap, is still found');
    // Nobody's commits: nothing older is worth asking.
    assert.deepEqual((await readDriftHistory(repos.gateway(), repo, { myEmails: ['nobody@example.com'], now })).olderFrom, []);
  });

  it('past the window, down to the leader\'s last commit, keeps the commits git log --since would print, side branches included', async () => {
    const repo = repos.init('since');
    const root = commitAs(repo, 'bo@example.com', 300, { 'README.md': '# r\n' });
    commitAs(repo, 'lead@example.com', 200, { 'src/api/a.ts': 'a\n' });
    repos.git(repo, ['checkout', '-q', '-b', 'feature']);
    commitAs(repo, 'ana@example.com', 150, { 'src/ui/b.ts': 'b\n' });
    commitAs(repo, 'ana@example.com', 120, { 'src/ui/b.ts': 'b2\n' });
    repos.git(repo, ['checkout', '-q', 'main']);
    commitAs(repo, 'bo@example.com', 60, { 'docs/c.md': 'c\n' });
    const when = `@${Math.floor((Date.now() - 10 * DAY_MS) / 1000)} +0000`;
    repos.git(repo, ['merge', '-q', '--no-ff', '-m', 'merge feature', 'feature'], { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when, GIT_AUTHOR_NAME: 'bo', GIT_AUTHOR_EMAIL: 'bo@example.com', GIT_COMMITTER_NAME: 'bo', GIT_COMMITTER_EMAIL: 'bo@example.com' });
    const now = Date.now();
    const since = (daysAgo: number) => new Date(now - daysAgo * DAY_MS).toISOString();
    const gitSince = (daysAgo: number) => repos.git(repo, ['log', '--no-merges', `--since=${since(daysAgo)}`, '--format=%H', 'HEAD']).split('\n').filter(Boolean);

    // Only the merge is inside a 30-day window; the leader's commit, 200 days ago, is reached through both parents.
    const history = await readDriftHistory(repos.gateway(), repo, { myEmails: ['lead@example.com'], now, churnWindowDays: 30 });
    assert.deepEqual(history.commits.map((c) => c.sha), gitSince(200.5));
    assert.equal(history.commits.length, 4);
    assert.deepEqual([history.truncated, history.olderFrom], [false, [root]]);
    // Nobody's: the window alone, where only the merge is, and its parents are older.
    const nobody = await readDriftHistory(repos.gateway(), repo, { myEmails: ['nobody@example.com'], now, churnWindowDays: 30 });
    assert.deepEqual([nobody.commits, nobody.truncated, nobody.topLevelAtMyLastCommit], [[], false, undefined]);
    assert.deepEqual(gitSince(30), []);
  });

  it('lastTouches answers every row in one walk of the user\'s commits, optionally only below the commits read', async () => {
    const repo = repos.init('touches');
    commitAs(repo, 'lead@example.com', 400, { 'legacy/x.ts': 'x\n', 'docs/guide.md': 'g\n', 'src/api/a.ts': 'a\n' });
    commitAs(repo, 'lead@example.com', 300, { 'src/api/a.ts': 'a2\n' });
    repos.git(repo, ['mv', 'legacy/x.ts', 'src/x.ts']);
    commitAs(repo, 'lead@example.com', 200, {});
    commitAs(repo, 'ana@example.com', 150, { 'src/api/a.ts': 'a3\n', 'billing/b.ts': 'b\n' });
    commitAs(repo, 'lead@example.com', 100, { 'src/ui/c.ts': 'c\n' });
    for (let i = 0; i < 3; i++) commitAs(repo, 'ana@example.com', 10 - i, { [`src/api/r${i}.ts`]: `${i}\n`, [`billing/b${i}.ts`]: `${i}\n` });
    const now = Date.now();
    const git = repos.gateway();
    const dirs = ['src/api', 'legacy', 'docs', 'src', 'billing'];

    const all = await lastTouches(git, repo, dirs, { myEmails: ['LEAD@example.com'] });
    assert.deepEqual(
      dirs.map((d) => [d, daysAgo(now, all.get(d))]),
      // legacy: the file moved out of it counts as a touch; billing: only ana worked there.
      [['src/api', 300], ['legacy', 200], ['docs', 400], ['src', 100], ['billing', undefined]],
    );
    assert.equal(git.commands().filter((c) => c === 'log').length, 1, 'one git log for every row');

    // Below the commits read (back to the leader's last commit, 100 days ago): that commit's src/ui is answered by
    // the read itself; src/api is asked of the older history only.
    const history = await readDriftHistory(git, repo, { myEmails: ['lead@example.com'], now, churnWindowDays: 30 });
    assert.equal(history.commits.length, 4);
    const below = await lastTouches(git, repo, ['src/api', 'src'], { myEmails: ['lead@example.com'], from: history.olderFrom });
    assert.deepEqual([daysAgo(now, below.get('src/api')), daysAgo(now, below.get('src'))], [300, 200]);
    assert.deepEqual(await lastTouches(git, repo, ['src/api'], { myEmails: ['lead@example.com'], from: [] }), new Map(), 'no older history');
  });
});
