// The example app (examples/app.ts, synthesized by `npm run example` into cdk.out/) deployed with the real
// CDK CLI against the AWS emulator (moto with test/emulator/'s extension, test/helpers/emulator.ts): both
// environments bootstrapped, the sending stack of each region deployed, every record set read back through
// the Route53 API and compared exactly with the synthesized record sets, served from BIND and checked with
// `cdk-verified-mail-domain check --outputs` (every record ok), with the rule-set activator run during the
// deploy (the set is active), then destroyed: the records, the identities and the rule set are gone.
// Skipped, with one line saying why, where Python with moto is missing.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fqdn } from '../../src/record-model';
import { byNameAndType, checkZone, expectedRecordSets, ZoneRecordSet, zoneRecordSets as zoneSets } from '../helpers/deployed-zone';
import { aws, cdk, Emulator, emulatorDkimToken, emulatorMissing, startEmulator } from '../helpers/emulator';
import { deployedOutputs } from '../helpers/template-records';

const ROOT = path.join(__dirname, '..', '..');
const ZONE_ID = 'Z0123456789EXAMPLE';
/** The stacks deployed: the primary (eu-west-1) and the second region (us-east-1) of example.com. */
const STACKS = ['VerifiedMailDomainExample', 'VerifiedMailDomainSecondRegionExample'];

const template = (stack: string) => JSON.parse(readFileSync(path.join(ROOT, 'cdk.out', `${stack}.template.json`), 'utf8'));
const tokens = (stack: string) => {
  const { account, region } = environment(stack);
  return (n: number, domain: string) => emulatorDkimToken(account, region, domain, n);
};

function environment(stack: string): { account: string; region: string } {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'cdk.out/manifest.json'), 'utf8'));
  const [, account, region] = manifest.artifacts[stack].environment.match(/^aws:\/\/(\d+)\/(.+)$/);
  return { account, region };
}

/** The record sets a stack's template puts in the zone, its Easy DKIM attributes resolved to the emulator's tokens. */
function synthesizedRecordSets(stack: string): ZoneRecordSet[] {
  const { account, region } = environment(stack);
  return expectedRecordSets(template(stack), account, region, ZONE_ID);
}

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
    const environments = [...new Set(STACKS.map((s) => environment(s)))].map(({ account, region }) => `aws://${account}/${region}`);
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
    expect(written).toEqual(Object.fromEntries(STACKS.map((stack) => [stack, deployedOutputs(template(stack), tokens(stack))])));
    expect(JSON.stringify(written)).toContain(`${tokens('VerifiedMailDomainExample')(1, 'example.com')}._domainkey.example.com.`);

    const expected = STACKS.flatMap(synthesizedRecordSets).sort(byNameAndType);
    // The example publishes 13 record sets: per region three DKIM CNAMEs and the MAIL FROM MX and TXT
    // (10), and from the primary the domain's SPF TXT, the DMARC TXT and the inbound MX.
    expect(expected).toHaveLength(13);
    const zone = await zoneRecordSets(emulator);
    expect(zone).toEqual(expected);
    // Each region's identity has its own Easy DKIM tokens: six distinct CNAMEs.
    expect(new Set(zone.filter((s) => s.type === 'CNAME').map((s) => s.name)).size).toBe(6);
    expect(zone.find((s) => s.name === '_dmarc.example.com.')).toEqual({
      name: '_dmarc.example.com.', type: 'TXT', ttl: 1800, values: ['"v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@example.com"'],
    });

    for (const region of ['eu-west-1', 'us-east-1']) {
      const identities = await aws(emulator, ['sesv2', 'list-email-identities'], region);
      expect(identities.EmailIdentities.map((i: any) => i.IdentityName)).toEqual(['example.com']);
    }
    const ruleSets = await aws(emulator, ['ses', 'list-receipt-rule-sets'], 'eu-west-1');
    expect(ruleSets.RuleSets).toHaveLength(1);
    const ruleSet = await aws(emulator, ['ses', 'describe-receipt-rule-set', '--rule-set-name', ruleSets.RuleSets[0].Name], 'eu-west-1');
    expect(ruleSet.Rules.map((r: any) => [r.Recipients, r.Enabled, r.Actions.map((a: any) => a.S3Action.ObjectKeyPrefix)]))
      .toEqual([[['example.com'], true, ['inbox/']]]);
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
    // A row per record set, and per SPF record one more for its evaluated tree (type SPF): 13 + 3.
    const synthesized = STACKS.flatMap(synthesizedRecordSets);
    const spf = synthesized.filter((s) => s.type === 'TXT' && s.values.some((v) => v.startsWith('"v=spf1 ')));
    expect(spf.map((s) => s.name).sort()).toEqual(['bounce-us-east-1.example.com.', 'bounce.example.com.', 'example.com.']);
    expect(report.records.map((r: any) => `${fqdn(r.name)} ${r.type}`).sort()).toEqual(
      [...synthesized.map((s) => `${s.name} ${s.type}`), ...spf.map((s) => `${s.name} SPF`)].sort());
  }, 90_000);

  test('destroying the stacks removes every record set, identity and rule set they made', async () => {
    await cdk(emulator, ['destroy', ...STACKS, '--force'], 90_000);

    const zone = await zoneRecordSets(emulator);
    expect(zone).toEqual([]);
    for (const region of ['eu-west-1', 'us-east-1']) {
      const identities = await aws(emulator, ['sesv2', 'list-email-identities'], region);
      expect(identities.EmailIdentities).toEqual([]);
    }
    const ruleSets = await aws(emulator, ['ses', 'list-receipt-rule-sets'], 'eu-west-1');
    expect(ruleSets.RuleSets ?? []).toEqual([]);
    // The activator's Delete deactivated it first (SES refuses to delete the active set).
    const active = await aws(emulator, ['ses', 'describe-active-receipt-rule-set'], 'eu-west-1');
    expect(active?.Metadata).toBeUndefined();
  }, 120_000);
});
