// Every integration suite, imported statically so esbuild bundles it into index.js.
// Add a line per new `*.test.ts` file in this folder.
import './probe.test';
import './tracking.test';
import './commands.test';
import './backfill.test';
import './faults.test';
import './tasks.test';
import './focus.test';
import './github.test';
import './whatChanged.test';
import './dashboard.test';
import './nudge.test';
