import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as actions from 'aws-cdk-lib/aws-ses-actions';
import { InboundMail } from '../src/inbound-mail';
import { ReceiptRuleSetChoice } from '../src/receiving/rule-sets';
import { VerificationWait } from '../src/verification';
import { VerifiedMailDomain } from '../src/verified-mail-domain';
import { zoneStack } from './helpers/util';

// What VerifiedMailDomain hands on to the parts it binds: the receipt rule is created after the identity
// and the record-set group it serves (SES refuses a rule for a domain it does not know, and mail should
// find the MX), and the verification wait is told whether the construct writes the records itself.

test('the receipt rule depends on the identity and the record-set group', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, inboundMail: InboundMail.ses({ actions: [new actions.Stop()], ruleSet: ReceiptRuleSetChoice.create() }) });
  const template = Template.fromStack(stack);
  const [rule] = Object.values(template.findResources('AWS::SES::ReceiptRule'));
  const [identity] = Object.keys(template.findResources('AWS::SES::EmailIdentity'));
  const [group] = Object.keys(template.findResources('AWS::Route53::RecordSetGroup'));
  expect(rule.DependsOn).toEqual(expect.arrayContaining([identity, group]));
});

test('a wait in a hosted zone warns of nothing; the same wait without a zone warns that the records are shown only after deploy', () => {
  const inZone = zoneStack();
  new VerifiedMailDomain(inZone.stack, 'Mail', { hostedZone: inZone.zone, waitForVerification: VerificationWait.untilVerified() });
  expect(Annotations.fromStack(inZone.stack).findWarning('*', Match.anyValue())).toEqual([]);
  const outside = zoneStack();
  new VerifiedMailDomain(outside.stack, 'Mail', { domainName: 'example.org', waitForVerification: VerificationWait.untilVerified() });
  const warnings = Annotations.fromStack(outside.stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(/\[ack: cdk-verified-mail-domain:waitWithoutZone\]$/);
});
