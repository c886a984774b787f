// In-host entry point of the main (trusted) suite: the extension host loads this bundle
// (dist/test/integration/index.js) as extensionTestsPath and awaits run().
import { runSuites } from './runner';

export function run(): Promise<void> {
  return runSuites(() => import('./suites'));
}
