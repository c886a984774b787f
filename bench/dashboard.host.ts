// Runs inside the real extension host for `npm run bench` (dashboardFirstPaintMs): opens the dashboard on a year of
// stored activity (bench/activityFixture.ts, written before the host started) a few times, each in a fresh panel, and
// reports the time from the command's start to the webview's first `painted` message, as the extension measures it,
// and the part of it from the start of the webview's script (the rest is VS Code starting the webview).
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { HandsOnApi } from '../src/extension';

const RUNS = 5;

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
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

  const samples: number[] = [];
  const scriptSamples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until(() => (testing.dashboard()?.open ? undefined : true), 'the panel to close', 10_000);
    void vscode.commands.executeCommand('handsOn.showDashboard');
    samples.push(await until(() => testing.dashboard()?.paintedMs, 'the first paint'));
    scriptSamples.push(testing.dashboard()!.paintedScriptMs!);
    const drawn = testing.dashboard()?.rendered?.tables['minutes-table']?.length ?? 0;
    if (drawn !== 85) throw new Error(`the minutes table has ${drawn} rows, not a header and 84 days`);
  }
  writeFileSync(out, JSON.stringify({ samples, scriptSamples }));
}
