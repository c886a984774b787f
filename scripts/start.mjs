#!/usr/bin/env node
// `npm start [-- /path/to/folder]`: builds the extension and opens it in development
// mode in a local code-server (VS Code 1.100.3 in the browser), on this repository or
// the given folder. Prints the URL and runs until Ctrl-C.
//   --desktop   use a desktop `code` on PATH instead: code --extensionDevelopmentPath=<repo> <folder>
//   --port N    fixed port (default: a free one)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const desktop = args.includes('--desktop');
const portIdx = args.indexOf('--port');
const port = portIdx >= 0 ? Number(args[portIdx + 1]) : 0;
const positional = args.filter((a, i) => !a.startsWith('--') && i !== portIdx + 1);
const folder = path.resolve(positional[0] ?? root);
if (!fs.existsSync(folder)) {
  console.error(`No such folder: ${folder}`);
  process.exit(1);
}

if (spawnSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);

if (desktop) {
  const which = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  if (which.status !== 0) {
    console.error('--desktop needs the `code` command on PATH (VS Code: "Shell Command: Install \'code\' command in PATH").');
    process.exit(1);
  }
  const child = spawn('code', [`--extensionDevelopmentPath=${root}`, folder], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const { startCodeServer, workbenchUrl } = await import('./host.mjs');
  // Settings and window state persist between runs; a temp extensions dir starts empty each time.
  const userDataDir = path.join(root, '.vscode-test', 'start-user-data');
  const server = await startCodeServer({
    workspace: folder,
    extensionDevelopmentPath: root,
    userDataDir,
    port,
    onLog: (l) => process.env.HANDS_ON_VERBOSE === '1' && console.log(`[server] ${l}`),
  });
  const url = workbenchUrl({ port: server.port, folder, payload: { extensionDevelopmentPath: root } });
  console.log(`\nHands-On (development mode) on ${folder}\n\n  ${url}\n\nOpen that URL in a browser. Rebuild with \`npm run build\` and reload the page. Ctrl-C stops.`);
  // host.mjs stops the server on Ctrl-C/SIGTERM; any other exit of the server is an error.
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { stopping = true; });
  server.exited.then((code) => {
    if (stopping) return;
    console.error(`code-server exited unexpectedly (${code}):\n${server.output.slice(-20).join('\n')}`);
    process.exit(1);
  });
}
