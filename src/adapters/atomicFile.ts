/**
 * Whole-file replacement that readers (other windows included) see as old or new, never half-written:
 * a temp file in the same folder, then rename. For derived data and caches only; records are appended
 * to per-window logs instead (facts.md: read-modify-write of one shared file loses updates).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/** True when written; false (temp file removed) when the disk refused. */
export async function writeFileAtomically(file: string, text: string): Promise<boolean> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temp, text, 'utf8');
    await rename(temp, file);
    return true;
  } catch {
    await unlink(temp).catch(() => undefined);
    return false;
  }
}
