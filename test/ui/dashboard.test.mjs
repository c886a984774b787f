// The dashboard as a person sees it: clicking the streak opens it, its charts and tables show the figures, text
// that strangers control (a repository's folder name, a teammate's folder, a task title) stays text in the real
// webview DOM, and privacy mode empties it. Playwright on code-server, like statusBar.test.mjs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestRepo, openWorkbench, startCodeServer, tempDir } from '../../scripts/host.mjs';
import { ACTIVITY_ICON, SIDEBAR, STREAK, runInPalette, waitForFrame } from './workbench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = path.join(root, 'test-results', 'screenshots');

// Folder names may hold `<`, `>`, `=` and quotes (not `/`): markup that would run if the webview parsed it as HTML.
const REPO_NAME = 'team <b>bold<i> <img src=x onerror=window.__pwned=1>';
const TEAM_DIR = '<img src=x onerror=window.__pwned=2>';
// Task titles lose `<` and `>` when found (core/displayText); entities and quotes remain, and innerHTML would decode them.
const TODO_TEXT = 'fix &lt;img src=x onerror="window.__pwned=3"&gt; & "quotes"';
const TASK_TITLE = `TODO: ${TODO_TEXT}`;

/** The test repository, renamed to REPO_NAME, with a TODO to finish and a teammate's commit under TEAM_DIR. */
function hostileRepo() {
  const parent = tempDir('dashboard');
  const dir = path.join(parent, REPO_NAME);
  fs.renameSync(createTestRepo(), dir);
  const git = (args, env = {}) => execFileSync('git', args, { cwd: dir, env: { ...process.env, ...env }, stdio: 'pipe' });
  fs.writeFileSync(path.join(dir, 'notes.js'), `// TODO: ${TODO_TEXT}\nexport const notes = 1;\n`);
  git(['add', '.']);
  git(['commit', '-q', '-m', 'Add notes']);
  fs.mkdirSync(path.join(dir, TEAM_DIR));
  fs.writeFileSync(path.join(dir, TEAM_DIR, 'index.js'), 'export const team = 1;\n');
  git(['add', '.']);
  const ana = { GIT_AUTHOR_NAME: 'Ana', GIT_AUTHOR_EMAIL: 'ana@team.example', GIT_COMMITTER_NAME: 'Ana', GIT_COMMITTER_EMAIL: 'ana@team.example' };
  git(['commit', '-q', '-m', 'Team work'], ana);
  return { dir, parent };
}

/** A table's body rows as cell texts (textContent, so folded tables read too). */
const tableRows = (frame, id) => frame.locator(`#${id} tbody tr`).evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent)));

describe('dashboard UI', function () {
  let server, workbench, page, repo, frame, userDataDir;
  const log = [];

  before(async function () {
    fs.mkdirSync(shots, { recursive: true });
    repo = hostileRepo();
    // A year of coding time in the extension's storage before it starts (the same year the bench measures on).
    userDataDir = tempDir('user');
    const storage = path.join(userDataDir, 'User', 'globalStorage', 'hands-on.hands-on');
    execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'activityFixture.ts'), storage], { cwd: root, stdio: 'pipe' });
    server = await startCodeServer({ workspace: repo.dir, userDataDir, extensionDevelopmentPath: root, onLog: (l) => log.push(l) });
    workbench = await openWorkbench({ port: server.port, folder: repo.dir, payload: { extensionDevelopmentPath: root }, onLog: (l) => log.push(l) });
    page = workbench.page;
    await page.locator(STREAK).waitFor({ state: 'visible', timeout: 90_000 }); // activation is onStartupFinished
  });

  afterEach(async function () {
    if (this.currentTest.state === 'failed') {
      await page?.screenshot({ path: path.join(shots, `dashboard-failed-${this.currentTest.title.replace(/\W+/g, '-')}.png`) });
      console.log(log.filter((l) => /error|fail|hands-on/i.test(l)).slice(-30).join('\n'));
    }
  });

  after(async function () {
    await workbench?.close();
    await server?.stop();
    for (const dir of [repo?.parent, userDataDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finishes a task under the focus timer, typing for a minute', async function () {
    this.timeout(180_000);
    await page.locator(ACTIVITY_ICON).click();
    const row = page.locator(`${SIDEBAR} .monaco-list-row`).filter({ hasText: 'TODO: fix &lt;img' }).first();
    const countdown = page.locator(STREAK).filter({ hasText: /\d+m left/ });
    // The list may re-render under the pointer while the first scans finish: try the inline action again if so.
    for (let attempt = 1; !(await countdown.isVisible()); attempt++) {
      await row.waitFor({ state: 'visible', timeout: 60_000 });
      await row.hover();
      await row.locator('.action-label[aria-label^="Start Task"]').click({ timeout: 10_000 }).catch((err) => assert.ok(attempt < 3, err.message));
      await countdown.waitFor({ state: 'visible', timeout: 5_000 }).catch((err) => assert.ok(attempt < 3, err.message));
    }
    // Over a minute of real typing: coding time for the charts, and a session long enough to be recorded.
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.click({ position: { x: 300, y: 60 } });
    const started = Date.now();
    while (Date.now() - started < 65_000) {
      await page.keyboard.type('x');
      await page.waitForTimeout(2_000);
    }
    await runInPalette(page, '>Hands-On: Stop Focus Timer');
    await page.waitForFunction((selector) => !/left/.test(document.querySelector(selector)?.textContent ?? 'left'), STREAK, { timeout: 15_000 });
    // The recorder flushes every 30 s; wait until the status bar shows the typed minute.
    await page.waitForFunction((selector) => /· [1-9]\d*m/.test(document.querySelector(selector)?.textContent ?? ''), STREAK, { timeout: 60_000 });
  });

  it('clicking the streak in the status bar opens the dashboard with every chart and its table', async function () {
    await page.keyboard.press('Control+B'); // the sidebar away: the dashboard gets the width
    await page.locator(STREAK).click();
    await page.locator('.tabs-container .tab').filter({ hasText: 'Hands-On Dashboard' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    frame = await waitForFrame(page, 'main#dashboard h1'); // the webview's frame, once the script has drawn
    await frame.locator('#drift-table').waitFor({ state: 'attached', timeout: 60_000 }); // the drift map reads git after the first paint

    const charts = await frame.locator('svg.chart').evaluateAll((svgs) => svgs.map((s) => ({ role: s.getAttribute('role'), label: s.getAttribute('aria-label') })));
    assert.equal(charts.length, 6, JSON.stringify(charts)); // minutes, calendar, repositories, languages, drift, tasks
    for (const chart of charts) {
      assert.equal(chart.role, 'img');
      assert.ok(chart.label && chart.label.length > 20, `a chart without a real label: ${JSON.stringify(chart)}`);
    }
    const captions = await frame.locator('table.data').evaluateAll((tables) => tables.map((t) => ({ caption: t.caption?.textContent, scoped: [...t.querySelectorAll('th')].every((th) => th.hasAttribute('scope')) })));
    assert.equal(captions.length, 6);
    for (const table of captions) assert.ok(table.caption && table.scoped, JSON.stringify(table));

    const minutes = await tableRows(frame, 'minutes-table');
    assert.equal(minutes.length, 84);
    assert.match(minutes.at(-1)[1], /^[1-9]\d*m$/, `today: ${minutes.at(-1)}`);
    const today = await frame.locator('.figure').filter({ hasText: 'Today' }).locator('dd').textContent();
    assert.equal(today, minutes.at(-1)[1]);
    const calendar = await tableRows(frame, 'calendar-table');
    assert.equal(calendar.length, 52);
    assert.ok(calendar.at(-1).some((cell) => /^Hands-on|^Still open/.test(cell)), `this week: ${calendar.at(-1)}`);

    // The workbench as it is; the whole dashboard in a window tall enough to hold it; its top alone (for the README).
    await page.screenshot({ path: path.join(shots, 'dashboard.png') });
    const viewport = page.viewportSize();
    for (const [name, height] of [['dashboard-full.png', 1350], ['dashboard-top.png', 860]]) {
      await page.setViewportSize({ width: 1200, height });
      await page.waitForTimeout(500); // the workbench lays out again
      await page.locator('.part.editor').screenshot({ path: path.join(shots, name) });
    }
    await page.setViewportSize(viewport);
  });

  it('shows a repository folder, a teammate’s folder and a task title that look like HTML as plain text', async function () {
    const repositories = await tableRows(frame, 'repository-table');
    assert.ok(repositories.some((row) => row[0] === REPO_NAME && /^\d+m$/.test(row[1])), JSON.stringify(repositories));
    assert.ok(repositories.some((row) => row[0] === 'billing-service'), 'the stored year is missing from the split');
    const drift = await tableRows(frame, 'drift-table');
    assert.ok(drift.some((row) => row[0] === TEAM_DIR && row[1] === REPO_NAME && row[2] === '1' && row[3] === 'never'), JSON.stringify(drift));
    const tasks = await tableRows(frame, 'tasks-table');
    assert.ok(tasks.some((row) => row[0] === TASK_TITLE && row[1] === 'TODO' && /^[1-9]\d*m$/.test(row[4])), JSON.stringify(tasks));
    // The chart labels (SVG <text>) and tooltips carry the same names as text.
    assert.ok((await frame.locator('svg text').allTextContents()).some((t) => t.startsWith('TODO: fix &lt;img')));

    const dom = await frame.evaluate(() => ({
      injected: document.querySelectorAll('img, b, i, iframe, object, embed').length,
      // VS Code injects its own inline preamble (it defines acquireVsCodeApi); every other script is ours, inline, by nonce.
      scripts: [...document.scripts].filter((s) => !(s.src === '' && s.textContent.includes('globalThis.acquireVsCodeApi'))).map((s) => `${s.hasAttribute('nonce')} ${s.src === '' ? 'inline' : s.src}`),
      styles: [...document.querySelectorAll('style, link')].filter((e) => e.id !== '_defaultStyles').map((e) => `${e.hasAttribute('nonce')} ${e.localName}`),
      pwned: window.__pwned,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
    }));
    assert.deepEqual(dom, { injected: 0, scripts: ['true inline'], styles: ['true style'], pwned: undefined, handlers: 0 });
  });

  it('Toggle Privacy empties the dashboard, and its Show Figures button brings the figures back', async function () {
    await runInPalette(page, '>Hands-On: Toggle Privacy');
    await frame.locator('.privacy').waitFor({ state: 'visible', timeout: 15_000 });
    const hidden = await frame.evaluate(() => ({ text: document.body.innerText, svgs: document.querySelectorAll('svg').length, tables: document.querySelectorAll('table').length }));
    assert.equal(hidden.svgs, 0);
    assert.equal(hidden.tables, 0);
    assert.match(hidden.text, /Figures are hidden \(privacy mode\)/);
    assert.doesNotMatch(hidden.text, /\d/, hidden.text);
    await page.screenshot({ path: path.join(shots, 'dashboard-privacy.png') });

    await frame.getByRole('button', { name: 'Show Figures' }).click();
    await frame.locator('#minutes-table').waitFor({ state: 'attached', timeout: 15_000 });
    await page.waitForFunction((selector) => /\d+d · \d+m/.test(document.querySelector(selector)?.textContent ?? ''), STREAK, { timeout: 15_000 });
  });
});
