// Bundles the extension and the CLI as CommonJS. `vscode` is provided by the host at run time.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const shared = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  // A silent `debug` for simple-git (see scripts/silent-debug.cjs).
  alias: { debug: './scripts/silent-debug.cjs' },
  // Some dependencies ship ESM only and call createRequire(import.meta.url) (fdir, under tinyglobby);
  // in a CommonJS bundle import.meta is empty, so give it this file's URL.
  define: { 'import.meta.url': '__handsOnImportMetaUrl' },
  banner: { js: "var __handsOnImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

const builds = [
  { ...shared, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  // Loaded on first use of "What Changed Since I Last Coded", so start-up never parses it (src/extension.ts).
  { ...shared, entryPoints: ['src/vscode/drift/whatChanged.ts'], outfile: 'dist/whatChanged.js' },
  // The dashboard panel, loaded on first use of "Show Dashboard" as What Changed is.
  { ...shared, entryPoints: ['src/vscode/dashboard/dashboard.ts'], outfile: 'dist/dashboard.js' },
  // The dashboard webview's script and stylesheet run in the browser, not in Node: none of the Node settings above.
  {
    entryPoints: [
      { in: 'src/webview/dashboard/main.ts', out: 'dashboard' },
      { in: 'src/webview/dashboard/dashboard.css', out: 'dashboard' },
    ],
    outdir: 'dist/webview',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: production,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  },
  // simple-git and the working copy, loaded on first use by Pick Up a Bug and the end of a focus timer (src/vscode/tasks/workingCopyModule.ts).
  { ...shared, entryPoints: ['src/adapters/workingCopy.ts'], outfile: 'dist/workingCopy.js' },
  // The local task scan (every local source, the coverage parsers, picomatch), loaded on the first scan, which runs after
  // start-up (src/vscode/tasks/localTasksModule.ts).
  { ...shared, entryPoints: ['src/adapters/localTasks/index.ts'], outfile: 'dist/localTasks.js' },
  { ...shared, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${shared.banner.js}` } },
  // The integration suite runs inside the extension host, which loads plain CommonJS.
  { ...shared, entryPoints: ['test/integration/index.ts'], outfile: 'dist/test/integration/index.js', external: ['vscode', 'mocha', '@octokit/fixtures'], minify: false, sourcemap: true },
  // The Restricted Mode suite, run in its own code-server with workspace trust on.
  { ...shared, entryPoints: ['test/integration-untrusted/index.ts'], outfile: 'dist/test/integration-untrusted/index.js', external: ['vscode', 'mocha'], minify: false, sourcemap: true },
];

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
