// Shared helpers for the in-host suites: the activated extension's API and small waits.
import * as vscode from 'vscode';
import type { HandsOnApi } from '../../src/extension';

export const EXTENSION_ID = 'hands-on.hands-on';

export async function handsOn(): Promise<HandsOnApi & { testing: NonNullable<HandsOnApi['testing']> }> {
  const extension = vscode.extensions.getExtension<HandsOnApi>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`${EXTENSION_ID} is not installed in this host`);
  }
  const api = await extension.activate();
  if (!api.testing) {
    throw new Error('the test API is missing: the host did not start the extension in test mode');
  }
  return api as HandsOnApi & { testing: NonNullable<HandsOnApi['testing']> };
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Moves the extension's clock past local midnight when a test would otherwise straddle it. */
export function avoidMidnight(api: { testing: { advanceClock(ms: number): void } }, now: number, marginMs = 20 * 60_000): void {
  const next = new Date(now);
  next.setHours(24, 0, 0, 0);
  const left = next.getTime() - now;
  if (left < marginMs) {
    api.testing.advanceClock(left + 60_000);
  }
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error('the integration suite needs a workspace folder');
  }
  return folder.uri;
}
