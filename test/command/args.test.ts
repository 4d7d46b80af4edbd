import { helpEntry, parseVerbArgs, VerbSpec, verbHelp, verbUsage, wrap } from '../../src/command/args';

// The one parser of every verb (util.parseArgs over flags declared as data), on a verb of the test's own: every
// problem reported, one line each; the usage line and the help written from the same declarations.

const spec: VerbSpec = {
  name: 'demo',
  summary: 'does nothing, for the test.',
  flags: [
    { name: 'dir', value: 'DIR', help: 'a directory.' },
    { name: 'fast', short: 'f', help: 'go fast.', conflicts: { flag: 'slow', reason: 'pick one' } },
    { name: 'slow', help: 'go slow.' },
  ],
  operands: { name: 'NAME...', help: 'names.' },
  notes: ['Exit status: 0.'],
};

test.each<[string, string[], Record<string, string>, string[], string[], string[]]>([
  ['nothing', [], {}, [], [], []],
  ['a value, a switch by its letter, operands', ['--dir', 'x', '-f', 'a', 'b'], { dir: 'x' }, ['fast'], ['a', 'b'], []],
  ['an inline value', ['--dir=x'], { dir: 'x' }, [], [], []],
  ['operands after --, even if they look like flags', ['--', '--dir'], {}, [], ['--dir'], []],
  ['a value that looks like a flag: the flag is read as one', ['--dir', '--fast'], {}, ['fast'], [], ['--dir needs a value']],
  ['a missing value at the end', ['--slow', '--dir'], {}, ['slow'], [], ['--dir needs a value']],
  ['an empty value', ['--dir', ''], {}, [], [], ['--dir needs a value, got an empty one']],
  ['a value given twice', ['--dir', 'a', '--dir=b'], { dir: 'a' }, [], [], ["--dir is given twice ('a' and 'b'); give it once"]],
  ['unknown flags, long and short, each reported', ['--bogus', '-xy', '--dir', 'd'], { dir: 'd' }, [], [], ["unknown option '--bogus'", "unknown option '-x'", "unknown option '-y'"]],
  ['a value for a switch', ['--fast=1'], {}, [], [], ["--fast takes no value, got '1'"]],
  ['two flags that conflict', ['--slow', '-f'], {}, ['slow', 'fast'], [], ['--fast and --slow cannot be combined: pick one']],
])('%s', (_, argv, values, switches, operands, errors) => {
  const parsed = parseVerbArgs(spec, argv);
  expect(parsed).toEqual({ values, switches: new Set(switches), operands, help: false, errors });
});

test.each([[['-h']], [['--help']], [['help']], [['--bogus', '--help']]])('%j asks for help', (argv) => {
  expect(parseVerbArgs(spec, argv).help).toBe(true);
});

test('the usage line lists every flag, a conflicting pair as one choice, then the operands', () => {
  expect(verbUsage(spec)).toBe('usage: cdk-verified-mail-domain demo [--dir DIR] [-f, --fast | --slow] [NAME...]; see --help');
});

test('the usage line of a verb without flags has one space before its operands', () => {
  expect(verbUsage({ ...spec, flags: [] })).toBe('usage: cdk-verified-mail-domain demo [NAME...]; see --help');
  expect(verbUsage({ ...spec, flags: [], operands: undefined })).toBe('usage: cdk-verified-mail-domain demo; see --help');
});

test('the help: summary, usage, each flag and operand beside its description, the notes', () => {
  expect(verbHelp(spec)).toBe([
    'cdk-verified-mail-domain demo: does nothing, for the test.',
    '',
    'usage: cdk-verified-mail-domain demo [OPTIONS] [NAME...]',
    '       cdk-verified-mail-domain demo --help | -h',
    '',
    '  --dir DIR                 a directory.',
    '  -f, --fast                go fast.',
    '  --slow                    go slow.',
    '  -h, --help                print this text and exit 0.',
    '  NAME...                   names.',
    '',
    'Exit status: 0.',
    '',
  ].join('\n'));
});

test('a term too long to share its line puts the description below it', () => {
  expect(helpEntry('--a-very-long-flag-name VALUE', 'what it does.')).toEqual(['  --a-very-long-flag-name VALUE', `${' '.repeat(28)}what it does.`]);
});

test('wrap keeps words whole and lines within the width', () => {
  expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
  expect(wrap('  ', 9)).toEqual([]);
});
