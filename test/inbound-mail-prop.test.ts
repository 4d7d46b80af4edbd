import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { InboundMail, VerifiedMailDomain } from '../src';
import { literalRecords, recordSets, zoneStack } from './helpers/util';

test('SES receiving in the stack region', () => {
  const { stack, zone } = zoneStack('example.org', 'us-west-2');
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, inboundMail: InboundMail.ses() });
  expect(literalRecords(stack)['example.org. MX']).toEqual(['10 inbound-smtp.us-west-2.amazonaws.com']);
  Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
});

test('own servers with priorities, host names normalized', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone,
    inboundMail: InboundMail.servers([
      { host: 'ASPMX.L.Google.com.', priority: 1 },
      { host: 'alt1.aspmx.l.google.com', priority: 5 },
    ]),
  });
  expect(literalRecords(stack)['example.org. MX']).toEqual(['1 aspmx.l.google.com', '5 alt1.aspmx.l.google.com']);
});

test('null MX for a domain that receives nothing', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, inboundMail: InboundMail.nullMx() });
  expect(literalRecords(stack)['example.org. MX']).toEqual(['0 .']);
});

test('InboundMail.none() (deprecated) and InboundMail.nullMx(): the same template, the same warning, each naming the factory used', () => {
  const synth = (inboundMail: InboundMail) => {
    const { stack, zone } = zoneStack();
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, inboundMail });
    return { stack, warnings: Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data)) };
  };
  const old = synth(InboundMail.none());
  const renamed = synth(InboundMail.nullMx());
  expect(Template.fromStack(old.stack).toJSON()).toEqual(Template.fromStack(renamed.stack).toJSON());
  expect(Object.values(recordSets(renamed.stack)).filter((r) => r.Type === 'MX' && r.Name === 'example.org.')).toEqual([{ Name: 'example.org.', Type: 'MX', ResourceRecords: ['0 .'], TTL: '1800' }]);
  const warning = (factory: string) => `inboundMail is ${factory} (null MX) on example.org, which sends mail through SES: RFC 7505 section 4.2 says a sending domain `
    + 'should not publish a null MX, and receivers may reject mail whose From domain accepts no replies. Leave inboundMail unset, or acknowledge this warning if replies are never wanted '
    + '[ack: cdk-verified-mail-domain:nullMxOnSendingDomain]';
  expect(old.warnings).toEqual([warning('InboundMail.none()')]);
  expect(renamed.warnings).toEqual([warning('InboundMail.nullMx()')]);
});

const notReceiving = (region: string) => `inboundMail is InboundMail.ses(), whose MX inbound-smtp.${region}.amazonaws.com works only if SES receives mail in ${region}, `
  + 'which is not among the regions where SES receives mail (as of 2026-06-15: us-east-1, us-east-2, us-west-1, us-west-2, ca-central-1, sa-east-1, eu-central-1, '
  + 'eu-north-1, eu-south-1, eu-west-1, eu-west-2, eu-west-3, af-south-1, il-central-1, me-south-1, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, '
  + 'ap-southeast-1, ap-southeast-2, ap-southeast-3); use a stack in one of them or InboundMail.servers(...), '
  + 'or use InboundMail.sesEndpoint({ allowUnlistedRegion: true }) if SES receives there now';

test.each(['ap-south-2', 'ca-west-1', 'us-gov-west-1'])('InboundMail.ses() in %s, where SES does not receive, fails at synth like a receipt rule there', (region) => {
  const { stack, zone } = zoneStack('example.org', region);
  expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, inboundMail: InboundMail.ses() })).toThrow(notReceiving(region));
});

test('InboundMail.sesEndpoint() in a region where SES does not receive names sesEndpoint, and its own override', () => {
  const { stack, zone } = zoneStack('example.org', 'eu-central-2');
  expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, inboundMail: InboundMail.sesEndpoint() })).toThrow(
    notReceiving('eu-central-2').replace('InboundMail.ses()', 'InboundMail.sesEndpoint()')
      .replace('use InboundMail.sesEndpoint({ allowUnlistedRegion: true })', 'set allowUnlistedRegion: true'));
});

test.each([
  ['InboundMail.sesEndpoint({ allowUnlistedRegion: true }) in a region newer than the list', 'ap-south-2', () => InboundMail.sesEndpoint({ allowUnlistedRegion: true })],
  ['InboundMail.sesEndpoint() in a listed region', 'us-east-1', () => InboundMail.sesEndpoint()],
])('%s publishes the MX, with no warning', (_name, region, inbound) => {
  const { stack, zone } = zoneStack('example.org', region);
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, inboundMail: inbound() });
  expect(literalRecords(stack)['example.org. MX']).toEqual([`10 inbound-smtp.${region}.amazonaws.com`]);
  Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
});

test('SES receiving with a token region does not warn', () => {
  const stack = new Stack(new App(), 'Agnostic');
  const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.org' });
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, inboundMail: InboundMail.ses() });
  Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
});
