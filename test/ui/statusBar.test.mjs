// What a person sees: the streak in the status bar and the Hands-On view in the
// activity bar, in a real VS Code (code-server) driven by Playwright. Runs in Node,
// not in the extension host; started by scripts/test.mjs (mocha --no-config).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestRepo, openWorkbench, startCodeServer } from '../../scripts/host.mjs';
import { ACTIVITY_ICON, SIDEBAR, STREAK, runInPalette, waitForFrameText } from './workbench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = path.join(root, 'test-results', 'screenshots');


describe('workbench UI', function () {
  let server, workbench, page, workspace;
  const log = [];

  before(async function () {
    fs.mkdirSync(shots, { recursive: true });
    workspace = createTestRepo();
    server = await startCodeServer({ workspace, extensionDevelopmentPath: root, onLog: (l) => log.push(l) });
    // No extensionTestsPath: the extension stays loaded and the page stays open.
    workbench = await openWorkbench({ port: server.port, folder: workspace, payload: { extensionDevelopmentPath: root }, onLog: (l) => log.push(l) });
    page = workbench.page;
    await page.waitForSelector('.part.statusbar', { timeout: 60_000 });
  });

  afterEach(async function () {
    const name = this.currentTest.title.replace(/\W+/g, '-');
    await page?.screenshot({ path: path.join(shots, `${name}.png`) });
    // The host's log explains most failures (activation errors, missing files).
    if (this.currentTest.state === 'failed') console.log(log.filter((l) => /error|fail|hands-on/i.test(l)).slice(-30).join('\n'));
  });

  after(async function () {
    await workbench?.close();
    await server?.stop();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('shows the streak with a flame in the status bar', async function () {
    // Activation is onStartupFinished, after the workbench has restored: allow a while.
    const item = page.locator(STREAK);
    await item.waitFor({ state: 'visible', timeout: 90_000 });
    assert.match(await item.innerText(), /\d+d · \d+m/);
    assert.equal(await item.locator('.codicon-flame').count(), 1, 'no $(flame) icon in the streak item');
  });

  it('opens the Suggested Tasks view from the activity bar and lists the workspace TODO with an estimate', async function () {
    await page.locator(ACTIVITY_ICON).click();
    const sidebar = page.locator(SIDEBAR);
    // Titles are upper-cased with CSS, which innerText reflects; compare case-insensitively.
    await sidebar.getByText(/suggested tasks/i).first().waitFor({ state: 'visible', timeout: 30_000 });
    const todo = sidebar.locator('.monaco-list-row').filter({ hasText: 'TODO: handle empty input' }).first();
    await todo.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await todo.innerText(), /~\d+ min · hands-on-repo-/);
    assert.ok(await sidebar.locator('.monaco-list-row').filter({ hasText: /^TODOs/ }).count() >= 1, 'no TODOs group');
  });

  it('clicking a task opens its file at the line', async function () {
    await page.locator(`${SIDEBAR} .monaco-list-row`).filter({ hasText: 'TODO: handle empty input' }).first().click();
    const tab = page.locator('.tabs-container .tab').filter({ hasText: 'index.js' }).first();
    await tab.waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.statusbar-item[id="status.editor.selection"]').filter({ hasText: /Ln 1,/ }).first().waitFor({ timeout: 15_000 });
  });

  it('the inline Start Task action starts a countdown in the status bar', async function () {
    const row = page.locator(`${SIDEBAR} .monaco-list-row`).filter({ hasText: 'TODO: handle empty input' }).first();
    await row.hover();
    await row.locator('.action-label[aria-label^="Start Task"]').click();
    const countdown = page.locator(STREAK).filter({ hasText: /\d+m left/ });
    await countdown.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await page.locator(STREAK).locator('.codicon-watch').count(), 1, 'no $(watch) icon in the countdown');
    await page.screenshot({ path: path.join(shots, 'focus-timer-running.png') });
    await runInPalette(page, '>Hands-On: Stop Focus Timer');
    await page.waitForFunction((selector) => !/left/.test(document.querySelector(selector)?.textContent ?? 'left'), STREAK, { timeout: 15_000 });
  });

  it('shows today, this week, the rule and the best streak in the tooltip', async function () {
    await page.locator(STREAK).hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: /This week/ }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    const text = await hover.innerText();
    for (const label of ['Today', 'This week', 'Rule', 'Weekdays', 'Best streak', 'Last hands-on day']) {
      assert.ok(text.includes(label), `tooltip lacks "${label}": ${text}`);
    }
  });

  it('counts real typing in the editor: the minutes in the status bar go up', async function () {
    this.timeout(240_000);
    await page.mouse.move(700, 400); // away from the status bar, so the tooltip closes
    await runInPalette(page, 'index.js', { quickOpen: true });
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.waitFor({ state: 'visible', timeout: 30_000 });
    await editor.click({ position: { x: 200, y: 60 } });
    const minutes = async () => Number(/· (\d+)m/.exec(await page.locator(STREAK).innerText())?.[1] ?? NaN);
    const before = await minutes();
    assert.ok(Number.isFinite(before), 'the status bar shows no minutes');
    // A keystroke every 2 s for just over a minute; the extension flushes every 30 s.
    const deadline = Date.now() + 200_000;
    while ((await minutes()) <= before) {
      assert.ok(Date.now() < deadline, `the status bar stayed at ${before}m while typing for over 3 minutes`);
      await page.keyboard.type('x');
      await page.waitForTimeout(2_000);
    }
    assert.ok((await minutes()) >= before + 1);
  });

  it('shows the typed minutes in the tooltip too', async function () {
    await page.locator(STREAK).hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: /This week/ }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    const today = /Today\s+(\d+)m/.exec(await hover.innerText());
    assert.ok(today && Number(today[1]) >= 1, `tooltip does not show the typed minutes: ${await hover.innerText()}`);
    await page.screenshot({ path: path.join(shots, 'streak-tooltip-after-typing.png') });
    await page.mouse.move(700, 400);
  });

  it('clicking the streak opens the Dashboard', async function () {
    await page.locator(STREAK).click();
    const tab = page.locator('.tabs-container .tab').filter({ hasText: 'Hands-On Dashboard' }).first();
    await tab.waitFor({ state: 'visible', timeout: 30_000 });
    // The dashboard is a webview: find its frame and read what a person sees (test/ui/dashboard.test.mjs has the rest).
    const text = await waitForFrameText(page, /Coding minutes per day/);
    assert.match(text, /Streak calendar/);
  });

  it('Show Coding Stats from the Command Palette opens the Coding Stats', async function () {
    await runInPalette(page, '>Hands-On: Show Coding Stats');
    const tab = page.locator('.tabs-container .tab').filter({ hasText: /Coding Stats/ }).first();
    await tab.waitFor({ state: 'visible', timeout: 30_000 });
    // The rendered preview is a webview: find its frame and read the heading a person sees.
    const heading = await waitForFrameText(page, /Hands-On: Coding Stats/);
    assert.match(heading, /This week/);
    await page.screenshot({ path: path.join(shots, 'coding-stats.png') });
  });

  it('Toggle Privacy from the Command Palette hides every figure, and shows them again', async function () {
    await runInPalette(page, '>Hands-On: Toggle Privacy');
    const item = page.locator(STREAK);
    await page.waitForFunction((selector) => !/\d/.test(document.querySelector(selector)?.textContent ?? '0'), STREAK, { timeout: 15_000 });
    assert.equal(await item.locator('.codicon-flame').count(), 1);
    assert.doesNotMatch(await item.innerText(), /\d/);
    await page.screenshot({ path: path.join(shots, 'privacy-mode-on.png') });
    await runInPalette(page, '>Hands-On: Toggle Privacy');
    await page.waitForFunction((selector) => /\d+d · \d+m/.test(document.querySelector(selector)?.textContent ?? ''), STREAK, { timeout: 15_000 });
  });
});
