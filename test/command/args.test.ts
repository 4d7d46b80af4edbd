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
  ['an inline value that starts with a dash', ['--dir=-x'], { dir: '-x' }, [], [], []],
  ['an inline value of spaces', ['--dir=  '], {}, [], [], ['--dir needs a value, got an empty one']],
  ['a value flag at the end, then nothing', ['a', '--dir'], {}, [], ['a'], ['--dir needs a value']],
  ['a missing value, then a flag and an operand after it', ['--dir', '-f', 'x'], {}, ['fast'], ['x'], ['--dir needs a value']],
  ['two missing values in a row', ['--dir', '--dir', '--slow'], {}, ['slow'], [], ['--dir needs a value', '--dir needs a value']],
])('%s', (_, argv, values, switches, operands, errors) => {
  const parsed = parseVerbArgs(spec, argv);
  expect(parsed).toEqual({ values, switches: new Set(switches), operands, help: false, errors });
});

test.each([[['-h']], [['--help']], [['help']], [['--bogus', '--help']]])('%j asks for help', (argv) => {
  expect(parseVerbArgs(spec, argv).help).toBe(true);
});

test('the operand help is taken out of the operands', () => {
  expect(parseVerbArgs(spec, ['a', 'help', 'b'])).toEqual({ values: {}, switches: new Set(), operands: ['a', 'b'], help: true, errors: [] });
});

test('a value flag that conflicts with another: given together they are refused, each alone is fine', () => {
  const paired: VerbSpec = {
    name: 'pair',
    summary: 's.',
    flags: [
      { name: 'app', value: 'DIR', help: 'a.', conflicts: { flag: 'file', reason: 'one source' } },
      { name: 'file', value: 'FILE', help: 'f.' },
    ],
  };
  expect(parseVerbArgs(paired, ['--app', 'a', '--file', 'f']).errors).toEqual(['--app and --file cannot be combined: one source']);
  expect(parseVerbArgs(paired, ['--app', 'a']).errors).toEqual([]);
  expect(parseVerbArgs(paired, ['--file', 'f']).errors).toEqual([]);
  expect(verbUsage(paired)).toBe('usage: cdk-verified-mail-domain pair [--app DIR | --file FILE]; see --help');
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

test('a term of 24 characters still shares its line; one of 25 does not', () => {
  expect(helpEntry('x'.repeat(24), 'what.')).toEqual([`  ${'x'.repeat(24)}  what.`]);
  expect(helpEntry('x'.repeat(25), 'what.')).toEqual([`  ${'x'.repeat(25)}`, `${' '.repeat(28)}what.`]);
});

test('a long description wraps at 88 characters, its lines aligned under the first', () => {
  const help = `${'w'.repeat(40)} ${'v'.repeat(47)} tail`;
  expect(helpEntry('--x', help)).toEqual([`  --x${' '.repeat(23)}${'w'.repeat(40)} ${'v'.repeat(47)}`, `${' '.repeat(28)}tail`]);
});

test('a summary and a note longer than the width are wrapped at 116 characters', () => {
  const words = (n: number, letter: string) => Array.from({ length: n }, () => letter.repeat(9)).join(' ');
  const help = verbHelp({ name: 'long', summary: `${words(9, 's')} end.`, flags: [], notes: [`${words(11, 'n')} more ${words(1, 'm')}`] });
  expect(help.split('\n\n').map((block) => block.split('\n'))).toEqual([
    [`cdk-verified-mail-domain long: ${words(8, 's')}`, `${words(1, 's')} end.`],
    ['usage: cdk-verified-mail-domain long [OPTIONS]', '       cdk-verified-mail-domain long --help | -h'],
    ['  -h, --help                print this text and exit 0.'],
    [`${words(11, 'n')} more`, `${words(1, 'm')}`, ''],
  ]);
});

test('the help of a verb without operands or notes: summary, usage, the flags', () => {
  expect(verbHelp({ name: 'bare', summary: 'does little.', flags: [] })).toBe([
    'cdk-verified-mail-domain bare: does little.',
    '',
    'usage: cdk-verified-mail-domain bare [OPTIONS]',
    '       cdk-verified-mail-domain bare --help | -h',
    '',
    '  -h, --help                print this text and exit 0.',
    '',
  ].join('\n'));
});

test('a term too long to share its line puts the description below it', () => {
  expect(helpEntry('--a-very-long-flag-name VALUE', 'what it does.')).toEqual(['  --a-very-long-flag-name VALUE', `${' '.repeat(28)}what it does.`]);
});

test('wrap keeps words whole and lines within the width', () => {
  expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
  expect(wrap('  ', 9)).toEqual([]);
  expect(wrap('one two', 7)).toEqual(['one two']);
  expect(wrap('overlong x', 5)).toEqual(['overlong', 'x']);
  expect(wrap(' one\t two  ', 8)).toEqual(['one two']);
});
