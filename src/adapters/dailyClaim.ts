/**
 * "At most once a day" across every open window. globalState cannot promise it: two windows that decide at the same
 * moment both read "not shown today" (facts.md: last writer wins). A file created with 'wx' can: of several windows
 * exactly one creates it. Node only.
 *
 * Layout: `<dir>/<name>-<day>` (empty). Claims older than a week are removed on the next claim.
 */
import { mkdir, open, readdir, unlink } from 'node:fs/promises';
import * as path from 'node:path';

const KEEP_DAYS = 7;

export class DailyClaim {
  constructor(
    private readonly dir: string,
    private readonly name: string,
  ) {}

  /**
   * True for the first caller of `day` on this machine, false for every later one. A disk that refuses the file
   * (read-only, full) answers false: missing one nudge is better than showing one in every window.
   */
  async claim(day: string): Promise<boolean> {
    try {
      await mkdir(this.dir, { recursive: true });
      const file = await open(path.join(this.dir, `${this.name}-${day}`), 'wx');
      await file.close();
      void this.removeOld(day);
      return true;
    } catch {
      return false;
    }
  }

  private async removeOld(today: string): Promise<void> {
    const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - KEEP_DAYS * 86_400_000).toISOString().slice(0, 10);
    const prefix = `${this.name}-`;
    try {
      for (const entry of await readdir(this.dir)) {
        if (entry.startsWith(prefix) && entry.slice(prefix.length) < cutoff) await unlink(path.join(this.dir, entry)).catch(() => undefined);
      }
    } catch {
      // Tidying is best effort; a stale empty file costs nothing.
    }
  }
}
