import { Template } from 'aws-cdk-lib/assertions';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Deliverability, SendingEventDestination } from '../../src';
import { domain, guardStack, logicalId, propertiesOf, warningsOf } from '../helpers/guardrails';

// The guard on the user's own configuration set: extended, never a second set, nothing the user gave
// dropped; one event destination and one pair of alarms however many domains share the set.

test('the user\'s set is extended where left unset, keeps what the user gave, and no second set is made', () => {
  const { stack } = guardStack();
  const set = new ses.ConfigurationSet(stack, 'Set', {
    configurationSetName: 'transactional', tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE, customTrackingRedirectDomain: 'track.example.org',
  });
  const mail = domain(stack, 'Mail', { configurationSet: set, deliverability: Deliverability.guard() });
  expect(mail.configurationSet).toBe(set);
  expect(propertiesOf(stack, 'AWS::SES::ConfigurationSet')).toEqual([{
    Name: 'transactional',
    DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    TrackingOptions: { CustomRedirectDomain: 'track.example.org' },
    ReputationOptions: { ReputationMetricsEnabled: true },
    SendingOptions: { SendingEnabled: true },
    SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
  }]);
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', { ConfigurationSetName: { Ref: logicalId(set) } });
  template.hasResourceProperties('AWS::CloudWatch::Alarm', { Dimensions: [{ Name: 'ses:configuration-set', Value: { Ref: logicalId(set) } }] });
  // The guard's resources of a user's set live under it, so their ids do not depend on which domain came first.
  expect(Object.keys(template.findResources('AWS::SES::ConfigurationSetEventDestination'))).toEqual(['SetVerifiedMailDomainDeliverabilityEventDestination090CEB1A']);
});

test('three domains sharing one set with one guard: one set, one event destination, two set alarms and two account alarms', () => {
  const { stack } = guardStack();
  const set = new ses.ConfigurationSet(stack, 'Set');
  for (const id of ['Mail', 'Shop', 'News']) domain(stack, id, { configurationSet: set, deliverability: Deliverability.guard({ bounceRateThreshold: 0.03 }) });
  const template = Template.fromStack(stack);
  template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
  template.resourceCountIs('AWS::SES::ConfigurationSetEventDestination', 1);
  template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
  template.resourceCountIs('AWS::SES::EmailIdentity', 3);
});

test('two domains sharing a set with different guards: an error naming both', () => {
  const { stack } = guardStack();
  const set = new ses.ConfigurationSet(stack, 'Set');
  domain(stack, 'Mail', { configurationSet: set, deliverability: Deliverability.guard() });
  expect(() => domain(stack, 'Shop', {
    configurationSet: set,
    deliverability: Deliverability.guard({ eventDestination: SendingEventDestination.defaultEventBus(), complaintRateThreshold: 0.0008 }),
  })).toThrow(new Error('The deliverability guard of configurationSet Test/Set is asked twice with different options: by Test/Shop (the default event bus; '
    + 'events bounce, complaint, reject, deliveryDelay, renderingFailure; bounce rate 0.025, complaint rate 0.0008, alarms to the guardrail topic) '
    + 'and by Test/Mail (the guardrail topic of stack Test; events bounce, complaint, reject, deliveryDelay, renderingFailure; bounce rate 0.025, '
    + 'complaint rate 0.0005, alarms to the guardrail topic). The set has one event destination and one pair of alarms; give every domain that shares it '
    + 'the same Deliverability.guard options'));
});

test('reputation metrics turned off on the user\'s set: an error (the set\'s alarms would never see data)', () => {
  const { stack } = guardStack();
  const set = new ses.ConfigurationSet(stack, 'Set', { reputationMetrics: false });
  expect(() => domain(stack, 'Mail', { configurationSet: set, deliverability: Deliverability.guard() })).toThrow(new Error(
    'configurationSet Test/Set has reputationMetrics: false, but deliverability alarms on its reputation metrics, which SES then never publishes. '
    + 'Turn reputationMetrics on (or leave it unset) or drop deliverability'));
});

test('sending turned off and a narrower suppression on the user\'s set are kept, each with a warning', () => {
  const { stack } = guardStack();
  const set = new ses.ConfigurationSet(stack, 'Set', { sendingEnabled: false, suppressionReasons: ses.SuppressionReasons.BOUNCES_ONLY });
  domain(stack, 'Mail', { configurationSet: set, deliverability: Deliverability.guard() });
  expect(propertiesOf(stack, 'AWS::SES::ConfigurationSet')).toEqual([{
    ReputationOptions: { ReputationMetricsEnabled: true }, SendingOptions: { SendingEnabled: false }, SuppressionOptions: { SuppressedReasons: ['BOUNCE'] },
  }]);
  expect(warningsOf(stack, 'deliverabilitySendingDisabled')).toEqual([
    'configurationSet Test/Set has sendingEnabled: false, which the deliverability guard keeps: mail sent with it is refused until you turn sending on',
  ]);
  expect(warningsOf(stack, 'deliverabilitySuppression')).toEqual([
    'configurationSet Test/Set suppresses BOUNCE at the configuration-set level, which the deliverability guard keeps; mail to addresses that bounced or '
    + 'complained before then counts against the account\'s rates again. Use ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS or leave it unset',
  ]);
});

test('an imported set gets the event destination and alarms by name, and a warning that its settings are the user\'s to check', () => {
  const { stack } = guardStack();
  const set = ses.ConfigurationSet.fromConfigurationSetName(stack, 'Set', 'existing-set');
  domain(stack, 'Mail', { configurationSet: set, deliverability: Deliverability.guard() });
  const template = Template.fromStack(stack);
  template.resourceCountIs('AWS::SES::ConfigurationSet', 0);
  template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', { ConfigurationSetName: 'existing-set' });
  template.hasResourceProperties('AWS::CloudWatch::Alarm', { Dimensions: [{ Name: 'ses:configuration-set', Value: 'existing-set' }] });
  expect(warningsOf(stack, 'deliverabilityImportedSet')).toEqual([
    'configurationSet Test/Set is imported, so the deliverability guard cannot change it: turn on its reputation metrics (or the set\'s alarms see no data) '
    + 'and its suppression of bounces and complaints yourself',
  ]);
});

test('an imported event topic: no policy can be added, a warning says what SES needs', () => {
  const { stack } = guardStack();
  const topic = sns.Topic.fromTopicArn(stack, 'Events', 'arn:aws:sns:eu-west-1:123456789012:ses-events');
  domain(stack, 'Mail', { deliverability: Deliverability.guard({ eventDestination: SendingEventDestination.snsTopic(topic) }) });
  Template.fromStack(stack).hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
    EventDestination: { SnsDestination: { TopicARN: 'arn:aws:sns:eu-west-1:123456789012:ses-events' } },
  });
  expect(warningsOf(stack, 'eventTopicPolicy')).toEqual([
    'The SNS topic Test/Events is imported, so its policy cannot be changed: SES publishes the sending events only if the topic\'s policy allows ses.amazonaws.com '
    + 'sns:Publish (and, for a topic encrypted with a customer managed key, the key allows it kms:GenerateDataKey* and kms:Decrypt)',
  ]);
});

test('without deliverability nothing of it is made', () => {
  const { stack } = guardStack();
  const mail = domain(stack, 'Mail');
  expect(mail.configurationSet).toBeUndefined();
  expect(mail.deliverabilityTopic).toBeUndefined();
  const types = Object.values(Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
  expect(types.sort()).toEqual(['AWS::Route53::RecordSetGroup', 'AWS::SES::EmailIdentity']);
});
