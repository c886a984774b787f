// GitHub in the Suggested Tasks view, against a local fake GitHub made of recorded @octokit/fixtures answers
// (test/unit/adapters/github/fakeGitHub.ts) on 127.0.0.1. The workspace repository gets a remote pointing at it,
// and the test-mode API swaps VS Code's sign-in for a fixed token, since a test cannot sign in for real.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { coreHeaders, errorBody, githubHandler, ME, REPO_A } from '../unit/adapters/github/fakeGitHub';
import type { Fault } from '../unit/adapters/github/fakeGitHub';
import { startServer } from '../unit/adapters/github/fixtureServer';
import type { FixtureServer } from '../unit/adapters/github/fixtureServer';
import { PICKUP, PICKUP_BRANCH, PICKUP_BUG, workspaceGitHub } from '../unit/adapters/github/workspaceGitHub';
import type { WorkspaceGitHub } from '../unit/adapters/github/workspaceGitHub';
import { handsOn, waitFor, workspaceRoot } from './extensionApi';

const A = `${REPO_A.owner}/${REPO_A.name}`;
const REMOTE = 'hands-on-fake-github';
const PICKUP_REMOTE = 'hands-on-fake-pickup';
const COUNTDOWN = /\$\(watch\) \d+m left/;

describe('GitHub tasks in the view', function () {
  this.timeout(60_000);
  let server: FixtureServer;
  let github: WorkspaceGitHub;
  let fault: Fault | undefined;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: workspaceRoot().fsPath, encoding: 'utf8' });
  const signInAs = async (token: string) => (await handsOn()).testing.useGitHub({ baseUrl: server.baseUrl, token, login: ME });

  before(async () => {
    github = workspaceGitHub(Date.now(), (request) => fault?.(request));
    server = await startServer(github.handler);
    const web = server.baseUrl.replace(/\/api\/v3$/, '');
    git('remote', 'add', REMOTE, `${web}/${A}.git`);
    git('remote', 'add', PICKUP_REMOTE, `${web}/${PICKUP}.git`);
  });

  after(async () => {
    (await handsOn()).testing.useGitHub(undefined);
    git('remote', 'remove', REMOTE);
    git('remote', 'remove', PICKUP_REMOTE);
    await server.close();
  });

  beforeEach(() => (fault = undefined));

  it('a signed-in user sees review requests and small bugs next to the local tasks', async () => {
    const api = await handsOn();
    await signInAs('gho_first');
    await api.refreshTasks();
    const ids = api.tasks().map((t) => t.id);
    assert.ok(ids.includes(`review:${A}#21`), `no review request in ${ids.join(', ')}`);
    assert.ok(ids.includes(`bug:${A}#13`), `no small bug in ${ids.join(', ')}`);
    assert.ok(!ids.includes(`bug:${A}#9`), 'bug #9 has a linked PR and must be left out');
    assert.ok(api.tasks().some((t) => t.kind === 'todo'), 'the local TODO disappeared');
    const review = api.tasks().find((t) => t.id === `review:${A}#21`)!;
    assert.ok(review.estimateMinutes >= 5 && review.estimateMinutes <= 60, `review estimate ${review.estimateMinutes}`);
    assert.equal(review.url, `https://github.com/${A}/pull/21`);
    assert.equal(api.testing.githubState(), 'ok');
    assert.equal(api.testing.githubMessage(), undefined);
    // Saved per account, so a restart (or a day offline) still has them.
    const saved = await waitFor(() => fs.readdirSync(api.testing.storagePath).filter((f) => /^github-[0-9a-f]+\.json$/.test(f)).length > 0 && fs.readdirSync(api.testing.storagePath), 'the saved GitHub results');
    assert.equal(saved.filter((f) => f.startsWith('github-')).length, 1, `saved files: ${saved.join(', ')}`);
  });

  it('a refresh with nothing changed is answered by 304s and keeps the list', async () => {
    const api = await handsOn();
    const before = server.seen.length;
    await api.refreshTasks();
    const sent = server.seen.slice(before);
    const conditional = sent.filter((r) => r.headers['if-none-match']);
    assert.ok(conditional.length >= 2, `expected conditional requests, saw ${sent.map((r) => r.url).join(', ')}`);
    assert.ok(api.tasks().some((t) => t.id === `review:${A}#21`));
  });

  describe('Pick Up a Bug', () => {
    const stashLabel = `Hands-On: before picking up ${PICKUP}#${PICKUP_BUG}`;
    // Mocha runs these after the suite's own tests, which end signed out and rate-limited: a fresh account.
    before(() => signInAs('gho_pickup'));
    after(async () => {
      await vscode.commands.executeCommand('handsOn.stopFocus');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      // Back to where the other suites expect the workspace: on main, with the user's changes restored.
      git('checkout', '-q', 'main');
      if (git('branch', '--list', PICKUP_BRANCH).trim()) git('branch', '-q', '-D', PICKUP_BRANCH);
      if (git('stash', 'list').includes(stashLabel)) git('stash', 'pop', '-q');
      git('checkout', '-q', '--', 'README.md');
      fs.rmSync(`${workspaceRoot().fsPath}/scratch-notes.txt`, { force: true });
    });

    it('on a dirty tree it asks, stashes on request, assigns the bug, branches, opens the likely file and starts the timer', async () => {
      const api = await handsOn();
      await api.refreshTasks();
      const bug = await waitFor(() => api.tasks().find((t) => t.id === `bug:${PICKUP}#${PICKUP_BUG}`), 'the pickable bug in the list');
      const root = workspaceRoot().fsPath;
      fs.appendFileSync(`${root}/README.md`, 'A local edit that must survive.\n');
      fs.writeFileSync(`${root}/scratch-notes.txt`, 'untracked notes\n');

      // It asks what to do with the changes: accept the first answer, "Stash Them", as Enter would.
      let settled = false;
      const running = Promise.resolve(vscode.commands.executeCommand('handsOn.pickUpBug', bug)).finally(() => (settled = true));
      const deadline = Date.now() + 20_000;
      while (!settled && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      }
      await running;

      assert.equal(git('branch', '--show-current').trim(), PICKUP_BRANCH);
      assert.ok(git('stash', 'list').includes(stashLabel), `no stash: ${git('stash', 'list')}`);
      assert.equal(git('status', '--porcelain').trim(), '', 'the stash left changes behind');
      assert.match(git('stash', 'show', '--include-untracked', '--name-only', 'stash@{0}'), /README\.md[\s\S]*scratch-notes\.txt|scratch-notes\.txt[\s\S]*README\.md/);
      const assign = server.seen.find((r) => r.method === 'POST' && r.pathname === `/repos/${PICKUP}/issues/${PICKUP_BUG}/assignees`);
      assert.deepEqual(assign?.body, { assignees: [ME] });
      assert.deepEqual(github.pickUp.issues.get(PICKUP_BUG)!.assignees.map((a: { login: string }) => a.login), [ME]);
      assert.match(api.testing.statusBarText(), COUNTDOWN);
      assert.ok(vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath.endsWith('index.js')), 'the file named in the stack trace was not opened');
    });

    it('when the timer ends on a pushed branch, "Open Draft PR" opens a draft that fixes the bug', async () => {
      const api = await handsOn();
      // As after `git push -u`: the remote-tracking branch exists and nothing is left to push.
      git('update-ref', `refs/remotes/${PICKUP_REMOTE}/${PICKUP_BRANCH}`, 'HEAD');
      git('branch', '-q', `--set-upstream-to=${PICKUP_REMOTE}/${PICKUP_BRANCH}`);
      api.testing.advanceClock(2 * 60 * 60_000);
      api.testing.tickFocus();
      // The page driver clicks "Open Draft PR" on the end-of-timer notification.
      const pull = await waitFor(() => github.pickUp.pulls[0], 'a pull request on the fake GitHub', 30_000);
      assert.equal(pull.draft, true);
      assert.deepEqual([pull.head.ref, pull.base.ref], [PICKUP_BRANCH, 'master']);
      const created = server.seen.find((r) => r.method === 'POST' && r.pathname === `/repos/${PICKUP}/pulls`);
      assert.equal((created?.body as { body?: string }).body, `Fixes #${PICKUP_BUG}`);
      await waitFor(() => !COUNTDOWN.test(api.testing.statusBarText()), 'the timer to stop after the PR');
    });
  });

  it('a sign-in that cannot see private repositories is named, with Sign In offered to fix it', async () => {
    const api = await handsOn();
    const plain = githubHandler(github.world);
    // A classic OAuth token without `repo`, as GitHub reports it on every answer.
    fault = (request) => {
      const reply = plain(request);
      return typeof reply === 'object' && !('then' in reply) ? { ...reply, headers: { ...reply.headers, 'x-oauth-scopes': 'read:user, user:email' } } : reply;
    };
    await api.refreshTasks();
    assert.equal(api.testing.githubState(), 'missingScope');
    assert.match(api.testing.githubMessage() ?? '', /cannot see private repositories/);
    fault = undefined;
    await api.refreshTasks();
    assert.equal(api.testing.githubState(), 'ok');
  });

  it('incomplete search results are named, and the rest is shown', async () => {
    const api = await handsOn();
    github.world.searchExtra = { incomplete_results: true };
    try {
      await api.refreshTasks();
      assert.equal(api.testing.githubState(), 'incomplete');
      assert.match(api.testing.githubMessage() ?? '', /incomplete/);
      assert.ok(api.tasks().some((t) => t.id === `bug:${A}#13`));
    } finally {
      github.world.searchExtra = {};
    }
  });

  it('offline: the last results stay, with the time they are from', async () => {
    const api = await handsOn();
    fault = () => 'reset';
    await api.refreshTasks();
    assert.equal(api.testing.githubState(), 'offline');
    assert.ok(api.tasks().some((t) => t.id === `review:${A}#21`), 'the cached review request was dropped');
    assert.match(api.testing.githubMessage() ?? '', /unreachable.*as of \d/i);
  });

  it('a refused token (401) asks to sign in again once, and keeps the last results', async () => {
    const api = await handsOn();
    fault = () => ({ status: 401, headers: coreHeaders(), body: errorBody('Bad credentials') });
    const asked = api.testing.githubRenewRequests();
    await api.refreshTasks();
    await api.refreshTasks();
    assert.equal(api.testing.githubRenewRequests() - asked, 1, 'asked more than once (or never)');
    assert.equal(api.testing.githubState(), 'unauthorized');
    assert.match(api.testing.githubMessage() ?? '', /sign in again/i);
    assert.ok(api.tasks().some((t) => t.id === `bug:${A}#13`));
  });

  it('a rate limit shows the cached results and when GitHub will be asked again', async () => {
    const api = await handsOn();
    // A new token: a new client, so the previous test's state does not count.
    await signInAs('gho_second');
    const resetAt = Date.now() + 30 * 60_000;
    fault = () => ({ status: 403, headers: coreHeaders(0, resetAt), body: errorBody('API rate limit exceeded for user ID 1.') });
    await api.refreshTasks();
    assert.equal(api.testing.githubState(), 'rateLimited');
    assert.match(api.testing.githubMessage() ?? '', /rate limit.*refreshing again at/i);
    assert.ok(api.tasks().some((t) => t.id === `review:${A}#21`), 'the cached review request was dropped');
    // The gate holds: no request reaches GitHub before the reset.
    const before = server.seen.length;
    await api.refreshTasks();
    assert.equal(server.seen.length, before, 'requests were sent during the rate limit');
  });

  it('not signed in: only local tasks, and the view offers sign-in', async () => {
    const api = await handsOn();
    api.testing.useGitHub(undefined); // VS Code's own sign-in, where nobody is signed in to GitHub
    await api.refreshTasks();
    await waitFor(() => api.testing.githubState() === 'signedOut', 'the signed-out state', 20_000);
    assert.ok(!api.tasks().some((t) => t.kind === 'review' || t.kind === 'bug'), 'GitHub tasks outlived the sign-out');
    assert.ok(api.tasks().some((t) => t.kind === 'todo'));
    assert.match(api.testing.githubMessage() ?? '', /sign in to github/i);
  });
});
