// Preloaded with `node -r` (or ts-node -r): resolves aws-cdk-lib, constructs and the validation
// packages from compat/newest/node_modules, so that the project's own code and examples run on the
// newest aws-cdk-lib without a second copy of the project. Everything else resolves as usual.
const Module = require('module');
const path = require('path');

const NEWEST = path.join(__dirname, 'node_modules');
const PACKAGES = ['aws-cdk-lib', 'constructs', 'cdk-nag', '@cdklabs/cdk-validator-cfnguard'];
const resolve = Module._resolveFilename;

Module._resolveFilename = function resolveNewest(request, parent, ...rest) {
  const pkg = PACKAGES.find((p) => request === p || request.startsWith(`${p}/`));
  if (pkg) {
    return resolve.call(this, request, parent, false, { paths: [NEWEST] });
  }
  return resolve.call(this, request, parent, ...rest);
};
