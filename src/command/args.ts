import { parseArgs } from 'util';

// The command line of every verb, read by one parser: Node's own util.parseArgs over the flags each verb declares
// as data (FlagSpec), reading every argument and reporting every problem, one line each, not only the first. The
// usage line shown under an error and the --help text are written from the same declarations.

/** The program's name, as the bin is installed. */
export const PROGRAM = 'cdk-verified-mail-domain';

/** One flag of a verb. */
export interface FlagSpec {
  /** The long name without dashes, e.g. 'app' for --app. */
  readonly name: string;
  /** A one-letter alias without its dash, e.g. 'h' for -h. */
  readonly short?: string;
  /** What the value stands for in the usage, e.g. 'DIR'; absent for a flag that takes no value. */
  readonly value?: string;
  /** What the flag does: one or more sentences; the help text wraps them. */
  readonly help: string;
  /** A flag this one cannot be combined with, and why (one phrase). */
  readonly conflicts?: { readonly flag: string; readonly reason: string };
}

/** A verb's command line and help, as data. */
export interface VerbSpec {
  /** The verb, e.g. 'check'. */
  readonly name: string;
  /** What the verb does, one sentence that starts the help text and the command's list of verbs. */
  readonly summary: string;
  /** The flags, in the order the help lists them; -h/--help is added to every verb. */
  readonly flags: FlagSpec[];
  /** The operands after the flags, e.g. { name: 'DOMAIN...', help: '...' }. */
  readonly operands?: { readonly name: string; readonly help: string };
  /** Paragraphs after the flags (verdicts, exit status), as written. */
  readonly notes?: string[];
}

/** What the parser read: each value flag's value, each flag without a value that was given, the operands. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string>>;
  readonly switches: ReadonlySet<string>;
  readonly operands: string[];
  /** True when -h, --help or the operand `help` asks for the verb's help. */
  readonly help: boolean;
  /** One line for each problem found; empty when all is well. */
  readonly errors: string[];
}

/** The flag every verb has. */
export const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', help: 'print this text and exit 0.' };

const flagsOf = (spec: VerbSpec): FlagSpec[] => [...spec.flags, HELP_FLAG];

/**
 * Parses a verb's arguments (after the verb). A value flag followed by something that looks like a flag has no
 * value: the problem is reported and what follows is read as the next flag.
 */
export function parseVerbArgs(spec: VerbSpec, argv: string[]): ParsedArgs {
  const flags = flagsOf(spec);
  const options = Object.fromEntries(flags.map((f) => [f.name, { type: f.value ? 'string' as const : 'boolean' as const, ...(f.short ? { short: f.short } : {}) }]));
  const byName = new Map(flags.map((f) => [f.name, f]));
  const values: Record<string, string> = {};
  const switches = new Set<string>();
  const operands: string[] = [];
  const errors: string[] = [];
  let rest = argv;
  while (rest.length > 0) {
    const { tokens } = parseArgs({ args: rest, options, strict: false, allowPositionals: true, tokens: true });
    let restart: number | undefined;
    for (const token of tokens) {
      if (token.kind === 'positional') {
        operands.push(token.value);
        continue;
      }
      if (token.kind === 'option-terminator') continue;
      const flag = byName.get(token.name);
      if (flag === undefined) {
        errors.push(`unknown option '${token.rawName}'`);
      } else if (flag.value === undefined) {
        if (token.value !== undefined) errors.push(`${token.rawName} takes no value, got '${token.value}'`);
        else switches.add(flag.name);
      } else if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
        errors.push(`${token.rawName} needs a value`);
        // The next argument is a flag of its own: read again from there.
        if (token.value !== undefined) {
          restart = token.index + 1;
          break;
        }
      } else if (token.value.trim() === '') {
        errors.push(`${token.rawName} needs a value, got an empty one`);
      } else if (values[flag.name] !== undefined) {
        errors.push(`${token.rawName} is given twice ('${values[flag.name]}' and '${token.value}'); give it once`);
      } else {
        values[flag.name] = token.value;
      }
    }
    rest = restart === undefined ? [] : rest.slice(restart);
  }
  for (const flag of flags) {
    if (flag.conflicts && (switches.has(flag.name) || values[flag.name] !== undefined)
      && (switches.has(flag.conflicts.flag) || values[flag.conflicts.flag] !== undefined)) {
      errors.push(`--${flag.name} and --${flag.conflicts.flag} cannot be combined: ${flag.conflicts.reason}`);
    }
  }
  const help = switches.has(HELP_FLAG.name) || operands.includes('help');
  return { values, switches, operands: operands.filter((o) => o !== 'help'), help, errors };
}

/** `--app DIR`, `-h, --help`. */
function flagText(flag: FlagSpec): string {
  return `${flag.short ? `-${flag.short}, ` : ''}--${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
}

/** The one-line usage shown under every error: short, and it says where the flags are explained. */
export function verbUsage(spec: VerbSpec): string {
  const paired = new Set(spec.flags.flatMap((f) => (f.conflicts ? [f.conflicts.flag] : [])));
  const parts = spec.flags.filter((f) => !paired.has(f.name)).map((f) => {
    const partner = f.conflicts ? spec.flags.find((p) => p.name === f.conflicts!.flag) : undefined;
    return `[${flagText(f)}${partner ? ` | ${flagText(partner)}` : ''}]`;
  });
  const operands = spec.operands ? ` [${spec.operands.name}]` : '';
  return `${['usage:', PROGRAM, spec.name, ...parts].join(' ')}${operands}; see --help`;
}

const WIDTH = 116;
const INDENT = 28;

/** Words wrapped into lines of at most `width` characters. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A term and its description, the description beside the term, wrapped and aligned: one entry of a help text. */
export function helpEntry(term: string, help: string): string[] {
  const [first, ...more] = wrap(help, WIDTH - INDENT);
  const head = `  ${term}`;
  const lines = head.length + 2 <= INDENT ? [`${head.padEnd(INDENT)}${first}`] : [head, `${' '.repeat(INDENT)}${first}`];
  return [...lines, ...more.map((l) => `${' '.repeat(INDENT)}${l}`)];
}

/** The help text of a verb: what it does, its usage, each flag and operand, then its notes. */
export function verbHelp(spec: VerbSpec): string {
  const operands = spec.operands ? ` [${spec.operands.name}]` : '';
  const blocks = [
    wrap(`${PROGRAM} ${spec.name}: ${spec.summary}`, WIDTH).join('\n'),
    `usage: ${PROGRAM} ${spec.name} [OPTIONS]${operands}\n       ${PROGRAM} ${spec.name} --help | -h`,
    [...flagsOf(spec).flatMap((f) => helpEntry(flagText(f), f.help)), ...(spec.operands ? helpEntry(spec.operands.name, spec.operands.help) : [])].join('\n'),
    ...(spec.notes ?? []).map((note) => wrap(note, WIDTH).join('\n')),
  ];
  return `${blocks.join('\n\n')}\n`;
}
