import { generateKeyPairSync } from 'crypto';
import { App, SecretValue, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { recordSets, synthError } from './util';
import { DkimSigning, Dmarc, InboundMail, Spf, VerificationWait, VerifiedMailDomain } from '../src';

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
    return new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, primaryRegion: primary });
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
  new VerifiedMailDomain(second.stack, 'Mail', { hostedZone: second.zone, dkim, primaryRegion: primary });
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
  const other = new VerifiedMailDomain(second.stack, 'Mail', { hostedZone: second.zone, primaryRegion: primary, waitForVerification: VerificationWait.untilVerified() });
  for (const mail of [primary, other]) {
    const waiter = Template.fromStack(Stack.of(mail)).findResources('Custom::SesDomainVerification');
    expect(Object.values(waiter).map((w: any) => w.Properties.MailFromDomain)).toEqual([mail.mailFromDomain]);
  }
});

test('without primaryRegion, the second region collides at the MAIL FROM MX, and the message says what to do', () => {
  const app = new App();
  const first = regionStack(app, 'eu-west-1');
  new VerifiedMailDomain(first.stack, 'Mail', { hostedZone: first.zone });
  const second = regionStack(app, 'us-east-1');
  new VerifiedMailDomain(second.stack, 'Mail', { hostedZone: second.zone, spf: Spf.none(), dmarc: Dmarc.none() });
  expect(synthError(app).split('\n')[1]).toBe('  [] MX record set bounce.example.org. would be created twice in hosted zone Z0123456789: '
    + 'by Mail-us-east-1/Mail/RecordSetGroup (custom MAIL FROM: SES bounce and complaint feedback (MX)) and by Mail-eu-west-1/Mail/RecordSetGroup '
    + '(custom MAIL FROM: SES bounce and complaint feedback (MX)). Route53 holds one set per name and type; change the domain names or options so they differ; '
    + 'for the same domain in another region, give the second construct primaryRegion: the first (Mail-eu-west-1/Mail)');
});

test('a MAIL FROM label chosen equal to the primary\'s still collides, across the stacks', () => {
  const app = new App();
  const first = regionStack(app, 'eu-west-1');
  const primary = new VerifiedMailDomain(first.stack, 'Mail', { hostedZone: first.zone });
  const second = regionStack(app, 'us-east-1');
  new VerifiedMailDomain(second.stack, 'Mail', { hostedZone: second.zone, primaryRegion: primary, mailFromSubdomain: 'bounce' });
  expect(synthError(app)).toContain('MX record set bounce.example.org. would be created twice in hosted zone Z0123456789');
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
    expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, primaryRegion: primary, ...props })).toThrow(
      `${names} must not be set with primaryRegion: Mail-eu-west-1/Mail publishes the SPF, DMARC and inbound MX of example.org once for every region; set them there`);
  });

  test('another domain', () => {
    const { app, primary } = setup();
    const { stack, zone } = regionStack(app, 'us-east-1');
    expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, primaryRegion: primary, domainName: 'shop.example.org' })).toThrow(
      'primaryRegion Mail-eu-west-1/Mail is for example.org, but this construct is for shop.example.org; a primary region serves the same domain');
  });

  test('the same region (one stack holds one region)', () => {
    const { primary, first } = setup();
    expect(() => new VerifiedMailDomain(first.stack, 'Second', { hostedZone: first.zone, primaryRegion: primary })).toThrow(
      'primaryRegion Mail-eu-west-1/Mail is in eu-west-1 too; SES holds one identity per domain and region, so use that construct instead of a second one');
  });

  test('a primaryRegion that is not a VerifiedMailDomain', () => {
    const { app } = setup();
    const { stack, zone } = regionStack(app, 'us-east-1');
    expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, primaryRegion: 'eu-west-1' as unknown as VerifiedMailDomain })).toThrow(
      'primaryRegion must be the VerifiedMailDomain of the same domain in its primary region, got string "eu-west-1"');
  });
});
