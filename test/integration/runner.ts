// Shared in-host bootstrap for every suite bundle (test/integration, test/integration-untrusted):
// each bundle's index.ts exports run(), which the extension host awaits as extensionTestsPath.
// Results also go to a JSON file named by HANDS_ON_TEST_RESULTS, because the browser-side
// exit code only says pass/fail, not how many tests ran.
import * as fs from 'node:fs';
import Mocha from 'mocha';

interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

/**
 * Runs the suites that `loadSuites` defines. Pass `() => import('./suites')`: the host loads
 * one esbuild bundle, so suites are bundled modules, not files mocha can load. describe/it
 * are defined first, then the import is evaluated; esbuild makes a dynamic import lazy, so
 * the suite bodies run only then, inside this mocha's root suite.
 */
export async function runSuites(loadSuites: () => Promise<unknown>, label = 'integration'): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'suites', mocha);
  await loadSuites();

  const results: TestResult[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
    runner.on('pending', (t) => results.push({ title: t.fullTitle(), state: 'pending' }));
    // 'fail' also fires for hooks; a failed before() counts as one failure.
    runner.on('fail', (t, err: Error) => results.push({ title: t.fullTitle(), state: 'failed', error: err?.stack ?? String(err) }));
  });

  const summary = {
    passes: results.filter((r) => r.state === 'passed').length,
    failures,
    pending: results.filter((r) => r.state === 'pending').length,
    tests: results,
  };
  const out = process.env.HANDS_ON_TEST_RESULTS;
  if (out) fs.writeFileSync(out, JSON.stringify(summary, null, 2));
  if (failures > 0) throw new Error(`${failures} ${label} test(s) failed`);
}
