// The recorded-answer fake GitHub (test/unit/adapters/github/workspaceGitHub.ts) as a process of its own, for the
// UI tests, which run as plain Node ESM without a TypeScript loader. Started with `node --import tsx`; prints
// one JSON line `{ "baseUrl": … }` and serves until killed. Every request is logged as a JSON line too.
import { startServer } from '../unit/adapters/github/fixtureServer';
import { workspaceGitHub } from '../unit/adapters/github/workspaceGitHub';

async function main(): Promise<void> {
  const { handler } = workspaceGitHub(Date.now());
  const server = await startServer((request) => {
    process.stdout.write(`${JSON.stringify({ method: request.method, url: request.url })}\n`);
    return handler(request);
  });
  process.stdout.write(`${JSON.stringify({ baseUrl: server.baseUrl })}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
