/**
 * Reads many small work-tree files (test files for their imports, candidate sources for their shape) without stalling
 * the event loop or paying the promise API's price per file. Node only.
 *
 * Why synchronous reads in turns: a scan reads up to a few thousand files, most of a few KB. Through fs/promises each
 * costs an open, an fstat, a read and a close on the thread pool plus a FileHandle and its promises: measured on the
 * bench repository, about 0.3 ms of main-thread time a file, 0.8 s for the scan, with the collector busy besides.
 * One synchronous readFileSync costs ~20 µs. They run in turns of a few milliseconds, with a `setImmediate`
 * between turns, so the history walk's output (read on the same thread) keeps flowing.
 */
import { readFileSync } from 'node:fs';

/** Files read per turn; a turn also ends after TURN_BYTES. */
const TURN_FILES = 64;
const TURN_BYTES = 1 << 20;

/**
 * A file's text as UTF-8, cut to `maxChars`, or undefined when it cannot be read (gone, a folder, no permission).
 * One readFileSync: Node reads and decodes a whole file in one native call, cheaper than open, fstat, read and close
 * from JavaScript; a file over the cap (rare in source trees) is read whole and then cut.
 */
export function readTextSync(file: string, maxChars: number): string | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    return text.length > maxChars ? text.slice(0, maxChars) : text;
  } catch {
    return undefined;
  }
}

/**
 * Calls `each(file, text)` for each of `files` in order (text undefined when unreadable), reading them in turns.
 * `each` returns false to stop early. Stops (quietly) when `signal` aborts.
 */
export async function readTextsInTurns(
  files: readonly string[],
  pathOf: (file: string) => string,
  maxChars: number,
  each: (file: string, text: string | undefined) => boolean | void,
  signal?: AbortSignal,
): Promise<void> {
  let i = 0;
  while (i < files.length) {
    if (signal?.aborted) return;
    let bytes = 0;
    for (const end = Math.min(files.length, i + TURN_FILES); i < end && bytes < TURN_BYTES; i++) {
      const text = readTextSync(pathOf(files[i]!), maxChars);
      bytes += text?.length ?? 0;
      if (each(files[i]!, text) === false) return;
    }
    if (i < files.length) await new Promise((resolve) => setImmediate(resolve));
  }
}
