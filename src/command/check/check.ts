import { AppDomain, DeployOutputs, readAssembly, readOutputs } from './assembly';
import { bulkSenderRows, CheckedDomain } from './bulk-sender';
import { authoritativeServers, DnsEnvironment, DnsLookup, nameserverAddress, NodeDnsLookup } from './dns';
import { QueryPool } from './pool';
import { exitCode, json, table } from './report';
import { CheckedRecord, checkDomain, DomainCheck, Expected, expectedRecords, Row } from './verdicts';
import { ParsedArgs, verbUsage } from '../args';
import { Io, Verb } from '../verb';

// `cdk-verified-mail-domain check ...`: its flags as data, and the run: reads the app and the outputs, asks DNS,
// prints the report.

/** The check's options, as parsed. */
export interface CheckOptions {
  readonly app: string;
  readonly stack?: string;
  readonly outputs?: string;
  readonly nameserver?: string;
  readonly json: boolean;
  readonly wide: boolean;
  readonly domains: string[];
}

/** The check's options from what the parser read. */
function checkOptions(args: ParsedArgs): CheckOptions {
  const { app, stack, outputs, nameserver } = args.values;
  return {
    app: app ?? 'cdk.out',
    stack,
    outputs,
    nameserver,
    json: args.switches.has('json'),
    wide: args.switches.has('wide'),
    domains: args.operands.map((d) => d.toLowerCase().replace(/\.$/, '')),
  };
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
function unreachable(d: AppDomain, records: Expected[], reason: string): DomainCheck {
  return {
    records: records.map((e): CheckedRecord => ({
      expected: e,
      row: {
        domain: d.metadata.domain,
        stack: d.stackName,
        purpose: e.purpose,
        name: e.name ? `${e.name}.` : '(after deploy)',
        type: e.type,
        expected: e.values ?? [],
        found: [],
        verdict: 'unreachable',
        detail: reason,
      },
    })),
    evaluations: [],
  };
}

/** Runs the check; returns the exit code (0 all hold, pending aside; 1 some do not; 2 a file error, or DNS unreachable). */
async function runCheck(options: CheckOptions, io: Io, environment: DnsEnvironment): Promise<number> {
  const inputs = readInputs(options);
  if (inputs.errors.length > 0) {
    io.err(`${inputs.errors.join('\n')}\n${verbUsage(checkVerb)}\n`);
    return 2;
  }
  let fixed: NodeDnsLookup | undefined;
  // One pool for every query of the run, whichever server it goes to.
  const pool = new QueryPool();
  if (options.nameserver) {
    try {
      fixed = new NodeDnsLookup([await nameserverAddress(options.nameserver)], { pool });
    } catch (e) {
      io.err(`${(e as Error).message}\n${verbUsage(checkVerb)}\n`);
      return 2;
    }
  }
  const system = fixed ?? new NodeDnsLookup(environment.systemServers, { pool });
  const perDomain = await Promise.all(inputs.domains.map(async (d): Promise<{ checked: CheckedDomain; rows: Row[] }> => {
    const { records, deployed } = expectedRecords(d, inputs.outputs);
    let lookup: DnsLookup | undefined;
    let reason = '';
    try {
      lookup = fixed ?? new NodeDnsLookup(await authoritativeServers(d.metadata.domain, system, environment.nameServerPort), { pool });
    } catch (e) {
      reason = (e as Error).message;
    }
    const check = lookup ? await checkDomain(d, records, deployed, lookup, system) : unreachable(d, records, reason);
    return { checked: { domain: d, records: check.records }, rows: [...check.records.map((r) => r.row), ...check.evaluations] };
  }));
  const rows = perDomain.flatMap((p) => p.rows);
  const bulk = bulkSenderRows(perDomain.map((p) => p.checked));
  io.out(options.json ? json(rows, bulk) : table(rows, { wide: options.wide }, bulk));
  return exitCode(rows);
}

/** `cdk-verified-mail-domain check`. */
export const checkVerb: Verb = {
  name: 'check',
  summary: 'compares live DNS with the records each VerifiedMailDomain of a synthesized CDK app expects, before and after cdk deploy.',
  flags: [
    { name: 'app', value: 'DIR', help: 'the synthesized app (cloud assembly) to read; default cdk.out. Run cdk synth first.' },
    { name: 'stack', value: 'NAME', help: 'check only the domains of this stack.' },
    {
      name: 'outputs',
      value: 'FILE',
      help: 'the file `cdk deploy --outputs-file FILE` wrote. The Easy DKIM records exist only after deploy and come from it; '
        + 'without it (or before the stack is in it) they are pending, which is not a failure.',
    },
    {
      name: 'nameserver',
      value: 'HOST[:PORT]',
      help: 'ask only this server (an IPv6 address with a port: [ADDRESS]:PORT). Default: each domain\'s authoritative name servers, '
        + 'found from its NS records and asked directly.',
    },
    {
      name: 'json',
      help: 'print one JSON object (every row with whole values, the counts, the exit code).',
      conflicts: { flag: 'wide', reason: '--json already gives every value whole' },
    },
    { name: 'wide', help: 'print the table with whole values; by default long values are cut to fit.' },
  ],
  operands: { name: 'DOMAIN...', help: 'check only these domains; default every VerifiedMailDomain of the app.' },
  notes: [
    'Verdicts: ok; missing; different (SPF and DMARC are compared by meaning: spacing, tag order and defaults do not matter); '
      + 'conflict (a second SPF or DMARC record, a CNAME where a TXT or MX belongs, an MX at the MAIL FROM domain that points elsewhere, '
      + 'a record set Route53 would refuse to create because it exists); invalid (does not parse, or the SPF tree breaks a limit); '
      + 'pending (known only after deploy); unreachable (no answer after several tries).',
    'Bulk sender requirements (Gmail and Yahoo, since February 2024), after the records, per domain: SPF, DKIM, DMARC, the From aligned, '
      + 'one-click unsubscribe, bounce and complaint feedback, reputation alarms; each ok, missing, pending or unknown (DNS did not answer), '
      + 'with the reason. They do not change the exit status.',
    'Exit status: 0 every record holds, pending ones aside (nothing is wrong before the first deploy); 1 a record does not hold '
      + '(pending ones do not change that); 2 a bad flag or file, or DNS did not answer.',
  ],
  run: (args, io, environment) => runCheck(checkOptions(args), io, environment.dns ?? {}),
};
