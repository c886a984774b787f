import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DailyClaim } from '../../../src/adapters/dailyClaim';

describe('DailyClaim', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'daily-claim-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('grants a day to exactly one of many simultaneous claimers (windows)', async () => {
    const claimers = Array.from({ length: 12 }, () => new DailyClaim(path.join(dir, 'nudges'), 'shown'));
    const answers = await Promise.all(claimers.map((c) => c.claim('2026-03-09')));
    assert.equal(answers.filter(Boolean).length, 1);
  });

  it('grants the next day again, and a claim survives a restart (a new instance)', async () => {
    assert.equal(await new DailyClaim(dir, 'shown').claim('2026-03-09'), true);
    assert.equal(await new DailyClaim(dir, 'shown').claim('2026-03-09'), false);
    assert.equal(await new DailyClaim(dir, 'shown').claim('2026-03-10'), true);
  });

  it('removes claims older than a week, and nothing else', async () => {
    writeFileSync(path.join(dir, 'shown-2026-02-01'), '');
    writeFileSync(path.join(dir, 'other-2026-02-01'), '');
    await new DailyClaim(dir, 'shown').claim('2026-03-09');
    await waitUntil(() => !readdirSync(dir).includes('shown-2026-02-01'));
    assert.deepEqual(readdirSync(dir).sort(), ['other-2026-02-01', 'shown-2026-03-09']);
  });

  it('answers false, without throwing, when the folder cannot be made (a file is in the way)', async () => {
    // A file where the folder should be fails for root too, unlike a read-only folder.
    const blocked = path.join(dir, 'nudges');
    writeFileSync(blocked, 'not a folder');
    assert.equal(await new DailyClaim(blocked, 'shown').claim('2026-03-09'), false);
  });
});

async function waitUntil(probe: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !probe(); i++) await new Promise((r) => setTimeout(r, 10));
}
