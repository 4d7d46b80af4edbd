import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { HELP, USAGE } from '../../src/check/args';
import { CheckApp, runCaptured, synthCheckApp } from '../helpers/check-app';

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
  ['no command', () => [], ['no command given (the command is check)']],
  ['another command', () => ['verify'], ["unknown command 'verify' (the command is check)"]],
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

test.each([[['help']], [['--help']], [['-h']], [['check', '--help']], [['check', '-h', '--bogus']], [['check', 'help']]])(
  '%j prints the help text and exits 0', async (argv) => {
    const run = await runCaptured(argv);
    expect(run).toEqual({ code: 0, out: HELP, err: '' });
  });

test.each(['--app DIR', '--stack NAME', '--outputs FILE', '--nameserver HOST[:PORT]', '--json', '--wide', '-h, --help', 'DOMAIN...'])(
  'the help text explains %s on a line of its own', (flag) => {
    expect(HELP.split('\n').some((line) => new RegExp(`^  ${flag.replace(/[.[\]]/g, '\\$&')}\\s{2,}\\S`).test(line))).toBe(true);
  });

test('the usage line stays one short line and points to --help', () => {
  expect(USAGE).not.toContain('\n');
  expect(USAGE.length).toBeLessThanOrEqual(160);
  expect(USAGE).toMatch(/; see --help$/);
});
