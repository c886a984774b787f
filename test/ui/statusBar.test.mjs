// What a person sees: the streak in the status bar and the Hands-On view in the
// activity bar, in a real VS Code (code-server) driven by Playwright. Runs in Node,
// not in the extension host; started by scripts/test.mjs (mocha --no-config).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestRepo, openWorkbench, startCodeServer } from '../../scripts/host.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = path.join(root, 'test-results', 'screenshots');

// Contributed status bar items get the DOM id `<publisher>.<name>.<item id>`.
const STREAK = '.statusbar-item[id="hands-on.hands-on.handsOn.streak"]';
// View containers: the <a> inside the activity bar's <li> carries the aria-label.
const ACTIVITY_ICON = '.activitybar .action-label[aria-label^="Hands-On"]';
const SIDEBAR = '.part.sidebar';

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

  it('opens the Suggested Tasks view from the activity bar', async function () {
    await page.locator(ACTIVITY_ICON).click();
    const sidebar = page.locator(SIDEBAR);
    // Titles are upper-cased with CSS, which innerText reflects; compare case-insensitively.
    await sidebar.getByText(/suggested tasks/i).first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await sidebar.innerText(), /hands-on/i);
  });
});
