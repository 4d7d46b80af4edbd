// Preloaded (`node -r`) into the CDK CLI the deploy tests run (test/helpers/emulator.ts, `cdk`): the CLI's one
// 16 MB bundle, node_modules/aws-cdk/lib/index.js, compiled with a V8 code cache instead of from its source at
// every run, what Node 22's module.enableCompileCache() does (Node 20 has no such switch). The code run is
// the CLI's own, unchanged; only its compilation is cached: 0.4 s of CPU in each of the suite's 17 CLI runs.
// The cache sits in node_modules/.cache/, keyed by the bundle's size and time and by Node's version; a cache
// V8 rejects is written anew. Every other module loads as Node loads it.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');

const ROOT = path.join(__dirname, '..', '..');
const bundle = fs.realpathSync(path.join(ROOT, 'node_modules', 'aws-cdk', 'lib', 'index.js'));
const stat = fs.statSync(bundle);
const key = crypto.createHash('sha256').update(`${bundle} ${stat.size} ${stat.mtimeMs} ${process.version} ${process.arch}`).digest('hex').slice(0, 16);
const cacheFile = path.join(ROOT, 'node_modules', '.cache', 'cdk-code-cache', `${key}.bin`);

// The bundle's dynamic import()s need the main context's loader in a vm.Script (Node >= 20.12).
const loader = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;

const compile = Module.prototype._compile;
Module.prototype._compile = function compileWithCache(content, filename) {
  if (filename !== bundle || loader === undefined) return compile.call(this, content, filename);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // the first run writes it
  }
  const script = new vm.Script(Module.wrap(content), {
    filename,
    cachedData,
    importModuleDynamically: loader,
  });
  if (cachedData === undefined || script.cachedDataRejected) {
    // Written at exit, so that it holds the functions the run compiled, not only the top level.
    process.once('exit', () => {
      const partial = `${cacheFile}.${process.pid}`;
      try {
        fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
        fs.writeFileSync(partial, script.createCachedData());
        fs.renameSync(partial, cacheFile);
      } catch {
        fs.rmSync(partial, { force: true }); // no cache this time: the next run compiles again
      }
    });
  }
  const require = Module.createRequire(filename);
  return script.runInThisContext().call(this.exports, this.exports, require, this, filename, path.dirname(filename));
};
