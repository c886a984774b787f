// Stands in for the `debug` package in our bundles (esbuild.mjs `alias`). simple-git and @kwsites/file-exists log
// through `debug`, which prints only when the DEBUG variable names them; an extension host never should, and
// the real module (with supports-color) is ~8 KB of the bundle. This keeps the API they call: a logger per
// namespace with `extend`, `enabled` and `namespace`, and the `formatters` table simple-git adds to.
'use strict';

function createDebug(namespace) {
  const log = () => undefined;
  log.namespace = namespace;
  log.enabled = false;
  log.log = () => undefined;
  log.extend = (sub, delimiter = ':') => createDebug(`${namespace}${delimiter}${sub}`);
  log.destroy = () => true;
  return log;
}
createDebug.formatters = {};
createDebug.enable = () => undefined;
createDebug.disable = () => '';
createDebug.enabled = () => false;
createDebug.default = createDebug;

module.exports = createDebug;
