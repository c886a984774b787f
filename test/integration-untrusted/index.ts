// In-host entry point of the Restricted Mode suite (dist/test/integration-untrusted/index.js).
// scripts/test.mjs opens it in a code-server with workspace trust ENABLED, on a repo whose
// .git/config runs a script if git ever touches it. Same bootstrap as the main suite.
import { runSuites } from '../integration/runner';

export function run(): Promise<void> {
  return runSuites(() => import('./restricted.test'), 'untrusted');
}
