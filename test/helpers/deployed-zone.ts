// What a deploy to the emulator left in a hosted zone, beside what a template says it should: the zone's
// record sets read back through Route53's ListResourceRecordSets, and a template's record sets with its Easy
// DKIM attributes resolved to the emulator's tokens, both in one comparable form. Shared by the deploy tests.
import { execFile } from 'child_process';
import { readFileSync } from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { startBind } from './bind-server';
import { aws, Emulator, emulatorDkimToken } from './emulator';
import { SPF_INCLUDE_ZONES } from './spf-include-zones';
import { easyDkimResolver, templateRecordSets } from './template-records';
import { fqdn } from '../../src/record-model';
import { VerifiedMailDomain, VerifiedMailDomainProps } from '../../src/verified-mail-domain';
import { readTxtValue, writeZoneFileLines } from '../../src/zone-file';

/** One record set as Route53 lists it: name with the trailing dot, values sorted. */
export interface ZoneRecordSet { readonly name: string; readonly type: string; readonly ttl: number; readonly values: string[] }

export const byNameAndType = (a: ZoneRecordSet, b: ZoneRecordSet) => `${a.name} ${a.type}`.localeCompare(`${b.name} ${b.type}`);

/** Every record set of the zone but its own NS and SOA (which CreateHostedZone makes and no stack owns), sorted. */
export async function zoneRecordSets(emulator: Emulator, zoneId: string, zoneName: string): Promise<ZoneRecordSet[]> {
  const answer = await aws(emulator, ['route53', 'list-resource-record-sets', '--hosted-zone-id', zoneId]);
  return answer.ResourceRecordSets.map((s: any) => ({
    name: s.Name,
    type: s.Type,
    ttl: Number(s.TTL),
    values: (s.ResourceRecords ?? []).map((r: any) => r.Value).sort(),
  })).filter((s: ZoneRecordSet) => !(s.name === fqdn(zoneName) && (s.type === 'NS' || s.type === 'SOA'))).sort(byNameAndType);
}

/** The record sets a template puts in the zone `zoneId`, its Easy DKIM attributes resolved to the emulator's tokens. */
export function expectedRecordSets(template: any, account: string, region: string, zoneId: string): ZoneRecordSet[] {
  const resolve = easyDkimResolver(template, (n, domain) => emulatorDkimToken(account, region, domain, n));
  return templateRecordSets(template).map((s) => {
    if (s.HostedZoneId !== zoneId) throw new Error(`record set ${s.key} is for zone ${JSON.stringify(s.HostedZoneId)}, not ${zoneId}`);
    return { name: fqdn(resolve(s.Name)), type: s.Type, ttl: Number(s.TTL), values: s.ResourceRecords.map(resolve).sort() };
  }).sort(byNameAndType);
}

/** A Route53 change batch deleting these record sets (Route53 deletes a record set given its exact values). */
export function deleteBatch(sets: ZoneRecordSet[]): string {
  return JSON.stringify({
    Changes: sets.map((s) => ({
      Action: 'DELETE',
      ResourceRecordSet: { Name: s.name, Type: s.type, TTL: s.ttl, ResourceRecords: s.values.map((Value) => ({ Value })) },
    })),
  });
}

/** The environment the deploy tests' own apps use (moto's default account). */
export const DEPLOY_ENV = { account: '123456789012', region: 'eu-west-1' };

/** A one-domain app (stack `stackName`, domain of the zone) synthesized into `outdir`; returns its template. */
export function synthDomainApp(outdir: string, stackName: string, zone: { id: string; name: string }, props: Partial<VerifiedMailDomainProps>): any {
  const app = new App({ outdir });
  const stack = new Stack(app, stackName, { env: DEPLOY_ENV });
  const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: zone.id, zoneName: zone.name });
  new VerifiedMailDomain(stack, 'Mail', { hostedZone, ...props });
  app.synth();
  return JSON.parse(readFileSync(path.join(outdir, `${stackName}.template.json`), 'utf8'));
}

const ROOT = path.join(__dirname, '..', '..');

/**
 * `cdk-verified-mail-domain check --json <args> <domain>` against BIND serving `records` as zone `origin`
 * (with the SPF include zones the checks walk), run as a child process as a user runs it; its JSON report.
 */
export async function checkZone(origin: string, records: ZoneRecordSet[], args: string[], domain: string): Promise<any> {
  // Route53's TXT values are zone-file strings; the model holds their text (src/record-model.ts, RecordData).
  const lines = records.flatMap((s) => writeZoneFileLines({ ...s, values: s.values.map((v) => (s.type === 'TXT' ? readTxtValue(v) ?? v : v)) }));
  const server = await startBind([{ origin, records: lines }, ...SPF_INCLUDE_ZONES]);
  try {
    return await new Promise((resolve, reject) => {
      execFile('node', ['-r', 'ts-node/register/transpile-only', 'test/helpers/check-main.ts', 'check', ...args, '--nameserver', server.address, '--json', domain],
        { cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: 'test/tsconfig.json' }, timeout: 60_000, killSignal: 'SIGKILL' },
        (error, stdout, stderr) => (stdout ? resolve(JSON.parse(stdout)) : reject(new Error(`check failed: ${error?.message}\n${stderr}`))));
    });
  } finally {
    await server.stop();
  }
}
