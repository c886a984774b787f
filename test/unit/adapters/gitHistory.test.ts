import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GitHistory } from '../../../src/adapters/gitHistory';
import {
  buildGitEnv, GitAbortedError, GitCommandError, GitDubiousOwnershipError, GitGateway, GitUnavailableError,
} from '../../../src/adapters/gitProcess';

const isWindows = process.platform === 'win32';

describe('GitHistory (real temporary repositories)', function () {
  this.timeout(30_000);
  let tmp: string;
  let home: string;
  /** Environment for the test's own git commands: no system or user config leaks in. */
  let env: NodeJS.ProcessEnv;
  let gateway: GitGateway;
  let history: GitHistory;

  const git = (cwd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    execFileSync('git', args, { cwd, env: { ...env, ...extraEnv }, encoding: 'utf8' }).trim();

  /** An empty commit by `email` at `date` (ISO with an explicit offset), for author and committer alike. */
  const commit = (repo: string, email: string, date: string, message = date) =>
    git(repo, ['commit', '-q', '--allow-empty', '-m', message], {
      GIT_AUTHOR_NAME: 'Someone', GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: 'Someone', GIT_COMMITTER_EMAIL: email, GIT_COMMITTER_DATE: date,
    });

  const newRepo = (name: string) => {
    const repo = path.join(tmp, name);
    mkdirSync(repo);
    git(repo, ['init', '-q', '-b', 'main']);
    return repo;
  };

  /** The standard history: two authors, one writing with two cases of the same email, in several zones. */
  const standardRepo = () => {
    const repo = newRepo('std');
    commit(repo, 'lead@example.com', '2026-02-10T10:00:00+00:00');
    commit(repo, 'lead@example.com', '2026-03-01T23:30:00-08:00'); // 2026-03-02 in UTC
    commit(repo, 'LEAD@Example.COM', '2026-03-03T00:30:00+09:00'); // 2026-03-02 in UTC
    commit(repo, 'teammate@example.com', '2026-03-05T12:00:00+00:00');
    return repo;
  };

  beforeEach(() => {
    tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'hands-on-git-')));
    home = path.join(tmp, 'home');
    mkdirSync(home);
    env = { PATH: process.env.PATH, HOME: home, USERPROFILE: home, GIT_CONFIG_NOSYSTEM: '1', LANG: 'C' };
    gateway = new GitGateway({ env: { PATH: process.env.PATH, HOME: home, USERPROFILE: home } });
    history = new GitHistory(gateway);
  });
  afterEach(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  describe('authoredDays', () => {
    it("uses each commit's own offset, matches emails case-insensitively and leaves out other authors", async () => {
      const repo = standardRepo();
      assert.deepEqual(await history.authoredDays(repo, ['Lead@Example.com']), ['2026-02-10', '2026-03-01', '2026-03-03']);
      assert.deepEqual(await history.authoredDays(repo, ['teammate@example.com']), ['2026-03-05']);
      assert.deepEqual(await history.authoredDays(repo, ['nobody@example.com', 'TEAMMATE@example.com']), ['2026-03-05']);
      assert.deepEqual(await history.authoredDays(repo, []), []);
    });

    it('bounds the walk by sinceDay, inclusive, judged by the author day', async () => {
      const repo = standardRepo();
      assert.deepEqual(await history.authoredDays(repo, ['lead@example.com'], '2026-03-01'), ['2026-03-01', '2026-03-03']);
      assert.deepEqual(await history.authoredDays(repo, ['lead@example.com'], '2026-03-02'), ['2026-03-03']);
      assert.deepEqual(await history.authoredDays(repo, ['lead@example.com'], '2026-04-01'), []);
      await assert.rejects(history.authoredDays(repo, ['lead@example.com'], '1 week ago'), RangeError);
    });

    it('takes the day from the author date even when the commit was rebased weeks later', async () => {
      const repo = newRepo('rebased');
      git(repo, ['commit', '-q', '--allow-empty', '-m', 'x'], {
        GIT_AUTHOR_NAME: 'L', GIT_AUTHOR_EMAIL: 'lead@example.com', GIT_AUTHOR_DATE: '2026-01-05T09:00:00+01:00',
        GIT_COMMITTER_NAME: 'L', GIT_COMMITTER_EMAIL: 'lead@example.com', GIT_COMMITTER_DATE: '2026-02-20T09:00:00+01:00',
      });
      assert.deepEqual(await history.authoredDays(repo, ['lead@example.com'], '2026-01-01'), ['2026-01-05']);
    });

    it('includes local branches that are not checked out, and skips merge commits', async () => {
      const repo = standardRepo();
      git(repo, ['checkout', '-q', '-b', 'feature']);
      commit(repo, 'lead@example.com', '2026-03-07T10:00:00+00:00');
      git(repo, ['checkout', '-q', 'main']);
      git(repo, ['merge', '-q', '--no-ff', '--no-edit', 'feature'], {
        GIT_AUTHOR_NAME: 'L', GIT_AUTHOR_EMAIL: 'merger@example.com', GIT_AUTHOR_DATE: '2026-03-09T10:00:00+00:00',
        GIT_COMMITTER_NAME: 'L', GIT_COMMITTER_EMAIL: 'merger@example.com', GIT_COMMITTER_DATE: '2026-03-09T10:00:00+00:00',
      });
      git(repo, ['checkout', '-q', '-b', 'unmerged', 'feature']);
      commit(repo, 'lead@example.com', '2026-03-08T10:00:00+00:00');
      git(repo, ['checkout', '-q', 'main']);
      assert.deepEqual(await history.authoredDays(repo, ['lead@example.com'], '2026-03-06'), ['2026-03-07', '2026-03-08']);
      assert.deepEqual(await history.authoredDays(repo, ['merger@example.com']), []);
    });

    it('returns no days for a repository without commits', async () => {
      const repo = newRepo('empty');
      assert.equal(await history.repoRoot(repo), repo);
      assert.deepEqual(await history.authoredDays(repo, ['lead@example.com']), []);
    });

    it('works in a shallow clone', async () => {
      const origin = standardRepo();
      commit(origin, 'lead@example.com', '2026-03-06T08:00:00-05:00');
      const shallow = path.join(tmp, 'shallow');
      git(tmp, ['clone', '-q', '--depth', '1', `file://${origin}`, shallow]);
      assert.equal(git(shallow, ['rev-parse', '--is-shallow-repository']), 'true');
      assert.deepEqual(await history.authoredDays(shallow, ['lead@example.com']), ['2026-03-06']);
    });

    it('works on a detached HEAD, including commits made there', async () => {
      const repo = standardRepo();
      git(repo, ['checkout', '-q', '--detach', 'HEAD~2']);
      commit(repo, 'lead@example.com', '2026-03-12T10:00:00+02:00');
      assert.deepEqual(await history.authoredDays(repo, ['lead@example.com'], '2026-03-02'), ['2026-03-03', '2026-03-12']);
    });

    it('streams a long history and honours maxCommits', async () => {
      const repo = newRepo('long');
      // fast-import makes 3,000 commits in milliseconds; one per hour, all by the lead, at -03:00.
      const start = Date.parse('2026-01-01T00:00:00Z') / 1000;
      let script = '';
      for (let i = 0; i < 3000; i++) {
        const msg = `c${i}`;
        script += `commit refs/heads/main\ncommitter L <lead@example.com> ${start + i * 3600} -0300\ndata ${msg.length}\n${msg}\n`;
      }
      execFileSync('git', ['fast-import', '--quiet'], { cwd: repo, env, input: script });
      const all = await history.authoredDays(repo, ['lead@example.com']);
      assert.equal(all.length, 126); // 3,000 hours starting 2025-12-31 21:00 at -03:00
      assert.equal(all[0], '2025-12-31');
      assert.equal(all.at(-1), '2026-05-05');
      const bounded = await new GitHistory(gateway, { maxCommits: 48 }).authoredDays(repo, ['lead@example.com']);
      assert.deepEqual(bounded, ['2026-05-03', '2026-05-04', '2026-05-05']);
    });
  });

  describe('repoRoot and userEmail', () => {
    it('finds the root from a subfolder and says undefined outside a repository', async () => {
      const repo = standardRepo();
      const sub = path.join(repo, 'src', 'deep');
      mkdirSync(sub, { recursive: true });
      assert.equal(await history.repoRoot(sub), repo);
      const plain = path.join(tmp, 'plain');
      mkdirSync(plain);
      assert.equal(await history.repoRoot(plain), undefined);
      assert.equal(await history.repoRoot(path.join(tmp, 'does-not-exist')), undefined);
      git(tmp, ['init', '-q', '--bare', 'bare.git']);
      assert.equal(await history.repoRoot(path.join(tmp, 'bare.git')), undefined);
    });

    it('reads user.email from the repository, then the global config, else undefined', async () => {
      const repo = standardRepo();
      assert.equal(await history.userEmail(repo), undefined);
      writeFileSync(path.join(home, '.gitconfig'), '[user]\n\temail = global@example.com\n');
      assert.equal(await history.userEmail(repo), 'global@example.com');
      git(repo, ['config', 'user.email', 'local@example.com']);
      assert.equal(await history.userEmail(repo), 'local@example.com');
    });
  });

  describe('the git gateway', () => {
    it("never runs the repository's core.fsmonitor program, though plain `git status` does", async function () {
      if (isWindows) this.skip(); // the hook is a shell script
      const repo = standardRepo();
      const marker = path.join(tmp, 'fsmonitor-ran');
      const hook = path.join(tmp, 'fsmonitor.sh');
      writeFileSync(hook, `#!/bin/sh\necho ran >> '${marker}'\nexit 1\n`, { mode: 0o755 });
      writeFileSync(path.join(repo, 'file.txt'), 'x');
      git(repo, ['add', 'file.txt']);
      git(repo, ['config', 'core.fsmonitor', hook]);
      rmSync(marker, { force: true });

      git(repo, ['status']); // control: proves the hook is live and would run
      assert.ok(existsSync(marker), 'control failed: plain git status did not run the fsmonitor hook');
      rmSync(marker);

      assert.equal(await history.repoRoot(repo), repo);
      await history.userEmail(repo);
      assert.deepEqual(await history.authoredDays(repo, ['teammate@example.com']), ['2026-03-05']);
      const status = await gateway.run(['status', '--porcelain'], { cwd: repo });
      assert.equal(status.exitCode, 0);
      assert.equal(existsSync(marker), false, 'the gateway let git run core.fsmonitor');
    });

    it('passes a minimal environment: no EDITOR, PAGER or GIT_*, never a prompt, English messages', async () => {
      const env = buildGitEnv({ PATH: '/bin', HOME: '/h', EDITOR: 'vim', PAGER: 'less', GIT_DIR: '/elsewhere', GIT_SSH_COMMAND: 'x', SECRET_TOKEN: 't' }, 'linux');
      assert.deepEqual(env, { PATH: '/bin', HOME: '/h', LANG: 'C', LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' });
      assert.equal(buildGitEnv({ Path: 'C:\\git' }, 'win32').PATH, 'C:\\git');
      // A stray GIT_DIR in the user's environment must not redirect us to another repository.
      const repo = standardRepo();
      const misled = new GitHistory(new GitGateway({ env: { PATH: process.env.PATH, HOME: home, GIT_DIR: path.join(tmp, 'nope') } }));
      assert.equal(await misled.repoRoot(repo), repo);
    });

    it('reports a missing git binary as GitUnavailableError, and fails fast the second time', async () => {
      const missing = new GitHistory(new GitGateway({ gitPath: path.join(tmp, 'no-such-git') }));
      await assert.rejects(missing.repoRoot(tmp), (e) => GitUnavailableError.is(e) && /Install git/.test(e.message));
      await assert.rejects(missing.repoRoot(tmp), (e) => GitUnavailableError.is(e));
      assert.equal(GitUnavailableError.is(new Error('x')), false);
    });

    it('stops a git that hangs, on timeout and on abort', async function () {
      if (isWindows) this.skip();
      const slowGit = path.join(tmp, 'slow-git.sh');
      writeFileSync(slowGit, '#!/bin/sh\nexec sleep 30\n', { mode: 0o755 });
      const slow = new GitGateway({ gitPath: slowGit, timeoutMs: 300 });
      const t0 = Date.now();
      await assert.rejects(slow.run(['log'], { cwd: tmp }), (e) => GitAbortedError.is(e) && e.reason === 'timeout');
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      await assert.rejects(
        slow.streamLines(['log'], { cwd: tmp, timeoutMs: 10_000, signal: controller.signal }, () => undefined),
        (e) => GitAbortedError.is(e) && e.reason === 'aborted',
      );
      assert.ok(Date.now() - t0 < 5_000);
      await assert.rejects(slow.run(['log'], { cwd: tmp, signal: AbortSignal.abort() }), (e) => GitAbortedError.is(e) && e.reason === 'aborted');
    });

    it('turns "dubious ownership" into GitDubiousOwnershipError with the safe.directory fix', async function () {
      if (isWindows || process.getuid?.() !== 0) this.skip(); // needs root to hand the repo to another user
      const repo = standardRepo();
      execFileSync('chown', ['-R', '65534:65534', repo]);
      await assert.rejects(history.repoRoot(repo), (e) => GitDubiousOwnershipError.is(e) && e.message.includes('safe.directory'));
      await assert.rejects(history.authoredDays(repo, ['lead@example.com']), (e) => GitDubiousOwnershipError.is(e));
    });

    it('caps buffered output and reports git failures as GitCommandError', async () => {
      const repo = standardRepo();
      await assert.rejects(gateway.run(['log'], { cwd: repo, maxOutputBytes: 10 }), (e) => GitCommandError.is(e) && e.reason === 'outputTooLarge');
      const bad = await gateway.run(['log', 'no-such-rev'], { cwd: repo });
      assert.equal(bad.exitCode, 128);
      assert.match(bad.stderr, /no-such-rev/);
    });
  });
});
