import { AppDomain, DeployOutputs, readAssembly, readOutputs } from './assembly';
import { authoritativeServers, DnsLookup, nameserverAddress, NodeDnsLookup } from './dns';
import { exitCode, json, table } from './report';
import { checkDomain, expectedRecords, Row } from './verdicts';

// `cdk-verified-mail-domain check [--app DIR] [--stack NAME] [--outputs FILE] [--nameserver HOST[:PORT]] [--json] [DOMAIN...]`

export const USAGE = 'usage: cdk-verified-mail-domain check [--app DIR] [--stack NAME] [--outputs FILE] [--nameserver HOST[:PORT]] [--json] [DOMAIN...]';

/** The command's options, as parsed. */
export interface CheckOptions {
  readonly app: string;
  readonly stack?: string;
  readonly outputs?: string;
  readonly nameserver?: string;
  readonly json: boolean;
  readonly domains: string[];
}

/** Where the command writes: standard output and standard error by default. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

class UsageError extends Error {}

/** Parses the arguments after the program name; throws a UsageError with what is wrong. */
export function parseArgs(argv: string[]): CheckOptions {
  const [command, ...rest] = argv;
  if (command !== 'check') throw new UsageError(command === undefined ? 'no command given' : `unknown command '${command}'`);
  const options: { app: string; json: boolean; domains: string[]; stack?: string; outputs?: string; nameserver?: string } = { app: 'cdk.out', json: false, domains: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--app': options.app = value(); break;
      case '--stack': options.stack = value(); break;
      case '--outputs': options.outputs = value(); break;
      case '--nameserver': options.nameserver = value(); break;
      case '--json': options.json = true; break;
      default:
        if (arg.startsWith('--')) throw new UsageError(`unknown option '${arg}'`);
        options.domains.push(arg.toLowerCase().replace(/\.$/, ''));
    }
  }
  return options;
}

/** The domains to check, after --stack and DOMAIN... */
function select(domains: AppDomain[], options: CheckOptions): AppDomain[] {
  const chosen = domains.filter((d) => (!options.stack || d.stackName === options.stack)
    && (options.domains.length === 0 || options.domains.includes(d.metadata.domain)));
  const unknown = options.domains.filter((name) => !domains.some((d) => d.metadata.domain === name));
  if (unknown.length > 0) throw new UsageError(`no VerifiedMailDomain for ${unknown.join(', ')} in ${options.app}`);
  if (chosen.length === 0) throw new UsageError(`no VerifiedMailDomain${options.stack ? ` in stack ${options.stack}` : ''} in ${options.app}`);
  return chosen;
}

/** Runs the command; returns the exit code (0 all hold, 1 some do not, 2 usage error or DNS unreachable). */
export async function runCheck(argv: string[], io: Io): Promise<number> {
  let options: CheckOptions;
  let domains: AppDomain[];
  let outputs: DeployOutputs | undefined;
  try {
    options = parseArgs(argv);
    domains = select(readAssembly(options.app), options);
    outputs = options.outputs ? readOutputs(options.outputs) : undefined;
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  let rows: Row[];
  try {
    const fixed = options.nameserver ? new NodeDnsLookup([await nameserverAddress(options.nameserver)]) : undefined;
    const system = fixed ?? new NodeDnsLookup(undefined);
    const perDomain = await Promise.all(domains.map(async (d) => {
      const { records, deployed } = expectedRecords(d, outputs);
      const lookup: DnsLookup = fixed ?? new NodeDnsLookup(await authoritativeServers(d.metadata.domain, system));
      return checkDomain(d, records, deployed, lookup, system);
    }));
    rows = perDomain.flat();
  } catch (e) {
    io.err(`cannot reach DNS: ${(e as Error).message}\n`);
    return 2;
  }
  io.out(options.json ? json(rows) : table(rows));
  return exitCode(rows);
}

/** The bin's entry point. */
export function main(): void {
  runCheck(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  }).then((code) => { process.exitCode = code; }, (e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exitCode = 2;
  });
}
