import { verbHelp } from '../../src/command/args';
import { checkVerb } from '../../src/command/check/check';
import { HELP, runCommand, USAGE, VERBS } from '../../src/command/cli';

// The command's verb table: which verb runs, the help of the command and of each verb, and the one-line errors
// for a missing or unknown verb (exit 2, the usage line below, never a stack trace).

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCommand(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

test('the verbs are check', () => {
  expect(VERBS.map((v) => v.name)).toEqual(['check']);
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
  ['no verb', [], 'no command given (the command is check)'],
  ['an unknown verb', ['verify'], "unknown command 'verify' (the command is check)"],
  ['a flag where the verb belongs', ['--app', 'cdk.out'], "unknown command '--app' (the command is check)"],
  ['help for an unknown verb', ['help', 'reports'], "no help for 'reports' (the command is check)"],
])('%s: one line, the usage line, exit 2', async (_, argv, line) => {
  expect(await run(argv)).toEqual({ code: 2, out: '', err: `${line}\n${USAGE}\n` });
});

test('the usage line names the verbs and points to --help', () => {
  expect(USAGE).toBe('usage: cdk-verified-mail-domain VERB [OPTIONS] (VERB: check); see --help');
});
