import { strict as assert } from 'node:assert';
import { type ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { STALE_MS, WindowSlot } from '../../../src/adapters/windowSlot';

const CLAIMER = path.join(__dirname, 'fixtures', 'slotClaimer.ts');

/** A claimer process that holds its lease until `done()`; `name` resolves with the slot it printed. */
function startClaimer(dir: string, sessionId: string, startAt: number): { name: Promise<string>; done: () => Promise<number | null> } {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CLAIMER, dir, sessionId, String(startAt)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const name = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.trim());
    });
    void exited.then((code) => reject(new Error(`claimer exited ${code} before printing: ${stderr}`)));
  });
  return {
    name,
    done: () => {
      child.stdin!.end();
      return exited;
    },
  };
}

/** The pid of a process that has just exited: no process has it now (pids are not reused this fast). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('close', resolve));
  return child.pid!;
}

describe('WindowSlot', () => {
  let dir: string;
  const lock = (n: number): string => path.join(dir, 'slots', `slot-${n}.lock`);
  /** Plants a lease as another window would have left it. */
  const plant = async (n: number, lease: { pid: number; host?: string; session: string }, ageMs = 0): Promise<void> => {
    await fs.mkdir(path.join(dir, 'slots'), { recursive: true });
    await fs.writeFile(lock(n), JSON.stringify({ host: os.hostname(), at: new Date().toISOString(), ...lease }) + '\n');
    const when = new Date(Date.now() - ageMs);
    await fs.utimes(lock(n), when, when);
  };
  const sessionIn = async (n: number): Promise<string> => JSON.parse(await fs.readFile(lock(n), 'utf8')).session;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hands-on-slot-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('claims the lowest free slot, a second window gets the next, and release frees it', async () => {
    const a = new WindowSlot({ dir, sessionId: 'aaaa' });
    assert.equal(await a.name(), 'slot-0');
    const lease = JSON.parse(await fs.readFile(lock(0), 'utf8'));
    assert.deepEqual([lease.pid, lease.host, lease.session], [process.pid, os.hostname(), 'aaaa']);
    assert.ok(!Number.isNaN(Date.parse(lease.at)));

    const b = new WindowSlot({ dir, sessionId: 'bbbb' });
    assert.equal(await b.name(), 'slot-1');
    await a.release();
    await assert.rejects(fs.stat(lock(0)), { code: 'ENOENT' });
    assert.equal(await new WindowSlot({ dir, sessionId: 'cccc' }).name(), 'slot-0');
    assert.equal(await b.name(), 'slot-1');
  });

  it('takes over a lease whose heartbeat is older than the stale threshold, even if its pid lives', async () => {
    await plant(0, { pid: process.pid, session: 'old' }, STALE_MS + 60_000);
    await plant(1, { pid: process.pid, session: 'fresh' }, STALE_MS - 60_000);
    assert.equal(await new WindowSlot({ dir, sessionId: 'me' }).name(), 'slot-0');
    assert.equal(await sessionIn(0), 'me');
    assert.equal(await sessionIn(1), 'fresh');
  });

  it('takes over a fresh lease of a dead pid on this host, not one of another host', async () => {
    const pid = await deadPid();
    await plant(0, { pid, session: 'crashed' });
    await plant(1, { pid, host: 'another-host', session: 'remote' });
    assert.equal(await new WindowSlot({ dir, sessionId: 'me' }).name(), 'slot-0');
    assert.equal(await new WindowSlot({ dir, sessionId: 'me2' }).name(), 'slot-2'); // the remote lease is only aged out
    assert.equal(await sessionIn(1), 'remote');
  });

  it('does not take over a lease still being written (empty) until it is stale', async () => {
    await fs.mkdir(path.join(dir, 'slots'));
    await fs.writeFile(lock(0), '');
    assert.equal(await new WindowSlot({ dir, sessionId: 'me' }).name(), 'slot-1');
    const old = new Date(Date.now() - STALE_MS - 1_000);
    await fs.utimes(lock(0), old, old);
    assert.equal(await new WindowSlot({ dir, sessionId: 'me2' }).name(), 'slot-0');
  });

  it('heartbeat renews the lease, and after losing it claims another slot', async () => {
    const a = new WindowSlot({ dir, sessionId: 'aaaa' });
    assert.equal(await a.name(), 'slot-0');
    const old = new Date(Date.now() - 5 * 60_000);
    await fs.utimes(lock(0), old, old);
    await a.heartbeat();
    assert.ok(Date.now() - (await fs.stat(lock(0))).mtimeMs < 60_000, 'heartbeat should touch the lease');

    // Another window took slot-0 over (say after a long sleep): heartbeat notices and moves on, leaving it alone.
    await plant(0, { pid: process.pid, session: 'thief' });
    await a.heartbeat();
    assert.equal(await a.name(), 'slot-1');
    assert.equal(await sessionIn(0), 'thief');
    await a.release();
    assert.equal(await sessionIn(0), 'thief', 'release must not remove a lease that is no longer ours');
    await assert.rejects(fs.stat(lock(1)), { code: 'ENOENT' });
  });

  it('gives racing takeovers of one stale lease distinct slots and leaves no tombstones', async () => {
    for (let round = 0; round < 20; round++) {
      await fs.rm(path.join(dir, 'slots'), { recursive: true, force: true });
      await plant(0, { pid: process.pid, session: 'old' }, STALE_MS + 1_000);
      const names = await Promise.all([1, 2, 3, 4, 5].map((k) => new WindowSlot({ dir, sessionId: `r${k}` }).name()));
      assert.deepEqual([...names].sort(), ['slot-0', 'slot-1', 'slot-2', 'slot-3', 'slot-4'], `round ${round}`);
      assert.deepEqual((await fs.readdir(path.join(dir, 'slots'))).filter((f) => !f.endsWith('.lock')), []);
    }
  });

  it('gives 4 processes claiming at once 4 distinct slots, also when stale leases must be taken over', async function () {
    this.timeout(60_000);
    for (const stale of [false, true]) {
      await fs.rm(path.join(dir, 'slots'), { recursive: true, force: true });
      if (stale) {
        await plant(0, { pid: process.pid, session: 'old0' }, STALE_MS + 1_000);
        await plant(1, { pid: await deadPid(), session: 'old1' });
      }
      const startAt = Date.now() + 2_000; // all four are booted by then, so their claims overlap
      const claimers = ['p1', 'p2', 'p3', 'p4'].map((s) => startClaimer(dir, s, startAt));
      try {
        const names = await Promise.all(claimers.map((c) => c.name));
        assert.deepEqual([...names].sort(), ['slot-0', 'slot-1', 'slot-2', 'slot-3'], `stale=${stale}`);
      } finally {
        const codes = await Promise.all(claimers.map((c) => c.done()));
        assert.deepEqual(codes, [0, 0, 0, 0]);
      }
      assert.deepEqual(await fs.readdir(path.join(dir, 'slots')), [], 'every claimer released its lease');
    }
  });

  it('falls back to the session id when slots cannot be used, and never rejects', async () => {
    // chmod does not stop root, so put a FILE where the slots folder must go.
    await fs.writeFile(path.join(dir, 'slots'), 'in the way');
    const slot = new WindowSlot({ dir, sessionId: 'ab12cd34' });
    assert.equal(await slot.name(), 'ab12cd34');
    await slot.heartbeat();
    assert.equal(await slot.name(), 'ab12cd34');
    await slot.release();

    await fs.rm(path.join(dir, 'slots'));
    await new WindowSlot({ dir, sessionId: 'x0' }).name();
    assert.equal(await new WindowSlot({ dir, sessionId: 'x1', maxSlots: 1 }).name(), 'x1', 'every slot busy');
  });
});
