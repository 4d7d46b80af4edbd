import { verbHelp, verbUsage } from '../../src/command/args';
import { checkVerb } from '../../src/command/check/check';
import { HELP, main, runCommand, USAGE, VERBS } from '../../src/command/cli';
import { Verb } from '../../src/command/verb';

// The command's verb table: which verb runs, the help of the command and of each verb, and the one-line errors
// for a missing or unknown verb (exit 2, the usage line below, never a stack trace).

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCommand(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

test('the verbs are check and reports', () => {
  expect(VERBS.map((v) => v.name)).toEqual(['check', 'reports']);
});

test('the command\'s help lists each verb with its summary and says where the flags are', () => {
  expect(HELP).toBe([
    'cdk-verified-mail-domain: tools for the VerifiedMailDomain constructs of a CDK app.',
    '',
    'usage: cdk-verified-mail-domain VERB [OPTIONS]',
    '       cdk-verified-mail-domain VERB --help | help VERB',
    '',
    '  check                     compares live DNS with the records each VerifiedMailDomain of a synthesized CDK app',
    '                            expects, before and after cdk deploy.',
    '  reports                   reads DMARC aggregate reports (mail, gzip, zip or XML, from files, folders or S3) and',
    '                            tells, per domain, how much mail passes DMARC, which sources fail, and the next policy',
    '                            step.',
    '',
    'Run cdk-verified-mail-domain VERB --help for the flags, verdicts and exit status of each.',
    '',
  ].join('\n'));
});

test.each([[['help']], [['--help']], [['-h']]])('%j prints the command\'s help and exits 0', async (argv) => {
  expect(await run(argv)).toEqual({ code: 0, out: HELP, err: '' });
});

test.each([[['help', 'check']], [['--help', 'check']], [['check', '--help']]])('%j prints the help of check and exits 0', async (argv) => {
  expect(await run(argv)).toEqual({ code: 0, out: verbHelp(checkVerb), err: '' });
});

test.each<[string, string[], string]>([
  ['no verb', [], 'no command given (the commands are check, reports)'],
  ['an unknown verb', ['verify'], "unknown command 'verify' (the commands are check, reports)"],
  ['a flag where the verb belongs', ['--app', 'cdk.out'], "unknown command '--app' (the commands are check, reports)"],
  ['help for an unknown verb', ['help', 'verify'], "no help for 'verify' (the commands are check, reports)"],
])('%s: one line, the usage line, exit 2', async (_, argv, line) => {
  expect(await run(argv)).toEqual({ code: 2, out: '', err: `${line}\n${USAGE}\n` });
});

test('the usage line names the verbs and points to --help', () => {
  expect(USAGE).toBe('usage: cdk-verified-mail-domain VERB [OPTIONS] (VERB: check | reports); see --help');
});

test('a verb\'s bad flags: each on a line, then the verb\'s usage line, exit 2', async () => {
  expect(await run(['check', '--bogus', '--stack'])).toEqual({ code: 2, out: '', err: `unknown option '--bogus'\n--stack needs a value\n${verbUsage(checkVerb)}\n` });
});

describe('with a third verb', () => {
  const calls: unknown[] = [];
  const other: Verb = {
    name: 'other',
    summary: 's',
    flags: [],
    notes: [],
    run: async (args, _io, environment) => {
      calls.push([args.operands, environment]);
      if (args.operands[0] === 'fail') throw new Error('broken');
      if (args.operands[0] === 'throw') throw 'thrown';
      return 3;
    },
  };
  beforeAll(() => VERBS.push(other));
  afterAll(() => VERBS.pop());

  test('a verb runs with its operands and the environment, its code returned', async () => {
    expect(await run(['nope'])).toEqual({ code: 2, out: '', err: `unknown command 'nope' (the commands are check, reports, other)\n${USAGE}\n` });
    let out = '';
    expect(await runCommand(['other', 'x'], { out: (t) => { out += t; }, err: () => {} }, { dns: { nameServerPort: 1 } })).toBe(3);
    expect(out).toBe('');
    expect(calls).toEqual([[['x'], { dns: { nameServerPort: 1 } }]]);
  });

  test.each<[string, string[], number, string, string]>([
    ['help', ['help'], 0, HELP, ''],
    ['a verb that fails unexpectedly', ['other', 'fail'], 2, '', 'internal error: broken\n'],
    ['a verb that throws what is not an Error', ['other', 'throw'], 2, '', 'internal error: thrown\n'],
    ['a verb\'s exit code', ['other'], 3, '', ''],
    ['an unknown command', ['nope'], 2, '', `unknown command 'nope' (the commands are check, reports, other)\n${USAGE}\n`],
  ])('main(), as the bin runs it: %s', async (_, argv, code, out, err) => {
    const written = { out: '', err: '' };
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((t) => { written.out += t; return true; });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((t) => { written.err += t; return true; });
    const saved = { argv: process.argv, exitCode: process.exitCode };
    process.argv = ['node', 'cdk-verified-mail-domain', ...argv];
    try {
      main();
      await new Promise((resolve) => setImmediate(resolve));
      expect({ code: process.exitCode, ...written }).toEqual({ code, out, err });
    } finally {
      process.argv = saved.argv;
      process.exitCode = saved.exitCode;
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });
});
