import { Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Dmarc, InboundMail, Spf, VerifiedMailDomain } from '../src';
import { zoneStack } from './helpers/util';


// Two constructs claiming one identity or one record set, found by the app-wide checks at synth.

describe('collisions', () => {
  const mailFromMx = 'custom MAIL FROM: SES bounce and complaint feedback (MX)';

  test('two constructs for the same domain in one zone fail at synth, naming both paths: the identity first, the record sets that follow from it', () => {
    const { stack, zone } = zoneStack();
    new VerifiedMailDomain(stack, 'First', { hostedZone: zone });
    new VerifiedMailDomain(stack, 'Second', { hostedZone: zone });
    expect(() => Template.fromStack(stack)).toThrow(new Error('Validation failed with the following errors:\n  [Test/Second/Identity/Resource] The SES identity '
      + 'example.org in account 123456789012 in eu-west-1 would be created twice: by Test/Second/Identity/Resource and by Test/First/Identity/Resource. '
      + 'SES holds one identity per domain in an account and region and refuses the second at deploy; use one construct per domain and region. '
      + 'The record sets the two make twice follow from it and are not listed apart: MX bounce.example.org., TXT bounce.example.org., TXT example.org., '
      + 'TXT _dmarc.example.org. in hosted zone example.org (Test/Zone)'));
  });

  test('inbound mail on another construct\'s MAIL FROM domain fails', () => {
    const { stack, zone } = zoneStack();
    new VerifiedMailDomain(stack, 'Apex', { hostedZone: zone });
    new VerifiedMailDomain(stack, 'Bounce', {
      hostedZone: zone,
      domainName: 'bounce.example.org',
      customMailFrom: false,
      inboundMail: InboundMail.ses(),
      spf: Spf.none(),
      dmarc: Dmarc.none(),
    });
    expect(() => Template.fromStack(stack)).toThrow(new Error(
      'Validation failed with the following errors:\n  [Test/Bounce/RecordSetGroup] '
      + `MX record set bounce.example.org. would be created twice in hosted zone example.org (Test/Zone): by Test/Bounce/RecordSetGroup (inbound mail (MX)) and by Test/Apex/RecordSetGroup (${mailFromMx}). `
      + 'Route53 holds one set per name and type; change the domain names or options so they differ. bounce.example.org. is the MAIL FROM domain of Test/Apex, '
      + "from mailFromSubdomain 'bounce' (the default): give mailFromSubdomain a label no other record uses"));
  });

  test('the same domain in two different zones makes no record set twice, but SES refuses the second identity', () => {
    const { stack, zone } = zoneStack();
    const other = new route53.PublicHostedZone(stack, 'Other', { zoneName: 'example.org' });
    new VerifiedMailDomain(stack, 'First', { hostedZone: zone });
    new VerifiedMailDomain(stack, 'Second', { hostedZone: other });
    const message = () => { try { Template.fromStack(stack); return ''; } catch (e) { return (e as Error).message; } };
    expect(message()).toEqual('Validation failed with the following errors:\n  [Test/Second/Identity/Resource] The SES identity example.org in account 123456789012 in eu-west-1 '
      + 'would be created twice: by Test/Second/Identity/Resource and by Test/First/Identity/Resource. SES holds one identity per domain in an account '
      + 'and region and refuses the second at deploy; use one construct per domain and region');
  });
});
