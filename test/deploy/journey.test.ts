// A domain's life after its first deploy, with the real CDK CLI against the AWS emulator (moto with
// test/emulator/'s extension, which follows CloudFormation's update order, DeletionPolicy and rollback):
// a changed prop deployed again (the update lands, nothing is replaced), `cdk destroy` with
// RemovalPolicy.RETAIN (records and identity stay), and the README's move of a stack from
// RECORD_SET_PER_RECORD to record-set groups ("Moving a deployed stack to record-set groups"). Each step
// compares the zone, read back through Route53, with the synthesized record sets exactly. Skipped, with one
// line saying why, where Python with moto is missing.
import { mkdtempSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RemovalPolicy } from 'aws-cdk-lib';
import { RecordRendering } from '../../src/route53-render';
import { Dmarc, DmarcPolicy } from '../../src/sending/dmarc';
import { DEPLOY_ENV, deleteBatch, expectedRecordSets, synthDomainApp, zoneRecordSets } from '../helpers/deployed-zone';
import { aws, cdk, Emulator, emulatorMissing, stackResources, startEmulator } from '../helpers/emulator';

const { account, region } = DEPLOY_ENV;
const LIFE = { id: 'Z0LIFEEXAMPLE001', name: 'example.net' };
const MOVE = { id: 'Z0MOVEEXAMPLE001', name: 'example.org' };

const missing = emulatorMissing();
if (missing) console.log(missing);

(missing ? describe.skip : describe)('a domain deployed, updated, moved and destroyed in the emulator', () => {
  let emulator: Emulator;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'journey-test-'));
  let steps = 0;
  /** Synthesizes the app of `stack` for `zone` with `props` and deploys it; returns the template. */
  async function deploy(stack: string, zone: typeof LIFE, props: object): Promise<any> {
    const outdir = path.join(scratch, `step${++steps}`);
    const template = synthDomainApp(outdir, stack, zone, props);
    await cdk(emulator, ['deploy', stack, '--require-approval', 'never'], 120_000, outdir);
    return template;
  }
  const zone = (z: typeof LIFE) => zoneRecordSets(emulator, z.id, z.name);
  const identities = async () => (await aws(emulator, ['sesv2', 'list-email-identities'], region)).EmailIdentities.map((i: any) => i.IdentityName).sort();
  const status = async (stack: string) => (await aws(emulator, ['cloudformation', 'describe-stacks', '--stack-name', stack], region)).Stacks[0].StackStatus;

  beforeAll(async () => {
    emulator = await startEmulator(['--zone-id', `${LIFE.name}=${LIFE.id}`, '--zone-id', `${MOVE.name}=${MOVE.id}`]);
    for (const z of [LIFE, MOVE]) {
      const created = await aws(emulator, ['route53', 'create-hosted-zone', '--name', z.name, '--caller-reference', z.name]);
      expect(created.HostedZone.Id).toBe(`/hostedzone/${z.id}`);
    }
    const outdir = path.join(scratch, 'bootstrap');
    synthDomainApp(outdir, 'Bootstrap', LIFE, {});
    await cdk(emulator, ['bootstrap', `aws://${account}/${region}`], 90_000, outdir);
  }, 150_000);

  afterAll(async () => {
    await emulator?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }, 15_000);

  test('a changed DMARC policy deployed again lands in the zone, and every resource keeps its physical id', async () => {
    const first = await deploy('Life', LIFE, {});
    expect(await zone(LIFE)).toEqual(expectedRecordSets(first, account, region, LIFE.id));
    expect((await zone(LIFE)).find((s) => s.name === '_dmarc.example.net.')).toEqual({ name: '_dmarc.example.net.', type: 'TXT', ttl: 1800, values: ['"v=DMARC1; p=none"'] });
    const before = await stackResources(emulator, 'Life', region);
    expect(Object.values(before).map((r) => r.type).sort()).toEqual(['AWS::Route53::RecordSetGroup', 'AWS::SES::EmailIdentity']);

    const second = await deploy('Life', LIFE, { dmarc: Dmarc.publish({ policy: DmarcPolicy.QUARANTINE }) });
    const records = await zone(LIFE);
    expect(records).toEqual(expectedRecordSets(second, account, region, LIFE.id));
    expect(records.find((s) => s.name === '_dmarc.example.net.')).toEqual({ name: '_dmarc.example.net.', type: 'TXT', ttl: 1800, values: ['"v=DMARC1; p=quarantine"'] });
    // The same 8 record sets (3 DKIM CNAMEs, the MAIL FROM MX and TXT, SPF, DMARC... ) but for the one value.
    expect(records.filter((s) => s.name !== '_dmarc.example.net.')).toEqual(expectedRecordSets(first, account, region, LIFE.id).filter((s) => s.name !== '_dmarc.example.net.'));
    expect(await stackResources(emulator, 'Life', region)).toEqual(before);
    expect(await status('Life')).toBe('UPDATE_COMPLETE');
  }, 300_000);

  test('with RemovalPolicy.RETAIN, cdk destroy leaves the identity and every record set in place', async () => {
    const retained = await deploy('Life', LIFE, { dmarc: Dmarc.publish({ policy: DmarcPolicy.QUARANTINE }), removalPolicy: RemovalPolicy.RETAIN });
    const deployed = await zone(LIFE);
    expect(deployed).toEqual(expectedRecordSets(retained, account, region, LIFE.id));
    await cdk(emulator, ['destroy', 'Life', '--force'], 90_000, path.join(scratch, `step${steps}`));

    expect(await zone(LIFE)).toEqual(deployed);
    expect(await identities()).toEqual(['example.net']);
    await expect(status('Life')).rejects.toThrow('Stack with id Life does not exist');
  }, 300_000);

  test('the README\'s move to record-set groups: refused while the old records exist, rolled back, then done once they are deleted', async () => {
    const old = await deploy('Move', MOVE, { recordRendering: RecordRendering.RECORD_SET_PER_RECORD, removalPolicy: RemovalPolicy.RETAIN });
    const records = await zone(MOVE);
    expect(records).toEqual(expectedRecordSets(old, account, region, MOVE.id));
    const oldResources = await stackResources(emulator, 'Move', region);
    expect(Object.values(oldResources).filter((r) => r.type === 'AWS::Route53::RecordSet')).toHaveLength(records.length);

    // Step two: switch to the group. Route53 refuses to create the records the old resources still hold.
    const group = synthDomainApp(path.join(scratch, 'move-group'), 'Move', MOVE, { removalPolicy: RemovalPolicy.RETAIN });
    await expect(cdk(emulator, ['deploy', 'Move', '--require-approval', 'never'], 120_000, path.join(scratch, 'move-group')))
      .rejects.toThrow(/Tried to create resource record set \[name='[^']+\.example\.org\.', type='[A-Z]+'\] but it already exists/);
    expect(await status('Move')).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(await zone(MOVE)).toEqual(records);
    expect(await stackResources(emulator, 'Move', region)).toEqual(oldResources);

    // "If Route53 refuses the group, delete the old records in the zone and deploy again at once."
    await aws(emulator, ['route53', 'change-resource-record-sets', '--hosted-zone-id', MOVE.id, '--change-batch', deleteBatch(records)]);
    expect(await zone(MOVE)).toEqual([]);
    await cdk(emulator, ['deploy', 'Move', '--require-approval', 'never'], 120_000, path.join(scratch, 'move-group'));
    expect(await zone(MOVE)).toEqual(expectedRecordSets(group, account, region, MOVE.id));
    expect(await zone(MOVE)).toEqual(records);
    const now = await stackResources(emulator, 'Move', region);
    expect(Object.values(now).map((r) => r.type).sort()).toEqual(['AWS::Route53::RecordSetGroup', 'AWS::SES::EmailIdentity']);
    // The identity was not replaced.
    const identityId = (resources: typeof now) => Object.values(resources).find((r) => r.type === 'AWS::SES::EmailIdentity')!.id;
    expect(identityId(now)).toBe(identityId(oldResources));
  }, 400_000);
});
