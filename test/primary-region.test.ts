import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { checkSecondary, checkSecondaryMailFrom, NamedPrimary, PrimaryDomain, primaryOf, publishedByPrimary, secondaryMailFromLabel } from '../src/primary-region';
import { MailDnsRecord } from '../src/records';

// The checks of one domain in several regions, directly, with a plain construct as the primary (through
// the construct's props: primary-region-prop.test.ts).

const account = '123456789012';

function regionStack(app: App, region: string | undefined, id = `Mail-${region}`): Stack {
  return new Stack(app, id, { env: { account, region } });
}

/** A primary in eu-west-1 (stack Mail-eu-west-1, path Mail-eu-west-1/Mail), for example.org with MAIL FROM bounce.example.org. */
function primaryIn(app: App, fields: Partial<PrimaryDomain> = {}, region = 'eu-west-1'): PrimaryDomain {
  return Object.assign(new Construct(regionStack(app, region), 'Mail'), { domainName: 'example.org', mailFromDomain: 'bounce.example.org', records: [], ...fields });
}

describe('primaryOf', () => {
  test.each<[string, (p: PrimaryDomain) => object, NamedPrimary['prop'] | undefined]>([
    ['neither', () => ({}), undefined],
    ['primary', (p) => ({ primary: p }), 'primary'],
    ['primaryRegion', (p) => ({ primaryRegion: p }), 'primaryRegion'],
  ])('%s: the primary and the prop that names it; a warning only for primaryRegion', (_, props, prop) => {
    const app = new App();
    const primary = primaryIn(app);
    const scope = regionStack(app, 'us-east-1');
    const named = primaryOf(scope, props(primary));
    expect(named).toEqual(prop === undefined ? undefined : { construct: primary, prop });
    const warnings = Annotations.fromStack(scope).findWarning('*', Match.anyValue()).map((w) => w.entry.data);
    expect(warnings).toEqual(prop === 'primaryRegion' ? ['primaryRegion is deprecated: rename it to primary (the same construct, Mail-eu-west-1/Mail; '
      + 'the same records) [ack: cdk-verified-mail-domain:primaryRegionDeprecated]'] : []);
  });

  test('both set is refused', () => {
    const app = new App();
    const [one, two] = [primaryIn(app), primaryIn(app, {}, 'eu-central-1')];
    expect(() => primaryOf(regionStack(app, 'us-east-1'), { primary: one, primaryRegion: two })).toThrow(new Error('primary (Mail-eu-west-1/Mail) and '
      + 'primaryRegion (Mail-eu-central-1/Mail) are both set: primaryRegion is the deprecated name of primary; set only primary'));
  });
});

describe('checkSecondary', () => {
  test.each<[string, string | undefined, string]>([
    ['the primary\'s MAIL FROM label with the region', 'rp.example.org', 'rp-us-east-1'],
    ['bounce with the region when the primary has no custom MAIL FROM', undefined, 'bounce-us-east-1'],
  ])('returns %s', (_, mailFromDomain, label) => {
    const app = new App();
    const primary = primaryIn(app, { mailFromDomain });
    expect(checkSecondary(regionStack(app, 'us-east-1'), { construct: primary, prop: 'primary' }, { spf: undefined }, 'example.org')).toBe(label);
  });

  test.each<[string, (s: Stack) => string, (s: Stack) => string]>([
    ['this domain', (s) => new CfnParameter(s, 'Name').valueAsString, () => 'example.org'],
    ['the primary\'s domain', () => 'shop.example.org', (s) => new CfnParameter(s, 'Name').valueAsString],
  ])('a token as %s is not compared', (_, own, theirs) => {
    const app = new App();
    const primary = primaryIn(app);
    const scope = regionStack(app, 'us-east-1');
    const domainName = theirs(Stack.of(primary));
    Object.assign(primary, { domainName, mailFromDomain: `bounce.${domainName}` });
    expect(checkSecondary(scope, { construct: primary, prop: 'primary' }, {}, own(scope))).toBe('bounce-us-east-1');
  });

  test.each<[string, string | undefined, string | undefined]>([
    ['this stack\'s', undefined, 'eu-west-1'],
    ['the primary\'s', 'eu-west-1', undefined],
    ['both', undefined, undefined],
  ])('an unknown region (%s) is not compared', (_, own, theirs) => {
    const app = new App();
    const primary = Object.assign(new Construct(regionStack(app, theirs, 'Primary'), 'Mail'), { domainName: 'example.org', records: [] });
    const scope = regionStack(app, own, 'Other');
    expect(() => checkSecondary(scope, { construct: primary, prop: 'primary' }, {}, 'example.org')).not.toThrow();
  });

  test.each<[string, NamedPrimary['prop'], string, string, Record<string, unknown>, string]>([
    ['another domain', 'primaryRegion', 'us-east-1', 'shop.example.org', {},
      'primaryRegion Mail-eu-west-1/Mail is for example.org, but this construct is for shop.example.org; a primary serves the same domain'],
    ['the same region', 'primary', 'eu-west-1', 'example.org', {},
      'primary Mail-eu-west-1/Mail is in eu-west-1 too; SES holds one identity per domain and region, so use that construct instead of a second one'],
    ['every shared prop', 'primary', 'us-east-1', 'example.org', { inboundMail: 1, dmarc: 1, domainTxtValues: [], spf: 1, recordTtl: 1 },
      'spf, domainTxtValues, dmarc, inboundMail must not be set with primary: Mail-eu-west-1/Mail publishes the SPF, DMARC and inbound MX of example.org '
      + 'once for every region; set them there'],
    ['one shared prop', 'primaryRegion', 'us-east-1', 'example.org', { dmarc: null },
      'dmarc must not be set with primaryRegion: Mail-eu-west-1/Mail publishes the SPF, DMARC and inbound MX of example.org once for every region; set them there'],
  ])('refuses %s', (_, prop, region, domainName, props, message) => {
    const app = new App();
    const primary = primaryIn(app);
    const scope = region === 'eu-west-1' ? new Construct(Stack.of(primary), 'Second') : regionStack(app, region);
    expect(() => checkSecondary(scope, { construct: primary, prop }, props, domainName)).toThrow(new Error(message));
  });
});

test.each<[string | undefined, string, string]>([
  ['bounce.example.org', 'example.org', 'bounce-ap-south-1'],
  ['rp.mail.example.org', 'mail.example.org', 'rp-ap-south-1'],
  [undefined, 'example.org', 'bounce-ap-south-1'],
])('secondaryMailFromLabel: MAIL FROM %s of %s gives %s', (mailFromDomain, domainName, label) => {
  expect(secondaryMailFromLabel(mailFromDomain, domainName, 'ap-south-1')).toBe(label);
});

describe('checkSecondaryMailFrom', () => {
  test.each<[string, string | undefined, (s: Stack) => string | undefined]>([
    ['another MAIL FROM domain', 'bounce.example.org', () => 'rp.example.org'],
    ['no custom MAIL FROM here', 'bounce.example.org', () => undefined],
    ['no custom MAIL FROM in the primary', undefined, () => 'bounce.example.org'],
    ['no custom MAIL FROM in either', undefined, () => undefined],
    ['a token here', 'bounce.example.org', (s) => new CfnParameter(s, 'MailFrom').valueAsString],
  ])('%s passes', (_, theirs, own) => {
    const app = new App();
    const scope = regionStack(app, 'us-east-1');
    const primary = primaryIn(app, { mailFromDomain: theirs });
    expect(() => checkSecondaryMailFrom(scope, { construct: primary, prop: 'primary' }, own(scope), 'x')).not.toThrow();
  });

  test('a token in the primary passes', () => {
    const app = new App();
    const primary = primaryIn(app);
    Object.assign(primary, { mailFromDomain: new CfnParameter(Stack.of(primary), 'MailFrom').valueAsString });
    expect(() => checkSecondaryMailFrom(regionStack(app, 'us-east-1'), { construct: primary, prop: 'primary' }, 'bounce.example.org', 'x')).not.toThrow();
  });

  test.each<[NamedPrimary['prop'], string, string]>([
    ['primary', 'bounce.example.org', 'bounce-us-east-1'],
    ['primaryRegion', 'rp.example.org', 'rp-us-east-1'],
  ])('the primary\'s own MAIL FROM domain is refused, naming %s and the default label', (prop, mailFromDomain, label) => {
    const app = new App();
    const primary = primaryIn(app, { mailFromDomain });
    expect(() => checkSecondaryMailFrom(regionStack(app, 'us-east-1'), { construct: primary, prop }, mailFromDomain, 'Given')).toThrow(new Error(
      `mailFromSubdomain 'Given' makes the MAIL FROM domain ${mailFromDomain}, which ${prop} Mail-eu-west-1/Mail already uses in eu-west-1. A MAIL FROM `
      + 'domain holds exactly one MX, SES\'s feedback endpoint of one region, so each region needs its own: leave mailFromSubdomain unset for this region\'s '
      + `default '${label}', or give another label`));
  });
});

describe('publishedByPrimary', () => {
  const record = (fields: Partial<MailDnsRecord> = {}): MailDnsRecord => ({
    name: 'key._domainkey.example.org.', type: route53.RecordType.TXT, values: ['p=abc'], ttl: 300, purpose: 'BYODKIM', ...fields,
  });
  const token = new CfnParameter(new Stack(), 'Value').valueAsString;

  test.each<[string, MailDnsRecord, MailDnsRecord[], boolean]>([
    ['the same name, type and values (TTL and purpose aside)', record(), [record({ name: 'other.' }), record({ ttl: 60, purpose: 'x' })], true],
    ['no records in the primary', record(), [], false],
    ['other values', record(), [record({ values: ['p=abd'] })], false],
    ['another type', record(), [record({ type: route53.RecordType.CNAME })], false],
    ['another name', record(), [record({ name: 'other.' })], false],
    ['the same token name', record({ name: token }), [record({ name: token })], false],
    ['the same token value', record({ values: ['p=abc', token] }), [record({ values: ['p=abc', token] })], false],
    ['a token value in the primary', record(), [record({ values: [token] })], false],
  ])('%s', (_, own, primaryRecords, published) => {
    expect(publishedByPrimary(own, { records: primaryRecords } as unknown as PrimaryDomain)).toBe(published);
  });
});
