// Runs inside the real extension host for `npm run bench`: reports how long activate() worked synchronously.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { HandsOnApi } from '../src/extension';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<HandsOnApi>('hands-on.hands-on');
  if (!extension) throw new Error('hands-on.hands-on is not loaded');
  const api = await extension.activate();
  const out = process.env.HANDS_ON_BENCH_OUT;
  if (!out) throw new Error('HANDS_ON_BENCH_OUT is not set');
  writeFileSync(out, JSON.stringify({ activationMs: api.activationMs }));
}
