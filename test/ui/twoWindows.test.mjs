// "Two windows": two repositories open in two windows of one VS Code, worked in side by side.
// The day total must count each minute once (the union of both windows' intervals), never the sum.
//
// One code-server (one user-data-dir, so one globalStorage shared by both windows) and one
// headless chromium with two browser contexts, each a workbench on its own repo. code-server
// starts one extension host process per workbench connection, so these are two Hands-On
// instances, each with its own tracker, slot lease and JSONL log, exactly like two desktop windows.
//
// A window only learns about the other window's time when it re-reads the logs: on window focus
// (onDidChangeWindowState), at start-up, and every 5 minutes; not on Pause Tracking nor on Show
// Coding Stats (checked below). Headless chromium never moves focus between pages (document.hasFocus()
// stays true, visibilityState stays 'visible', and bringToFront() fires no focus, blur or
// visibilitychange events), so `refocus` plays what the browser does when she switches away and back.
// From there on it is VS Code's own path (BrowserHostService.onDidChangeFocus -> MainThreadWindow ->
// the extension host's onDidChangeWindowState -> StatsService.reload).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createTestRepo, startCodeServer, workbenchUrl } from '../../scripts/host.mjs';
import { STREAK, runInPalette } from './workbench.mjs';
import { provisionHost } from '../../scripts/provision-host.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = path.join(root, 'test-results', 'screenshots');

/** Typing lasts this long (each window's interval runs from its editor click to its pause, a little longer): over 2 minutes, so each shows 2m on its own. */
const TYPING_MS = 123_000;
/** Between keystrokes in the two windows: each window gets one every 2 s, interleaved with the other's. */
const STEP_MS = 1_000;

describe('two windows', function () {
  this.timeout(120_000);
  let server, browser, storage;
  const log = [];
  /** The two windows: { name, repo, page }. */
  const windows = [];
  /** Minutes each window showed for itself, before it re-read the other's log. */
  const own = {};

  before(async function () {
    fs.mkdirSync(shots, { recursive: true });
    const repos = [createTestRepo(), createTestRepo()];
    server = await startCodeServer({ workspace: repos[0], extensionDevelopmentPath: root, onLog: (l) => log.push(l) });
    browser = await chromium.launch({
      executablePath: provisionHost().chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    for (const [i, repo] of repos.entries()) {
      // A context per window: nothing shared in the browser, as with two desktop windows.
      const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
      const page = await context.newPage();
      page.on('pageerror', (err) => log.push(`[${'AB'[i]} pageerror] ${err}`));
      await page.goto(workbenchUrl({ port: server.port, folder: repo, payload: { extensionDevelopmentPath: root } }));
      windows.push({ name: 'AB'[i], repo, page });
    }
    // Activation is onStartupFinished; two workbenches starting at once on a small machine take a while.
    for (const { page } of windows) await page.locator(STREAK).waitFor({ state: 'visible', timeout: 90_000 });
    storage = path.join(server.userDataDir, 'User', 'globalStorage', 'hands-on.hands-on');
  });

  afterEach(async function () {
    const name = this.currentTest.title.replace(/\W+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
    for (const { name: w, page } of windows) await page.screenshot({ path: path.join(shots, `two-windows-${name}-${w}.png`) }).catch(() => {});
    if (this.currentTest.state === 'failed') console.log(log.filter((l) => /error|fail|hands-on|extension host/i.test(l)).slice(-30).join('\n'));
  });

  after(async function () {
    await browser?.close();
    await server?.stop();
    for (const { repo } of windows) fs.rmSync(repo, { recursive: true, force: true });
  });

  it('runs each window in its own extension host, sharing one globalStorage', async function () {
    // code-server logs `<pid> Launched Extension Host Process.` once per workbench connection.
    const pids = [...new Set(log.flatMap((l) => /<(\d+)> Launched Extension Host Process/.exec(l)?.[1] ?? []))].map(Number);
    assert.equal(pids.length, 2, `expected two extension host processes, the server logged ${pids.length}`);
    for (const pid of pids) process.kill(pid, 0); // both alive (throws ESRCH if not)
    // Each Hands-On instance leases a log slot in the shared folder, in its own process's name.
    const leases = await waitFor(() => {
      const dir = path.join(storage, 'slots');
      const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^slot-\d+\.lock$/.test(f)) : [];
      try {
        return files.length === 2 ? files.map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))) : undefined;
      } catch {
        return undefined; // a lease being written: created first, then filled
      }
    }, 15_000, 'two slot leases in the shared globalStorage');
    assert.deepEqual(leases.map((l) => l.pid).sort(), [...pids].sort(), 'the slot leases are not held by the two extension hosts');
    assert.notEqual(leases[0].session, leases[1].session);
  });

  it('counts each window\'s own typing in that window while both are typed in', async function () {
    this.timeout(240_000);
    const t0 = Date.now();
    const secs = (t) => `${Math.round((Date.now() - t) / 1000)}s`;
    for (const { page } of windows) {
      await runInPalette(page, 'index.js', { quickOpen: true });
      const editor = page.locator('.editor-instance .monaco-editor').first();
      await editor.waitFor({ state: 'visible', timeout: 30_000 });
      await editor.click({ position: { x: 200, y: 60 } });
    }
    for (const { name, page } of windows) assert.equal(await minutes(page), 0, `window ${name} starts with minutes already`);
    // Alternate keystrokes: A, 1 s, B, 1 s, A, ... so both windows are active over the same span.
    const started = Date.now();
    for (let i = 0; Date.now() - started < TYPING_MS; i++) {
      await windows[i % 2].page.keyboard.type('x');
      await windows[0].page.waitForTimeout(STEP_MS);
    }
    const typed = secs(started);
    const pausing = Date.now();
    // Pausing closes the open interval and flushes it to the window's log; figures stay this window's own.
    for (const { page } of windows) await runInPalette(page, '>Hands-On: Pause Tracking');
    for (const { name, page } of windows) {
      await page.waitForFunction((s) => document.querySelector(s)?.querySelector('.codicon-debug-pause'), STREAK, { timeout: 15_000 });
      own[name] = await minutes(page);
      assert.ok(own[name] >= 2, `window ${name} shows ${own[name]}m after over 2 minutes of typing`);
    }
    const paused = secs(pausing);
    // Each log on disk holds one window's time, and the two overlap almost entirely.
    const disk = readLogs(storage);
    assert.equal(disk.perFile.length, 2, `expected two log files, found ${disk.perFile.map((f) => f.file)}`);
    const [a, b] = disk.perFile.map((f) => f.ms);
    assert.ok(Math.min(a, b) >= 120_000, `a log holds under 2 minutes: ${a} ms, ${b} ms`);
    assert.ok(disk.unionMs < 0.6 * (a + b), `the logs hardly overlap: union ${disk.unionMs} ms of ${a} + ${b} ms`);
    const perLog = disk.perFile.map((f) => `${f.file} (${f.repos.map((r) => path.basename(r)).join()}) ${fmt(f.ms)}`).join(', ');
    console.log(`      own: A ${own.A}m, B ${own.B}m; on disk: ${perLog}; union ${fmt(disk.unionMs)}, sum ${fmt(a + b)}`);
    console.log(`      timings: opening the editors ${Math.round((started - t0) / 1000)}s, typing ${typed}, pausing ${paused}`);
    const showing = Date.now();
    // Neither window has read the other's log yet: its stats list only its own repository.
    // (So neither Pause Tracking nor Show Coding Stats re-reads the logs.)
    for (const w of windows) {
      await runInPalette(w.page, '>Hands-On: Show Coding Stats');
      const repos = reposIn(await statsText(w.page, () => true));
      assert.deepEqual(Object.keys(repos), [path.basename(w.repo)], `window ${w.name} lists other repos before any reload`);
      assert.equal(repos[path.basename(w.repo)], own[w.name]);
    }
    console.log(`      Coding Stats opened in both in ${secs(showing)}`);
  });

  it('after a focus change each window shows the union of both windows\' minutes, not the sum', async function () {
    const names = windows.map((w) => path.basename(w.repo));
    const knowsBoth = (text) => names.every((n) => n in reposIn(text));
    const seen = {};
    for (const w of windows) {
      // Control: this window has not re-read the logs by itself (the other one may have, if refocused already).
      assert.ok(!knowsBoth(await statsText(w.page, () => true)), `window ${w.name} re-read the logs before its focus changed`);
      const started = Date.now();
      await refocus(w.page);
      seen[w.name] = await statsText(w.page, knowsBoth, 15_000).catch(() => undefined);
      console.log(`      window ${w.name}: blur + focus, other window's time shown after ${Date.now() - started} ms`);
      assert.ok(seen[w.name], `window ${w.name} did not re-read the other window's log after blur + focus`);
    }
    const disk = readLogs(storage);
    const union = Math.floor(disk.unionMs / 60_000);
    const longest = Math.max(own.A, own.B);
    const sum = own.A + own.B;
    const shown = {};
    for (const { name, page } of windows) shown[name] = await minutes(page);
    console.log(`      status bars: A ${shown.A}m, B ${shown.B}m; union of the logs ${union}m; own A ${own.A}m + own B ${own.B}m = ${sum}m`);
    for (const w of windows) {
      const repos = reposIn(seen[w.name]);
      console.log(`      window ${w.name} Coding Stats: Today ${/Today\s+(\d+)m/.exec(seen[w.name])?.[1]}m; by repository ${JSON.stringify(repos)}`);
      assert.equal(shown[w.name], union, `window ${w.name} shows ${shown[w.name]}m, the union of the logs is ${union}m`);
      assert.ok(shown[w.name] >= longest && shown[w.name] <= longest + 1, `window ${w.name} shows ${shown[w.name]}m; the longest window alone had ${longest}m`);
      assert.ok(shown[w.name] < sum, `window ${w.name} shows ${shown[w.name]}m: the sum of both windows (${sum}m), not the union`);
      // The stats page agrees with the status bar, and has each repo at that window's own time.
      assert.match(seen[w.name], new RegExp(`Today\\s+${shown[w.name]}m`), `Coding Stats in ${w.name} disagree with its status bar`);
      for (const other of windows) assert.equal(repos[path.basename(other.repo)], own[other.name], `window ${w.name}: repo of ${other.name}`);
      // For the screenshot: the repository table, where both repos now show.
      await statsFrame(w.page).then((f) => f?.evaluate(() => [...document.querySelectorAll('h2')].find((h) => /By repository/.test(h.textContent))?.scrollIntoView()));
    }
  });
});

/** The minutes in the status bar item (`1d · 2m`), NaN if none. */
async function minutes(page) {
  return Number(/· (\d+)m/.exec(await page.locator(STREAK).innerText())?.[1] ?? NaN);
}

/**
 * What the browser does when she switches to the other window (or tab) and back: the page loses focus and is
 * hidden, then is shown and focused again. Headless chromium keeps every page focused and visible, so we flip
 * document.hasFocus() and document.visibilityState and dispatch the events VS Code listens for. `visibilitychange`
 * matters: a window `blur` alone is not seen while focus is inside a webview (e.g. the Coding Stats preview), because
 * the top window already blurred when the iframe took focus.
 */
async function refocus(page) {
  await page.evaluate(async () => {
    const set = (focused) => {
      if (focused) {
        delete document.hasFocus; // back to Document.prototype's
        delete document.visibilityState;
      } else {
        document.hasFocus = () => false;
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      }
      document.dispatchEvent(new Event('visibilitychange'));
      window.dispatchEvent(new FocusEvent(focused ? 'focus' : 'blur'));
    };
    set(false);
    await new Promise((r) => setTimeout(r, 300));
    set(true);
  });
}

/**
 * Every activity log under `storage`: per file (one per window slot) the covered ms (its own union),
 * and the union over all files, deduplicated by record id (longest end wins), as core/dayTotals does.
 */
function readLogs(storage) {
  const base = path.join(storage, 'activity');
  const files = fs.readdirSync(base, { recursive: true }).filter((f) => f.endsWith('.jsonl')).map((f) => path.join(base, f));
  const byFile = files.map((file) => {
    const byId = new Map();
    for (const line of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const r = JSON.parse(line);
      if (r.kind === 'interval' && !(byId.get(r.id)?.end >= r.end)) byId.set(r.id, r);
    }
    return { file: path.relative(base, file), intervals: [...byId.values()] };
  });
  return {
    perFile: byFile.map(({ file, intervals }) => ({ file, repos: [...new Set(intervals.map((i) => i.repo))], ms: unionMs(intervals) })),
    unionMs: unionMs(byFile.flatMap((f) => f.intervals)),
  };
}

function unionMs(intervals) {
  let ms = 0;
  let until = -Infinity;
  for (const { start, end } of [...intervals].sort((x, y) => x.start - y.start)) {
    const from = Math.max(start, until);
    if (end > from) { ms += end - from; until = end; }
  }
  return ms;
}

const fmt = (ms) => `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;

async function waitFor(probe, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The frame (webviews nest iframes) showing the Coding Stats preview, if any. */
async function statsFrame(page) {
  for (const frame of page.frames()) {
    const text = await frame.locator('body').innerText({ timeout: 1_000 }).catch(() => '');
    if (/Hands-On: Coding Stats/.test(text) && /By repository/.test(text)) return frame;
  }
  return undefined;
}

/** Text of the Coding Stats preview once `accept(text)` holds. */
async function statsText(page, accept, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = (await (await statsFrame(page))?.locator('body').innerText({ timeout: 1_000 }).catch(() => '')) ?? '';
    if (last && accept(last)) return last;
    await page.waitForTimeout(250);
  }
  throw new Error(`the Coding Stats did not show what was expected within ${timeoutMs} ms:\n${last}`);
}

/** The "By repository" table of the Coding Stats text: { repo basename: minutes }. */
function reposIn(text) {
  const section = /By repository[^\n]*\n([^]*?)By language/.exec(text)?.[1] ?? '';
  const rows = {};
  for (const m of section.matchAll(/^(\S+)\s+(\d+)m\s*$/gm)) rows[path.basename(m[1])] = Number(m[2]);
  return rows;
}
