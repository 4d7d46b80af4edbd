// Fixtures of the check command's tests: an app synthesized into a temporary cdk.out, the outputs file
// `cdk deploy --outputs-file` would write for it, the zone-file lines a deploy would leave, and a runner
// that captures what runCheck prints.
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { deployedOutputs } from './template-records';
import { VerifiedMailDomainProps, VerifiedMailDomain } from '../../src';
import { DnsEnvironment } from '../../src/command/check/dns';
import { runCommand } from '../../src/command/cli';
import { renderZoneFileLines } from '../../src/records';

/** A synthesized app and what a deploy of it would leave. */
export interface CheckApp {
  /** The temporary directory holding everything; `remove()` deletes it. */
  readonly dir: string;
  /** The cloud assembly (cdk.out). */
  readonly outdir: string;
  /** The outputs file, with the stack `Mail`. */
  readonly outputsFile: string;
  /** Every record of every domain, as the zone serves it after deploy (Easy DKIM tokens `tok<n><domain without dots>`). */
  readonly zoneLines: string[];
  /** Deletes the directory. */
  remove(): void;
}

/**
 * Synthesizes stack `Mail` (eu-west-1) with one VerifiedMailDomain per entry of `domains`, each in the hosted zone of
 * its last two labels (`a.mail.test` in `mail.test`).
 */
export function synthCheckApp(domains: Record<string, Omit<VerifiedMailDomainProps, 'hostedZone' | 'domainName'>>): CheckApp {
  const dir = mkdtempSync(join(tmpdir(), 'check-app-'));
  const outdir = join(dir, 'cdk.out');
  const outputsFile = join(dir, 'outputs.json');
  const app = new App({ outdir });
  const stack = new Stack(app, 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
  const zones = new Map<string, route53.IHostedZone>();
  const zoneOf = (domainName: string) => {
    const zoneName = domainName.split('.').slice(-2).join('.');
    if (!zones.has(zoneName)) {
      zones.set(zoneName, route53.HostedZone.fromHostedZoneAttributes(stack, `Zone${zones.size}`, { hostedZoneId: `Z${zones.size + 1}`, zoneName }));
    }
    return zones.get(zoneName)!;
  };
  const made = Object.entries(domains)
    .map(([domainName, props]) => new VerifiedMailDomain(stack, domainName, { ...props, hostedZone: zoneOf(domainName), domainName }));
  const outputs = deployedOutputs(app.synth().getStackByName('Mail').template, (n, domain) => `tok${n}${domain.replace(/\W/g, '')}`);
  writeFileSync(outputsFile, JSON.stringify({ Mail: outputs }));
  const dkim = Object.values(outputs).join('\n').split('\n').filter((l) => l.includes('IN CNAME'));
  const zoneLines = made.flatMap((mail) => [
    ...dkim.filter((l) => l.includes(`._domainkey.${mail.domainName}.`)),
    ...mail.records.filter((r) => !r.name.includes('${')).flatMap(renderZoneFileLines),
  ]);
  return { dir, outdir, outputsFile, zoneLines, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** SES's own SPF record, which every record of the construct includes (the real one lists more ranges). */
export const AMAZONSES_ZONE = { origin: 'amazonses.com', records: ['amazonses.com. 300 IN TXT "v=spf1 ip4:199.255.192.0/22 ip4:199.127.232.0/22 -all"'] };

/** What one run printed, and its exit code. */
export interface CheckRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the command with `argv` (after the program name), capturing both streams. */
export async function runCaptured(argv: string[], environment?: DnsEnvironment): Promise<CheckRun> {
  let out = '';
  let err = '';
  const code = await runCommand(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } }, { dns: environment });
  return { code, out, err };
}
