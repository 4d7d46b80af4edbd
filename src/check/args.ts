// The command line of `cdk-verified-mail-domain check`: the flags, the one-line usage shown with an error, the
// help text, and the parser, which reads every argument and reports every problem, not only the first.

/** Shown under every error: short, and it says where the flags are explained. */
export const USAGE = 'usage: cdk-verified-mail-domain check [--app DIR] [--stack NAME] [--outputs FILE] [--nameserver HOST[:PORT]] [--json | --wide] [DOMAIN...]; see --help';

/** Printed by `help`, `--help` and `-h`. */
export const HELP = `cdk-verified-mail-domain check: compares live DNS with the records each VerifiedMailDomain of a
synthesized CDK app expects, before and after cdk deploy.

usage: cdk-verified-mail-domain check [OPTIONS] [DOMAIN...]
       cdk-verified-mail-domain help | --help | -h

  --app DIR                 the synthesized app (cloud assembly) to read; default cdk.out. Run cdk synth first.
  --stack NAME              check only the domains of this stack.
  --outputs FILE            the file \`cdk deploy --outputs-file FILE\` wrote. The Easy DKIM records exist only
                            after deploy and come from it; without it (or before the stack is in it) they are
                            pending, which is not a failure.
  --nameserver HOST[:PORT]  ask only this server (an IPv6 address with a port: [ADDRESS]:PORT). Default: each
                            domain's authoritative name servers, found from its NS records and asked directly.
  --json                    print one JSON object (every row with whole values, the counts, the exit code).
  --wide                    print the table with whole values; by default long values are cut to fit.
  -h, --help                print this text and exit 0.
  DOMAIN...                 check only these domains; default every VerifiedMailDomain of the app.

Verdicts: ok; missing; different (SPF and DMARC are compared by meaning: spacing, tag order and defaults do
not matter); conflict (a second SPF or DMARC record, a CNAME where a TXT or MX belongs, an MX at the MAIL
FROM domain that points elsewhere, a record set Route53 would refuse to create because it exists); invalid
(does not parse, or the SPF tree breaks a limit); pending (known only after deploy); unreachable (no answer
after several tries).

Exit status: 0 every record holds, pending ones aside (nothing is wrong before the first deploy);
1 a record does not hold (pending ones do not change that); 2 a bad flag or file, or DNS did not answer.
`;

/** The command's options, as parsed. */
export interface CheckOptions {
  readonly app: string;
  readonly stack?: string;
  readonly outputs?: string;
  readonly nameserver?: string;
  readonly json: boolean;
  readonly wide: boolean;
  readonly help: boolean;
  readonly domains: string[];
}

type ValueFlag = 'app' | 'stack' | 'outputs' | 'nameserver';
const VALUE_FLAGS: Readonly<Record<string, ValueFlag>> = { '--app': 'app', '--stack': 'stack', '--outputs': 'outputs', '--nameserver': 'nameserver' };
const HELP_WORDS = ['help', '--help', '-h'];

/** Parses the arguments after the program name: the options, and one line for each problem found (none when all is well). */
export function parseArgs(argv: string[]): { options: CheckOptions; errors: string[] } {
  const errors: string[] = [];
  const [command, ...rest] = argv;
  const help = HELP_WORDS.includes(command) || (command === 'check' && rest.some((a) => HELP_WORDS.includes(a)));
  if (command !== 'check' && !help) errors.push(command === undefined ? 'no command given (the command is check)' : `unknown command '${command}' (the command is check)`);
  const values: Partial<Record<ValueFlag, string>> = {};
  const flags = new Set<string>();
  const domains: string[] = [];
  for (let i = 0; command === 'check' && i < rest.length; i++) {
    const arg = rest[i];
    const flag = VALUE_FLAGS[arg];
    if (flag !== undefined) {
      const value = rest[i + 1];
      if (value === undefined || value.startsWith('-')) {
        errors.push(`${arg} needs a value`);
      } else if (value.trim() === '') {
        errors.push(`${arg} needs a value, got an empty one`);
        i++;
      } else {
        if (values[flag] !== undefined) errors.push(`${arg} is given twice ('${values[flag]}' and '${value}'); give it once`);
        values[flag] = value;
        i++;
      }
    } else if (arg === '--json' || arg === '--wide' || HELP_WORDS.includes(arg)) {
      flags.add(arg);
    } else if (arg.startsWith('-')) {
      errors.push(`unknown option '${arg}'`);
    } else {
      domains.push(arg.toLowerCase().replace(/\.$/, ''));
    }
  }
  if (flags.has('--json') && flags.has('--wide')) errors.push('--json and --wide cannot be combined: --json already gives every value whole');
  const options: CheckOptions = {
    app: values.app ?? 'cdk.out',
    ...(values.stack === undefined ? {} : { stack: values.stack }),
    ...(values.outputs === undefined ? {} : { outputs: values.outputs }),
    ...(values.nameserver === undefined ? {} : { nameserver: values.nameserver }),
    json: flags.has('--json'),
    wide: flags.has('--wide'),
    help,
    domains,
  };
  return { options, errors };
}
