import * as path from 'path';
import type * as LocalTasksModule from '../../adapters/localTasks';

/**
 * The local task scan, loaded on first use. It carries every local source, the coverage parsers, picomatch and the
 * core judgements only they use (well over 100 KB of the bundle), and the first scan runs after start-up anyway, so it
 * is its own bundle (dist/localTasks.js, esbuild.mjs) and start-up never parses it. Types come from `import type`,
 * which costs nothing at run time.
 */
export function localTasksModule(): typeof LocalTasksModule {
  return require(path.join(__dirname, 'localTasks.js')) as typeof LocalTasksModule;
}
