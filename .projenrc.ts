import { readFileSync } from 'fs';
import { awscdk, javascript, JsonFile } from 'projen';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-verified-mail-domain',
  description:
    'One-line Amazon SES sending domain for AWS CDK: Easy DKIM, custom MAIL FROM, SPF, DMARC and inbound MX in Route53, every record checked at synth time.',
  author: 'cdk-verified-mail-domain developers',
  authorAddress: 'dev@cdk-verified-mail-domain.invalid',
  repositoryUrl: 'https://github.com/cdk-verified-mail-domain/cdk-verified-mail-domain.git',
  keywords: ['cdk', 'awscdk', 'aws-cdk', 'ses', 'dkim', 'spf', 'dmarc', 'email', 'route53', 'mail-from'],
  license: 'Apache-2.0',

  // The lowest aws-cdk-lib that has everything src/ uses: Annotations.addWarningV2 arrived in 2.93.0.
  cdkVersion: '2.93.0',
  constructsVersion: '10.0.5',
  jsiiVersion: '~6.0.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  // jsii targets, named the way each ecosystem names things (pip/Maven/NuGet/Go modules).
  publishToPypi: {
    distName: 'cdk-verified-mail-domain',
    module: 'cdk_verified_mail_domain',
  },
  publishToMaven: {
    mavenGroupId: 'io.github.cdk-verified-mail-domain',
    mavenArtifactId: 'cdk-verified-mail-domain',
    javaPackage: 'io.github.cdkverifiedmaildomain',
  },
  publishToNuget: {
    dotNetNamespace: 'CdkVerifiedMailDomain',
    packageId: 'CdkVerifiedMailDomain',
  },
  publishToGo: {
    moduleName: 'github.com/cdk-verified-mail-domain/cdk-verified-mail-domain-go',
    packageName: 'cdkverifiedmaildomain',
  },

  // CI is .ci/run on a clean clone; no GitHub workflows are generated.
  github: false,
  release: false,

  // The verification waiter's handlers (src/waiter/*.lambda.ts) are bundled by esbuild at build
  // time; they run on the current Node.js Lambda runtime, whose AWS SDK v3 they use (not bundled).
  lambdaOptions: { runtime: awscdk.LambdaRuntime.NODEJS_24_X },

  devDeps: [
    // Types for the isComplete handler and its tests; Lambda's Node.js runtime provides the SDK.
    '@aws-sdk/client-sesv2@^3',
    // The receipt rule set activation handler (SES API v1: rule sets) and its tests at the SDK boundary.
    '@aws-sdk/client-ses@^3',
    'aws-sdk-client-mock@4.1.0',
    // The CDK CLI synthesizes the example app (`npm run example`).
    'aws-cdk@^2.1148.0',
    // cdk-nag 3.x needs aws-cdk-lib >= 2.257; 2.27.231 is the last 2.27 release, for aws-cdk-lib ^2.78.
    'cdk-nag@2.27.231',
    // The integration test (test/integ.*.ts): integ-tests-alpha built for the peer floor, and the
    // runner that compares its committed snapshot without AWS.
    '@aws-cdk/integ-tests-alpha@2.93.0-alpha.0',
    '@aws-cdk/integ-runner@2.197.10',
    // Mutation testing (`npx projen mutate`, see CONTRIBUTING.md): StrykerJS 9.6.1 is the newest for Node 20.
    '@stryker-mutator/core@9.6.1',
    '@stryker-mutator/jest-runner@9.6.1',
    // The `reports` command reads DMARC reports with these, bundled into assets/command/ (see CONTRIBUTING.md):
    // MIME mail, zip archives, XML, and s3:// paths. Users install none of them.
    'postal-mime@4.0.0',
    'fflate@0.8.3',
    'saxes@6.0.0',
    '@aws-sdk/client-s3@^3',
  ],
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'projenrc', '.projenrc.ts'],
  },
  // `cdk-verified-mail-domain check` (and the verbs to come): live DNS against the synthesized app (src/command/).
  bin: { 'cdk-verified-mail-domain': 'bin/cdk-verified-mail-domain' },
  gitignore: ['cdk.out/', 'cdk.out.newest/', '.tmp/', '.jsii.tabl.json', '.stryker-tmp/', 'reports/mutation/', '/.deploy-update-*/'],
  jestOptions: {
    jestConfig: {
      // Every template a test synthesizes is checked for the limits AWS enforces (test/helpers/invariants.ts).
      setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
      // Stryker's sandbox copies of the project (`npx projen mutate`) are not part of the suite.
      modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
      // Test files run in a worker process that is replaced once it holds more than this after a file, instead of
      // in jest's own process (its choice with one worker on two cores), where memory grew over the run and every
      // file late in it paid seconds: the floor suite took 994 s in band and 458 s so, the six deploy and
      // emulator files 162 s and 82 s (one machine, busy alike both times).
      workerIdleMemoryLimit: '1GB',
    },
  },
});

// The registry here lacks some platform bindings of unrs-resolver 1.13.0 (pulled in by the eslint
// import resolver), which makes `npm ci` fail on a fresh clone; 1.12.2 has all of them.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// The README's TypeScript examples are compiled by jsii-rosetta in strict mode against
// rosetta/default.ts-fixture; the assembly is marked strict, so Construct Hub translates them the same way.
project.package.file.addOverride('jsii.metadata', { jsii: { rosetta: { strict: true } } });
const rosettaTask = project.addTask('rosetta:extract', {
  description: 'Compile every TypeScript example of the README (strict) and translate it for each jsii language',
  exec: 'jsii-rosetta extract --strict',
});

// The integration test's snapshot (test/integ.*.snapshot) is compared without AWS; `integ:update`
// rewrites it after an intended change.
const integTask = project.addTask('integ', {
  description: 'Compare the integration test snapshot (no deploy, no AWS credentials)',
  exec: 'integ-runner --language typescript --dry-run',
});
project.addTask('integ:update', {
  description: 'Rewrite the integration test snapshot (no deploy, no AWS credentials)',
  exec: 'integ-runner --language typescript --dry-run --update-on-failed',
});

// API.md documents the API against the declared floor: jsii-docgen's own command reads every .jsii
// below node_modules, newer copies nested in tools included (see projenrc/api-docs.ts).
project.tasks.tryFind('docgen')!.reset('ts-node --project projenrc/tsconfig.json projenrc/api-docs.ts');

// jest transpiles each test file alone (isolatedModules) and never type-checks it; the type-level tests
// (a @ts-expect-error line, a literal of an internal type) hold only under a type check of test/.
const typecheckTests = project.addTask('typecheck:test', {
  description: 'Type-checks the tests (jest transpiles them without checking types)',
  exec: 'tsc --noEmit -p test/tsconfig.json',
});

// `npm test` runs everything CI checks: jsii compile, API.md generation, README examples, the tests'
// types, jest, the integ snapshot, eslint.
const testTask = project.testTask;
testTask.prependSpawn(typecheckTests);
testTask.prependSpawn(integTask);
testTask.prependSpawn(rosettaTask);
testTask.prependSpawn(project.tasks.tryFind('post-compile')!);
testTask.prependSpawn(project.compileTask);
testTask.prependSpawn(project.preCompileTask);

// The example app and the benchmark are type-checked and linted like the tests, each with its own
// projen-managed tsconfig.
for (const dir of ['examples', 'bench']) {
  new javascript.TypescriptConfig(project, {
    fileName: `${dir}/tsconfig.json`,
    extends: javascript.TypescriptConfigExtends.fromPaths(['../tsconfig.json']),
    compilerOptions: { noEmit: true, rootDir: '..' },
    include: ['**/*.ts'],
    exclude: ['node_modules'],
  });
}

// `npm run example`: synthesize the example app into cdk.out/ without AWS credentials.
// The command (bin/cdk-verified-mail-domain) runs from one esbuild bundle, assets/command/cli/index.js: its
// readers of DMARC reports use libraries the construct does not depend on, and a user of the construct installs
// none of them. Built with the Lambda bundles at pre-compile.
project.bundler.addBundle('./src/command/cli.ts', { platform: 'node', target: 'node20', sourcemap: false });
project.eslint?.allowDevDeps('src/command/reports/**');

const exampleTask = project.addTask('example', {
  description: 'Synthesize the example app (examples/app.ts) into cdk.out/',
});
// The waiter's Lambda bundles (assets/) are built first: the example runs src/ through ts-node.
exampleTask.spawn(project.preCompileTask);
exampleTask.exec('cdk synth --app "ts-node --project examples/tsconfig.json examples/app.ts" --output cdk.out --quiet --no-notices --no-version-reporting');

// `npm run emulator -- --port <port>`: the AWS emulator (moto's server with test/emulator/'s extension) in the
// foreground on 127.0.0.1, for deploying the example by hand (CONTRIBUTING.md); stops on SIGTERM. Python with
// moto 5.2.1: EMULATOR_PYTHON, else python3 on the PATH. Not part of `npm test` (see test/deploy/).
project.addTask('emulator', {
  description: 'Start the AWS emulator (moto with test/emulator/) in the foreground: npm run emulator -- --port <port>',
  exec: 'bash -c \'exec "${EMULATOR_PYTHON:-python3}" test/emulator/emulator.py "$@"\' emulator',
  receiveArgs: true,
});

// `npm run bench`: synth cost per domain against hand-wired aws-cdk-lib, then the `reports` command's reading speed
// and memory beside Debian's dmarc-cat over a generated corpus (not part of `npm test`; needs Debian's `time` and
// `dmarc-cat` packages). The command runs from its bundle, built first.
const benchTask = project.addTask('bench', {
  description: 'Benchmark synth cost per domain against hand-wired aws-cdk-lib, and reading DMARC reports against dmarc-cat (see BENCHMARKS.md)',
});
benchTask.spawn(project.tasks.tryFind('bundle')!);
benchTask.exec('ts-node --project bench/tsconfig.json bench/synth.ts');
benchTask.exec('ts-node --project bench/tsconfig.json bench/reports.ts');

// `MUTATE=src/sending/spf.ts npx projen mutate`: StrykerJS over one module and its own tests (stryker.config.mjs,
// TESTING.md); incremental, one test process, lowered priority. Not part of `npm test`: too slow for it.
project.addTask('mutate', {
  description: 'Mutation testing of one module (MUTATE=src/<module>.ts) with StrykerJS; scores in TESTING.md',
  exec: 'nice -n 10 stryker run stryker.config.mjs',
  receiveArgs: true,
});

// `npm run package:python`: the Python wheel and sdist in dist/python without PyPI. jsii-pacmak's own
// Python step pip-installs pinned build tools; instead it only writes the sources, and Debian's
// python3-build (the system interpreter, /usr/bin/python3) builds them with the installed setuptools.
const packagePython = project.tasks.tryFind('package:python')!;
packagePython.reset('rm -rf dist/python .tmp/pacmak');
packagePython.exec('jsii-pacmak -v --target python --code-only --outdir .tmp/pacmak');
packagePython.exec('/usr/bin/python3 -m build --no-isolation --skip-dependency-check --outdir dist/python .tmp/pacmak/python');

// The second line the suite runs on: the newest aws-cdk-lib with cdk-nag 3 and cfn-guard, pinned in
// projenrc/newest.json and compat/newest/package-lock.json (`newest:bump` moves them to the newest
// releases). The project's code runs on it through a module mapping (jest) or a require hook (node).
const newest: Record<string, string> = JSON.parse(readFileSync('projenrc/newest.json', 'utf8'));
new JsonFile(project, 'compat/newest/package.json', {
  obj: {
    name: 'cdk-verified-mail-domain-newest',
    private: true,
    description: 'The newest aws-cdk-lib and the validation packages the suite also runs on (see .projenrc.ts)',
    dependencies: newest,
  },
});
const compatInstall = project.addTask('newest:install', {
  description: 'Install the newest aws-cdk-lib line into compat/newest/node_modules (from its lock)',
  exec: 'npm ci --prefix compat/newest --no-audit --no-fund --loglevel=error',
});
const testNewest = project.addTask('test:newest', {
  description: 'Run the jest suite on the newest aws-cdk-lib (compat/newest)',
  exec: 'jest --passWithNoTests --config compat/newest/jest.config.js',
});
const exampleNewest = project.addTask('example:newest', {
  description: 'Synthesize the example app on the newest aws-cdk-lib into cdk.out.newest/',
  exec: 'cdk synth --app "ts-node -T -r ./compat/newest/resolve.js --project examples/tsconfig.json examples/app.ts" --output cdk.out.newest --quiet --no-notices --no-version-reporting',
});
project.addTask('newest:bump', {
  description: 'Move compat/newest to the newest releases of aws-cdk-lib, constructs, cdk-nag and cfn-guard',
  exec: 'ts-node --project projenrc/tsconfig.json projenrc/bump-newest.ts',
});
testTask.spawn(compatInstall);
testTask.spawn(testNewest);
testTask.spawn(exampleNewest);

// The package users get: `package:js` builds the npm tarball (dist/js) from the compiled lib/ and the
// bundled assets/; test/package-check.ts inspects it and synthesizes the README's examples from it
// in a scratch app on the newest aws-cdk-lib line.
const testPackage = project.addTask('test:package', {
  description: 'Build the npm tarball, inspect it and synthesize the README examples from it on the newest aws-cdk-lib',
});
testPackage.spawn(project.tasks.tryFind('package:js')!);
testPackage.exec('ts-node --project test/tsconfig.json test/package-check.ts');
testTask.spawn(testPackage);

project.addPackageIgnore('/compat/');
project.addPackageIgnore('/rosetta/');
project.addPackageIgnore('/BENCHMARKS.md');
project.addPackageIgnore('/CONTRIBUTING.md');
project.addPackageIgnore('/TESTING.md');
project.addPackageIgnore('/stryker.config.mjs');
// What a mutation run leaves behind (git-ignored): its reports and its sandbox.
project.addPackageIgnore('/reports/');
project.addPackageIgnore('/.stryker-tmp/');
project.addPackageIgnore('/.jsii.tabl.json');
project.addPackageIgnore('/cdk.out.newest/');
project.addPackageIgnore('/examples/');
project.addPackageIgnore('/bench/');
project.addPackageIgnore('/cdk.out/');
project.addPackageIgnore('/.ci/');

project.synth();
