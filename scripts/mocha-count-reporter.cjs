// Mocha reporter for scripts/test.mjs: the usual spec output for people, plus the
// counts as JSON in the file named by HANDS_ON_MOCHA_COUNTS, so the runner need not
// parse text. CommonJS because mocha loads reporters with require().
const fs = require('node:fs');
const Mocha = require('mocha');

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const out = process.env.HANDS_ON_MOCHA_COUNTS;
      const { passes, failures, pending } = this.stats;
      if (out) fs.writeFileSync(out, JSON.stringify({ passes, failures, pending }));
    });
  }
}

module.exports = CountReporter;
