import { Template, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Deliverability, SendingEventDestination, SendingTenant } from '../../src';
import { alarm, arn, domain, guardStack, logicalId, propertiesOf } from '../helpers/guardrails';

// The deliverability guardrails of one stack: the configuration set (created or the user's extended),
// its event destination, the guardrail topic with its key and policies, and the reputation alarms.

const GUARD_EVENTS = ['bounce', 'complaint', 'reject', 'deliveryDelay', 'renderingFailure'];
const TOPIC = 'VerifiedMailDomainGuardrailTopic2122F945';
const KEY = 'VerifiedMailDomainGuardrailTopicKeyC1197536';

function setArn(setId: string): object {
  return arn(':ses:eu-west-1:123456789012:configuration-set/', { Ref: setId });
}

test('a guarded domain gets its own configuration set: reputation metrics, sending, suppression of bounces and complaints; the identity uses it', () => {
  const { stack } = guardStack();
  const mail = domain(stack, 'Mail', { deliverability: Deliverability.guard() });
  const set = logicalId(mail.configurationSet!);
  expect(set).toBe('MailDeliverabilityConfigurationSet3B60ED82');
  expect(propertiesOf(stack, 'AWS::SES::ConfigurationSet')).toEqual([{
    ReputationOptions: { ReputationMetricsEnabled: true },
    SendingOptions: { SendingEnabled: true },
    SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
  }]);
  Template.fromStack(stack).hasResourceProperties('AWS::SES::EmailIdentity', {
    EmailIdentity: 'mail.example.org', ConfigurationSetAttributes: { ConfigurationSetName: { Ref: set } },
  });
  expect(mail.deliverabilityTopic).toBe(stack.node.findChild('VerifiedMailDomainGuardrailTopic').node.findChild('Resource'));
});

test('the event destination publishes bounces, complaints, rejects, delivery delays and rendering failures to the guardrail topic, after its policy', () => {
  const { stack } = guardStack();
  domain(stack, 'Mail', { deliverability: Deliverability.guard() });
  const destinations = Template.fromStack(stack).findResources('AWS::SES::ConfigurationSetEventDestination');
  expect(Object.values(destinations)).toEqual([{
    Type: 'AWS::SES::ConfigurationSetEventDestination',
    Properties: {
      ConfigurationSetName: { Ref: 'MailDeliverabilityConfigurationSet3B60ED82' },
      EventDestination: { Enabled: true, MatchingEventTypes: GUARD_EVENTS, SnsDestination: { TopicARN: { Ref: TOPIC } } },
    },
    DependsOn: ['VerifiedMailDomainGuardrailTopicPolicy464F8199'],
  }]);
});

test('the guardrail topic: one per stack, encrypted with a rotated key deleted with the stack, TLS only, SES publishing for every guarded set in one statement', () => {
  const { stack } = guardStack();
  domain(stack, 'Mail', { deliverability: Deliverability.guard() });
  domain(stack, 'Shop', { deliverability: Deliverability.guard() });
  const template = Template.fromStack(stack);
  template.resourceCountIs('AWS::SNS::Topic', 1);
  template.resourceCountIs('AWS::KMS::Key', 1);
  expect(propertiesOf(stack, 'AWS::SNS::Topic')).toEqual([{ DisplayName: 'SES deliverability guardrails', KmsMasterKeyId: { 'Fn::GetAtt': [KEY, 'Arn'] } }]);
  const key = template.findResources('AWS::KMS::Key')[KEY];
  expect([key.Properties.EnableKeyRotation, key.DeletionPolicy, key.UpdateReplacePolicy]).toEqual([true, 'Delete', 'Delete']);
  const sets = [setArn('MailDeliverabilityConfigurationSet3B60ED82'), setArn('ShopDeliverabilityConfigurationSetA0FB78D2')];
  const alarms = arn(':cloudwatch:eu-west-1:123456789012:alarm:*');
  const sesCondition = { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': sets } };
  const cwCondition = { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': alarms } };
  const kmsActions = ['kms:GenerateDataKey*', 'kms:Decrypt'];
  expect(key.Properties.KeyPolicy.Statement.slice(1)).toEqual([
    {
      Sid: 'DenyGrantsExceptForAwsServices',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    },
    { Sid: 'AllowCloudWatchAlarms', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: kmsActions, Resource: '*', Condition: cwCondition },
    { Sid: 'AllowSesEventPublishing', Effect: 'Allow', Principal: { Service: 'ses.amazonaws.com' }, Action: kmsActions, Resource: '*', Condition: sesCondition },
  ]);
  expect(propertiesOf(stack, 'AWS::SNS::TopicPolicy')).toEqual([{
    Topics: [{ Ref: TOPIC }],
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowPublishThroughSSLOnly',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'sns:Publish',
          Resource: { Ref: TOPIC },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        { Sid: 'AllowCloudWatchAlarms', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: { Ref: TOPIC }, Condition: cwCondition },
        { Sid: 'AllowSesEventPublishing', Effect: 'Allow', Principal: { Service: 'ses.amazonaws.com' }, Action: 'sns:Publish', Resource: { Ref: TOPIC }, Condition: sesCondition },
      ],
    },
  }]);
});

test('reputation alarms: bounce and complaint rate of the set (dimension ses:configuration-set) and of the account (no dimension), at half of SES\'s review levels', () => {
  const { stack } = guardStack();
  domain(stack, 'Mail', { deliverability: Deliverability.guard() });
  const set = { Ref: 'MailDeliverabilityConfigurationSet3B60ED82' };
  const alarms = Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm');
  const byId = Object.fromEntries(Object.entries(alarms).map(([id, r]) => [id, { ...r.Properties, AlarmDescription: undefined }]));
  const topic = { Ref: TOPIC };
  expect(byId).toEqual({
    MailDeliverabilityBounceRateAlarm4960680C: { ...alarm('BounceRate', 0.025, topic, set), AlarmDescription: undefined },
    MailDeliverabilityComplaintRateAlarm4C37F48D: { ...alarm('ComplaintRate', 0.0005, topic, set), AlarmDescription: undefined },
    VerifiedMailDomainAccountReputationBounceRateAlarmC95BDD56: { ...alarm('BounceRate', 0.025, topic), AlarmDescription: undefined },
    VerifiedMailDomainAccountReputationComplaintRateAlarm86CD338E: { ...alarm('ComplaintRate', 0.0005, topic), AlarmDescription: undefined },
  });
  expect(alarms.VerifiedMailDomainAccountReputationComplaintRateAlarm86CD338E.Properties.AlarmDescription).toBe(
    'The SES complaint rate of the account in this region (all its mail) reached 0.05 %; SES reviews the account at 0.1 %. '
    + 'See the README of cdk-verified-mail-domain, "Staying out of SES\'s review queue"');
});

test('thresholds and an alarm topic of the user\'s; events to the user\'s topic: no guardrail topic or key at all', () => {
  const { stack } = guardStack();
  const events = new sns.Topic(stack, 'Events');
  const pager = new sns.Topic(stack, 'Pager');
  const mail = domain(stack, 'Mail', {
    deliverability: Deliverability.guard({
      eventDestination: SendingEventDestination.snsTopic(events), bounceRateThreshold: 0.04, complaintRateThreshold: 0.0008, alarmTopic: pager,
    }),
  });
  const template = Template.fromStack(stack);
  template.resourceCountIs('AWS::SNS::Topic', 2);
  template.resourceCountIs('AWS::KMS::Key', 0);
  expect(mail.deliverabilityTopic).toBeUndefined();
  const set = { Ref: 'MailDeliverabilityConfigurationSet3B60ED82' };
  const pagerRef = { Ref: logicalId(pager) };
  for (const expected of [alarm('BounceRate', 0.04, pagerRef, set), alarm('ComplaintRate', 0.0008, pagerRef, set), alarm('BounceRate', 0.04, pagerRef)]) {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', expected);
  }
  template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
    EventDestination: { SnsDestination: { TopicARN: { Ref: logicalId(events) } } },
  });
  template.hasResourceProperties('AWS::SNS::TopicPolicy', {
    Topics: [{ Ref: logicalId(events) }],
    PolicyDocument: {
      Statement: [{
        Sid: 'AllowSesEventPublishing',
        Effect: 'Allow',
        Principal: { Service: 'ses.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: { Ref: logicalId(events) },
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': [setArn('MailDeliverabilityConfigurationSet3B60ED82')] } },
      }],
    },
  });
});

test.each([
  ['the default event bus', SendingEventDestination.defaultEventBus(), { EventBridgeDestination: { EventBusArn: arn(':events:eu-west-1:123456789012:event-bus/default') } }],
  ['CloudWatch dimensions', SendingEventDestination.cloudWatchDimensions([
    { source: ses.CloudWatchDimensionSource.MESSAGE_TAG, name: 'ses:from-domain', defaultValue: 'unknown' },
  ]), { CloudWatchDestination: { DimensionConfigurations: [{ DimensionValueSource: 'messageTag', DimensionName: 'ses:from-domain', DefaultDimensionValue: 'unknown' }] } }],
])('events to %s, with additional event types after the guard\'s own (each once)', (_, destination, target) => {
  const { stack } = guardStack();
  domain(stack, 'Mail', {
    deliverability: Deliverability.guard({
      eventDestination: destination, additionalEvents: [ses.EmailSendingEvent.SEND, ses.EmailSendingEvent.BOUNCE],
    }),
  });
  expect(propertiesOf(stack, 'AWS::SES::ConfigurationSetEventDestination')).toEqual([{
    ConfigurationSetName: { Ref: 'MailDeliverabilityConfigurationSet3B60ED82' },
    EventDestination: { Enabled: true, MatchingEventTypes: [...GUARD_EVENTS, 'send'], ...target },
  }]);
  // The alarms still notify the guardrail topic.
  Template.fromStack(stack).resourceCountIs('AWS::SNS::Topic', 1);
});

test('a named configuration set; grantSendEmail covers it', () => {
  const { stack } = guardStack();
  const mail = domain(stack, 'Mail', { deliverability: Deliverability.guard({ configurationSetName: 'mail_guarded-1' }) });
  mail.grantSendEmail(new iam.Role(stack, 'Sender', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));
  Template.fromStack(stack).hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'mail_guarded-1' });
  Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: { Statement: [Match.objectLike({ Resource: Match.arrayWith([arn(':ses:eu-west-1:123456789012:configuration-set/', { Ref: 'MailDeliverabilityConfigurationSet3B60ED82' })]) })] },
  });
});

test('events to the user\'s topic and no alarm topic: the alarms notify the guardrail topic, which is the domain\'s deliverabilityTopic', () => {
  const { stack } = guardStack();
  const events = new sns.Topic(stack, 'Events');
  const mail = domain(stack, 'Mail', { deliverability: Deliverability.guard({ eventDestination: SendingEventDestination.snsTopic(events) }) });
  expect(mail.deliverabilityTopic).toBe(stack.node.findChild('VerifiedMailDomainGuardrailTopic').node.findChild('Resource'));
  Template.fromStack(stack).resourceCountIs('AWS::SNS::Topic', 2);
});

test('accountAlarms: false makes only the set\'s two alarms; a tenant is made and joined', () => {
  const { stack } = guardStack();
  domain(stack, 'Mail', { deliverability: Deliverability.guard({ accountAlarms: false, tenant: SendingTenant.named('acme') }) });
  const template = Template.fromStack(stack);
  expect(Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((r: any) => r.Properties.Dimensions?.[0]?.Name)).toEqual([
    'ses:configuration-set', 'ses:configuration-set',
  ]);
  expect(stack.node.tryFindChild('VerifiedMailDomainAccountReputation')).toBeUndefined();
  expect(Object.values(template.findResources('AWS::SES::Tenant')).map((r: any) => r.Properties.TenantName)).toEqual(['acme']);
});

test('an alarmTopic that is a function carrying a topicArn is refused (an sns.ITopic is an object)', () => {
  const { stack } = guardStack();
  const fake = Object.assign(() => undefined, { topicArn: 'arn:aws:sns:eu-west-1:123456789012:t' });
  expect(() => domain(stack, 'Mail', { deliverability: Deliverability.guard({ alarmTopic: fake as any }) })).toThrow(/^deliverability alarmTopic must be an sns\.ITopic, got /);
});
