import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { verbHelp, verbUsage } from '../../../src/command/args';
import { checkVerb } from '../../../src/command/check/check';
import { CheckApp, runCaptured, synthCheckApp } from '../../helpers/check-app';

// What the command says about bad flags and bad files: one line each, naming the flag or file and what it should be,
// every problem at once, then the short usage line; exit 2 and never a stack trace. And the help text.

const app: CheckApp = synthCheckApp({ 'one.mail.test': {} });
const dir = mkdtempSync(join(tmpdir(), 'check-input-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const badApp = (name: string, manifest: string) => {
  mkdirSync(join(dir, name));
  file(join(name, 'manifest.json'), manifest);
  return join(dir, name);
};

afterAll(() => {
  app.remove();
  rmSync(dir, { recursive: true, force: true });
});

const USAGE = verbUsage(checkVerb);
const HELP = verbHelp(checkVerb);
const OUTPUTS_FILE = 'give the file `cdk deploy --outputs-file` wrote';
const SHAPE = 'is not shaped like the file `cdk deploy --outputs-file` writes ({ "<stack>": { "<output>": "<value>" } })';

test.each<[string, () => string[], string[]]>([
  ['an unknown option', () => ['check', '--bogus'], ["unknown option '--bogus'"]],
  ['a flag without its value', () => ['check', '--app'], ['--app needs a value']],
  ['a flag followed by another flag', () => ['check', '--outputs', '--json'], ['--outputs needs a value']],
  ['flags with empty values', () => ['check', '--nameserver', '', '--stack', ' ', '--outputs', '', '--app', ''],
    ['--nameserver needs a value, got an empty one', '--stack needs a value, got an empty one', '--outputs needs a value, got an empty one', '--app needs a value, got an empty one']],
  ['a flag given twice', () => ['check', '--stack', 'A', '--stack', 'B'], ["--stack is given twice ('A' and 'B'); give it once"]],
  ['--json with --wide', () => ['check', '--json', '--wide'], ['--json and --wide cannot be combined: --json already gives every value whole']],
  ['every bad flag at once', () => ['check', '-x', '--nameserver', '--stack'], ["unknown option '-x'", '--nameserver needs a value', '--stack needs a value']],
  ['every letter of a group of short flags', () => ['check', '-qz'], ["unknown option '-q'", "unknown option '-z'"]],
  ['a value given to a flag that takes none', () => ['check', '--json=yes', '--wide=', '--no-json'],
    ["--json takes no value, got 'yes'", "--wide takes no value, got ''", "unknown option '--no-json'"]],
  ['an inline value', () => ['check', '--app=', '--stack=A', '--stack', 'B'],
    ['--app needs a value, got an empty one', "--stack is given twice ('A' and 'B'); give it once"]],
  ['outputs that are not JSON', () => ['check', '--app', app.outdir, '--outputs', file('cut.json', '{"Mail": {"Key": "v=spf1')],
    [`--outputs ${join(dir, 'cut.json')} is not valid JSON (Unterminated string at position 24): ${OUTPUTS_FILE}`]],
  ['outputs that are another kind of text', () => ['check', '--app', app.outdir, '--outputs', file('text.json', '# notes, not JSON')],
    [`--outputs ${join(dir, 'text.json')} is not valid JSON (Unexpected token '#'): ${OUTPUTS_FILE}`]],
  ['an empty outputs file', () => ['check', '--app', app.outdir, '--outputs', file('empty.json', '')],
    [`--outputs ${join(dir, 'empty.json')} is not valid JSON (Unexpected end of JSON input): ${OUTPUTS_FILE}`]],
  ['outputs that are an array', () => ['check', '--app', app.outdir, '--outputs', file('array.json', '[]')],
    [`--outputs ${join(dir, 'array.json')} ${SHAPE}: it is an array`]],
  ['a stack that is not an object', () => ['check', '--app', app.outdir, '--outputs', file('stack.json', '{"Mail": "x"}')],
    [`--outputs ${join(dir, 'stack.json')} ${SHAPE}: "Mail" is a string`]],
  ['an output value that is not a string', () => ['check', '--app', app.outdir, '--outputs', file('value.json', '{"Mail": {"Records": 5}}')],
    [`--outputs ${join(dir, 'value.json')} ${SHAPE}: "Mail"."Records" is a number`]],
  ['outputs that do not exist', () => ['check', '--app', app.outdir, '--outputs', join(dir, 'none.json')],
    [`--outputs ${join(dir, 'none.json')} does not exist: ${OUTPUTS_FILE}`]],
  ['outputs that are a directory', () => ['check', '--app', app.outdir, '--outputs', dir],
    [`--outputs ${dir} cannot be read (EISDIR): ${OUTPUTS_FILE}`]],
  ['an app directory without a manifest', () => ['check', '--app', '/nonexistent'],
    ['/nonexistent is not a synthesized CDK app (no manifest.json); run cdk synth first or give --app']],
  ['a manifest that is not JSON', () => ['check', '--app', badApp('cut', '{"version": ')],
    [`--app ${join(dir, 'cut')}: ${join(dir, 'cut', 'manifest.json')} is not valid JSON (Unexpected end of JSON input): give the directory \`cdk synth\` wrote (cdk.out)`]],
  ['a manifest that is not an object', () => ['check', '--app', badApp('list', '[1]')],
    [`--app ${join(dir, 'list')}: ${join(dir, 'list', 'manifest.json')} is not a cloud assembly manifest (an object with an artifacts object): give the directory \`cdk synth\` wrote (cdk.out)`]],
  ['a bad app and bad outputs: both reported', () => ['check', '--app', badApp('both', '{'), '--outputs', file('both.json', '{"a": [}')], [
    `--app ${join(dir, 'both')}: ${join(dir, 'both', 'manifest.json')} is not valid JSON (Expected property name or '}' at position 1): give the directory \`cdk synth\` wrote (cdk.out)`,
    `--outputs ${join(dir, 'both.json')} is not valid JSON (Unexpected token '}'): ${OUTPUTS_FILE}`,
  ]],
  ['a domain the app does not have', () => ['check', '--app', app.outdir, 'two.mail.test'], [`no VerifiedMailDomain for two.mail.test in ${app.outdir}`]],
  ['a stack the app does not have', () => ['check', '--app', app.outdir, '--stack', 'Other'], [`no VerifiedMailDomain in stack Other in ${app.outdir}`]],
  ['a bad --nameserver', () => ['check', '--app', app.outdir, '--nameserver', '127.0.0.1:99999'],
    ["bad --nameserver '127.0.0.1:99999': the port '99999' is not a number from 1 to 65535"]],
])('%s: exit 2, one line each, then the usage line', async (_, argv, lines) => {
  const run = await runCaptured(argv());
  expect(run.err).toBe(`${[...lines, USAGE].join('\n')}\n`);
  expect(run.out).toBe('');
  expect(run.code).toBe(2);
});

test.each([[['help', 'check']], [['check', '--help']], [['check', '-h', '--bogus']], [['check', 'help']], [['--help', 'check']]])(
  '%j prints the help text of check and exits 0', async (argv) => {
    const run = await runCaptured(argv);
    expect(run).toEqual({ code: 0, out: HELP, err: '' });
  });

test.each(['--app DIR', '--stack NAME', '--outputs FILE', '--nameserver HOST[:PORT]', '--json', '--wide', '-h, --help', 'DOMAIN...'])(
  'the help text explains %s on a line of its own', (flag) => {
    expect(HELP.split('\n').some((line) => new RegExp(`^  ${flag.replace(/[.[\]]/g, '\\$&')}\\s{2,}\\S`).test(line))).toBe(true);
  });

test('the help text of check, written from its flag definitions', () => {
  expect(HELP).toBe([
    'cdk-verified-mail-domain check: compares live DNS with the records each VerifiedMailDomain of a synthesized CDK app',
    'expects, before and after cdk deploy.',
    '',
    'usage: cdk-verified-mail-domain check [OPTIONS] [DOMAIN...]',
    '       cdk-verified-mail-domain check --help | -h',
    '',
    '  --app DIR                 the synthesized app (cloud assembly) to read; default cdk.out. Run cdk synth first.',
    '  --stack NAME              check only the domains of this stack.',
    '  --outputs FILE            the file `cdk deploy --outputs-file FILE` wrote. The Easy DKIM records exist only after',
    '                            deploy and come from it; without it (or before the stack is in it) they are pending,',
    '                            which is not a failure.',
    '  --nameserver HOST[:PORT]  ask only this server (an IPv6 address with a port: [ADDRESS]:PORT). Default: each',
    '                            domain\'s authoritative name servers, found from its NS records and asked directly.',
    '  --json                    print one JSON object (every row with whole values, the counts, the exit code).',
    '  --wide                    print the table with whole values; by default long values are cut to fit.',
    '  -h, --help                print this text and exit 0.',
    '  DOMAIN...                 check only these domains; default every VerifiedMailDomain of the app.',
    '',
    'Verdicts: ok; missing; different (SPF and DMARC are compared by meaning: spacing, tag order and defaults do not',
    'matter); conflict (a second SPF or DMARC record, a CNAME where a TXT or MX belongs, an MX at the MAIL FROM domain',
    'that points elsewhere, a record set Route53 would refuse to create because it exists); invalid (does not parse, or',
    'the SPF tree breaks a limit); pending (known only after deploy); unreachable (no answer after several tries).',
    '',
    'Bulk sender requirements (Gmail and Yahoo, since February 2024), after the records, per domain: SPF, DKIM, DMARC,',
    'the From aligned, one-click unsubscribe, bounce and complaint feedback, reputation alarms; each ok, missing, pending',
    'or unknown (DNS did not answer), with the reason. They do not change the exit status.',
    '',
    'Exit status: 0 every record holds, pending ones aside (nothing is wrong before the first deploy); 1 a record does',
    'not hold (pending ones do not change that); 2 a bad flag or file, or DNS did not answer.',
    '',
  ].join('\n'));
});

test('the help text keeps every line within 116 characters', () => {
  expect(HELP.split('\n').filter((line) => line.length > 116)).toEqual([]);
});

test('the usage line lists every flag, the exclusive pair together', () => {
  expect(USAGE).toBe('usage: cdk-verified-mail-domain check [--app DIR] [--stack NAME] [--outputs FILE] [--nameserver HOST[:PORT]] [--json | --wide] [DOMAIN...]; see --help');
});

test('the usage line stays one short line and points to --help', () => {
  expect(USAGE).not.toContain('\n');
  expect(USAGE.length).toBeLessThanOrEqual(160);
  expect(USAGE).toMatch(/; see --help$/);
});
