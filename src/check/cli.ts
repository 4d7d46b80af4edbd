import { CheckOptions, HELP, parseArgs, USAGE } from './args';
import { AppDomain, DeployOutputs, readAssembly, readOutputs } from './assembly';
import { authoritativeServers, DnsLookup, nameserverAddress, NodeDnsLookup } from './dns';
import { QueryPool } from './pool';
import { exitCode, json, table } from './report';
import { checkDomain, Expected, expectedRecords, Row } from './verdicts';

// `cdk-verified-mail-domain check ...` (the flags: ./args.ts): reads the app and the outputs, asks DNS, prints the report.

/** Where the command writes: standard output and standard error by default. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/**
 * Where the command finds DNS when no --nameserver is given: the system resolver, and port 53 of each domain's name
 * servers. Tests point both at a BIND on a loopback port, so the default way (NS records walked) runs for real.
 */
export interface DnsEnvironment {
  /** The resolver's servers. @default - the system's */
  readonly systemServers?: string[];
  /** The port the authoritative name servers are asked on. @default 53 */
  readonly nameServerPort?: number;
}

/** The domains to check, after --stack and DOMAIN...; one line for each name or stack that matches nothing. */
function select(domains: AppDomain[], options: CheckOptions): { chosen: AppDomain[]; errors: string[] } {
  const chosen = domains.filter((d) => (!options.stack || d.stackName === options.stack)
    && (options.domains.length === 0 || options.domains.includes(d.metadata.domain)));
  const unknown = options.domains.filter((name) => !domains.some((d) => d.metadata.domain === name));
  if (unknown.length > 0) return { chosen, errors: [`no VerifiedMailDomain for ${unknown.join(', ')} in ${options.app}`] };
  if (chosen.length === 0) return { chosen, errors: [`no VerifiedMailDomain${options.stack ? ` in stack ${options.stack}` : ''} in ${options.app}`] };
  return { chosen, errors: [] };
}

/** Reads the app and the outputs file, each whatever the other's fate, and reports every problem. */
function readInputs(options: CheckOptions): { domains: AppDomain[]; outputs?: DeployOutputs; errors: string[] } {
  const errors: string[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (e) {
      errors.push((e as Error).message);
      return undefined;
    }
  };
  const all = attempt(() => readAssembly(options.app));
  const outputs = options.outputs === undefined ? undefined : attempt(() => readOutputs(options.outputs!));
  const selected = all === undefined ? { chosen: [], errors: [] } : select(all, options);
  return { domains: selected.chosen, outputs, errors: [...errors, ...selected.errors] };
}

/** Every record of a domain whose name servers cannot be found, as `unreachable` with the reason. */
function unreachable(d: AppDomain, records: Expected[], reason: string): Row[] {
  return records.map((e) => ({
    domain: d.metadata.domain,
    stack: d.stackName,
    purpose: e.purpose,
    name: e.name ? `${e.name}.` : '(after deploy)',
    type: e.type,
    expected: e.values ?? [],
    found: [],
    verdict: 'unreachable' as const,
    detail: reason,
  }));
}

/** Runs the command; returns the exit code (0 all hold, pending aside; 1 some do not; 2 a usage or file error, or DNS unreachable). */
export async function runCheck(argv: string[], io: Io, environment: DnsEnvironment = {}): Promise<number> {
  const parsed = parseArgs(argv);
  const options = parsed.options;
  if (options.help) {
    io.out(HELP);
    return 0;
  }
  const inputs = parsed.errors.length > 0 ? { domains: [], errors: parsed.errors } : readInputs(options);
  if (inputs.errors.length > 0) {
    io.err(`${inputs.errors.join('\n')}\n${USAGE}\n`);
    return 2;
  }
  let fixed: NodeDnsLookup | undefined;
  // One pool for every query of the run, whichever server it goes to.
  const pool = new QueryPool();
  if (options.nameserver) {
    try {
      fixed = new NodeDnsLookup([await nameserverAddress(options.nameserver)], { pool });
    } catch (e) {
      io.err(`${(e as Error).message}\n${USAGE}\n`);
      return 2;
    }
  }
  const system = fixed ?? new NodeDnsLookup(environment.systemServers, { pool });
  const perDomain = await Promise.all(inputs.domains.map(async (d) => {
    const { records, deployed } = expectedRecords(d, inputs.outputs);
    let lookup: DnsLookup;
    try {
      lookup = fixed ?? new NodeDnsLookup(await authoritativeServers(d.metadata.domain, system, environment.nameServerPort), { pool });
    } catch (e) {
      return unreachable(d, records, (e as Error).message);
    }
    return checkDomain(d, records, deployed, lookup, system);
  }));
  const rows = perDomain.flat();
  io.out(options.json ? json(rows) : table(rows, { wide: options.wide }));
  return exitCode(rows);
}

/** The bin's entry point. */
export function main(): void {
  runCheck(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  }).then((code) => { process.exitCode = code; }, (e) => {
    // Never expected: every input error is reported as one line above. Keep it one line here too.
    process.stderr.write(`internal error: ${(e as Error).message ?? e}\n`);
    process.exitCode = 2;
  });
}
