// Smoke test of the extension as a user gets it: the production bundle packaged by vsce
// into a .vsix, installed by `code-server --install-extension`, loaded from the extensions
// dir (no extensionDevelopmentPath). Catches a .vscodeignore or bundle that drops a file
// the extension needs at run time, which the dev-path UI tests cannot see.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestRepo, openWorkbench, startCodeServer, tempDir } from '../../scripts/host.mjs';
import { ACTIVITY_ICON, SIDEBAR, STREAK, runInPalette, waitForFrame, waitForFrameText } from './workbench.mjs';
import { provisionHost } from '../../scripts/provision-host.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = path.join(root, 'test-results', 'screenshots');

const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));

/**
 * Packages the extension as `npm run package` does, but in a copy of the checkout: the
 * repo's dist/ stays the development build (with source maps) that the other UI tests and
 * `npm start` load, even if this is interrupted. The copy holds what git sees (tracked and
 * untracked, minus .gitignore'd output), which is what vsce packs from a clean checkout.
 */
function packageVsix(work) {
  const stage = path.join(work, 'stage');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\0').filter((f) => f && fs.existsSync(path.join(root, f))); // tracked but deleted files are listed too
  for (const f of files) fs.cpSync(path.join(root, f), path.join(stage, f));
  // The bundle's dependencies resolve from here, as in a checkout after `npm ci`; .vscodeignore keeps them out of the .vsix.
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
  // esbuild.mjs writes to dist/ relative to its cwd, so this is the real production config.
  execFileSync(process.execPath, [path.join(root, 'esbuild.mjs'), '--production'], { cwd: stage, stdio: 'pipe' });
  const vsix = path.join(work, 'hands-on.vsix');
  execFileSync(path.join(root, 'node_modules', '.bin', 'vsce'),
    ['package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--out', vsix],
    { cwd: stage, stdio: 'pipe' });
  return vsix;
}

/** `code-server --install-extension`, with its config and logs kept in `work`, not in ~/.config or ~/.local. */
function installVsix(vsix, extensionsDir, work) {
  const { codeServerBin } = provisionHost(); // entry.js, a Node script: run it with this Node
  const home = path.join(work, 'install');
  fs.mkdirSync(home, { recursive: true });
  fs.writeFileSync(path.join(home, 'config.yaml'), 'auth: none\n');
  const out = execFileSync(process.execPath, [codeServerBin, '--config', path.join(home, 'config.yaml'),
    '--user-data-dir', path.join(home, 'user'), '--extensions-dir', extensionsDir, '--install-extension', vsix],
  { encoding: 'utf8', stdio: 'pipe', env: { ...process.env, XDG_DATA_HOME: path.join(home, 'xdg-data') } });
  assert.match(out, /successfully installed/, out);
}

describe('packaged extension (.vsix installed into code-server)', function () {
  let work, server, workbench, page, workspace;
  const log = [];
  const timings = {};

  before(async function () {
    fs.mkdirSync(shots, { recursive: true });
    work = tempDir('packaged'); // stage, .vsix, extensions dir: all removed in after()
    let t = Date.now();
    const vsix = packageVsix(work);
    timings.package = Date.now() - t;
    t = Date.now();
    const extensionsDir = path.join(work, 'extensions');
    installVsix(vsix, extensionsDir, work);
    timings.install = Date.now() - t;
    workspace = createTestRepo();
    server = await startCodeServer({ workspace, extensionsDir, onLog: (l) => log.push(l) });
    // No payload: the extension comes from the extensions dir, as for a user.
    workbench = await openWorkbench({ port: server.port, folder: workspace, onLog: (l) => log.push(l) });
    page = workbench.page;
    await page.waitForSelector('.part.statusbar', { timeout: 60_000 });
  });

  afterEach(async function () {
    const name = this.currentTest.title.replace(/\W+/g, '-');
    await page?.screenshot({ path: path.join(shots, `packaged-${name}.png`) });
    // The host's log explains most failures (activation errors, missing files). Not /hands-on/: temp paths match it.
    if (this.currentTest.state === 'failed') console.log(log.filter((l) => /error|fail|activat/i.test(l)).slice(-30).join('\n'));
  });

  after(async function () {
    if (process.env.HANDS_ON_VERBOSE === '1') console.log(`  packaged: vsce ${timings.package} ms, install ${timings.install} ms`);
    await workbench?.close();
    await server?.stop();
    for (const dir of [work, workspace]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ships every bundle the extension loads on first use (require(path.join(__dirname, …)))', function () {
    // The local task scan, Pick Up a Bug's working copy, What Changed and the dashboard are loaded only when first
    // used: a .vscodeignore that drops one would pass every other test here and fail for the user the first time they
    // run that command.
    const sources = execFileSync('git', ['grep', '--untracked', '-h', '-o', "__dirname, '[A-Za-z]*\\.js'", '--', 'src'], { cwd: root, encoding: 'utf8' });
    const lazy = [...new Set([...sources.matchAll(/'(\w+\.js)'/g)].map((m) => m[1]))];
    assert.ok(lazy.length >= 3, `expected the lazily loaded bundles in src, found ${lazy}`);
    const [installed] = fs.readdirSync(path.join(work, 'extensions')).filter((d) => d.startsWith('hands-on.hands-on'));
    for (const file of lazy) assert.ok(fs.existsSync(path.join(work, 'extensions', installed, 'dist', file)), `the .vsix lacks dist/${file}`);
  });

  it('shows the streak with a flame in the status bar', async function () {
    const item = page.locator(STREAK);
    await item.waitFor({ state: 'visible', timeout: 90_000 }); // activation is onStartupFinished
    assert.match(await item.innerText(), /\d+d · \d+m/);
    assert.equal(await item.locator('.codicon-flame').count(), 1, 'no $(flame) icon in the streak item');
  });

  it('opens the Suggested Tasks view from the activity bar', async function () {
    // The icon's aria-label is the container title from package.nls.json.
    await page.locator(ACTIVITY_ICON).click({ timeout: 30_000 });
    await page.locator(SIDEBAR).getByText(/suggested tasks/i).first().waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('lists the workspace TODO and shows the view actions resolved from package.nls.json', async function () {
    // The test repository has a TODO, so the tree shows it; unresolved strings would read "%command.refreshTasks.title%".
    const sidebar = page.locator(SIDEBAR);
    await sidebar.getByText('TODO: handle empty input').first().waitFor({ state: 'visible', timeout: 60_000 });
    const refreshTitle = nls['command.refreshTasks.title'];
    // With one view in the container, VS Code may show the action in both the container and the view header.
    assert.ok((await page.locator(`${SIDEBAR} .action-label[aria-label^="${refreshTitle}"]`).count()) >= 1, `no "${refreshTitle}" action in the view title`);
    assert.doesNotMatch(await sidebar.innerText(), /%[\w.]+%/, 'an unresolved %key% in the sidebar');
  });

  it('lists Hands-On: Show Coding Stats in the Command Palette', async function () {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('>Coding Stats');
    const rows = page.locator('.quick-input-widget .monaco-list-row');
    try {
      await rows.filter({ hasText: 'Hands-On: Show Coding Stats' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    } catch (err) {
      // Say what was listed instead (e.g. "%category%: %command.showStats.title%" would not even match).
      throw new Error(`no "Hands-On: Show Coding Stats" in the palette; it listed: ${JSON.stringify(await rows.allInnerTexts())}`, { cause: err });
    }
    await page.screenshot({ path: path.join(shots, 'packaged-command-palette.png') });
    await page.keyboard.press('Escape');
  });

  it('What Changed Since I Last Coded loads its own bundle from the package and shows the page', async function () {
    await runInPalette(page, '>Hands-On: What Changed Since I Last Coded');
    // The Markdown preview is a webview: read its frames.
    const text = await waitForFrameText(page, /You last committed here|no commit in the history read/, 60_000);
    assert.match(text, /What Changed Since I Last Coded/);
    await page.screenshot({ path: path.join(shots, 'packaged-what-changed.png') });
  });

  it('Show Dashboard loads its bundle, its webview script and its stylesheet from the package', async function () {
    await runInPalette(page, '>Hands-On: Show Dashboard');
    // The charts are drawn by dist/webview/dashboard.js: their headings appear only if it loaded and got the figures.
    const text = await waitForFrameText(page, /Coding minutes per day[\s\S]*Streak calendar/, 60_000);
    assert.match(text, /Hands-On Dashboard/);
    // dist/webview/dashboard.css lays the figures out as a grid; without it they would be a plain list.
    const frame = await waitForFrame(page, 'main#dashboard .figures');
    assert.equal(await frame.locator('.figures').evaluate((e) => getComputedStyle(e).display), 'grid');
    await page.screenshot({ path: path.join(shots, 'packaged-dashboard.png') });
  });
});
