import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GitAbortedError } from '../../../../src/adapters/gitProcess';
import { streamLinesViaFile } from '../../../../src/adapters/localTasks/followFile';
import { TempRepos } from './gitRepo';

describe('local tasks: git output through a temporary file (real repositories)', function () {
  this.timeout(30_000);
  let repos: TempRepos;
  let repo: string;
  let savedTmpdir: string | undefined;
  beforeEach(() => {
    repos = new TempRepos();
    // A private temporary folder: other processes on the machine (a parallel test run) make their own
    // hands-on-git-* folders in the shared one, which would look like leftovers of ours.
    savedTmpdir = process.env.TMPDIR;
    process.env.TMPDIR = path.join(repos.tmp, 'tmp');
    mkdirSync(process.env.TMPDIR);
    repo = repos.init('follow');
    // Enough commits that the log is written in several pieces while it is read.
    for (let i = 0; i < 40; i++) repos.commit(repo, `commit ${i} ${'é'.repeat(i)}`, 40 - i, { [`f${i % 7}.ts`]: `${i}\n` });
  });
  afterEach(() => {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
    repos.dispose();
  });

  const ours = () => readdirSync(os.tmpdir()).filter((name) => name.startsWith('hands-on-git-'));
  const logArgs = (file: string | undefined) => ['log', ...(file ? [`--output=${file}`] : []), '--format=%s', '--name-only'];

  it('delivers every line (multi-byte ones whole) and leaves no file behind', async () => {
    const before = ours();
    const seen: string[] = [];
    let folder = '';
    const result = await streamLinesViaFile(repos.gateway(), (file) => {
      folder = path.dirname(file!);
      return logArgs(file);
    }, { cwd: repo }, (line) => seen.push(line));
    assert.equal(result.exitCode, 0);
    const expected = repos.git(repo, ['log', '--format=%s', '--name-only']).split('\n');
    assert.deepEqual(seen.filter(Boolean), expected.filter(Boolean));
    assert.ok(seen.includes(`commit 39 ${'é'.repeat(39)}`));
    assert.ok(!existsSync(folder));
    assert.deepEqual(ours(), before);
  });

  it('stops git and cleans up when the line handler throws or the caller cancels', async () => {
    const before = ours();
    await assert.rejects(streamLinesViaFile(repos.gateway(), logArgs, { cwd: repo }, () => {
      throw new Error('enough');
    }), /enough/);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(streamLinesViaFile(repos.gateway(), logArgs, { cwd: repo, signal: controller.signal }, () => undefined), (err) => GitAbortedError.is(err));
    assert.deepEqual(ours(), before);
  });

  it('falls back to a pipe when no temporary folder can be made', async () => {
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = path.join(repos.tmp, 'no', 'such', 'folder');
    try {
      let asked: string | undefined = 'unset';
      const seen: string[] = [];
      await streamLinesViaFile(repos.gateway(), (file) => {
        asked = file;
        return logArgs(file);
      }, { cwd: repo }, (line) => seen.push(line));
      assert.equal(asked, undefined);
      assert.ok(seen.includes('commit 0'));
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });
});
