import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { RecordContext, RecordKind } from '../src/context';
import { InboundMail, MailServer } from '../src/inbound-mail';
import { ReceivingAction } from '../src/receiving/actions';
import { SesReceivingOptions } from '../src/receiving/receiving';
import { ReceiptRuleSetChoice } from '../src/receiving/rule-sets';

// inbound-mail.ts directly: each factory's MX values and record, and each bad input's whole message,
// over a record context without a VerifiedMailDomain (through the construct: inbound-mail-prop.test.ts).

function context(region = 'eu-west-1'): { stack: Stack; ctx: RecordContext } {
  const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region } });
  const identity = new ses.EmailIdentity(stack, 'Identity', { identity: ses.Identity.domain('example.org') });
  return { stack, ctx: { scope: stack, domainName: 'example.org', mailFromDomain: 'bounce.example.org', ttl: 600, identity, region, zoneName: 'example.org' } };
}

const warnings = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
const servers = (list: unknown) => InboundMail.servers(list as MailServer[]);
const NOT_RECEIVING = (region: string, factory: string, what: string, override: string) => `inboundMail is ${factory}, whose MX inbound-smtp.${region}.amazonaws.com ${what} `
  + `only if SES receives mail in ${region}, which is not among the regions where SES receives mail (as of 2026-06-15: us-east-1, us-east-2, us-west-1, us-west-2, `
  + 'ca-central-1, sa-east-1, eu-central-1, eu-north-1, eu-south-1, eu-west-1, eu-west-2, eu-west-3, af-south-1, il-central-1, me-south-1, ap-northeast-1, '
  + 'ap-northeast-2, ap-northeast-3, ap-south-1, ap-southeast-1, ap-southeast-2, ap-southeast-3); use a stack in one of them or InboundMail.servers(...), '
  + `or ${override} if SES receives there now`;

test('the record: the MX at the domain with the context\'s TTL, its kind and the props it comes from', () => {
  const { ctx } = context();
  expect(InboundMail.servers([{ host: 'mx.example.net', priority: 10 }])._records(ctx)).toEqual([{
    id: 'InboundMx',
    kind: RecordKind.INBOUND_MX,
    nameFrom: 'domainName',
    valuesFrom: 'inboundMail',
    record: { name: 'example.org.', type: 'MX', values: ['10 mx.example.net'], ttl: 600, purpose: 'inbound mail (MX)' },
  }]);
});

test('servers: priorities as given, hosts normalized, 0 and 65535 taken', () => {
  const { ctx } = context();
  expect(InboundMail.servers([{ host: 'ASPMX.L.Google.com.', priority: 0 }, { host: 'alt1.aspmx.l.google.com', priority: 65535 }])._values(ctx))
    .toEqual(['0 aspmx.l.google.com', '65535 alt1.aspmx.l.google.com']);
});

test.each<[string, unknown, string]>([
  ['no list', { host: 'mx.example.net', priority: 10 }, "inboundMail servers must be a list of MailServer ({ host, priority }), e.g. [{ host: 'mx.example.net', priority: 10 }], got an object of class Object"],
  ['an empty list', [], 'inboundMail servers must list at least one server, got an empty list; use InboundMail.nullMx() for a domain that receives no mail'],
  ['a server that is no object', ['mx.example.net'], 'inboundMail servers[0] must be a MailServer ({ host, priority }), got string "mx.example.net"'],
  ['an unknown key', [{ host: 'mx.example.net', priority: 10, weight: 1 }], "InboundMail.servers servers[0] has no option 'weight'; options: host, priority"],
  ['a host that is no string', [{ host: 5, priority: 10 }], "inboundMail servers[0].host must be a host name such as 'mx.example.net', got number 5"],
  ['a priority that is no number', [{ host: 'mx.example.net', priority: '10' }], 'inboundMail servers[0].priority must be an integer from 0 to 65535, got string "10"'],
  ['a null MX host', [{ host: '.', priority: 0 }], "inboundMail servers[0].host must be a host name, got '.'; a null MX must be the only MX at its name: use InboundMail.nullMx()"],
  ['an empty host', [{ host: '', priority: 0 }], "inboundMail servers[0].host must be a host name, got ''; a null MX must be the only MX at its name: use InboundMail.nullMx()"],
  ['a priority of 65536', [{ host: 'mx.example.net', priority: 65536 }], 'inboundMail servers[0].priority must be an integer from 0 to 65535, got 65536'],
  ['an IPv4 address', [{ host: '192.0.2.1', priority: 10 }], "inboundMail servers[0].host must be a host name, got the IP address '192.0.2.1'; an MX points to a name with an A or AAAA record, so give the server's host name"],
  ['an IPv6 address in brackets', [{ host: '[2001:db8::1]', priority: 10 }], "inboundMail servers[0].host must be a host name, got the IP address '[2001:db8::1]'; an MX points to a name with an A or AAAA record, so give the server's host name"],
  ['a host listed twice, the second time in capitals', [{ host: 'mx.example.net', priority: 10 }, { host: 'MX.example.net.', priority: 20 }],
    "inboundMail servers[1].host 'mx.example.net' is listed twice; give each server once"],
])('servers refuses %s', (_title, list, message) => {
  expect(() => servers(list)).toThrow(new Error(message));
});

test.each<[string, string]>([['[ inside', '19[2.0.2.1'], ['] inside', '1]92.0.2.1']])('a bracket %s an address is no bracketed address: the name check refuses it', (_title, host) => {
  expect(() => servers([{ host, priority: 10 }])).toThrow(new Error(`inboundMail servers[0].host labels may hold only letters, digits and inner hyphens, got '${host.split('.')[0]}' in '${host}'`));
});

test.each<[string, () => InboundMail]>([['nullMx()', () => InboundMail.nullMx()], ['none()', () => InboundMail.none()]])(
  'InboundMail.%s: the null MX, with a warning naming the factory', (factory, make) => {
    const { stack, ctx } = context();
    expect(make()._values(ctx)).toEqual(['0 .']);
    expect(warnings(stack)).toEqual([`inboundMail is InboundMail.${factory} (null MX) on example.org, which sends mail through SES: RFC 7505 section 4.2 says a sending domain `
      + 'should not publish a null MX, and receivers may reject mail whose From domain accepts no replies. Leave inboundMail unset, or acknowledge this warning if replies are never wanted '
      + '[ack: cdk-verified-mail-domain:nullMxOnSendingDomain]']);
  });

test.each<[string, () => InboundMail]>([
  ['ses()', () => InboundMail.ses()], ['ses(undefined)', () => InboundMail.ses(undefined)],
  ['ses(null)', () => InboundMail.ses(null as unknown as SesReceivingOptions)],
  ['sesEndpoint()', () => InboundMail.sesEndpoint()], ['sesEndpoint({})', () => InboundMail.sesEndpoint({})],
])('InboundMail.%s: the MX to the region\'s endpoint, nothing else, no warning', (_title, make) => {
  const { stack, ctx } = context('us-west-2');
  const inbound = make();
  expect(inbound._values(ctx)).toEqual(['10 inbound-smtp.us-west-2.amazonaws.com']);
  inbound._bind(stack, ctx, []);
  const identity = stack.getLogicalId(ctx.identity.node.defaultChild as ses.CfnEmailIdentity);
  expect(Object.keys(Template.fromStack(stack).toJSON().Resources)).toEqual([identity]);
  expect(warnings(stack)).toEqual([]);
});

test.each<[string, () => InboundMail, string, string]>([
  ['ses()', () => InboundMail.ses(), 'works', 'use InboundMail.sesEndpoint({ allowUnlistedRegion: true })'],
  ['sesEndpoint()', () => InboundMail.sesEndpoint(), 'works', 'set allowUnlistedRegion: true'],
  ['sesEndpoint({ allowUnlistedRegion: false })', () => InboundMail.sesEndpoint({ allowUnlistedRegion: false }), 'works', 'set allowUnlistedRegion: true'],
  ['ses({ actions, ruleSet })', () => InboundMail.ses({ actions: [], ruleSet: ReceiptRuleSetChoice.existing('inbox') }), 'and receipt rule work', 'set allowUnlistedRegion: true'],
])('InboundMail.%s in a region where SES does not receive is refused, naming its override', (factory, make, what, override) => {
  const { ctx } = context('ap-south-2');
  const shown = factory.startsWith('sesEndpoint') ? 'InboundMail.sesEndpoint()' : factory.startsWith('ses(') && factory !== 'ses()' ? 'InboundMail.ses({ actions, ruleSet })' : 'InboundMail.ses()';
  expect(() => make()._values(ctx)).toThrow(new Error(NOT_RECEIVING('ap-south-2', shown, what, override)));
});

test.each<[string, () => InboundMail]>([
  ['sesEndpoint({ allowUnlistedRegion: true })', () => InboundMail.sesEndpoint({ allowUnlistedRegion: true })],
  ['ses({ ..., allowUnlistedRegion: true })', () => InboundMail.ses({ actions: [], ruleSet: ReceiptRuleSetChoice.existing('inbox'), allowUnlistedRegion: true })],
])('InboundMail.%s takes a region newer than the list', (_title, make) => {
  expect(make()._values(context('ap-south-2').ctx)).toEqual(['10 inbound-smtp.ap-south-2.amazonaws.com']);
});

test('InboundMail.ses with receiving options binds the domain\'s receipt rule in the scope', () => {
  const { stack, ctx } = context();
  const inbound = InboundMail.ses({ actions: [ReceivingAction.sns(new sns.Topic(stack, 'Topic'))], ruleSet: ReceiptRuleSetChoice.existing('inbox'), recipients: ['info@example.org'] });
  inbound._bind(stack, ctx, []);
  const rules = Object.values(Template.fromStack(stack).findResources('AWS::SES::ReceiptRule'));
  expect(rules.map((r) => [r.Properties.RuleSetName, r.Properties.Rule.Recipients])).toEqual([['inbox', ['info@example.org']]]);
});

test.each<[string, () => InboundMail, string]>([
  ['ses options that are no object', () => InboundMail.ses('x' as unknown as SesReceivingOptions),
    'inboundMail receiving must be an object of SesReceivingOptions ({ actions, ruleSet, ... }), got string "x"'],
  ['an unknown ses option', () => InboundMail.ses({ actions: [], ruleSet: ReceiptRuleSetChoice.existing('inbox'), scan: true } as SesReceivingOptions),
    "InboundMail.ses has no option 'scan'; options: actions, ruleSet, recipients, scanEnabled, tlsPolicy, tlsRequired, allowUnlistedRegion"],
  ['sesEndpoint options that are a list', () => InboundMail.sesEndpoint([] as never),
    'InboundMail.sesEndpoint options must be an object of SesEndpointOptions ({ allowUnlistedRegion? }), got a list'],
  ['an unknown sesEndpoint option', () => InboundMail.sesEndpoint({ region: 'x' } as never), "InboundMail.sesEndpoint has no option 'region'; options: allowUnlistedRegion"],
  ['allowUnlistedRegion that is no boolean', () => InboundMail.sesEndpoint({ allowUnlistedRegion: 'yes' as unknown as boolean }),
    'InboundMail.sesEndpoint allowUnlistedRegion must be true or false, got string "yes"'],
])('refuses %s', (_title, make, message) => {
  expect(make).toThrow(new Error(message));
});

test('a token priority is taken as given', () => {
  const { stack, ctx } = context();
  const priority = new CfnParameter(stack, 'Priority', { type: 'Number' }).valueAsNumber;
  expect(stack.resolve(InboundMail.servers([{ host: 'mx.example.net', priority }])._values(ctx))).toEqual([{ 'Fn::Join': ['', [{ Ref: 'Priority' }, ' mx.example.net']] }]);
});

test('what a DMARC reports rule reads of the domain\'s inbound mail: its rule set, its recipients as given, and whether its rules are the user\'s', () => {
  const ruleSet = ReceiptRuleSetChoice.existing('inbound');
  const receiving = InboundMail.ses({ actions: [], ruleSet, recipients: ['.example.org'] } as unknown as SesReceivingOptions);
  expect([receiving._ruleSet(), receiving._recipients(), receiving._sesWithoutRule()]).toEqual([ruleSet, ['.example.org'], undefined]);
  expect([InboundMail.ses()._ruleSet(), InboundMail.ses()._recipients(), InboundMail.ses()._sesWithoutRule()]).toEqual([undefined, undefined, 'InboundMail.ses()']);
  expect(InboundMail.sesEndpoint()._sesWithoutRule()).toBe('InboundMail.sesEndpoint()');
  for (const other of [InboundMail.servers([{ host: 'mx.example.net', priority: 10 }]), InboundMail.nullMx()]) {
    expect([other._ruleSet(), other._recipients(), other._sesWithoutRule()]).toEqual([undefined, undefined, undefined]);
  }
});
