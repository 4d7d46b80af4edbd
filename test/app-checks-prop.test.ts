import * as fs from 'fs';
import { App, CfnOutput, SecretValue, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { DkimSigning, VerifiedMailDomain } from '../src';
import { setTwice, synthError, validationFailure, zoneStack } from './helpers/util';
import { CFN_MAX_OUTPUTS, CFN_MAX_TEMPLATE_BYTES } from '../src/limits';
import { renderRoute53Values } from '../src/records';

// The app-wide checks (src/app-checks.ts) through VerifiedMailDomain (called directly: app-checks.test.ts):
// record sets made twice or a CNAME beside other types in one hosted zone, across the construct's and the
// user's records and across stacks; SES identities made twice in one account and region; and the
// CloudFormation quotas on outputs and template size.

const env = { account: '123456789012', region: 'eu-west-1' };

function cnameBeside(name: string, cnameOwner: string, otherType: string, otherOwner: string, zone: string): string {
  return `CNAME record set ${name} (by ${cnameOwner}) shares its name with the ${otherType} record set of ${otherOwner} in ${zone}. `
    + 'A CNAME must be the only record at its name (RFC 1034 section 3.6.2) and Route53 refuses the change; move one of them to another name';
}

function identityTwice(label: string, second: string, first: string): string {
  return `The SES identity ${label} would be created twice: by ${second} and by ${first}. `
    + 'SES holds one identity per domain in an account and region and refuses the second at deploy; use one construct per domain and region';
}

const ZONE = 'hosted zone example.org (Test/Zone)';
const SPF = 'SPF of the domain';
const MAIL_FROM_MX = 'custom MAIL FROM: SES bounce and complaint feedback (MX)';

describe('record sets the user makes beside the construct', () => {
  test('a TXT record at the apex collides with the SPF record set, naming both construct paths', () => {
    const { stack, zone } = zoneStack();
    new route53.TxtRecord(stack, 'Verify', { zone, values: ['google-site-verification=abc'] });
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
    expect(synthError(stack.node.root as App)).toEqual(validationFailure([
      setTwice('TXT', 'example.org.', ZONE, `Test/Mail/RecordSetGroup (${SPF})`, 'Test/Verify/Resource'),
    ], 'Test/Mail/RecordSetGroup'));
  });

  test('a CNAME at the MAIL FROM domain is reported once, naming the MX and the TXT record sets beside it', () => {
    const { stack, zone } = zoneStack();
    new route53.CnameRecord(stack, 'Bounce', { zone, recordName: 'bounce', domainName: 'elsewhere.example.net' });
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
    expect(synthError(stack.node.root as App)).toEqual(validationFailure([
      cnameBeside('bounce.example.org.', 'Test/Bounce/Resource', 'MX', `Test/Mail/RecordSetGroup (${MAIL_FROM_MX}) and the TXT record set of `
        + 'Test/Mail/RecordSetGroup (custom MAIL FROM: SPF of the envelope sender)', ZONE)
        + '. bounce.example.org. is the MAIL FROM domain of Test/Mail, from mailFromSubdomain \'bounce\' (the default): give mailFromSubdomain a label no other record uses',
    ], 'Test/Bounce/Resource'));
  });

  test('a CNAME at a sending subdomain collides with the subdomain\'s SPF record set', () => {
    const { stack, zone } = zoneStack();
    new route53.CnameRecord(stack, 'MailAlias', { zone, recordName: 'mail.example.org', domainName: 'elsewhere.example.net' });
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, domainName: 'mail.example.org' });
    expect(synthError(stack.node.root as App)).toEqual(validationFailure([
      cnameBeside('mail.example.org.', 'Test/MailAlias/Resource', 'TXT', `Test/Mail/RecordSetGroup (${SPF})`, ZONE),
    ], 'Test/MailAlias/Resource'));
  });

  const userCollisions: Array<[string, (stack: Stack, zone: route53.IHostedZone) => void, string, string]> = [
    ['two TXT record sets at one name', (stack, zone) => {
      new route53.TxtRecord(stack, 'A', { zone, recordName: 'www', values: ['a'] });
      new route53.TxtRecord(stack, 'B', { zone, recordName: 'www', values: ['b'] });
    }, setTwice('TXT', 'www.example.org.', ZONE, 'Test/B/Resource', 'Test/A/Resource'), 'Test/B/Resource'],
    ['a CNAME beside an A record set', (stack, zone) => {
      new route53.ARecord(stack, 'A', { zone, recordName: 'www', target: route53.RecordTarget.fromIpAddresses('192.0.2.1') });
      new route53.CnameRecord(stack, 'C', { zone, recordName: 'www', domainName: 'elsewhere.example.net' });
    }, cnameBeside('www.example.org.', 'Test/C/Resource', 'A', 'Test/A/Resource', ZONE), 'Test/C/Resource'],
  ];

  test.each(userCollisions)('the user\'s own records collide with each other: %s', (_, addRecords, message, path) => {
    const { stack, zone } = zoneStack();
    addRecords(stack, zone);
    // Only installs the checks: no zone, a domain of its own, in another stack of the app.
    const other = new Stack(stack.node.root, 'Other', { env });
    new VerifiedMailDomain(other, 'Mail', { domainName: 'example.com' });
    expect(synthError(stack.node.root as App)).toEqual(validationFailure([message], path));
  });

  test.each(['Example.ORG', 'EXAMPLE.org.', 'example.org'])('the name %p is the same record set as example.org.', (name) => {
    const { stack, zone } = zoneStack();
    new route53.CfnRecordSet(stack, 'Own', { hostedZoneId: zone.hostedZoneId, name, type: 'TXT', resourceRecords: ['"own"'], ttl: '300' });
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
    expect(synthError(stack.node.root as App)).toEqual(validationFailure([
      setTwice('TXT', 'example.org.', ZONE, `Test/Mail/RecordSetGroup (${SPF})`, 'Test/Own'),
    ], 'Test/Mail/RecordSetGroup'));
  });

  test.each([
    ['different set identifiers do not collide', 'one', 'two', ''],
    ['the same set identifier collides', 'one', 'one', setTwice('A', 'www.example.org.', ZONE, 'Test/W2', 'Test/W1')],
  ])('weighted record sets: %s', (_, first, second, message) => {
    const { stack, zone } = zoneStack();
    const weighted = (id: string, setIdentifier: string, ip: string) => new route53.CfnRecordSet(stack, id, {
      hostedZoneId: zone.hostedZoneId, name: 'www.example.org.', type: 'A', resourceRecords: [ip], ttl: '60', setIdentifier, weight: 1,
    });
    weighted('W1', first, '192.0.2.1');
    weighted('W2', second, '192.0.2.2');
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
    expect(synthError(stack.node.root as App)).toEqual(message === '' ? '' : validationFailure([message], 'Test/W2'));
  });
});

describe('across stacks', () => {
  test('one zone used by the same domain from two stacks: the identity is reported, with the record sets that collide because of it', () => {
    const app = new App();
    const a = new Stack(app, 'A', { env });
    const b = new Stack(app, 'B', { env });
    const zone = new route53.PublicHostedZone(a, 'Zone', { zoneName: 'example.org' });
    new VerifiedMailDomain(a, 'First', { hostedZone: zone });
    new VerifiedMailDomain(b, 'Second', { hostedZone: zone });
    const zoneLabel = 'hosted zone example.org (A/Zone)';
    expect(synthError(app)).toEqual(validationFailure([
      identityTwice('example.org in account 123456789012 in eu-west-1', 'B/Second/Identity/Resource', 'A/First/Identity/Resource')
      + '. The record sets the two make twice follow from it and are not listed apart: MX bounce.example.org., TXT bounce.example.org., '
      + `TXT example.org., TXT _dmarc.example.org. in ${zoneLabel}`,
    ], 'B/Second/Identity/Resource'));
  });
});

describe('SES identities', () => {
  test('the same domain in two regions is two identities', () => {
    const app = new App();
    new VerifiedMailDomain(new Stack(app, 'Eu', { env: { account: '123456789012', region: 'eu-west-1' } }), 'Mail', { domainName: 'example.org' });
    new VerifiedMailDomain(new Stack(app, 'Us', { env: { account: '123456789012', region: 'us-east-1' } }), 'Mail', { domainName: 'example.org' });
    expect(synthError(app)).toEqual('');
  });

  test('the same domain in two environment-agnostic stacks is not reported: their environments are unknown', () => {
    const app = new App();
    new VerifiedMailDomain(new Stack(app, 'A'), 'Mail', { domainName: 'example.org' });
    new VerifiedMailDomain(new Stack(app, 'B'), 'Mail', { domainName: 'example.org' });
    expect(synthError(app)).toEqual('');
  });

  test('the same domain twice in one environment-agnostic stack is reported', () => {
    const app = new App();
    const stack = new Stack(app, 'A');
    new VerifiedMailDomain(stack, 'One', { domainName: 'example.org' });
    new VerifiedMailDomain(stack, 'Two', { domainName: 'example.org' });
    expect(synthError(app)).toEqual(validationFailure([
      identityTwice('example.org in the environment of stack A', 'A/Two/Identity/Resource', 'A/One/Identity/Resource'),
    ], 'A/Two/Identity/Resource'));
  });

  test('the user\'s own ses.EmailIdentity for the domain is reported', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    new VerifiedMailDomain(stack, 'Mail', { domainName: 'example.org' });
    new ses.EmailIdentity(stack, 'X', { identity: ses.Identity.domain('example.org') });
    expect(synthError(app)).toEqual(validationFailure([
      identityTwice('example.org in account 123456789012 in eu-west-1', 'Test/X/Resource', 'Test/Mail/Identity/Resource'),
    ], 'Test/X/Resource'));
  });

  test.each(['EXAMPLE.org', 'Example.Org.'])('the identity name %p is the identity example.org', (name) => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    new VerifiedMailDomain(stack, 'Mail', { domainName: 'example.org' });
    new ses.CfnEmailIdentity(stack, 'Own', { emailIdentity: name });
    expect(synthError(app)).toEqual(validationFailure([
      identityTwice('example.org in account 123456789012 in eu-west-1', 'Test/Own', 'Test/Mail/Identity/Resource'),
    ], 'Test/Own'));
  });
});

describe('imported zones', () => {
  const imported = (stack: Stack, id: string, hostedZoneId: string) =>
    route53.HostedZone.fromHostedZoneAttributes(stack, id, { hostedZoneId, zoneName: 'example.org' });

  test('the ids Z123 and /hostedzone/Z123 are the same zone', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: imported(stack, 'Z1', 'Z123') });
    new route53.TxtRecord(stack, 'Verify', { zone: imported(stack, 'Z2', '/hostedzone/Z123'), values: ['google-site-verification=abc'] });
    expect(synthError(app)).toEqual(validationFailure([
      setTwice('TXT', 'example.org.', 'hosted zone Z123', 'Test/Verify/Resource', `Test/Mail/RecordSetGroup (${SPF})`),
    ], 'Test/Verify/Resource'));
  });

  test('Z123 and Z999 are different zones: no record set collides, but the identity does', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    new VerifiedMailDomain(stack, 'One', { hostedZone: imported(stack, 'Z1', 'Z123') });
    new VerifiedMailDomain(stack, 'Two', { hostedZone: imported(stack, 'Z2', 'Z999') });
    expect(synthError(app)).toEqual(validationFailure([
      identityTwice('example.org in account 123456789012 in eu-west-1', 'Test/Two/Identity/Resource', 'Test/One/Identity/Resource'),
    ], 'Test/Two/Identity/Resource'));
  });
});

describe('CloudFormation outputs', () => {
  const domainsWithoutZone = (stack: Stack, count: number) => Array.from({ length: count },
    (_, i) => new VerifiedMailDomain(stack, `D${i}`, { domainName: `d${i}.example.com` }));

  test('200 outputs of the user\'s and one record output are counted together', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    for (let i = 0; i < CFN_MAX_OUTPUTS; i++) new CfnOutput(stack, `Out${i}`, { value: `v${i}` });
    domainsWithoutZone(stack, 1);
    expect(synthError(app)).toEqual(validationFailure([
      'Stack Test has 201 outputs, 1 of them VerifiedMailDomain record outputs (one per 8 domains); '
      + 'CloudFormation allows at most 200 per template. Remove some of the stack\'s other outputs, or spread the domains over more stacks',
    ], 'Test'));
  });

  test('201 outputs of the user\'s own, and none of the construct, are not this library\'s to report', () => {
    const { stack, zone } = zoneStack();
    for (let i = 0; i <= CFN_MAX_OUTPUTS; i++) new CfnOutput(stack, `Out${i}`, { value: `v${i}` });
    // BYODKIM in a zone: nothing is known only after deploy, so the construct adds no output.
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, dkim: DkimSigning.byoDkim({ selector: 's', privateKey: SecretValue.secretsManager('k') }) });
    // The library's validation stays silent; only the suite's own template invariant (test/setup.ts) objects.
    expect(synthError(stack.node.root as App)).toEqual('The template of Test breaks limits AWS enforces at deploy:\n201 outputs');
  });

  test.each([[100, 13], [500, 63]])('%i domains without a zone fit one stack: %i outputs of 8 domains each, one resource a domain, within every quota', (count, outputs) => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    domainsWithoutZone(stack, count);
    const artifact = app.synth().getStackByName('Test');
    const template = artifact.template;
    expect(Object.keys(template.Outputs)).toHaveLength(outputs);
    expect(Object.keys(template.Resources)).toHaveLength(count);
    expect(Object.values<any>(template.Resources).every((r) => r.Type === 'AWS::SES::EmailIdentity')).toBe(true);
    expect(fs.statSync(artifact.templateFullPath).size).toBeLessThan(CFN_MAX_TEMPLATE_BYTES);
    expect(Buffer.byteLength(JSON.stringify(template))).toBeLessThan(CFN_MAX_TEMPLATE_BYTES);
    // Each domain's block is in exactly one output: `; d<i>.example.com` once across all of them.
    const blocks = JSON.stringify(template.Outputs).match(/; d\d+\.example\.com\\n/g) ?? [];
    expect(blocks).toHaveLength(count);
  });
});

describe('template size', () => {
  test('record sets that take more than 1,000,000 bytes of one template fail, with the number of bytes', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    // 8 distinct values of 3,500 printable characters: each renders to 14 quoted strings, 3,541 characters.
    const domainTxtValues = Array.from({ length: 8 }, (_, j) => `token${j}=${'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(100)}`.slice(0, 3500));
    const domains = Array.from({ length: 40 }, (_, i) => new VerifiedMailDomain(stack, `D${i}`, {
      hostedZone: new route53.PublicHostedZone(stack, `Zone${i}`, { zoneName: `d${i}.example.com` }),
      domainTxtValues,
    }));
    expect(domainTxtValues.every((v) => v.length === 3500)).toBe(true);
    expect(renderRoute53Values(domains[0].records.find((r) => r.purpose === SPF)!).slice(1).map((v) => v.length)).toEqual(Array(8).fill(3541));
    // Each record set of a group counts its literal values as JSON, its literal name and 50 bytes for the rest.
    const bytes = domains.flatMap((d) => d.records).reduce((n, r) => n + 50 + (Token.isUnresolved(r.name) ? 0 : r.name.length)
      + JSON.stringify(renderRoute53Values(r).filter((v) => !Token.isUnresolved(v))).length, 0);
    expect(bytes).toBeGreaterThan(CFN_MAX_TEMPLATE_BYTES);
    expect(synthError(app)).toEqual(validationFailure([
      `The VerifiedMailDomain record sets of stack Test take at least ${bytes} bytes of its template, more than the 1000000 bytes `
      + 'CloudFormation accepts for a whole template (1 MB, from S3); spread the domains over more stacks or shorten domainTxtValues and SPF',
    ], 'Test'));
  });
});

describe('hosted zones', () => {
  const privateZone = (path: string) => `hostedZone ${path} is a private hosted zone: SES verifies the domain, and receivers check SPF, DKIM and DMARC, `
    + 'in public DNS only, so the domain could never be verified. Give the public hosted zone of the domain';

  test('a PrivateHostedZone is refused at construction', () => {
    const { stack } = zoneStack();
    const zone = new route53.PrivateHostedZone(stack, 'P', { zoneName: 'example.org', vpc: new ec2.Vpc(stack, 'Vpc') });
    expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone })).toThrow(privateZone('Test/P'));
  });

  test('a HostedZone that gets a VPC after the construct fails at synth, on the construct', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    const zone = new route53.HostedZone(stack, 'H', { zoneName: 'example.org' });
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
    zone.addVpc(new ec2.Vpc(stack, 'Vpc'));
    expect(synthError(app)).toEqual(validationFailure([privateZone('Test/H')], 'Test/Mail'));
  });

  test('a public hosted zone passes', () => {
    const { stack, zone } = zoneStack();
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
    expect(synthError(stack.node.root as App)).toEqual('');
  });

  test.each<[string, unknown]>([
    ['string "Z123"', 'Z123'],
    ['number 42', 42],
    ['a list', [{ hostedZoneId: 'Z123' }]],
    ['an object of class Object', { zoneName: 'example.org' }],
  ])('a hostedZone that is %s is refused', (described, hostedZone) => {
    const { stack } = zoneStack();
    expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: hostedZone as any })).toThrow(new Error(
      `hostedZone must be a route53.IHostedZone (e.g. route53.HostedZone.fromLookup(...)), got ${described}`));
  });
});
