'use strict';
// Builds the addon with node-gyp. Never fails the app's `npm install`: without
// a C compiler (or on a refusal of any kind) it says so and exits 0, and
// Corelanes uses its /proc sampler instead (docs/sampling.md).
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

// node-gyp downloads Node's headers unless told where they are. Node ships
// them next to its binary (official tarballs, nvm, Debian's /usr/include/node),
// which keeps the build offline.
function nodedirArgs() {
  if (process.env.npm_config_nodedir) return [];
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? [`--nodedir=${prefix}`] : [];
}

function nodeGyp() {
  const bundled = process.env.npm_config_node_gyp;
  if (bundled && existsSync(bundled)) return [process.execPath, [bundled]];
  return ['node-gyp', []];
}

const [cmd, pre] = nodeGyp();
const result = spawnSync(cmd, [...pre, 'rebuild', ...nodedirArgs()], { cwd: __dirname, stdio: 'inherit', shell: false });
if (result.status !== 0) {
  const why = result.error ? result.error.message : `node-gyp exited with ${result.status ?? result.signal}`;
  console.warn(
    `corelanes: the exact scheduling source (perf switch records) was not built: ${why}.\n` +
      'corelanes: the /proc sampler will be used. To build it: install a C compiler and make ' +
      '(Debian/Ubuntu: apt-get install build-essential), then run `npm rebuild corelanes-switch-records`.',
  );
}
