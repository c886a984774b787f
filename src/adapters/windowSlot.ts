/**
 * A short, reused name for this window's activity log (`slot-0`, `slot-1`, …), leased through lock files. Node only.
 *
 * Why: record ids must be unique per activation (they carry the random window id), but file names need not be. Naming
 * the log after the random id made one file per launch per month (10 launches a day: ~300 a month), and loading stats
 * every one. Slots are reused, so a month holds about as many files as windows were ever open at once.
 *
 * Layout: `<dir>/slots/slot-N.lock`, created with 'wx' (fails if it exists, so of two claimers exactly one wins),
 * holding `{pid, host, session, at}`. The holder touches it on every `heartbeat()` (the recorder's 30 s flush).
 *
 * A lease may be taken over when its mtime is older than STALE_MS, or when it names this host and a pid that is gone
 * (ESRCH: a crash or kill -9 frees the slot at once). 10 minutes is 20 missed heartbeats: a window paused in a debugger
 * or on a very slow disk keeps its slot, while a lease the pid check cannot judge (another host on a shared home
 * folder, a pid reused after a reboot) is freed within one session. Misjudging is harmless, see below.
 * Takeover is done only by the holder of `slot-N.lock.takeover` (created with 'wx' too), so of several windows that
 * judged one lease stale exactly one replaces it; the others try the next slot. See `replace` for the last check.
 *
 * Why sharing a slot is still safe: two live windows can end up on one slot (a lease judged stale after a long sleep, a
 * three-way takeover race, a deleted folder). Nothing is lost: every batch is one O_APPEND write of whole lines, record
 * ids never depend on the file name, and the store checks the file's tail before every batch, so another writer's torn
 * line cannot swallow ours. The next heartbeat sees the lease is no longer ours and claims again.
 *
 * Any failure (EPERM, a read-only disk, a file where the folder should be, every slot busy) falls back to the session
 * id as the file name: the old behaviour, one file for this launch. Recording is never blocked, nothing here rejects.
 */
import { link, mkdir, open, readFile, rename, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import * as path from 'node:path';

export const STALE_MS = 10 * 60_000;
/** A takeover takes milliseconds; a guard this old belongs to a claimer that died mid-takeover. */
const GUARD_STALE_MS = 30_000;
/** More windows than anyone keeps open; past this the session id is used. */
const MAX_SLOTS = 32;

export interface WindowSlotOptions {
  /** Root folder shared by all windows (globalStorageUri.fsPath); leases live in `<dir>/slots`. */
  readonly dir: string;
  /** Unique per activation (the record-id prefix): written into the lease, and the file name if no slot can be had. */
  readonly sessionId: string;
  readonly staleMs?: number;
  readonly maxSlots?: number;
}

/** What a claimer saw in a lease it found: enough to tell later whether the file is still that one. */
interface Seen {
  readonly text: string;
  readonly ino: bigint;
  readonly mtimeMs: number;
}

export class WindowSlot {
  private readonly slotsDir: string;
  private current: string;
  /** Path and exact text of the lease we hold; undefined when on the fallback name or released. */
  private held: { file: string; text: string } | undefined;
  private released = false;
  /** Claim, heartbeats and release run one at a time. */
  private chain: Promise<unknown>;

  /** Starts claiming at once (activation cannot wait); `name()` waits for it. */
  constructor(private readonly options: WindowSlotOptions) {
    this.slotsDir = path.join(options.dir, 'slots');
    this.current = options.sessionId;
    this.chain = this.claim();
  }

  /** The file name to write under now: `slot-N`, or the session id if no slot could be had. Never rejects. */
  name(): Promise<string> {
    return this.chain.then(() => this.current);
  }

  /** Renews the lease; if it was lost (taken over, or its file deleted), claims again, so the name may change. */
  heartbeat(): Promise<void> {
    return this.enqueue(async () => {
      const held = this.held;
      if (this.released || !held) return; // a fallback name stays for the session: no flip-flopping files
      // Only a vanished or rewritten lease counts as lost; a read error (EACCES, EIO) is not proof, keep the slot.
      const text = await readFile(held.file, 'utf8').catch((err: unknown) => (code(err) === 'ENOENT' ? undefined : held.text));
      if (text === held.text) {
        const now = new Date();
        await utimes(held.file, now, now).catch(() => undefined);
        return;
      }
      this.held = undefined;
      await this.claim();
    });
  }

  /**
   * Frees the slot for the next window; call after the final flush. Leaves a lease alone that is no longer ours. `name()`
   * keeps answering the old name: a late write there is as safe as any shared slot.
   */
  release(): Promise<void> {
    return this.enqueue(async () => {
      this.released = true;
      const held = this.held;
      this.held = undefined;
      if (held && (await readFile(held.file, 'utf8').catch(() => undefined)) === held.text) {
        await unlink(held.file).catch(() => undefined);
      }
    });
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.chain.then(step).catch(() => undefined);
    this.chain = run;
    return run;
  }

  /** Takes the lowest free slot, or falls back to the session id. */
  private async claim(): Promise<void> {
    try {
      await mkdir(this.slotsDir, { recursive: true });
      for (let n = 0; n < (this.options.maxSlots ?? MAX_SLOTS); n++) {
        if (await this.tryClaim(n)) return;
      }
    } catch {
      // Fall through: recording must not depend on leases.
    }
    this.current = this.options.sessionId;
  }

  private async tryClaim(n: number): Promise<boolean> {
    const file = path.join(this.slotsDir, `slot-${n}.lock`);
    if (await this.create(file, n)) return true;
    const seen = await readSeen(file);
    if (!seen) return this.create(file, n); // released between our two looks
    if (!this.isStale(seen, this.options.staleMs ?? STALE_MS)) return false;
    // Only the holder of the takeover guard removes a lease: without it, a second claimer that judged the same stale
    // lease would remove the first one's fresh lease, and both would think they hold the slot.
    const guard = `${file}.takeover`;
    if (!(await this.takeGuard(guard))) return false;
    try {
      return await this.replace(file, seen, n);
    } finally {
      await unlink(guard).catch(() => undefined);
    }
  }

  /** Replaces the stale lease `seen`, unless it has changed since: then leaves it alone. */
  private async replace(file: string, seen: Seen, n: number): Promise<boolean> {
    const now = await readSeen(file);
    if (!now) return this.create(file, n);
    if (!same(now, seen)) return false;
    // Rename rather than unlink, so we can check we removed the very file we judged (its owner may have released it
    // and a racer created a new one meanwhile); if not, put it back, which fails only if yet another exists.
    const tomb = `${file}.${this.options.sessionId}.tomb`;
    try {
      await rename(file, tomb);
    } catch (err) {
      if (code(err) === 'ENOENT') return this.create(file, n);
      throw err;
    }
    const moved = await readSeen(tomb);
    if (!moved || !same(moved, seen)) {
      await link(tomb, file).catch(() => undefined);
      await unlink(tomb).catch(() => undefined);
      return false;
    }
    await unlink(tomb);
    return this.create(file, n);
  }

  /**
   * The takeover guard, created like a lease. A guard left by a claimer that died mid-takeover (dead pid, or older than
   * GUARD_STALE_MS: a takeover takes milliseconds) is removed and tried once more.
   */
  private async takeGuard(guard: string): Promise<boolean> {
    if (await createExclusive(guard, this.leaseText())) return true;
    const seen = await readSeen(guard);
    if (!seen || !this.isStale(seen, GUARD_STALE_MS)) return false;
    await unlink(guard).catch(() => undefined);
    return createExclusive(guard, this.leaseText());
  }

  /** Creates the lease with 'wx'; false if it exists. */
  private async create(file: string, n: number): Promise<boolean> {
    const text = this.leaseText();
    if (!(await createExclusive(file, text))) return false;
    this.held = { file, text };
    this.current = `slot-${n}`;
    return true;
  }

  private leaseText(): string {
    return JSON.stringify({ pid: process.pid, host: hostname(), session: this.options.sessionId, at: new Date().toISOString() }) + '\n';
  }

  private isStale(seen: Seen, staleMs: number): boolean {
    if (Date.now() - seen.mtimeMs > staleMs) return true;
    // An empty or garbled lease is being written, or its writer died: only its age can free it.
    let lease: { pid?: unknown; host?: unknown };
    try {
      lease = JSON.parse(seen.text) as typeof lease;
    } catch {
      return false;
    }
    return lease.host === hostname() && typeof lease.pid === 'number' && !isAlive(lease.pid);
  }
}

/** Creates `file` with 'wx' and writes `text`; false if it exists. A lease left empty by a failed write is removed. */
async function createExclusive(file: string, text: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx');
  } catch (err) {
    if (code(err) === 'EEXIST') return false;
    throw err;
  }
  try {
    await handle.writeFile(text, 'utf8');
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(file).catch(() => undefined); // an empty lease cannot be judged by its pid
    throw err;
  }
  await handle.close();
  return true;
}

function same(a: Seen, b: Seen): boolean {
  return a.ino === b.ino && a.text === b.text;
}

/** Text, inode and mtime of one file read through one handle, or undefined if it does not exist. */
async function readSeen(file: string): Promise<Seen | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if (code(err) === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const info = await handle.stat({ bigint: true });
    return { text: await handle.readFile('utf8'), ino: info.ino, mtimeMs: Number(info.mtimeMs) };
  } finally {
    await handle.close();
  }
}

function isAlive(pid: number): boolean {
  // pid 0 or negative would signal a process group; such a lease is garbage, judged by age alone.
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return code(err) !== 'ESRCH'; // EPERM: it exists, it is just not ours
  }
}

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

