// Jest on the newest aws-cdk-lib (`npx projen test:newest`): the project's own jest configuration
// (package.json), with aws-cdk-lib, constructs and the validation packages taken from
// compat/newest/node_modules, and its own junit report. The types the tests compile against stay
// those of the peer floor; the code runs on the newest release.
const path = require('path');

const root = path.join(__dirname, '..', '..');
const base = require(path.join(root, 'package.json')).jest;
const newest = '<rootDir>/compat/newest/node_modules';

module.exports = {
  ...base,
  rootDir: root,
  collectCoverage: false,
  // The emulator's tests (test/emulator/, test/deploy/) run once, on the floor line: they deploy the floor's
  // cdk.out, and the apps the journey deploys are synthesized with the floor's aws-cdk-lib (minutes each).
  testPathIgnorePatterns: [...base.testPathIgnorePatterns, '<rootDir>/test/emulator/', '<rootDir>/test/deploy/'],
  moduleNameMapper: {
    '^(aws-cdk-lib|constructs|cdk-nag|@cdklabs/cdk-validator-cfnguard)$': `${newest}/$1`,
    '^(aws-cdk-lib|constructs|cdk-nag|@cdklabs/cdk-validator-cfnguard)/(.*)$': `${newest}/$1/$2`,
  },
  reporters: ['default', ['jest-junit', { outputDirectory: 'test-reports', outputName: 'junit-newest.xml' }]],
};
