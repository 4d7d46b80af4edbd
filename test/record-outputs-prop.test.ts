import { App, SecretValue, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ses from 'aws-cdk-lib/aws-ses';
import { DkimSigning, InboundMail, VerifiedMailDomain } from '../src';
import { zoneStack } from './helpers/util';


// The stack's record outputs through the construct: every record without a hosted zone, only the Easy DKIM records
// (known only after deploy) with one, all of them with recordOutputs (record-outputs.ts directly: record-outputs.test.ts).

describe('without a hosted zone', () => {
  test('creates the identity, no Route53 resources, and still lists the records', () => {
    const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
    const mail = new VerifiedMailDomain(stack, 'Mail', { domainName: 'example.org' });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SES::EmailIdentity', 1);
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
    expect(mail.records.filter((r) => typeof r.name === 'string' && !r.name.startsWith('${')).map((r) => `${r.name} ${r.type}`)).toEqual([
      'bounce.example.org. MX', 'bounce.example.org. TXT', 'example.org. TXT', '_dmarc.example.org. TXT',
    ]);
  });

  test('adds the stack\'s record output, holding the domain\'s block: every record in zone-file syntax with the DKIM attributes', () => {
    const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
    const mail = new VerifiedMailDomain(stack, 'Mail', { domainName: 'example.org' });
    const outputs = Template.fromStack(stack).toJSON().Outputs;
    const identityId = stack.getLogicalId(mail.emailIdentity.node.defaultChild as ses.CfnEmailIdentity);
    const dkim = (n: number) => [
      { 'Fn::GetAtt': [identityId, `DkimDNSTokenName${n}`] }, '. 1800 IN CNAME ',
      { 'Fn::GetAtt': [identityId, `DkimDNSTokenValue${n}`] },
    ];
    expect(outputs).toEqual({
      VerifiedMailDomainRecordsOutput13C082CBE: {
        Description: 'DNS records of VerifiedMailDomain domains in zone-file syntax, for another DNS provider and cdk-verified-mail-domain check',
        Value: {
          'Fn::Join': ['', [
            '; example.org\n', ...dkim(1), '.\n', ...dkim(2), '.\n', ...dkim(3),
            '.\nbounce.example.org. 1800 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.'
            + '\nbounce.example.org. 1800 IN TXT "v=spf1 include:amazonses.com ~all"'
            + '\nexample.org. 1800 IN TXT "v=spf1 include:amazonses.com ~all"'
            + '\n_dmarc.example.org. 1800 IN TXT "v=DMARC1; p=none"',
          ]],
        },
      },
    });
  });

  test('requires domainName', () => {
    expect(() => new VerifiedMailDomain(new Stack(), 'Mail')).toThrow(new Error('domainName is required when no hostedZone is given'));
  });
});

test('with a hosted zone the output holds only the Easy DKIM records (known only after deploy); all of them with recordOutputs; none with BYODKIM', () => {
  const dkimOnly = (stack: Stack) => {
    const outputs = Template.fromStack(stack).toJSON().Outputs ?? {};
    return Object.values(outputs).map((o: any) => JSON.stringify(o.Value));
  };
  const plain = zoneStack();
  new VerifiedMailDomain(plain.stack, 'Mail', { hostedZone: plain.zone });
  const [value] = dkimOnly(plain.stack);
  expect(value.match(/IN CNAME/g)).toHaveLength(3);
  expect(value).not.toContain('IN TXT');

  const withOutputs = zoneStack();
  new VerifiedMailDomain(withOutputs.stack, 'Mail', { hostedZone: withOutputs.zone, recordOutputs: true, inboundMail: InboundMail.none() });
  expect(dkimOnly(withOutputs.stack)[0]).toContain('\\nexample.org. 1800 IN MX 0 .');

  const byo = zoneStack();
  new VerifiedMailDomain(byo.stack, 'Mail', { hostedZone: byo.zone, dkim: DkimSigning.byoDkim({ selector: 's', privateKey: SecretValue.secretsManager('k') }) });
  expect(Template.fromStack(byo.stack).toJSON().Outputs).toBeUndefined();
});
