/**
 * A local GitHub stand-in on 127.0.0.1 (random port) serving recorded responses from @octokit/fixtures.
 *
 * The records are read straight from the package's JSON files: that is all `fixtures.get(name)` does, and
 * importing the package's index would load nock 13, which patches Node's http for the whole mocha process.
 * (Its mock() cannot intercept Octokit 22's fetch anyway; facts.md.)
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface FixtureRecord {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly response: unknown;
  readonly headers: Record<string, string | number>;
}

const SCENARIOS = join(dirname(require.resolve('@octokit/fixtures/package.json')), 'scenarios', 'api.github.com');

/** Same as `fixtures.get(name)`: the normalised records of one scenario. */
export function scenario(name: string): FixtureRecord[] {
  return JSON.parse(readFileSync(join(SCENARIOS, name, 'normalized-fixture.json'), 'utf8')) as FixtureRecord[];
}

export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export interface SeenRequest {
  readonly method: string;
  /** Path without the /api/v3 prefix, with query. */
  readonly url: string;
  readonly pathname: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  /** The JSON request body (POST, PATCH…), when there was one. */
  readonly body?: unknown;
}

export interface Reply {
  readonly status: number;
  readonly headers?: Record<string, string | number>;
  readonly body?: unknown;
}

/** 'hang' never answers (a dead server); 'reset' destroys the socket. */
export type Handler = (request: SeenRequest) => Reply | 'hang' | 'reset' | Promise<Reply>;

export interface FixtureServer {
  /** GHE-style base: exercises the /api/v3 normalisation. */
  readonly baseUrl: string;
  readonly seen: SeenRequest[];
  handler: Handler;
  close(): Promise<void>;
}

export async function startServer(handler: Handler): Promise<FixtureServer> {
  const sockets = new Set<Socket>();
  const seen: SeenRequest[] = [];
  const state = { handler };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const full = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = full.pathname.replace(/^\/api\/v3/, '');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const request: SeenRequest = { method: req.method ?? 'GET', url: pathname + full.search, pathname, query: full.searchParams, headers: req.headers, ...(body !== undefined && { body }) };
      seen.push(request);
      answer(request, req, res);
    });
  });
  const answer = (request: SeenRequest, req: IncomingMessage, res: ServerResponse): void => {
    void Promise.resolve(state.handler(request)).then((reply) => {
      if (reply === 'hang') return;
      if (reply === 'reset') return void req.socket.destroy();
      const body = reply.body === undefined || reply.status === 304 ? '' : JSON.stringify(reply.body);
      const headers: Record<string, string | number> = { ...reply.headers };
      // Recorded headers carry the recorded length; ours differs after edits.
      delete headers['content-length'];
      delete headers['connection'];
      if (body) headers['content-type'] = 'application/json; charset=utf-8';
      res.writeHead(reply.status, headers).end(body);
    });
  };
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v3`,
    seen,
    get handler() {
      return state.handler;
    },
    set handler(h: Handler) {
      state.handler = h;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
