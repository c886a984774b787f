import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { unquoteGitPath } from '../../../src/adapters/gitQuotedPath';
import { WorkingCopy, WorkingCopyError } from '../../../src/adapters/workingCopy';
import type { WorkingCopyOptions } from '../../../src/adapters/workingCopy';
import { branchNameFor, DEFAULT_BRANCH_TEMPLATE } from '../../../src/core/branchName';
import { TempRepos } from './localTasks/gitRepo';

describe('WorkingCopy (real repositories, simple-git)', function () {
  this.timeout(30_000);
  let repos: TempRepos;
  beforeEach(() => { repos = new TempRepos(); });
  afterEach(() => repos.dispose());

  /** A WorkingCopy that sees the temp HOME only, never the developer's git config. */
  const open = (root: string, options: WorkingCopyOptions = {}) => new WorkingCopy(root, { env: { PATH: process.env.PATH, HOME: repos.home }, ...options });
  const read = (repo: string, file: string) => readFileSync(path.join(repo, file), 'utf8');
  const currentBranch = (repo: string) => repos.git(repo, ['rev-parse', '--abbrev-ref', 'HEAD']);
  const rejects = async (promise: Promise<unknown>, kind: WorkingCopyError['kind']) => {
    await assert.rejects(promise, (error: unknown) => {
      assert.ok(WorkingCopyError.is(error), `a WorkingCopyError, got ${String(error)}`);
      assert.equal(error.kind, kind, error.message);
      assert.ok(error.message.length > 10);
      return true;
    });
  };

  /** main with two commits, a .gitignore, and an identity for the stash commits. */
  const project = () => {
    const repo = repos.init('project');
    repos.git(repo, ['config', 'user.name', 'Dev']);
    repos.git(repo, ['config', 'user.email', 'dev@example.com']);
    repos.commit(repo, 'first', 2, { '.gitignore': '*.log\n', 'src/a.ts': 'a1\n', 'src/b.ts': 'b1\n' });
    repos.commit(repo, 'second', 1, { 'src/a.ts': 'a2\n' });
    return repo;
  };

  /** Staged, unstaged and untracked changes, plus an ignored file that is nobody's work. */
  const makeDirty = (repo: string) => {
    repos.write(repo, { 'src/a.ts': 'a-staged\n' });
    repos.git(repo, ['add', 'src/a.ts']);
    repos.write(repo, { 'src/b.ts': 'b-edited\n', 'notes/new file.md': 'untracked\n', 'debug.log': 'ignored\n' });
  };

  describe('state', () => {
    it('a clean repository on a branch', async () => {
      assert.deepEqual(await open(project()).state(), { branch: 'main', detached: false, dirtyFiles: [], hasCommits: true });
    });

    it('lists staged, unstaged and untracked files, not ignored ones', async () => {
      const repo = project();
      makeDirty(repo);
      const state = await open(repo).state();
      assert.deepEqual([...state.dirtyFiles].sort(), ['notes/new file.md', 'src/a.ts', 'src/b.ts']);
    });

    it('a detached HEAD has no branch', async () => {
      const repo = project();
      repos.git(repo, ['checkout', '-q', '--detach', 'HEAD~1']);
      assert.deepEqual(await open(repo).state(), { branch: undefined, detached: true, dirtyFiles: [], hasCommits: true });
    });

    it('a repository with no commits yet', async () => {
      const repo = repos.init('empty');
      repos.write(repo, { 'draft.ts': 'x\n' });
      assert.deepEqual(await open(repo).state(), { branch: 'main', detached: false, dirtyFiles: ['draft.ts'], hasCommits: false });
    });

    it('ignores GIT_* variables of the environment it is given (GIT_DIR would point git elsewhere)', async () => {
      const repo = project();
      const wc = new WorkingCopy(repo, { env: { PATH: process.env.PATH, HOME: repos.home, GIT_DIR: path.join(repos.tmp, 'nowhere'), GIT_WORK_TREE: repos.tmp } });
      assert.equal((await wc.state()).branch, 'main');
    });
  });

  describe('failures are typed', () => {
    it('a folder that is not a repository, and one that does not exist', async () => {
      const plain = path.join(repos.tmp, 'plain');
      mkdirSync(plain);
      await rejects(open(plain).state(), 'notARepository');
      await rejects(open(plain).trackedFiles(), 'notARepository');
      await rejects(open(path.join(repos.tmp, 'missing')).state(), 'notARepository');
      await rejects(open(path.join(repos.tmp, 'missing')).trackedFiles(), 'notARepository');
    });

    it('git missing, or a git path simple-git refuses', async () => {
      const repo = project();
      await rejects(open(repo, { gitPath: path.join(repos.tmp, 'no-git-here') }).state(), 'gitMissing');
      await rejects(open(repo, { gitPath: path.join(repos.tmp, 'no-git-here') }).trackedFiles(), 'gitMissing');
      await rejects(open(repo, { gitPath: 'C:\\Program Files\\Git\\cmd\\git.exe' }).state(), 'gitMissing');
    });

    it('another git process holding the index lock: locked, and nothing is lost', async () => {
      const repo = project();
      makeDirty(repo);
      writeFileSync(path.join(repo, '.git', 'index.lock'), '');
      // git stash says nothing at all here (exit 1, empty stderr); plain simple-git would call that success.
      await rejects(open(repo).stash('before #12'), 'locked');
      await rejects(open(repo).createAndCheckoutBranch('hands-on/12-x'), 'locked');
      assert.equal(read(repo, 'src/b.ts'), 'b-edited\n');
      assert.equal(read(repo, 'notes/new file.md'), 'untracked\n');
      assert.equal(repos.git(repo, ['stash', 'list']), '');
    });

    it('a git that stops answering is stopped (here a hung post-checkout hook: simple-git cannot switch hooks off)', async () => {
      const repo = project();
      const hook = path.join(repo, '.git', 'hooks', 'post-checkout');
      writeFileSync(hook, '#!/bin/sh\nsleep 3\n');
      chmodSync(hook, 0o755);
      const started = Date.now();
      await rejects(open(repo, { timeoutMs: 300 }).createAndCheckoutBranch('hands-on/1-hook'), 'timeout');
      assert.ok(Date.now() - started < 2500, `bounded (${Date.now() - started} ms)`);
    });
  });

  describe('stash', () => {
    it('stashes staged, unstaged and untracked changes, leaves the tree clean, and can be applied back', async () => {
      const repo = project();
      makeDirty(repo);
      const wc = open(repo);
      const result = await wc.stash('Hands-On: before #12 Crash on save');
      assert.equal(result.stashed, true);
      assert.match(result.commit ?? '', /^[0-9a-f]{40}$/);
      assert.deepEqual(result.leftOver, []);
      assert.deepEqual((await wc.state()).dirtyFiles, []);
      assert.equal(read(repo, 'src/b.ts'), 'b1\n');
      assert.ok(!existsSync(path.join(repo, 'notes/new file.md')));
      assert.equal(read(repo, 'debug.log'), 'ignored\n', 'ignored files stay where they are');
      assert.equal(repos.git(repo, ['stash', 'list', '--format=%H %gs']), `${result.commit} On main: Hands-On: before #12 Crash on save`);

      repos.git(repo, ['stash', 'apply', '--index', result.commit!]);
      assert.equal(read(repo, 'src/a.ts'), 'a-staged\n');
      assert.equal(read(repo, 'src/b.ts'), 'b-edited\n');
      assert.equal(read(repo, 'notes/new file.md'), 'untracked\n');
      assert.equal(repos.git(repo, ['diff', '--cached', '--name-only']), 'src/a.ts', 'the staged change is staged again');
    });

    it('a clean tree: nothing stashed, no stash entry made', async () => {
      const repo = project();
      assert.deepEqual(await open(repo).stash('x'), { stashed: false, leftOver: [] });
      assert.equal(repos.git(repo, ['stash', 'list']), '');
    });

    it('a message that looks like an option is kept as text', async () => {
      const repo = project();
      makeDirty(repo);
      const result = await open(repo).stash('--upload-pack=touch /tmp/pwned\nsecond line');
      assert.equal(result.stashed, true);
      assert.equal(repos.git(repo, ['stash', 'list', '--format=%gs']), 'On main: --upload-pack=touch /tmp/pwned second line');
    });

    it('with no commits: refuses, and the files stay', async () => {
      const repo = repos.init('empty');
      repos.write(repo, { 'draft.ts': 'x\n' });
      await rejects(open(repo).stash('x'), 'noCommits');
      assert.equal(read(repo, 'draft.ts'), 'x\n');
    });

    it('reports what it could not stash (edits inside a submodule) instead of claiming a clean tree', async () => {
      const sub = project();
      const top = repos.init('top');
      repos.git(top, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'sub']);
      repos.commit(top, 'add submodule', 0);
      repos.write(top, { 'sub/src/a.ts': 'edited inside the submodule\n' });
      const result = await open(top).stash('x');
      assert.deepEqual(result, { stashed: false, leftOver: ['sub'] });
      assert.equal(read(top, 'sub/src/a.ts'), 'edited inside the submodule\n');
    });
  });

  describe('createAndCheckoutBranch', () => {
    it('creates the branch from HEAD and carries local changes over', async () => {
      const repo = project();
      makeDirty(repo);
      const wc = open(repo);
      assert.deepEqual(await wc.createAndCheckoutBranch('hands-on/12-crash'), { created: true, branch: 'hands-on/12-crash' });
      assert.equal(currentBranch(repo), 'hands-on/12-crash');
      assert.equal(read(repo, 'src/b.ts'), 'b-edited\n');
      assert.equal((await wc.state()).dirtyFiles.length, 3);
    });

    it('checks out an existing branch instead of failing', async () => {
      const repo = project();
      repos.git(repo, ['branch', 'hands-on/12-crash', 'HEAD~1']);
      assert.deepEqual(await open(repo).createAndCheckoutBranch('hands-on/12-crash', { from: 'HEAD' }), { created: false, branch: 'hands-on/12-crash' });
      assert.equal(currentBranch(repo), 'hands-on/12-crash');
      assert.equal(read(repo, 'src/a.ts'), 'a1\n', 'the existing branch was kept, not moved to `from`');
    });

    it('an existing branch that local changes would clash with: conflict, and nothing changes', async () => {
      const repo = project();
      repos.git(repo, ['branch', 'older', 'HEAD~1']);
      repos.write(repo, { 'src/a.ts': 'precious edit\n' });
      await rejects(open(repo).createAndCheckoutBranch('older'), 'conflict');
      assert.equal(currentBranch(repo), 'main');
      assert.equal(read(repo, 'src/a.ts'), 'precious edit\n');
    });

    it('from a given start point, and from a detached HEAD', async () => {
      const repo = project();
      await open(repo).createAndCheckoutBranch('from-first', { from: 'HEAD~1' });
      assert.equal(read(repo, 'src/a.ts'), 'a1\n');
      repos.git(repo, ['checkout', '-q', '--detach', 'main']);
      await open(repo).createAndCheckoutBranch('from-detached');
      assert.equal(repos.git(repo, ['rev-parse', 'from-detached']), repos.git(repo, ['rev-parse', 'main']));
    });

    it('on a repository with no commits: names the first branch, keeps the files', async () => {
      const repo = repos.init('empty');
      repos.write(repo, { 'draft.ts': 'x\n' });
      const wc = open(repo);
      assert.deepEqual(await wc.createAndCheckoutBranch('hands-on/1-first'), { created: true, branch: 'hands-on/1-first' });
      assert.deepEqual(await wc.state(), { branch: 'hands-on/1-first', detached: false, dirtyFiles: ['draft.ts'], hasCommits: false });
    });

    it('refuses invalid names and option-like start points before running git', async () => {
      const repo = project();
      for (const name of ['-f', 'a..b', 'x.lock', 'has space', '']) await rejects(open(repo).createAndCheckoutBranch(name), 'invalidBranchName');
      await rejects(open(repo).createAndCheckoutBranch('ok', { from: '--orphan' }), 'invalidBranchName');
      assert.equal(repos.git(repo, ['branch', '--format=%(refname:short)']), 'main');
    });

    it('checks out a name made by branchNameFor from a hostile title', async () => {
      const repo = project();
      const name = branchNameFor(DEFAULT_BRANCH_TEMPLATE, { number: 482, title: '[Bug]: 🐛 Crème brûlée ../../HEAD @{-1} ~^:?*[ \\ crashes\x07 .lock' });
      assert.equal(name, 'hands-on/482-creme-brulee-head-1-crashes-lock');
      await open(repo).createAndCheckoutBranch(name);
      assert.equal(currentBranch(repo), name);
    });
  });

  describe('upstreamState (a real bare remote)', () => {
    it('none → pushed → ahead → pushed; behind counts as pushed; a vanished upstream is none', async () => {
      const repo = project();
      const remote = path.join(repos.tmp, 'remote.git');
      repos.git(repos.tmp, ['init', '-q', '--bare', remote]);
      repos.git(repo, ['remote', 'add', 'origin', remote]);
      const wc = open(repo);
      await wc.createAndCheckoutBranch('hands-on/7-fix');
      assert.equal(await wc.upstreamState('hands-on/7-fix'), 'none');

      repos.git(repo, ['push', '-q', '-u', 'origin', 'hands-on/7-fix']);
      assert.equal(await wc.upstreamState('hands-on/7-fix'), 'pushed');
      assert.equal(await wc.upstreamState('hands-on'), 'none', 'the folder of a branch is not the branch');

      repos.commit(repo, 'work', 0, { 'src/a.ts': 'a3\n' });
      assert.equal(await wc.upstreamState('hands-on/7-fix'), 'ahead');
      repos.git(repo, ['push', '-q']);
      assert.equal(await wc.upstreamState('hands-on/7-fix'), 'pushed');

      repos.git(repo, ['reset', '-q', '--hard', 'HEAD~1']);
      assert.equal(await wc.upstreamState('hands-on/7-fix'), 'pushed', 'nothing left to push');

      repos.git(repo, ['update-ref', '-d', 'refs/remotes/origin/hands-on/7-fix']);
      assert.equal(await wc.upstreamState('hands-on/7-fix'), 'none');
      assert.equal(await wc.upstreamState('no-such-branch'), 'none');
    });

    it('a branch made from origin/main does not track it, so it is not "pushed" before it is pushed', async () => {
      const repo = project();
      const remote = path.join(repos.tmp, 'remote-main.git');
      repos.git(repos.tmp, ['init', '-q', '--bare', remote]);
      repos.git(repo, ['remote', 'add', 'origin', remote]);
      repos.git(repo, ['push', '-q', 'origin', 'HEAD:refs/heads/main']);
      repos.git(repo, ['fetch', '-q', 'origin']);
      const wc = open(repo);
      assert.equal(await wc.hasRevision('refs/remotes/origin/main'), true);
      assert.equal(await wc.hasRevision('refs/remotes/origin/nope'), false);
      assert.equal(await wc.hasRevision('--all'), false, 'an option is not a revision');
      await wc.createAndCheckoutBranch('hands-on/9-from-main', { from: 'origin/main' });
      assert.equal(await wc.upstreamState('hands-on/9-from-main'), 'none');
    });

  });

  describe('trackedFiles', () => {
    it('lists tracked files only, with unusual names intact', async () => {
      const repo = project();
      repos.commit(repo, 'odd names', 0, { 'dir/é ü.ts': '1', 'quote"d.ts': '2', 'back\\slash.ts': '3', 'tab\tname.ts': '4', 'new\nline.ts': '5' });
      repos.write(repo, { 'untracked.ts': 'x' });
      const files = await open(repo).trackedFiles();
      assert.deepEqual([...files].sort(), ['.gitignore', 'back\\slash.ts', 'dir/é ü.ts', 'new\nline.ts', 'quote"d.ts', 'src/a.ts', 'src/b.ts', 'tab\tname.ts'].sort());
    });

    it('stops at the cap', async () => {
      const repo = project();
      assert.equal((await open(repo, { maxTrackedFiles: 2 }).trackedFiles()).length, 2);
    });

    it('unquotes git C-quoted paths', () => {
      assert.equal(unquoteGitPath('"a\\"b\\\\c\\td\\303\\251"'), 'a"b\\c\tdé');
      assert.equal(unquoteGitPath('plain "name"'), 'plain "name"');
    });
  });
});
