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
  };

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
    assert.deepEqual(empty.commits, []);
  });
});
