// What a signed-in leader sees: review requests and small bugs from GitHub next to the local tasks, in a real
// workbench. GitHub is the recorded-answer fake on 127.0.0.1 (its own process); the extension, in development
// mode, takes that account from HANDS_ON_TEST_GITHUB because a test cannot use VS Code's GitHub sign-in.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createTestRepo, openWorkbench, startCodeServer } from '../../scripts/host.mjs';
import { ACTIVITY_ICON, SIDEBAR, STREAK } from './workbench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = path.join(root, 'test-results', 'screenshots');
const REPO = 'octokit-fixture-org/paginate-issues';
/** The bug the fake lets us pick up (test/unit/adapters/github/workspaceGitHub.ts). */
const PICKUP = 'octokit-fixture-org/add-labels-to-issue';

/** Starts test/ui/fakeGitHub.serve.ts and resolves with its base URL and the requests it logs. */
async function startFakeGitHub() {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test', 'ui', 'fakeGitHub.serve.ts')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const requests = [];
  const lines = readline.createInterface({ input: child.stdout });
  const baseUrl = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the fake GitHub exited with ${code}`)));
    lines.on('line', (line) => {
      const message = JSON.parse(line);
      if (message.baseUrl) resolve(message.baseUrl);
      else requests.push(message);
    });
  });
  return { baseUrl, requests, stop: () => child.kill('SIGTERM') };
}

describe('GitHub in the Suggested Tasks view', function () {
  let github, server, workbench, page, workspace;
  const log = [];

  before(async function () {
    fs.mkdirSync(shots, { recursive: true });
    github = await startFakeGitHub();
    workspace = createTestRepo();
    const web = github.baseUrl.replace(/\/api\/v3$/, '');
    execFileSync('git', ['remote', 'add', 'origin', `${web}/${REPO}.git`], { cwd: workspace });
    execFileSync('git', ['remote', 'add', 'pickup', `${web}/${PICKUP}.git`], { cwd: workspace });
    const account = JSON.stringify({ baseUrl: github.baseUrl, token: 'gho_ui_test', login: 'hands-on-lead' });
    server = await startCodeServer({ workspace, extensionDevelopmentPath: root, env: { HANDS_ON_TEST_GITHUB: account }, onLog: (l) => log.push(l) });
    workbench = await openWorkbench({ port: server.port, folder: workspace, payload: { extensionDevelopmentPath: root }, onLog: (l) => log.push(l) });
    page = workbench.page;
    await page.waitForSelector('.part.statusbar', { timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest.state === 'failed') {
      await page?.screenshot({ path: path.join(shots, `github-${this.currentTest.title.replace(/\W+/g, '-')}.png`) });
      console.log(log.filter((l) => /error|fail|hands-on|github/i.test(l)).slice(-30).join('\n'));
    }
  });

  after(async function () {
    await workbench?.close();
    await server?.stop();
    github?.stop();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('lists review requests and small bugs with estimates, grouped above the local tasks', async function () {
    await page.locator(ACTIVITY_ICON).click();
    const sidebar = page.locator(SIDEBAR);
    const review = sidebar.locator('.monaco-list-row').filter({ hasText: `PR 21 in ${REPO}` }).first();
    await review.waitFor({ state: 'visible', timeout: 90_000 });
    assert.match(await review.innerText(), /~\d+ min · octokit-fixture-org\/paginate-issues/);
    const groups = await sidebar.locator('.monaco-list-row[aria-level="1"]').allInnerTexts();
    const order = ['Reviews', 'Bugs', 'TODOs'].map((name) => groups.findIndex((g) => g.startsWith(name)));
    assert.ok(order.every((i) => i >= 0) && order[0] < order[1] && order[1] < order[2], `groups in the view: ${groups.join(' | ')}`);
    assert.ok(github.requests.some((r) => r.url.startsWith(`/repos/${REPO}/issues`)), 'the workspace repository’s issues were not asked for');
    await page.screenshot({ path: path.join(shots, 'suggested-tasks-github.png') });
  });

  it('hovering a review shows why it is suggested: size and waiting time', async function () {
    const review = page.locator(`${SIDEBAR} .monaco-list-row`).filter({ hasText: `PR 21 in ${REPO}` }).first();
    await review.hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: /Why it is suggested/ }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await hover.innerText(), /\+30/);
    await page.screenshot({ path: path.join(shots, 'suggested-tasks-github-tooltip.png') });
  });

  it('Pick Up a Bug: a titled quick pick of bugs that fit; accepting one branches and starts the timer', async function () {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.fill('>Hands-On: Pick Up a Bug');
    await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Enter');
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title').filter({ hasText: 'Pick Up a Bug' }).waitFor({ state: 'visible', timeout: 15_000 });
    const row = widget.locator('.monaco-list-row').filter({ hasText: 'Crash on save' }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await row.innerText(), /~\d+ min · octokit-fixture-org\/add-labels-to-issue#12/);
    await page.screenshot({ path: path.join(shots, 'pick-up-a-bug.png') });
    await input.fill('Crash on save');
    await row.click();
    await page.locator(STREAK).filter({ hasText: /\d+m left/ }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(execFileSync('git', ['branch', '--show-current'], { cwd: workspace, encoding: 'utf8' }).trim(), 'hands-on/12-crash-on-save');
    assert.ok(github.requests.some((r) => r.method === 'POST' && r.url === `/repos/${PICKUP}/issues/12/assignees`), 'nobody was assigned');
    await page.screenshot({ path: path.join(shots, 'pick-up-a-bug-started.png') });
  });
});
