// The example app (examples/app.ts, synthesized by `npm run example` into cdk.out/) deployed with the real
// CDK CLI against the AWS emulator (moto with test/emulator/'s extension, test/helpers/emulator.ts): both
// environments bootstrapped, its three stacks deployed, every record set read back through the Route53 API
// and compared exactly with the synthesized record sets, served from BIND and checked with
// `cdk-verified-mail-domain check --outputs` (every record ok), with the rule-set activator and the
// verification waiter run during the deploy (the set is active; the waiter waited until the emulator's SES
// found the records), then the example with one prop changed deployed again (the record changes, nothing is
// replaced), then destroyed: the records, the identities and the rule set are gone.
// Skipped, with one line saying why, where Python with moto is missing.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fqdn } from '../../src/record-model';
import { byNameAndType, checkZone, expectedRecordSets, ZoneRecordSet, zoneRecordSets as zoneSets } from '../helpers/deployed-zone';
import { aws, cdk, Emulator, emulatorDkimToken, emulatorMissing, stackResources, startEmulator } from '../helpers/emulator';
import { deployedOutputs } from '../helpers/template-records';

const ROOT = path.join(__dirname, '..', '..');
const ZONE_ID = 'Z0123456789EXAMPLE';
/** The stacks of the example: example.com's primary (eu-west-1) and second region (us-east-1), and example.net (no zone). */
const STACKS = ['VerifiedMailDomainExample', 'VerifiedMailDomainSecondRegionExample', 'VerifiedMailDomainExternalDnsExample'];
const ASSEMBLY = path.join(ROOT, 'cdk.out');

const template = (stack: string, assembly = ASSEMBLY) => JSON.parse(readFileSync(path.join(assembly, `${stack}.template.json`), 'utf8'));
const tokens = (stack: string) => {
  const { account, region } = environment(stack);
  return (n: number, domain: string) => emulatorDkimToken(account, region, domain, n);
};

function environment(stack: string): { account: string; region: string } {
  const manifest = JSON.parse(readFileSync(path.join(ASSEMBLY, 'manifest.json'), 'utf8'));
  const [, account, region] = manifest.artifacts[stack].environment.match(/^aws:\/\/(\d+)\/(.+)$/);
  return { account, region };
}

/** The record sets a stack's template puts in the zone, its Easy DKIM attributes resolved to the emulator's tokens. */
function synthesizedRecordSets(stack: string, assembly = ASSEMBLY): ZoneRecordSet[] {
  const { account, region } = environment(stack);
  return expectedRecordSets(template(stack, assembly), account, region, ZONE_ID);
}
const outputsOf = (assembly: string) => Object.fromEntries(STACKS.map((stack) => [stack, deployedOutputs(template(stack, assembly), tokens(stack))]));
/** The custom resource requests of one type the emulator answered, in order, the functions' names left out. */
const requests = (emulator: Emulator, type: string) => emulator.log().split('\n')
  .filter((l) => l.startsWith('custom resource ') && l.includes(` ${type}: `)).map((l) => l.replace(/ (onEvent|isComplete) [^\s,]+/g, ' $1'));
/** Every stack's resources: logical id to type and physical id. */
const resourcesOf = async (emulator: Emulator) => Promise.all(STACKS.map((s) => stackResources(emulator, s, environment(s).region)));

const zoneRecordSets = (emulator: Emulator) => zoneSets(emulator, ZONE_ID, 'example.com');

const missing = emulatorMissing();
if (missing) console.log(missing);

(missing ? describe.skip : describe)('the example app deployed to the emulator', () => {
  let emulator: Emulator;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'deploy-test-'));

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'cdk.out/manifest.json'))) throw new Error('cdk.out/ is missing: run `npm run example` first');
    emulator = await startEmulator();
    const zone = await aws(emulator, ['route53', 'create-hosted-zone', '--name', 'example.com', '--caller-reference', 'deploy-test']);
    expect(zone.HostedZone.Id).toBe(`/hostedzone/${ZONE_ID}`);
  }, 60_000);

  afterAll(async () => {
    await emulator?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }, 15_000);

  test('both environments of the example are bootstrapped', async () => {
    const environments = [...new Set(STACKS.map((s) => `aws://${environment(s).account}/${environment(s).region}`))];
    expect(environments).toEqual(['aws://123456789012/eu-west-1', 'aws://123456789012/us-east-1']);
    await cdk(emulator, ['bootstrap', ...environments], 90_000);
    for (const region of ['eu-west-1', 'us-east-1']) {
      const stacks = await aws(emulator, ['cloudformation', 'describe-stacks', '--stack-name', 'CDKToolkit'], region);
      expect(stacks.Stacks.map((s: any) => s.StackStatus)).toEqual(['CREATE_COMPLETE']);
    }
  }, 120_000);

  test('the sending stacks deploy and every synthesized record set is in the zone exactly', async () => {
    await cdk(emulator, ['deploy', ...STACKS, '--require-approval', 'never', '--outputs-file', path.join(scratch, 'cli-outputs.json')], 120_000);
    // The outputs the deploy wrote are the templates' Outputs as CloudFormation evaluates them: the Easy DKIM
    // records with the emulator's tokens (test/emulator/cfn_lifecycle.py evaluates them after a change set).
    const written = JSON.parse(readFileSync(path.join(scratch, 'cli-outputs.json'), 'utf8'));
    expect(written).toEqual(outputsOf(ASSEMBLY));
    expect(JSON.stringify(written)).toContain(`${tokens('VerifiedMailDomainExample')(1, 'example.com')}._domainkey.example.com.`);
    // example.net has no zone: its zone file, the records to paste at its DNS provider, with its own tokens.
    const zoneFile = written.VerifiedMailDomainExternalDnsExample.ZoneFile;
    expect(zoneFile).toContain(`${tokens('VerifiedMailDomainExternalDnsExample')(1, 'example.net')}._domainkey.example.net. 1800 IN CNAME `);
    expect(zoneFile).toContain('example.net. 1800 IN MX 10 mx.example.net.');

    // The activator and the waiter ran during the deploy (test/emulator/custom_resources.py logs each request
    // it answered): the waiter complete on its first try, the emulator's SES having found the records the
    // stack published before it (test/emulator/ses_verification.py).
    expect(requests(emulator, 'Create')).toEqual([
      'custom resource MailVerification63259D56 Create: onEvent, isComplete complete after 1 try',
      'custom resource MailReceiptRuleSetActivationED299370 Create: onEvent, done',
    ]);
    const identity = await aws(emulator, ['sesv2', 'get-email-identity', '--email-identity', 'example.com'], 'eu-west-1');
    expect([identity.VerifiedForSendingStatus, identity.DkimAttributes.Status, identity.MailFromAttributes.MailFromDomainStatus]).toEqual([true, 'SUCCESS', 'SUCCESS']);

    const expected = STACKS.flatMap((s) => synthesizedRecordSets(s)).sort(byNameAndType);
    // The example publishes 14 record sets: per region three DKIM CNAMEs and the MAIL FROM MX and TXT
    // (10), and from the primary the domain's SPF TXT, the DMARC TXT, the inbound MX and the DMARC reports' MX.
    expect(expected).toHaveLength(14);
    const zone = await zoneRecordSets(emulator);
    expect(zone).toEqual(expected);
    // Each region's identity has its own Easy DKIM tokens: six distinct CNAMEs.
    expect(new Set(zone.filter((s) => s.type === 'CNAME').map((s) => s.name)).size).toBe(6);
    expect(zone.find((s) => s.name === '_dmarc.example.com.')).toEqual({
      name: '_dmarc.example.com.', type: 'TXT', ttl: 1800, values: ['"v=DMARC1; p=quarantine; rua=mailto:dmarc@dmarc-reports.example.com"'],
    });

    const listed = async (region: string) => (await aws(emulator, ['sesv2', 'list-email-identities'], region)).EmailIdentities.map((i: any) => i.IdentityName).sort();
    expect([await listed('eu-west-1'), await listed('us-east-1')]).toEqual([['example.com', 'example.net'], ['example.com']]);
    const ruleSets = await aws(emulator, ['ses', 'list-receipt-rule-sets'], 'eu-west-1');
    expect(ruleSets.RuleSets).toHaveLength(1);
    const ruleSet = await aws(emulator, ['ses', 'describe-receipt-rule-set', '--rule-set-name', ruleSets.RuleSets[0].Name], 'eu-west-1');
    // The domain's rule and the DMARC reports' rule, in the one set.
    expect(ruleSet.Rules.map((r: any) => [r.Recipients, r.Enabled, r.Actions.map((a: any) => a.S3Action.ObjectKeyPrefix)]).sort())
      .toEqual([[['dmarc@dmarc-reports.example.com'], true, ['dmarc/']], [['example.com'], true, ['inbox/']]]);
    expect(zone.find((s) => s.name === 'dmarc-reports.example.com.')).toEqual({
      name: 'dmarc-reports.example.com.', type: 'MX', ttl: 1800, values: ['10 inbound-smtp.eu-west-1.amazonaws.com'],
    });
    // The rule-set activator ran during the deploy (test/emulator/custom_resources.py runs its handler): the
    // stack's set is the account's active one.
    const active = await aws(emulator, ['ses', 'describe-active-receipt-rule-set'], 'eu-west-1');
    expect(active.Metadata.Name).toBe(ruleSets.RuleSets[0].Name);
  }, 150_000);

  test('the check command, given the outputs file the deploy wrote, finds every record ok, the zone as read back served from BIND', async () => {
    const outputsFile = path.join(scratch, 'cli-outputs.json');
    const report = await checkZone('example.com', await zoneRecordSets(emulator), ['--app', 'cdk.out', '--outputs', outputsFile], 'example.com');
    expect(report.records.filter((r: any) => r.verdict !== 'ok')).toEqual([]);
    expect(report.exitCode).toBe(0);
    // A row per record set, and per SPF record one more for its evaluated tree (type SPF): 14 + 3.
    const synthesized = STACKS.flatMap((s) => synthesizedRecordSets(s));
    const spf = synthesized.filter((s) => s.type === 'TXT' && s.values.some((v) => v.startsWith('"v=spf1 ')));
    expect(spf.map((s) => s.name).sort()).toEqual(['bounce-us-east-1.example.com.', 'bounce.example.com.', 'example.com.']);
    expect(report.records.map((r: any) => `${fqdn(r.name)} ${r.type}`).sort()).toEqual(
      [...synthesized.map((s) => `${s.name} ${s.type}`), ...spf.map((s) => `${s.name} SPF`)].sort());
  }, 90_000);

  test('the example with one prop changed (DMARC p=reject) deployed again: the record changes in place, every resource keeps its physical id', async () => {
    const before = await resourcesOf(emulator);
    const zoneBefore = await zoneRecordSets(emulator);
    // examples/app.ts with the one change, in a folder beside it (so that its imports resolve), synthesized
    // by the CDK CLI as `npm run example` does, and deployed.
    const source = readFileSync(path.join(ROOT, 'examples/app.ts'), 'utf8');
    const changed = source.replace('policy: DmarcPolicy.QUARANTINE', 'policy: DmarcPolicy.REJECT');
    expect(changed.split('DmarcPolicy.REJECT').length).toBe(2);
    const copy = mkdtempSync(path.join(ROOT, '.deploy-update-'));
    try {
      writeFileSync(path.join(copy, 'app.ts'), changed);
      const assembly = path.join(copy, 'cdk.out');
      await cdk(emulator, ['deploy', ...STACKS, '--require-approval', 'never', '--output', assembly, '--outputs-file', path.join(scratch, 'update-outputs.json')], 180_000,
        `ts-node --transpile-only --project examples/tsconfig.json ${path.relative(ROOT, path.join(copy, 'app.ts'))}`);

      const zone = await zoneRecordSets(emulator);
      expect(zone).toEqual(STACKS.flatMap((s) => synthesizedRecordSets(s, assembly)).sort(byNameAndType));
      expect(zone.find((s) => s.name === '_dmarc.example.com.')).toEqual({
        name: '_dmarc.example.com.', type: 'TXT', ttl: 1800, values: ['"v=DMARC1; p=reject; rua=mailto:dmarc@dmarc-reports.example.com"'],
      });
      expect(zone.filter((s) => s.name !== '_dmarc.example.com.')).toEqual(zoneBefore.filter((s) => s.name !== '_dmarc.example.com.'));
      expect(await resourcesOf(emulator)).toEqual(before);
      expect(JSON.parse(readFileSync(path.join(scratch, 'update-outputs.json'), 'utf8'))).toEqual(outputsOf(assembly));
      const stack = await aws(emulator, ['cloudformation', 'describe-stacks', '--stack-name', STACKS[0]], 'eu-west-1');
      expect(stack.Stacks[0].StackStatus).toBe('UPDATE_COMPLETE');
      // Neither custom resource's properties changed, so neither got an Update.
      expect(requests(emulator, 'Update')).toEqual([]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 240_000);

  test('destroying the stacks removes every record set, identity and rule set they made', async () => {
    await cdk(emulator, ['destroy', ...STACKS, '--force'], 90_000);

    const zone = await zoneRecordSets(emulator);
    expect(zone).toEqual([]);
    for (const region of ['eu-west-1', 'us-east-1']) {
      const identities = await aws(emulator, ['sesv2', 'list-email-identities'], region);
      expect(identities.EmailIdentities).toEqual([]);
    }
    // The waiter's Delete answered at once; the activator's deactivated the set.
    expect(requests(emulator, 'Delete').sort()).toEqual([
      'custom resource MailReceiptRuleSetActivationED299370 Delete: onEvent, done',
      'custom resource MailVerification63259D56 Delete: onEvent, isComplete complete after 1 try',
    ]);
    const ruleSets = await aws(emulator, ['ses', 'list-receipt-rule-sets'], 'eu-west-1');
    expect(ruleSets.RuleSets ?? []).toEqual([]);
    // The DMARC reports bucket stays (Retain: CloudFormation cannot delete a bucket with objects), as the Inbox does.
    const buckets = (await aws(emulator, ['s3api', 'list-buckets'], 'eu-west-1')).Buckets.map((b: any) => b.Name);
    expect(buckets.filter((b: string) => /dmarcreportsbucket|inbox/i.test(b))).toHaveLength(2);
    // The activator's Delete deactivated it first (SES refuses to delete the active set).
    const active = await aws(emulator, ['ses', 'describe-active-receipt-rule-set'], 'eu-west-1');
    expect(active?.Metadata).toBeUndefined();
  }, 120_000);
});
