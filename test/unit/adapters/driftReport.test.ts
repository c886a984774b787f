import assert from 'node:assert/strict';
import { readDriftReport, readWhatChanged } from '../../../src/adapters/driftReport';
import { DAY_MS, TempRepos } from './localTasks/gitRepo';

describe('adapters/driftReport: one repository’s drift, as What Changed and the dashboard read it', function () {
  this.timeout(30_000);
  let repos: TempRepos;
  beforeEach(() => (repos = new TempRepos()));
  afterEach(() => repos.dispose());

  const commitAs = (repo: string, email: string, daysAgo: number, files: Record<string, string>) => {
    repos.write(repo, files);
    repos.git(repo, ['add', '-A']);
    const when = `@${Math.floor((Date.now() - daysAgo * DAY_MS) / 1000)} +0000`;
    const name = email.split('@')[0]!;
    repos.git(repo, ['commit', '-q', '-m', `work by ${name}`], { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: when, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email, GIT_COMMITTER_DATE: when });
  };

  it('counts the user by git user.email and by the configured addresses, and dates their last touch of each area', async () => {
    const repo = repos.init('team');
    repos.git(repo, ['config', 'user.email', 'lead@example.com']);
    commitAs(repo, 'lead@example.com', 200, { 'src/api/routes.ts': 'a\n' });
    commitAs(repo, 'lead.old@example.com', 40, { 'billing/invoice.ts': 'i\n' });
    commitAs(repo, 'ana@example.com', 20, { 'src/api/routes.ts': 'b\n', 'billing/invoice.ts': 'j\n' });
    commitAs(repo, 'bo@example.com', 10, { 'src/api/routes.ts': 'c\n', 'docs/guide.md': 'g\n' });

    const now = Date.now();
    const history = { userEmail: async () => 'lead@example.com' };
    const { report, truncated } = await readDriftReport(repos.gateway(), history, repo, { authorEmails: ['lead.old@example.com'], now, today: new Date(now).toISOString().slice(0, 10) });
    assert.equal(truncated, false);
    const ago = (ms: number | undefined) => (ms === undefined ? undefined : Math.round((now - ms) / DAY_MS));
    assert.deepEqual(
      report.driftMap.map((row) => [row.dir, row.teamCommits, ago(row.myLastTouch)]),
      // src/api: 200 days ago, older than the commits read (found by the extra walk); billing: by the second address.
      [['src/api', 2, 200], ['billing', 1, 40], ['docs', 1, undefined]],
    );
    assert.equal(report.commitsSince, 2, 'since the last commit by either address');
  });

  it('What Changed links commits to the github.com repository of a remote, and to nothing without one', async () => {
    const repo = repos.init('linked');
    commitAs(repo, 'ana@example.com', 3, { 'a.ts': 'a\n' });
    const history = { userEmail: async () => 'lead@example.com' };
    const options = { authorEmails: [], now: Date.now(), today: new Date().toISOString().slice(0, 10) };
    const unlinked = await readWhatChanged(repos.gateway(), history, repo, options);
    assert.equal(unlinked.webUrl, undefined);
    assert.equal(unlinked.report.commitsSince, 1);
    repos.git(repo, ['remote', 'add', 'origin', 'git@github.com:acme/shop.git']);
    const linked = await readWhatChanged(repos.gateway(), history, repo, options);
    assert.equal(linked.webUrl, 'https://github.com/acme/shop');
    assert.deepEqual(linked.report, unlinked.report);
  });
});
