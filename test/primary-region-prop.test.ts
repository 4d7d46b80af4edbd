import { generateKeyPairSync } from 'crypto';
import { App, SecretValue, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { DkimSigning, Dmarc, InboundMail, Spf, VerificationWait, VerifiedMailDomain } from '../src';
import { failures, recordSets, synthError } from './helpers/util';

// One domain in several regions: each region its own identity, DKIM and MAIL FROM domain, written by its
// own stack into the zone (imported by attributes in each stack); SPF, DMARC and the inbound MX once.

const account = '123456789012';

function regionStack(app: App, region: string): { stack: Stack; zone: route53.IHostedZone } {
  const stack = new Stack(app, `Mail-${region}`, { env: { account, region } });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789', zoneName: 'example.org' });
  return { stack, zone };
}

/** `name type values` of every literal record set of a stack, and the number of DKIM CNAMEs (deploy-time names). */
function published(stack: Stack): { literal: string[]; dkim: number } {
  const sets = Object.values(recordSets(stack));
  return {
    literal: sets.filter((s) => typeof s.Name === 'string').map((s) => `${s.Name} ${s.Type} ${JSON.stringify(s.ResourceRecords)} ${s.TTL}`).sort(),
    dkim: sets.filter((s) => typeof s.Name !== 'string' && s.Type === 'CNAME').length,
  };
}

test.each([2, 3])('%i regions in separate stacks: each its identity, DKIM and MAIL FROM; SPF, DMARC and MX once', (count) => {
  const app = new App();
  const regions = ['eu-west-1', 'us-east-1', 'ap-southeast-2'].slice(0, count);
  const first = regionStack(app, regions[0]);
  const primary = new VerifiedMailDomain(first.stack, 'Mail', {
    hostedZone: first.zone,
    inboundMail: InboundMail.ses(),
    dmarc: Dmarc.publish({ aggregateReportAddresses: ['dmarc@example.org'] }),
  });
  const others = regions.slice(1).map((region) => {
    const { stack, zone } = regionStack(app, region);
    return new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, primary });
  });
  expect(synthError(app)).toBe('');

  expect(published(first.stack)).toEqual({
    dkim: 3,
    literal: [
      '_dmarc.example.org. TXT ["\\"v=DMARC1; p=none; rua=mailto:dmarc@example.org\\""] 1800',
      'bounce.example.org. MX ["10 feedback-smtp.eu-west-1.amazonses.com"] 1800',
      'bounce.example.org. TXT ["\\"v=spf1 include:amazonses.com ~all\\""] 1800',
      'example.org. MX ["10 inbound-smtp.eu-west-1.amazonaws.com"] 1800',
      'example.org. TXT ["\\"v=spf1 include:amazonses.com ~all\\""] 1800',
    ],
  });
  others.forEach((mail, i) => {
    const region = regions[i + 1];
    expect(mail.domainName).toBe('example.org');
    expect(mail.mailFromDomain).toBe(`bounce-${region}.example.org`);
    expect(published(Stack.of(mail))).toEqual({
      dkim: 3,
      literal: [
        `bounce-${region}.example.org. MX ["10 feedback-smtp.${region}.amazonses.com"] 1800`,
        `bounce-${region}.example.org. TXT ["\\"v=spf1 include:amazonses.com ~all\\""] 1800`,
      ],
    });
    Template.fromStack(Stack.of(mail)).hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'example.org',
      MailFromAttributes: { MailFromDomain: `bounce-${region}.example.org`, BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' },
    });
  });
});

test('a shared BYODKIM key is published once, by the primary; each region signs with it', () => {
  const app = new App();
  const publicKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const dkim = DkimSigning.byoDkim({ selector: 'ses', privateKey: SecretValue.secretsManager('dkim-key'), publicKey });
  const first = regionStack(app, 'eu-west-1');
  const primary = new VerifiedMailDomain(first.stack, 'Mail', { hostedZone: first.zone, dkim });
  const second = regionStack(app, 'us-east-1');
  new VerifiedMailDomain(second.stack, 'Mail', { hostedZone: second.zone, dkim, primary });
  expect(synthError(app)).toBe('');
  expect(published(first.stack).literal.filter((l) => l.startsWith('ses._domainkey'))).toHaveLength(1);
  expect(published(second.stack).literal).toEqual([
    'bounce-us-east-1.example.org. MX ["10 feedback-smtp.us-east-1.amazonses.com"] 1800',
    'bounce-us-east-1.example.org. TXT ["\\"v=spf1 include:amazonses.com ~all\\""] 1800',
  ]);
  Template.fromStack(second.stack).hasResourceProperties('AWS::SES::EmailIdentity', { DkimSigningAttributes: { DomainSigningSelector: 'ses' } });
});

test('each region waits for its own identity', () => {
  const app = new App();
  const first = regionStack(app, 'eu-west-1');
  const primary = new VerifiedMailDomain(first.stack, 'Mail', { hostedZone: first.zone, waitForVerification: VerificationWait.untilVerified() });
  const second = regionStack(app, 'us-east-1');
  const other = new VerifiedMailDomain(second.stack, 'Mail', { hostedZone: second.zone, primary, waitForVerification: VerificationWait.untilVerified() });
  for (const mail of [primary, other]) {
    const waiter = Template.fromStack(Stack.of(mail)).findResources('Custom::SesDomainVerification');
    expect(Object.values(waiter).map((w: any) => w.Properties.MailFromDomain)).toEqual([mail.mailFromDomain]);
  }
});

test('without primary, the second region is told to name the first, on its own path; the collisions follow from it', () => {
  const app = new App();
  const first = regionStack(app, 'eu-west-1');
  new VerifiedMailDomain(first.stack, 'Mail', { hostedZone: first.zone });
  const second = regionStack(app, 'us-east-1');
  new VerifiedMailDomain(second.stack, 'Mail', { hostedZone: second.zone, spf: Spf.none(), dmarc: Dmarc.none() });
  expect(synthError(app)).toBe(failures([['Mail-us-east-1/Mail', 'example.org has a VerifiedMailDomain in eu-west-1 (Mail-eu-west-1/Mail) and one in '
    + 'us-east-1 (Mail-us-east-1/Mail), and neither names the other its primary, so each publishes the domain\'s records as if it were the only region. '
    + 'Give Mail-us-east-1/Mail the prop primary: the construct of eu-west-1 (Mail-eu-west-1/Mail); it then publishes only its own region\'s Easy DKIM and '
    + 'MAIL FROM records (the MAIL FROM domain bounce-us-east-1.example.org unless mailFromSubdomain says otherwise), and Mail-eu-west-1/Mail the SPF, '
    + 'DMARC and inbound MX for both. The record sets the two make twice follow from it and are not listed apart: MX bounce.example.org., '
    + 'TXT bounce.example.org. in hosted zone Z0123456789']]));
});

test('without primary, a record set of the user\'s that collides too is still reported, after the root cause', () => {
  const app = new App();
  const first = regionStack(app, 'eu-west-1');
  new VerifiedMailDomain(first.stack, 'Mail', { hostedZone: first.zone });
  const second = regionStack(app, 'us-east-1');
  new VerifiedMailDomain(second.stack, 'Mail', { hostedZone: second.zone });
  new route53.TxtRecord(second.stack, 'Verify', { zone: second.zone, recordName: '_dmarc', values: ['v=DMARC1; p=reject'] });
  const lines = synthError(app).split('\n');
  expect(lines.map((l) => l.replace(/\] .*/, ']'))).toEqual(['Validation failed with the following errors:', '  [Mail-us-east-1/Mail]', '  [Mail-us-east-1/Verify/Resource]']);
  expect(lines[1]).toMatch(/follow from it and are not listed apart: MX bounce.example.org., TXT bounce.example.org., TXT example.org., TXT _dmarc.example.org. in hosted zone Z0123456789$/);
  expect(lines[2]).toBe('  [Mail-us-east-1/Verify/Resource] TXT record set _dmarc.example.org. would be created twice in hosted zone Z0123456789: by Mail-us-east-1/Verify/Resource '
    + 'and by Mail-eu-west-1/Mail/RecordSetGroup (DMARC policy). Route53 holds one set per name and type; change the domain names or options so they differ');
});

test.each([
  ['the primary\'s default label', {}, 'bounce', 'bounce.example.org', 'bounce-us-east-1'],
  ['the primary\'s own label, in another case', { mailFromSubdomain: 'mail' }, 'MAIL', 'mail.example.org', 'mail-us-east-1'],
])('a mailFromSubdomain equal to %s is refused at construction, naming the prop, the value and the default', (_, primaryProps, label, domain, defaultLabel) => {
  const app = new App();
  const first = regionStack(app, 'eu-west-1');
  const primary = new VerifiedMailDomain(first.stack, 'Mail', { hostedZone: first.zone, ...primaryProps });
  const second = regionStack(app, 'us-east-1');
  expect(() => new VerifiedMailDomain(second.stack, 'Mail', { hostedZone: second.zone, primary, mailFromSubdomain: label })).toThrow(new Error(
    `mailFromSubdomain '${label}' makes the MAIL FROM domain ${domain}, which primary Mail-eu-west-1/Mail already uses in eu-west-1. A MAIL FROM domain `
    + 'holds exactly one MX, SES\'s feedback endpoint of one region, so each region needs its own: leave mailFromSubdomain unset for this region\'s default '
    + `'${defaultLabel}', or give another label`));
});

test('a mailFromSubdomain of its own in the second region passes', () => {
  const app = new App();
  const first = regionStack(app, 'eu-west-1');
  const primary = new VerifiedMailDomain(first.stack, 'Mail', { hostedZone: first.zone });
  const second = regionStack(app, 'us-east-1');
  const mail = new VerifiedMailDomain(second.stack, 'Mail', { hostedZone: second.zone, primary, mailFromSubdomain: 'bounce-us' });
  expect(synthError(app)).toBe('');
  expect(published(second.stack).literal).toEqual([
    'bounce-us.example.org. MX ["10 feedback-smtp.us-east-1.amazonses.com"] 1800',
    'bounce-us.example.org. TXT ["\\"v=spf1 include:amazonses.com ~all\\""] 1800',
  ]);
  expect(mail.mailFromDomain).toBe('bounce-us.example.org');
});

describe('what a second region refuses', () => {
  const setup = () => {
    const app = new App();
    const first = regionStack(app, 'eu-west-1');
    return { app, primary: new VerifiedMailDomain(first.stack, 'Mail', { hostedZone: first.zone }), first };
  };

  test.each([
    ['spf', { spf: Spf.publish() }, 'spf'],
    ['dmarc and inboundMail', { dmarc: Dmarc.none(), inboundMail: InboundMail.none() }, 'dmarc, inboundMail'],
    ['domainTxtValues', { domainTxtValues: ['x=1'] }, 'domainTxtValues'],
  ])('%s', (_name, props, names) => {
    const { app, primary } = setup();
    const { stack, zone } = regionStack(app, 'us-east-1');
    expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, primary, ...props })).toThrow(new Error(
      `${names} must not be set with primary: Mail-eu-west-1/Mail publishes the SPF, DMARC and inbound MX of example.org once for every region; set them there`));
  });

  // Each message names the prop the user set: primary, or primaryRegion, its deprecated name.
  test.each(['primary', 'primaryRegion'])('another domain, given as %s', (prop) => {
    const { app, primary } = setup();
    const { stack, zone } = regionStack(app, 'us-east-1');
    expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, [prop]: primary, domainName: 'shop.example.org' })).toThrow(new Error(
      `${prop} Mail-eu-west-1/Mail is for example.org, but this construct is for shop.example.org; a primary serves the same domain`));
  });

  test.each(['primary', 'primaryRegion'])('the same region (one stack holds one region), given as %s', (prop) => {
    const { primary, first } = setup();
    expect(() => new VerifiedMailDomain(first.stack, 'Second', { hostedZone: first.zone, [prop]: primary })).toThrow(new Error(
      `${prop} Mail-eu-west-1/Mail is in eu-west-1 too; SES holds one identity per domain and region, so use that construct instead of a second one`));
  });

  test('spf given with primaryRegion names primaryRegion', () => {
    const { app, primary } = setup();
    const { stack, zone } = regionStack(app, 'us-east-1');
    expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, primaryRegion: primary, spf: Spf.publish() })).toThrow(new Error(
      'spf must not be set with primaryRegion: Mail-eu-west-1/Mail publishes the SPF, DMARC and inbound MX of example.org once for every region; set them there'));
  });

  test('a mailFromSubdomain equal to the primary\'s, with primaryRegion, names primaryRegion', () => {
    const { app, primary } = setup();
    const { stack, zone } = regionStack(app, 'us-east-1');
    expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, primaryRegion: primary, mailFromSubdomain: 'bounce' })).toThrow(new Error(
      'mailFromSubdomain \'bounce\' makes the MAIL FROM domain bounce.example.org, which primaryRegion Mail-eu-west-1/Mail already uses in eu-west-1. A MAIL FROM '
      + 'domain holds exactly one MX, SES\'s feedback endpoint of one region, so each region needs its own: leave mailFromSubdomain unset for this region\'s '
      + 'default \'bounce-us-east-1\', or give another label'));
  });

  test.each(['primary', 'primaryRegion'])('a %s that is not a VerifiedMailDomain', (prop) => {
    const { app } = setup();
    const { stack, zone } = regionStack(app, 'us-east-1');
    expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, [prop]: 'eu-west-1' as unknown as VerifiedMailDomain })).toThrow(new Error(
      `${prop} must be the VerifiedMailDomain of the same domain in its primary region, got string "eu-west-1"`));
  });

  test('primary and primaryRegion both set, even to the same construct', () => {
    const { app, primary } = setup();
    const { stack, zone } = regionStack(app, 'us-east-1');
    expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, primary, primaryRegion: primary })).toThrow(new Error(
      'primary (Mail-eu-west-1/Mail) and primaryRegion (Mail-eu-west-1/Mail) are both set: primaryRegion is the deprecated name of primary; set only primary'));
  });
});

describe('a zone made in another stack', () => {
  const zoneError = (where: string, here: string) => `hostedZone Primary/Zone is made in stack Primary (${where}), but this construct's stack `
    + `Other is in ${here}: CDK cannot pass the zone's id across regions without crossRegionReferences and fails the synth. Import the zone in Other instead, `
    + "with route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId, zoneName }) or route53.HostedZone.fromLookup, "
    + 'so that each stack writes its own records (README, "One domain in several regions")';

  test.each<[string, { account: string; region: string }, boolean, string]>([
    ['another region, as a second region\'s', { account, region: 'us-east-1' }, true,
      zoneError('eu-west-1', 'us-east-1')],
    ['another region, for a domain of its own', { account, region: 'us-east-1' }, false,
      zoneError('eu-west-1', 'us-east-1')],
    ['another account', { account: '210987654321', region: 'eu-west-1' }, false,
      'hostedZone Primary/Zone is made in stack Primary (account 123456789012), but this construct\'s stack Other is in account 210987654321: a stack '
      + 'writes record sets only into zones of its own account, and CDK cannot pass the zone\'s id across accounts. Put the construct in a stack of '
      + 'account 123456789012, or give a zone of account 210987654321'],
  ])('in %s is refused at construction, naming hostedZone and the import that works', (_, env, secondary, message) => {
    const app = new App();
    const primaryStack = new Stack(app, 'Primary', { env: { account, region: 'eu-west-1' } });
    const zone = new route53.PublicHostedZone(primaryStack, 'Zone', { zoneName: 'example.org' });
    const primary = new VerifiedMailDomain(primaryStack, 'Mail', { hostedZone: zone });
    const other = new Stack(app, 'Other', { env });
    expect(() => new VerifiedMailDomain(other, 'Mail', { hostedZone: zone, ...(secondary ? { primary } : { domainName: 'shop.example.org' }) }))
      .toThrow(message);
  });

  test.each<[string, { account: string; region: string }, boolean]>([
    ['the same environment', { account, region: 'eu-west-1' }, false],
    ['another region with crossRegionReferences (CDK passes the id through SSM)', { account, region: 'us-east-1' }, true],
  ])('in %s is used', (_, env, crossRegionReferences) => {
    const app = new App();
    const primaryStack = new Stack(app, 'Primary', { env: { account, region: 'eu-west-1' } });
    const zone = new route53.PublicHostedZone(primaryStack, 'Zone', { zoneName: 'example.org' });
    const other = new Stack(app, 'Other', { env, crossRegionReferences });
    new VerifiedMailDomain(other, 'Mail', { hostedZone: zone, domainName: 'shop.example.org' });
    expect(synthError(app)).toBe('');
    expect(published(other).literal).toContain('shop.example.org. TXT ["\\"v=spf1 include:amazonses.com ~all\\""] 1800');
  });
});
