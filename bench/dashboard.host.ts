// Runs inside the real extension host for `npm run bench` (dashboardFirstPaintMs): opens the dashboard on a year of
// stored activity (bench/activityFixture.ts, written before the host started) a few times, each in a fresh panel, and
// reports the time from the command's start to the webview's first `painted` message, as the extension measures it,
// and the part of it from the start of the webview's script (the rest is VS Code starting the webview).
//
// Between those it opens a trivial webview the same way (webviewBaselineFirstPaintMs): a command of this file creates
// a panel whose HTML is one nonce'd inline script that writes a word and reports `painted` after the next frame, timed
// from the command's start to that message as the dashboard is. It is the floor any extension's webview pays in this
// host, so the difference to the dashboard is ours. Bench-only: no product code knows about it.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { HandsOnApi } from '../src/extension';

const RUNS = 5;
const BASELINE_COMMAND = 'handsOnBench.openBaselineWebview';
/**
 * The order of the opens: the dashboard first, as before the baseline existed (the first panel of a session is the
 * only one that does not replace the webview service worker, and it includes loading dist/dashboard.js), then
 * alternating in pairs so that neither kind always follows the other.
 */
const ORDER = ['dashboard', 'baseline', 'baseline', 'dashboard', 'dashboard', 'baseline', 'baseline', 'dashboard', 'dashboard', 'baseline'] as const;

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The trivial page: a strict CSP, one nonce'd inline script, `painted` once the word is on screen (a task queued from the next frame, as the dashboard does). */
function baselineHtml(nonce: string): string {
  const script = `const host = acquireVsCodeApi();
document.getElementById('root').textContent = 'painted';
requestAnimationFrame(() => setTimeout(() => host.postMessage({ type: 'painted' }), 0));`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'">
<title>Baseline</title>
</head>
<body>
<main id="root"></main>
<script nonce="${nonce}">${script}</script>
</body>
</html>
`;
}

interface BaselinePanel {
  readonly panel: vscode.WebviewPanel;
  paintedMs?: number;
}

export async function run(): Promise<void> {
  const out = process.env.HANDS_ON_BENCH_OUT;
  if (!out) throw new Error('HANDS_ON_BENCH_OUT is not set');
  const extension = vscode.extensions.getExtension<HandsOnApi>('hands-on.hands-on');
  if (!extension) throw new Error('hands-on.hands-on is not loaded');
  const api = await extension.activate();
  const testing = api.testing;
  if (!testing) throw new Error('the test API is missing: the host did not start the extension in test mode');
  // The year is read in the background after activation; measure on it, not on an empty store.
  await until(() => ((api.snapshot()?.streak.best ?? 0) > 0 ? true : undefined), 'the stored year to be read');

  let baseline: BaselinePanel | undefined;
  const command = vscode.commands.registerCommand(BASELINE_COMMAND, () => {
    const startedAt = performance.now();
    const panel = vscode.window.createWebviewPanel('handsOnBench.baseline', 'Baseline', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
    const opened: BaselinePanel = { panel };
    baseline = opened;
    panel.webview.onDidReceiveMessage((message: { type?: unknown }) => {
      if (message?.type === 'painted') opened.paintedMs ??= performance.now() - startedAt;
    });
    panel.webview.html = baselineHtml(randomBytes(16).toString('base64'));
  });

  const samples: number[] = [];
  const scriptSamples: number[] = [];
  const baselineSamples: number[] = [];
  try {
    for (const kind of ORDER) {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await until(() => (testing.dashboard()?.open ? undefined : true), 'the panel to close', 10_000);
      baseline?.panel.dispose();
      baseline = undefined;
      if (kind === 'baseline') {
        void vscode.commands.executeCommand(BASELINE_COMMAND);
        baselineSamples.push(await until(() => baseline?.paintedMs, 'the baseline webview to paint'));
        continue;
      }
      void vscode.commands.executeCommand('handsOn.showDashboard');
      samples.push(await until(() => testing.dashboard()?.paintedMs, 'the first paint'));
      scriptSamples.push(testing.dashboard()!.paintedScriptMs!);
      const drawn = testing.dashboard()?.rendered?.tables['minutes-table']?.length ?? 0;
      if (drawn !== 85) throw new Error(`the minutes table has ${drawn} rows, not a header and 84 days`);
    }
  } finally {
    baseline?.panel.dispose();
    command.dispose();
  }
  if (samples.length !== RUNS || baselineSamples.length !== RUNS) throw new Error(`expected ${RUNS} opens of each kind`);
  writeFileSync(out, JSON.stringify({ samples, scriptSamples, baselineSamples }));
}
