// A domain's life after its first deploy, with the real CDK CLI against the AWS emulator (moto with
// test/emulator/'s extension, which follows CloudFormation's update order, DeletionPolicy and rollback):
// a changed prop deployed again (the update lands, nothing is replaced), `cdk destroy` with
// RemovalPolicy.RETAIN (records and identity stay), and the README's move of a stack from
// RECORD_SET_PER_RECORD to record-set groups ("Moving a deployed stack to record-set groups"), and the
// adoption of a zone that already has SPF, DMARC and MX records with the check command's advice ("Adopting
// a domain that already has records"), and the rule-set activator, run during the deploy, refusing to
// replace another active set, and the verification waiter, run during the deploy, failing it when SES
// has not verified the domain in time (its records are in a private zone, which SES never sees; the
// example's deploy, test/deploy/example.test.ts, shows the waiter passing). Each step
// compares the zone, read back through Route53, with the synthesized record sets exactly. Skipped, with one
// line saying why, where Python with moto is missing.
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import { InboundMail } from '../../src/inbound-mail';
import { ReceiptRuleSetChoice } from '../../src/receiving/rule-sets';
import { RecordRendering } from '../../src/route53-render';
import { Dmarc, DmarcPolicy } from '../../src/sending/dmarc';
import { Spf } from '../../src/sending/spf';
import { VerificationWait } from '../../src/verification';
import { checkZone, DEPLOY_ENV, deleteBatch, expectedRecordSets, synthDomainApp, ZoneRecordSet, zoneRecordSets } from '../helpers/deployed-zone';
import { aws, cdk, Emulator, emulatorMissing, stackResources, startEmulator } from '../helpers/emulator';

const { account, region } = DEPLOY_ENV;
const LIFE = { id: 'Z0LIFEEXAMPLE001', name: 'example.net' };
const MOVE = { id: 'Z0MOVEEXAMPLE001', name: 'example.org' };
const ADOPT = { id: 'Z0ADOPTEXAMPLE01', name: 'example.info' };
const RECEIVE = { id: 'Z0RECEIVEEXAMP01', name: 'example.edu' };
const WAIT = { id: 'Z0WAITEXAMPLE001', name: 'example.dev' };

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
    emulator = await startEmulator([LIFE, MOVE, ADOPT, RECEIVE, WAIT].flatMap((z) => ['--zone-id', `${z.name}=${z.id}`]));
    const outdir = path.join(scratch, 'bootstrap');
    synthDomainApp(outdir, 'Bootstrap', LIFE, {});
    // The CDK CLI bootstraps while the AWS CLI makes the zones (two processes, two cores).
    const bootstrap = cdk(emulator, ['bootstrap', `aws://${account}/${region}`], 90_000, outdir);
    // The waiter's zone is private, so SES never finds its records (test/emulator/ses_verification.py).
    const vpc = (await aws(emulator, ['ec2', 'create-vpc', '--cidr-block', '10.0.0.0/16'], region)).Vpc.VpcId;
    for (const z of [LIFE, MOVE, ADOPT, RECEIVE, WAIT]) {
      const privately = z === WAIT ? ['--vpc', `VPCRegion=${region},VPCId=${vpc}`, '--hosted-zone-config', 'PrivateZone=true'] : [];
      const created = await aws(emulator, ['route53', 'create-hosted-zone', '--name', z.name, '--caller-reference', z.name, ...privately]);
      expect(created.HostedZone.Id).toBe(`/hostedzone/${z.id}`);
    }
    await bootstrap;
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

  test('adopting a zone with SPF, DMARC and MX records: refused and rolled back, then deployed with the check\'s advice applied', async () => {
    const existing: ZoneRecordSet[] = [
      { name: 'example.info.', type: 'MX', ttl: 300, values: ['10 mx1.example.info.'] },
      { name: 'example.info.', type: 'TXT', ttl: 300, values: ['"google-site-verification=abc123"', '"v=spf1 include:_spf.google.com ~all"'] },
      { name: '_dmarc.example.info.', type: 'TXT', ttl: 300, values: ['"v=DMARC1; p=none; rua=mailto:dmarc@example.info"'] },
    ];
    const create = JSON.stringify({ Changes: existing.map((s) => ({ Action: 'CREATE', ResourceRecordSet: JSON.parse(deleteBatch([s])).Changes[0].ResourceRecordSet })) });
    await aws(emulator, ['route53', 'change-resource-record-sets', '--hosted-zone-id', ADOPT.id, '--change-batch', create]);
    const sorted = [...existing].sort((a, b) => `${a.name} ${a.type}`.localeCompare(`${b.name} ${b.type}`));
    expect(await zone(ADOPT)).toEqual(sorted);

    // The first deploy, with the one prop the owner knows (the MX host), is refused and rolled back.
    const naive = path.join(scratch, 'adopt-naive');
    synthDomainApp(naive, 'Adopt', ADOPT, { inboundMail: InboundMail.servers([{ host: 'mx1.example.info', priority: 10 }]) });
    await expect(cdk(emulator, ['deploy', 'Adopt', '--require-approval', 'never'], 120_000, naive))
      .rejects.toThrow(/Tried to create resource record set \[name='(_dmarc\.)?example\.info\.', type='(TXT|MX)'\] but it already exists/);
    expect(await status('Adopt')).toBe('ROLLBACK_COMPLETE');
    expect(await zone(ADOPT)).toEqual(sorted);
    expect(await identities()).not.toContain('example.info');

    // The check command, against the zone as it is and before the first deploy (an outputs file without
    // the stack, as the failed deploy's), says which props reproduce each record.
    const outputs = path.join(scratch, 'adopt-outputs.json');
    writeFileSync(outputs, '{}');
    const report = await checkZone(ADOPT.name, existing, ['--app', naive, '--outputs', outputs], ADOPT.name);
    const then = (type: string, name: string) => `then delete the existing ${type} record set ${name} and run cdk deploy at once`;
    expect(report.records.filter((r: any) => r.advice).map((r: any) => r.advice).sort()).toEqual([
      `dmarc: Dmarc.publish({ policy: DmarcPolicy.NONE, aggregateReportAddresses: ['dmarc@example.info'] }), or Dmarc.none() to keep managing it outside the stack; ${then('TXT', '_dmarc.example.info.')}`,
      `inboundMail: InboundMail.servers([{ host: 'mx1.example.info', priority: 10 }]); ${then('MX', 'example.info.')}`,
      `spf: Spf.publish({ include: ['_spf.google.com'] }), domainTxtValues: ['google-site-verification=abc123']; ${then('TXT', 'example.info.')}`,
    ]);

    // The advice applied: the props, the old record sets deleted, the deploy at once.
    const adopted = synthDomainApp(path.join(scratch, 'adopt'), 'Adopt', ADOPT, {
      inboundMail: InboundMail.servers([{ host: 'mx1.example.info', priority: 10 }]),
      spf: Spf.publish({ include: ['_spf.google.com'] }),
      domainTxtValues: ['google-site-verification=abc123'],
      dmarc: Dmarc.publish({ policy: DmarcPolicy.NONE, aggregateReportAddresses: ['dmarc@example.info'] }),
    });
    await aws(emulator, ['route53', 'change-resource-record-sets', '--hosted-zone-id', ADOPT.id, '--change-batch', deleteBatch(existing)]);
    await cdk(emulator, ['deploy', 'Adopt', '--require-approval', 'never'], 120_000, path.join(scratch, 'adopt'));
    const records = await zone(ADOPT);
    expect(records).toEqual(expectedRecordSets(adopted, account, region, ADOPT.id));
    expect(records.filter((s) => s.name === 'example.info.' || s.name === '_dmarc.example.info.')).toEqual([
      { name: '_dmarc.example.info.', type: 'TXT', ttl: 1800, values: ['"v=DMARC1; p=none; rua=mailto:dmarc@example.info"'] },
      { name: 'example.info.', type: 'MX', ttl: 1800, values: ['10 mx1.example.info'] },
      { name: 'example.info.', type: 'TXT', ttl: 1800, values: ['"google-site-verification=abc123"', '"v=spf1 include:amazonses.com include:_spf.google.com ~all"'] },
    ]);
    expect(await identities()).toContain('example.info');
  }, 400_000);

  test('the rule-set activator runs during the deploy and refuses to replace another active set: the deploy fails and rolls back', async () => {
    await aws(emulator, ['ses', 'create-receipt-rule-set', '--rule-set-name', 'Theirs'], region);
    await aws(emulator, ['ses', 'set-active-receipt-rule-set', '--rule-set-name', 'Theirs'], region);
    const outdir = path.join(scratch, 'receive');
    synthDomainApp(outdir, 'Receive', RECEIVE, {
      inboundMail: InboundMail.ses({ actions: [new sesActions.AddHeader({ name: 'X-Received-By', value: 'cdk' })], ruleSet: ReceiptRuleSetChoice.create() }),
    });
    await expect(cdk(emulator, ['deploy', 'Receive', '--require-approval', 'never'], 120_000, outdir)).rejects.toThrow(
      /The receipt rule set 'Theirs' is active in this account and region; activating '[^']+' would stop it receiving mail\. Add this domain's rule to it instead/);
    expect(await status('Receive')).toBe('ROLLBACK_COMPLETE');
    expect((await aws(emulator, ['ses', 'describe-active-receipt-rule-set'], region)).Metadata.Name).toBe('Theirs');
    expect((await aws(emulator, ['ses', 'list-receipt-rule-sets'], region)).RuleSets.map((r: any) => r.Name)).toEqual(['Theirs']);
    expect(await zone(RECEIVE)).toEqual([]);
    expect(await identities()).not.toContain('example.edu');
  }, 300_000);

  test('the verification waiter runs during the deploy: the zone is private, SES has not verified the domain within the timeout, so the deploy fails naming the DKIM records', async () => {
    const outdir = path.join(scratch, 'wait');
    const template = synthDomainApp(outdir, 'Wait', WAIT, { waitForVerification: VerificationWait.untilVerified({ interval: Duration.seconds(5), timeout: Duration.seconds(5) }) });
    const dkim = expectedRecordSets(template, account, region, WAIT.id).filter((s) => s.type === 'CNAME');
    expect(dkim).toHaveLength(3);
    const failure = cdk(emulator, ['deploy', 'Wait', '--require-approval', 'never'], 180_000, outdir);
    await expect(failure).rejects.toThrow('Domain example.dev is not verified for sending: SES has not verified it within 5 seconds.');
    // The records it names are the Easy DKIM CNAMEs the stack was publishing, with the emulator's tokens.
    await expect(failure).rejects.toThrow(`${dkim[0].name} 1800 IN CNAME ${dkim[0].values[0]}`);
    expect(await status('Wait')).toBe('ROLLBACK_COMPLETE');
    expect(await zone(WAIT)).toEqual([]);
    expect(await identities()).not.toContain('example.dev');
  }, 300_000);
});
