/**
 * Runs a git command that writes its output to a temporary file (`--output=<file>`, which `git log` and `git diff`
 * accept) and reads that file line by line while git is still writing it. Node only.
 *
 * Why not a pipe (GitGateway.streamLines): git stops writing whenever the pipe's 64 KiB are full, that is whenever
 * Node's main thread has been busy for ~20 ms (the other sources' parsing, a garbage collection, spawning the next
 * git). The history walk prints ~3.4 MB on the bench repository, and while the scan's other work ran it took
 * ~0.5 s longer than the same walk alone (measured). A file never makes git wait.
 *
 * The file lives in a fresh private folder (mkdtemp: mode 0700) and is deleted when the command ends, whatever
 * happens. It holds what the command prints: here commit subjects and paths of the user's own repository.
 */
import { mkdtempSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { GitGateway, GitResult, GitRunOptions } from '../gitProcess';

/** How often the file is read while git runs; short enough that parsing keeps up with the walk. */
const POLL_MS = 10;
const CHUNK_BYTES = 1 << 20;

/**
 * `args(file)` must make git write to `file` (`--output=<file>`), and `args(undefined)` to stdout: that is the
 * fallback when no temporary folder can be made. Same contract as GitGateway.streamLines: resolves for any exit
 * code (stdout is empty), rejects with the gateway's errors; an exception thrown by `onLine` stops git and rejects.
 */
export async function streamLinesViaFile(
  git: GitGateway,
  args: (file: string | undefined) => readonly string[],
  options: GitRunOptions,
  onLine: (line: string) => void,
): Promise<GitResult> {
  let dir: string;
  try {
    // Synchronous on purpose (one quick syscall): git starts in this same tick, before other queued work runs.
    dir = mkdtempSync(path.join(os.tmpdir(), 'hands-on-git-'));
  } catch {
    return git.streamLines(args(undefined), options, onLine);
  }
  const file = path.join(dir, 'out');
  // onLine failing must stop git too: abort through our own signal, chained to the caller's.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) stop.abort();
  let handle: FileHandle | undefined;
  try {
    let finished = false;
    const run = git.run(args(file), { ...options, signal: stop.signal }).finally(() => (finished = true));
    run.catch(() => undefined); // observed below; keeps an early rejection from being reported as unhandled
    const reader = new LineReader(onLine);
    const readAvailable = async () => {
      // git creates the file as it parses its options; until then there is nothing to read.
      handle ??= await open(file, 'r').catch(() => undefined);
      if (handle) await reader.readFrom(handle);
    };
    while (!finished) {
      try {
        await readAvailable();
      } catch (err) {
        stop.abort();
        await run.catch(() => undefined);
        throw err;
      }
      await Promise.race([run.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, POLL_MS))]);
    }
    const result = await run;
    await readAvailable();
    reader.end();
    return result;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await handle?.close().catch(() => undefined);
    // Retries: on Windows a git just killed (timeout, cancel) may hold the file for a moment.
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }
}

class LineReader {
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private readonly decoder = new StringDecoder('utf8');
  private position = 0;
  private carry = '';

  constructor(private readonly onLine: (line: string) => void) {}

  async readFrom(handle: FileHandle): Promise<void> {
    for (;;) {
      const { bytesRead } = await handle.read(this.buffer, 0, CHUNK_BYTES, this.position);
      if (bytesRead === 0) return;
      this.position += bytesRead;
      // A line (or a UTF-8 sequence) cut at the end of what git has written so far is finished on the next read.
      const lines = (this.carry + this.decoder.write(this.buffer.subarray(0, bytesRead))).split('\n');
      this.carry = lines.pop() ?? '';
      for (const line of lines) this.onLine(line);
    }
  }

  end(): void {
    const rest = this.carry + this.decoder.end();
    this.carry = '';
    if (rest) this.onLine(rest);
  }
}
