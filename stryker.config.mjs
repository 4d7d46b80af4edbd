// StrykerJS (mutation testing): `MUTATE=src/sending/spf.ts npx projen mutate` mutates one module and runs only
// the test files listed for it below (see TESTING.md). Not part of `npm test` or CI: it is too slow.
// It runs one module at a time, one test process, and incrementally: the result of each module is kept in
// reports/mutation/<module>.incremental.json, so a rerun tests only the mutants whose code or tests changed.

import { createRequire } from 'module';

/**
 * The modules the task covers (each with its score in TESTING.md) and the test files that cover each. Each
 * imports the module directly (not src/index), so jest loads only what it tests; a module not listed is
 * tested by its mirrored test file (src/a/b.ts: test/a/b.test.ts).
 */
const TESTS = {
  'src/validation.ts': ['test/validation.test.ts', 'test/validation-options.test.ts'],
  'src/sending/dmarc-parser.ts': ['test/sending/dmarc-parser.test.ts'],
  'src/sending/dkim.ts': ['test/sending/dkim.test.ts'],
  'src/sending/spf.ts': ['test/sending/spf.test.ts'],
  'src/sending/mail-from.ts': ['test/sending/mail-from.test.ts'],
  'src/sending/dmarc.ts': ['test/sending/dmarc.test.ts'],
  'src/sending/domain-txt.ts': ['test/sending/domain-txt.test.ts'],
  'src/reports/dmarc-reports.ts': [
    'test/reports/dmarc-reports.test.ts', 'test/reports/dmarc-reports-prop.test.ts', 'test/reports/dmarc-reports-input-prop.test.ts',
    'test/reports/dmarc-reports-shared-prop.test.ts',
  ],
  // Its cdk-nag 3 and cfn-guard acknowledgements exist on the newest line only (NEWEST_LINE): test/nag3.test.ts proves them.
  'src/reports/reports-receiving.ts': [
    'test/reports/reports-receiving.test.ts', 'test/reports/dmarc-reports-prop.test.ts', 'test/reports/dmarc-reports-input-prop.test.ts', 'test/nag3.test.ts',
  ],
  'src/domain-resources.ts': ['test/domain-resources.test.ts'],
  'src/reports/mailbox.ts': ['test/reports/dmarc-reports.test.ts', 'test/reports/dmarc-reports-shared-prop.test.ts'],
  'src/guardrails/once.ts': ['test/guardrails/once.test.ts'],
  'src/guardrails/tenant.ts': ['test/guardrails/tenant.test.ts'],
  'src/guardrails/vdm.ts': ['test/guardrails/vdm.test.ts'],
  'src/guardrails/contact-list.ts': ['test/guardrails/contact-list.test.ts', 'test/guardrails/contact-list-app.test.ts'],
  'src/command/check/advice.ts': ['test/command/check/advice.test.ts'],
  // checkDomain against one BIND zone, no app synthesized (the end-to-end check-synthesized.test.ts is too slow per mutant).
  'src/command/check/verdicts.ts': ['test/command/check/verdicts.test.ts'],
  // Not spelling.test.ts, the command against BIND over a synthesized app: it covers the same lines, slowly.
  'src/command/check/equivalence.ts': ['test/command/check/equivalence.test.ts'],
  'src/command/check/spf-eval.ts': ['test/command/check/spf-eval.test.ts'],
  'src/command/args.ts': ['test/command/args.test.ts'],
  // The reports verb's modules: each has a direct test file; the verb itself also through the folder and README runs.
  'src/command/reports/aggregate.ts': ['test/command/reports/aggregate.test.ts'],
  'src/command/reports/unpack.ts': ['test/command/reports/unpack.test.ts'],
  'src/command/reports/summary.ts': ['test/command/reports/summary.test.ts', 'test/command/reports/render.test.ts'],
  'src/command/reports/render.ts': ['test/command/reports/render.test.ts', 'test/command/reports/reports.test.ts'],
  'src/command/reports/reports.ts': ['test/command/reports/reports.test.ts', 'test/command/reports/readme-run.test.ts'],
  'src/command/reports/sources.ts': ['test/command/reports/reports.test.ts', 'test/command/reports/s3.test.ts'],
  'src/zone-file.ts': ['test/zone-file.test.ts'],
  'src/mail-address.ts': ['test/mail-address.test.ts'],
  'src/limit-checks.ts': ['test/limit-checks.test.ts'],
  'src/record-model.ts': ['test/record-model.test.ts'],
  'src/guardrails/thresholds.ts': ['test/guardrails/thresholds.test.ts'],
  'src/guardrails/alarms.ts': ['test/guardrails/alarms.test.ts'],
  // The guard itself: a set it creates (deliverability.test.ts), the user's set it extends (user-set.test.ts),
  // the options it refuses (validation.test.ts), VDM on either (vdm.test.ts), what it tells the check (metadata.test.ts).
  'src/guardrails/deliverability.ts': ['test/guardrails/deliverability.test.ts', 'test/guardrails/user-set.test.ts', 'test/guardrails/validation.test.ts', 'test/guardrails/vdm.test.ts', 'test/guardrails/metadata.test.ts'],
  'src/zone.ts': ['test/zone.test.ts'],
  // The waiter's two Lambda handlers share one test file (the SDK client mocked at the boundary).
  'src/waiter/is-complete.lambda.ts': ['test/waiter/handlers.test.ts'],
  'src/waiter/on-event.lambda.ts': ['test/waiter/handlers.test.ts'],
  // The Lambda handler with the SES client mocked at the SDK boundary, beside the decision it runs (activation.ts).
  'src/receiving/activate.lambda.ts': ['test/receiving/activation.test.ts'],
  // Direct tests in two files: the claims and collisions, and how the zones are keyed and matched by name.
  'src/app-records.ts': ['test/app-records.test.ts', 'test/app-records-zones.test.ts'],
  // The construct itself: its mirrored file and the prop tests that reach each of its lines (zone checks, outputs,
  // rendering, the wait, the deprecated prop, the kinds, the app-wide checks and the MAIL FROM label it passes on, zoneFile).
  'src/verified-mail-domain.ts': ['test/verified-mail-domain.test.ts', 'test/primary-region-prop.test.ts', 'test/record-outputs-prop.test.ts',
    'test/record-set-group.test.ts', 'test/wait-for-verification-prop.test.ts', 'test/deprecated.test.ts', 'test/wrong-kinds.test.ts',
    'test/app-checks-prop.test.ts', 'test/app-checks-mail-from.test.ts', 'test/records.test.ts', 'test/verified-mail-domain-order.test.ts'],
};

/**
 * Modules whose logic runs only on the newest aws-cdk-lib line (APIs the peer floor lacks, found by feature
 * detection): their tests run with aws-cdk-lib and constructs from compat/newest/node_modules, as
 * compat/newest/jest.config.js maps them (absolute paths: the sandbox copy leaves compat/ out).
 */
const NEWEST_LINE = new Set(['src/provider-compliance.ts', 'src/reports/reports-receiving.ts']);
/** compat/newest/jest.config.js's module mapping, its `<rootDir>` made this checkout's absolute path. */
const newestMapper = () => {
  const root = new URL('.', import.meta.url).pathname.replace(/\/$/, '');
  const { moduleNameMapper } = createRequire(import.meta.url)('./compat/newest/jest.config.js');
  return Object.fromEntries(Object.entries(moduleNameMapper).map(([pattern, target]) => [pattern, target.replace('<rootDir>', root)]));
};

const mutate = process.env.MUTATE;
if (!mutate) {
  throw new Error(`Set MUTATE to the module to mutate, e.g. MUTATE=src/sending/spf.ts npx projen mutate (modules covered so far: ${Object.keys(TESTS).join(', ')})`);
}
const tests = TESTS[mutate] ?? [mutate.replace(/^src\//, 'test/').replace(/\.ts$/, '.test.ts')];
const name = mutate.replace(/^src\//, '').replace(/\.ts$/, '').replace(/\//g, '-');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  // The project's jest config (package.json "jest", test/setup.ts included), limited to this module's tests.
  jest: {
    projectType: 'custom',
    enableFindRelatedTests: false,
    config: {
      testMatch: tests.map((t) => `<rootDir>/${t}`),
      collectCoverage: false,
      reporters: ['default'],
      ...(NEWEST_LINE.has(mutate) ? { moduleNameMapper: newestMapper() } : {}),
    },
  },
  coverageAnalysis: 'perTest',
  mutate: [mutate],
  ignoreStatic: true,
  concurrency: 1,
  incremental: true,
  incrementalFile: `reports/mutation/${name}.incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  thresholds: { high: 95, low: 90, break: 95 },
  timeoutMS: 30000,
  tempDirName: '.stryker-tmp',
  // The sandbox copy needs src/, test/ and the bundled Lambda assets, not the build outputs or the newest line.
  ignorePatterns: ['/lib', '/dist', '/cdk.out', '/cdk.out.newest', '/compat', '/.tmp', '/coverage', '/test-reports', '/reports', '/bench', '/examples', '/rosetta', '/.jsii', '/API.md', '/BENCHMARKS.md'],
  cleanTempDir: 'always',
};
