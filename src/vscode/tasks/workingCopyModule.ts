import * as path from 'path';
import type * as WorkingCopyModule from '../../adapters/workingCopy';

/**
 * The working-copy adapter, loaded on first use. It carries simple-git (about 60 KB of the bundle), and only
 * Pick Up a Bug and the end of a focus timer need it, so it is its own bundle (dist/workingCopy.js, esbuild.mjs)
 * and start-up never parses it. Types come from `import type`, which costs nothing at run time.
 */
export function workingCopyModule(): typeof WorkingCopyModule {
  return require(path.join(__dirname, 'workingCopy.js')) as typeof WorkingCopyModule;
}
