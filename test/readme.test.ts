import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { VerifiedMailDomain } from '../src';

// README statements that a synth can prove: the sample outputs of "DNS outside Route53" are what the
// construct writes, with the Easy DKIM attributes filled in as SES would after deploy.

const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

/** The plain code block of the README that follows the paragraph ending with `marker`. */
function blockAfter(marker: string): string {
  const start = README.indexOf(marker);
  expect(start).toBeGreaterThan(-1);
  const block = README.slice(start).match(/\n```\n([\s\S]*?)\n```/);
  return block![1];
}

/** An output's value with each DkimDNSTokenName<n> / DkimDNSTokenValue<n> as SES resolves it. */
function deployed(value: any): string {
  if (typeof value === 'string') return value;
  const attribute = value['Fn::GetAtt']?.[1] as string | undefined;
  const name = attribute?.match(/^DkimDNSToken(Name|Value)(\d)$/);
  if (name) return name[1] === 'Name' ? `<token${name[2]}>._domainkey.example.net` : `<token${name[2]}>.dkim.amazonses.com`;
  if (value['Fn::Join']) return value['Fn::Join'][1].map(deployed).join(value['Fn::Join'][0]);
  throw new Error(`unexpected output value ${JSON.stringify(value)}`);
}

test('README: the record output and the zoneFile() samples are what the construct writes for example.net in eu-west-1', () => {
  const app = new App();
  const stack = new Stack(app, 'External', { env: { account: '123456789012', region: 'eu-west-1' } });
  const mail = new VerifiedMailDomain(stack, 'Mail', { domainName: 'example.net' });
  new CfnOutput(stack, 'ZoneFile', { value: mail.zoneFile() });
  const outputs = app.synth().getStackByName('External').template.Outputs;
  const recordOutput = Object.keys(outputs).filter((k) => k.startsWith('VerifiedMailDomainRecordsOutput1'));
  expect(recordOutput).toHaveLength(1);

  expect(deployed(outputs[recordOutput[0]].Value)).toBe(blockAfter('After `cdk deploy` the record output'));
  expect(deployed(outputs.ZoneFile.Value)).toBe(`${blockAfter('and `ZoneFile`, from `zoneFile()`')}\n`);
});

test('README: the cdk.context.json entry it shows answers the Usage example\'s HostedZone.fromLookup without AWS credentials', () => {
  const context = JSON.parse(README.match(/\n```json\n([\s\S]*?)\n```/)![1]);
  const app = new App({ context });
  const stack = new Stack(app, 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
  const zone = route53.HostedZone.fromLookup(stack, 'Zone', { domainName: 'example.com' });
  expect(stack.resolve(zone.hostedZoneId)).toBe('Z0123456789EXAMPLE');
  expect(app.synth().manifest.missing).toBeUndefined();
});

test('README: the warnings table lists every warning id the construct adds, and no other', () => {
  const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
  const source = files(join(__dirname, '..', 'src')).map((f) => readFileSync(f, 'utf8')).join('\n');
  // The id is the first argument: a literal, or a template whose id is one of two quoted words (`${isKey ? 'a' : 'b'}`).
  const ids = [...source.matchAll(/addWarningV2\(\s*(['`])cdk-verified-mail-domain:(.*?)\1,/gs)].map((m) => m[2]);
  const added = new Set(ids.flatMap((id) => id.startsWith('${') ? [...id.matchAll(/'(\w+)'/g)].map((q) => q[1]) : [id.match(/^\w+/)![0]]));
  const table = README.slice(README.indexOf('The warnings, each silenced by its id:'));
  const listed = new Set([...table.slice(0, table.indexOf('\n\n', table.indexOf('| Id'))).matchAll(/^\| `(\w+)[`:]/gm)].map((m) => m[1]));
  expect(added.size).toBeGreaterThan(20);
  expect([...listed].sort()).toEqual([...added].sort());
});
