import { App, CfnParameter, Lazy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { checkZoneStack, privateZoneProblem, resolveDomainName, zoneNameOf } from '../src/zone';

// zone.ts directly: the zone's name, private zones, zones of other stacks and the domain inside the zone.

const PRIVATE = (path: string) => `hostedZone ${path} is a private hosted zone: SES verifies the domain, and receivers check SPF, DKIM and DMARC, `
  + 'in public DNS only, so the domain could never be verified. Give the public hosted zone of the domain';

function stack(id = 'Test', env: { account?: string; region?: string } = { account: '111111111111', region: 'eu-west-1' }, app = new App()): Stack {
  return new Stack(app, id, { env });
}

describe('zoneNameOf', () => {
  test.each([
    ['a public zone', 'example.org', 'example.org'],
    ['a name with upper case and a trailing dot', 'Example.ORG.', 'example.org'],
  ])('%s: the name lower case without trailing dot', (_, given, expected) => {
    const s = stack();
    expect(zoneNameOf(new route53.PublicHostedZone(s, 'Zone', { zoneName: given }))).toBe(expected);
  });

  test('a zone imported by attributes has its name', () => {
    const zone = route53.HostedZone.fromHostedZoneAttributes(stack(), 'Zone', { hostedZoneId: 'Z123', zoneName: 'mail.example.org' });
    expect(zoneNameOf(zone)).toBe('mail.example.org');
  });

  test('a zone imported by id has no known name', () => {
    expect(zoneNameOf(route53.HostedZone.fromHostedZoneId(stack(), 'Zone', 'Z123'))).toBeUndefined();
  });

  test('a zone name that is a token passes through', () => {
    const s = stack();
    const name = new CfnParameter(s, 'ZoneName').valueAsString;
    expect(zoneNameOf(route53.HostedZone.fromHostedZoneAttributes(s, 'Zone', { hostedZoneId: 'Z123', zoneName: name }))).toBe(name);
  });

  test('a zone name that is not a domain name is refused, naming hostedZone.zoneName', () => {
    const zone = route53.HostedZone.fromHostedZoneAttributes(stack(), 'Zone', { hostedZoneId: 'Z123', zoneName: 'exa_mple.org' });
    expect(() => zoneNameOf(zone)).toThrow(new Error(
      "hostedZone.zoneName labels may hold only letters, digits and inner hyphens, got 'exa_mple' in 'exa_mple.org'"));
  });

  test('a PrivateHostedZone is refused', () => {
    const s = stack();
    const zone = new route53.PrivateHostedZone(s, 'Zone', { zoneName: 'example.org', vpc: new ec2.Vpc(s, 'Vpc') });
    expect(() => zoneNameOf(zone)).toThrow(new Error(PRIVATE('Test/Zone')));
  });

  test.each([
    ['a string', 'example.org', 'string "example.org"'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['an object without hostedZoneId', { zoneName: 'example.org' }, 'an object of class Object'],
    ['an object whose hostedZoneId is a number', { hostedZoneId: 5 }, 'an object of class Object'],
  ])('%s is not a zone', (_, value, shown) => {
    expect(() => zoneNameOf(value as any)).toThrow(new Error(
      `hostedZone must be a route53.IHostedZone (e.g. route53.HostedZone.fromLookup(...)), got ${shown}`));
  });
});

describe('privateZoneProblem', () => {
  test('a HostedZone with a VPC is private', () => {
    const s = stack();
    const zone = new route53.HostedZone(s, 'Zone', { zoneName: 'example.org', vpcs: [new ec2.Vpc(s, 'Vpc')] });
    expect(privateZoneProblem(zone)).toBe(PRIVATE('Test/Zone'));
  });

  test('a VPC added to a HostedZone after the fact counts too', () => {
    const s = stack();
    const zone = new route53.HostedZone(s, 'Zone', { zoneName: 'example.org' });
    expect(privateZoneProblem(zone)).toBeUndefined();
    zone.addVpc(new ec2.Vpc(s, 'Vpc'));
    expect(privateZoneProblem(zone)).toBe(PRIVATE('Test/Zone'));
  });

  test('a CfnHostedZone given an empty VPC list is not private', () => {
    const zone = new route53.HostedZone(stack(), 'Zone', { zoneName: 'example.org' });
    (zone.node.defaultChild as route53.CfnHostedZone).vpcs = [];
    expect(privateZoneProblem(zone)).toBeUndefined();
  });

  test.each([
    ['a HostedZone without VPCs', (s: Stack) => new route53.HostedZone(s, 'Zone', { zoneName: 'example.org' })],
    ['an imported zone (no CloudFormation resource)', (s: Stack) => route53.HostedZone.fromHostedZoneId(s, 'Zone', 'Z123')],
  ])('%s is not a problem', (_, make) => {
    expect(privateZoneProblem(make(stack()))).toBeUndefined();
  });
});

describe('checkZoneStack', () => {
  test.each([
    ['a zone of the same stack', (app: App) => {
      const s = stack('A', undefined, app);
      return [s, new route53.PublicHostedZone(s, 'Zone', { zoneName: 'example.org' })] as const;
    }],
    ['a zone imported by a literal id in another stack', (app: App) => [
      stack('A', undefined, app), route53.HostedZone.fromHostedZoneId(stack('B', undefined, app), 'Zone', 'Z123'),
    ] as const],
    ['a zone of another stack in the same account and region', (app: App) => [
      stack('A', undefined, app), new route53.PublicHostedZone(stack('B', undefined, app), 'Zone', { zoneName: 'example.org' }),
    ] as const],
    ['a zone of another region when the stack sets crossRegionReferences', (app: App) => [
      new Stack(app, 'A', { env: { account: '111111111111', region: 'us-east-1' }, crossRegionReferences: true }),
      new route53.PublicHostedZone(stack('B', undefined, app), 'Zone', { zoneName: 'example.org' }),
    ] as const],
    ['two environment-agnostic stacks', (app: App) => [
      new Stack(app, 'A'), new route53.PublicHostedZone(new Stack(app, 'B'), 'Zone', { zoneName: 'example.org' }),
    ] as const],
  ])('%s is fine', (_, make) => {
    const [consumer, zone] = make(new App());
    expect(() => checkZoneStack(consumer, zone)).not.toThrow();
  });

  test.each([
    ['another account', { account: '222222222222', region: 'eu-west-1' }, 'account 222222222222', 'account 111111111111'],
    ['an unknown account', { region: 'eu-west-1' }, 'an unknown account', 'account 111111111111'],
  ])('a zone of %s is refused', (_, env, to, from) => {
    const app = new App();
    const zone = new route53.PublicHostedZone(stack('Producer', undefined, app), 'Zone', { zoneName: 'example.org' });
    expect(() => checkZoneStack(stack('Consumer', env, app), zone)).toThrow(new Error(
      `hostedZone Producer/Zone is made in stack Producer (${from}), but this construct's stack Consumer is in ${to}: a stack writes record sets only `
      + `into zones of its own account, and CDK cannot pass the zone's id across accounts. Put the construct in a stack of ${from}, or give a zone of ${to}`));
  });

  test.each([
    ['another region', { account: '111111111111', region: 'us-east-1' }, 'us-east-1'],
    ['an unknown region', { account: '111111111111' }, 'an unknown region'],
  ])('a zone of %s without crossRegionReferences is refused', (_, env, to) => {
    const app = new App();
    const zone = new route53.PublicHostedZone(stack('Producer', undefined, app), 'Zone', { zoneName: 'example.org' });
    expect(() => checkZoneStack(stack('Consumer', env, app), zone)).toThrow(new Error(
      `hostedZone Producer/Zone is made in stack Producer (eu-west-1), but this construct's stack Consumer is in ${to}: CDK cannot pass the zone's id across `
      + 'regions without crossRegionReferences and fails the synth. Import the zone in Consumer instead, '
      + "with route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId, zoneName }) or route53.HostedZone.fromLookup, "
      + 'so that each stack writes its own records (README, "One domain in several regions")'));
  });
});

describe('resolveDomainName', () => {
  test.each<[string, string | undefined, string | undefined, string]>([
    ['no domainName: the zone\'s name', undefined, 'example.org', 'example.org'],
    ['the zone itself', 'example.org', 'example.org', 'example.org'],
    ['a subdomain of the zone, normalized', 'Mail.Example.org.', 'example.org', 'mail.example.org'],
    ['any name without a zone', 'example.net', undefined, 'example.net'],
  ])('%s', (_, domainName, zoneName, expected) => {
    expect(resolveDomainName(domainName, zoneName, zoneName !== undefined)).toBe(expected);
  });

  test.each<[string, string | undefined, string | undefined, boolean, string]>([
    ['a zone without a known name and no domainName', undefined, undefined, true,
      'domainName is required: the hosted zone has no known zone name (HostedZone.fromHostedZoneId); give domainName or use HostedZone.fromHostedZoneAttributes'],
    ['no zone and no domainName', undefined, undefined, false, 'domainName is required when no hostedZone is given'],
    ['a name outside the zone', 'example.net', 'example.org', true,
      "domainName 'example.net' is not inside the hosted zone 'example.org'; give a name that ends with 'example.org' or the zone that holds it"],
    ['a name that only ends with the zone\'s letters', 'badexample.org', 'example.org', true,
      "domainName 'badexample.org' is not inside the hosted zone 'example.org'; give a name that ends with 'example.org' or the zone that holds it"],
    ['a malformed name', 'mail_1.example.org', 'example.org', true,
      "domainName labels may hold only letters, digits and inner hyphens, got 'mail_1' in 'mail_1.example.org'"],
    ['the parent of the zone', 'org', 'example.org', true,
      "domainName 'org' is not inside the hosted zone 'example.org'; give a name that ends with 'example.org' or the zone that holds it"],
  ])('%s is refused', (_, domainName, zoneName, hasZone, message) => {
    expect(() => resolveDomainName(domainName, zoneName, hasZone)).toThrow(new Error(message));
  });

  test.each([
    ['a number', 5, 'number 5'],
    ['null', null, 'null'],
  ])('a domainName that is %s is refused by kind', (_, value, shown) => {
    expect(() => resolveDomainName(value as any, 'example.org', true)).toThrow(new Error(
      `domainName must be a string such as 'example.com', got ${shown}`));
  });

  test.each([
    ['the domain name', () => [Lazy.string({ produce: () => 'example.net' }), 'example.org']],
    ['the zone name', () => ['example.net', Lazy.string({ produce: () => 'example.org' })]],
  ])('a token in %s is never a false "not inside" error', (_, make) => {
    const [domainName, zoneName] = make();
    expect(() => resolveDomainName(domainName, zoneName, true)).not.toThrow();
  });
});
