import { App, Annotations as CoreAnnotations, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { literalRecords, zoneStack } from './util';
import { InboundMail, VerifiedMailDomain } from '../src';

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
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, inboundMail: InboundMail.none() });
  expect(literalRecords(stack)['example.org. MX']).toEqual(['0 .']);
});

test('SES receiving in a region not known to receive warns, and the warning can be acknowledged', () => {
  const { stack, zone } = zoneStack('example.org', 'ap-south-2');
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, inboundMail: InboundMail.ses() });
  expect(literalRecords(stack)['example.org. MX']).toEqual(['10 inbound-smtp.ap-south-2.amazonaws.com']);
  Annotations.fromStack(stack).hasWarning('/Test/Mail', Match.stringLikeRegexp(
    '^inboundMail is InboundMail.ses\\(\\), but ap-south-2 is not among the regions where SES receives mail \\(as of 2026-06-15: us-east-1, .*, ap-southeast-3\\); '
    + 'check the SES endpoints, or acknowledge this warning if it receives now'));

  const acked = zoneStack('example.org', 'ap-south-2');
  const other = new VerifiedMailDomain(acked.stack, 'Mail', { hostedZone: acked.zone, inboundMail: InboundMail.ses() });
  CoreAnnotations.of(other).acknowledgeWarning('cdk-verified-mail-domain:unknownReceivingRegion');
  Annotations.fromStack(acked.stack).hasNoWarning('*', Match.anyValue());
});

test('SES receiving with a token region does not warn', () => {
  const stack = new Stack(new App(), 'Agnostic');
  const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.org' });
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, inboundMail: InboundMail.ses() });
  Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
});
