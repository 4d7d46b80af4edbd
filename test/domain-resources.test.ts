// src/domain-resources.ts directly: what comes after a domain's records (the wait, the domain's receipt rule and
// its DMARC reports' rule), each depending on the identity and every record set.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import { Construct } from 'constructs';
import { RecordContext } from '../src/context';
import { bindDomainResources } from '../src/domain-resources';
import { InboundMail } from '../src/inbound-mail';
import { ReceiptRuleSetChoice } from '../src/receiving/rule-sets';
import { DmarcReports } from '../src/reports/dmarc-reports';
import { VerificationWait } from '../src/verification';

function setUp() {
  const stack = new Stack(new App(), 'Direct', { env: { account: '123456789012', region: 'eu-west-1' } });
  const scope = new Construct(stack, 'Mail');
  const identity = new ses.EmailIdentity(scope, 'Identity', { identity: ses.Identity.domain('example.org') });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
  const records = new route53.CfnRecordSet(scope, 'Records', { hostedZoneId: zone.hostedZoneId, name: 'example.org.', type: 'TXT', ttl: '300', resourceRecords: ['"x"'] });
  const ctx: RecordContext = { scope, domainName: 'example.org', mailFromDomain: 'bounce.example.org', region: 'eu-west-1', zoneName: 'example.org', ttl: 300, identity };
  return { stack, scope, identity, records, ctx };
}
const logicalIds = (stack: Stack, type: string) => Object.entries<any>(Template.fromStack(stack).toJSON().Resources)
  .filter(([, r]) => r.Type === type);

test('nothing asked: no wait (undefined), no rule', () => {
  const { stack, scope, identity, records, ctx } = setUp();
  expect(bindDomainResources(scope, ctx, { identity, identityArn: 'arn', entries: [], recordResources: [records], inHostedZone: true })).toBeUndefined();
  expect(logicalIds(stack, 'AWS::SES::ReceiptRule')).toEqual([]);
});

test('the wait, the domain\'s rule and the reports\' rule: each after the identity and the record sets, in one rule set', () => {
  const { stack, scope, identity, records, ctx } = setUp();
  const ruleSet = ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(stack, 'Set', 'inbound'));
  const verification = bindDomainResources(scope, ctx, {
    waitForVerification: VerificationWait.untilVerified(),
    inboundMail: InboundMail.ses({ actions: [new sesActions.AddHeader({ name: 'X-Test', value: '1' })], ruleSet }),
    dmarcReports: DmarcReports.receive(),
    identity,
    identityArn: 'arn',
    entries: [],
    recordResources: [records],
    inHostedZone: true,
  });
  expect(verification).toBeDefined();
  const identityId = stack.getLogicalId(identity.node.defaultChild as ses.CfnEmailIdentity);
  const recordsId = stack.getLogicalId(records);
  const rules = logicalIds(stack, 'AWS::SES::ReceiptRule');
  expect(rules.map(([, r]) => [r.Properties.RuleSetName, r.Properties.Rule.Recipients])).toEqual([
    ['inbound', ['example.org']], ['inbound', ['dmarc@dmarc-reports.example.org']],
  ]);
  for (const [, r] of rules) expect(r.DependsOn).toEqual(expect.arrayContaining([identityId, recordsId]));
  const [[, wait]] = logicalIds(stack, 'Custom::SesDomainVerification');
  expect(wait.DependsOn).toEqual(expect.arrayContaining([identityId, recordsId]));
});
