import { helpEntry, parseVerbArgs, PROGRAM, verbHelp, verbUsage } from './args';
import { checkVerb } from './check/check';
import { reportsVerb } from './reports/reports';
import { CommandEnvironment, Io, Verb } from './verb';

// `cdk-verified-mail-domain VERB ...`: the bin's entry point and the table of verbs. A verb is a module of its own
// (./check/check.ts, ./reports/reports.ts); adding one is an entry in VERBS.

/** Every verb, in the order the help lists them. */
export const VERBS: Verb[] = [checkVerb, reportsVerb];

const HELP_WORDS = ['help', '--help', '-h'];
const names = () => VERBS.map((v) => v.name);
const known = () => `the commands are ${names().join(', ')}`;

/** Shown under an error that comes before any verb. */
export const USAGE = `usage: ${PROGRAM} VERB [OPTIONS] (VERB: ${names().join(' | ')}); see --help`;

/** Printed by `help`, `--help` and `-h`: the verbs, and where each one's flags are explained. */
export const HELP = [
  `${PROGRAM}: tools for the VerifiedMailDomain constructs of a CDK app.`,
  '',
  `usage: ${PROGRAM} VERB [OPTIONS]`,
  `       ${PROGRAM} VERB --help | help VERB`,
  '',
  ...VERBS.flatMap((v) => helpEntry(v.name, v.summary)),
  '',
  `Run ${PROGRAM} VERB --help for the flags, verdicts and exit status of each.`,
  '',
].join('\n');

/** Runs the command line `argv` (after the program name); returns the exit code. */
export async function runCommand(argv: string[], io: Io, environment: CommandEnvironment = {}): Promise<number> {
  const [word, ...rest] = argv;
  const verb = VERBS.find((v) => v.name === word);
  if (verb === undefined) {
    if (HELP_WORDS.includes(word)) {
      const about = VERBS.find((v) => v.name === rest[0]);
      if (rest[0] === undefined || about) {
        io.out(about ? verbHelp(about) : HELP);
        return 0;
      }
      io.err(`no help for '${rest[0]}' (${known()})\n${USAGE}\n`);
      return 2;
    }
    io.err(`${word === undefined ? `no command given (${known()})` : `unknown command '${word}' (${known()})`}\n${USAGE}\n`);
    return 2;
  }
  const parsed = parseVerbArgs(verb, rest);
  if (parsed.help) {
    io.out(verbHelp(verb));
    return 0;
  }
  if (parsed.errors.length > 0) {
    io.err(`${parsed.errors.join('\n')}\n${verbUsage(verb)}\n`);
    return 2;
  }
  return verb.run(parsed, io, environment);
}

/** The bin's entry point. */
export function main(): void {
  // Output piped into a reader that stops early (`| head`): the rest of the output has nowhere to go, which is no error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  runCommand(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  }).then((code) => { process.exitCode = code; }, (e) => {
    // Never expected: every input error is reported as one line. Keep it one line here too.
    process.stderr.write(`internal error: ${(e as Error).message ?? e}\n`);
    process.exitCode = 2;
  });
}
