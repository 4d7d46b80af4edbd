import { CfnParameter } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Deliverability, DeliverabilityGuardOptions, SendingEventDestination, VirtualDeliverabilityManager } from '../../src';
import { domain, guardStack, warningsOf } from '../helpers/guardrails';

/** The members of ses.EmailSendingEvent as the message lists them (the same on both aws-cdk-lib lines). */
const EMAIL_SENDING_EVENTS = "ses.EmailSendingEvent.SEND ('send'), "
  + "ses.EmailSendingEvent.REJECT ('reject'), "
  + "ses.EmailSendingEvent.BOUNCE ('bounce'), "
  + "ses.EmailSendingEvent.COMPLAINT ('complaint'), "
  + "ses.EmailSendingEvent.DELIVERY ('delivery'), "
  + "ses.EmailSendingEvent.OPEN ('open'), "
  + "ses.EmailSendingEvent.CLICK ('click'), "
  + "ses.EmailSendingEvent.RENDERING_FAILURE ('renderingFailure'), "
  + "ses.EmailSendingEvent.DELIVERY_DELAY ('deliveryDelay'), "
  + "ses.EmailSendingEvent.SUBSCRIPTION ('subscription')";

// Every bad input of the guardrails, with its exact message; tokens are never a false error.

const RATE = 'must be a rate greater than 0 and at most 1 (0.05 is 5 %)';

test.each<[string, DeliverabilityGuardOptions, string]>([
  ['a threshold of 1.5', { bounceRateThreshold: 1.5 }, `bounceRateThreshold ${RATE}, got 1.5`],
  ['a threshold of 0', { complaintRateThreshold: 0 }, `complaintRateThreshold ${RATE}, got 0`],
  ['a negative threshold', { bounceRateThreshold: -0.01 }, `bounceRateThreshold ${RATE}, got -0.01`],
  ['NaN', { bounceRateThreshold: NaN }, `bounceRateThreshold ${RATE}, got NaN`],
  ['a bounce threshold above the pause level', { bounceRateThreshold: 0.11 },
    'bounceRateThreshold 0.11 (11 %) is above SES\'s pause level of 0.1 (10 %): by then SES may already have paused the account\'s sending. '
    + 'Use at most 0.1, and below the review level 0.05 (5 %) to be warned in time'],
  ['a complaint threshold above 0.5 %', { complaintRateThreshold: 0.006 },
    'complaintRateThreshold 0.006 (0.6 %) is above SES\'s pause level of 0.005 (0.5 %): by then SES may already have paused the account\'s sending. '
    + 'Use at most 0.005, and below the review level 0.001 (0.1 %) to be warned in time'],
  ['a threshold that is a string', { bounceRateThreshold: '0.05' as any }, 'bounceRateThreshold must be a number, a rate from 0 to 1 (0.05 is 5 %), got string "0.05"'],
  ['a bad configuration set name', { configurationSetName: 'my set' },
    'deliverability configurationSetName must be 1-64 letters, digits, underscores (_) or dashes (-) (SES configuration set names), got \'my set\''],
  ['a configuration set name of 65 characters', { configurationSetName: 'a'.repeat(65) },
    `deliverability configurationSetName must be 1-64 letters, digits, underscores (_) or dashes (-) (SES configuration set names), got '${'a'.repeat(65)}'`],
  ['an empty configuration set name', { configurationSetName: '' },
    'deliverability configurationSetName must be 1-64 letters, digits, underscores (_) or dashes (-) (SES configuration set names), got \'\''],
  ['an eventDestination of the wrong kind', { eventDestination: { topic: 'x' } as any },
    'deliverability eventDestination must be SendingEventDestination.guardrailTopic(), .snsTopic(...), .defaultEventBus() or .cloudWatchDimensions(...), got an object of class Object'],
  ['an unknown additional event', { additionalEvents: ['opened' as any] },
    'deliverability additionalEvents[0] must be one of ' + EMAIL_SENDING_EVENTS + ", got 'opened'"],
  ['additionalEvents that are not a list', { additionalEvents: 'send' as any }, 'deliverability additionalEvents must be a list of ses.EmailSendingEvent members, got string "send"'],
  ['an alarmTopic of the wrong kind', { alarmTopic: 'arn:aws:sns:eu-west-1:123456789012:t' as any },
    'deliverability alarmTopic must be an sns.ITopic, got string "arn:aws:sns:eu-west-1:123456789012:t"'],
  ['accountAlarms of the wrong kind', { accountAlarms: 'yes' as any }, 'deliverability accountAlarms must be true or false, got string "yes"'],
  ['an alarmTopic of null', { alarmTopic: null as any }, 'deliverability alarmTopic must be an sns.ITopic, got null'],
  ['an alarmTopic object without a topicArn', { alarmTopic: {} as any }, 'deliverability alarmTopic must be an sns.ITopic, got an object of class Object'],
  ['an alarmTopic whose topicArn is not a string', { alarmTopic: { topicArn: 5 } as any }, 'deliverability alarmTopic must be an sns.ITopic, got an object of class Object'],
  ['a contactList of the wrong kind', { contactList: 'news' as any },
    'deliverability contactList must be ContactList.create({ ... }) or ContactList.fromContactListName(name), got string "news"'],
  ['a virtualDeliverabilityManager of the wrong kind', { virtualDeliverabilityManager: { engagementMetrics: true } as any },
    'deliverability virtualDeliverabilityManager must be VirtualDeliverabilityManager.enable(...), got an object of class Object'],
])('%s is refused', (_, options, message) => {
  const { stack } = guardStack();
  expect(() => domain(stack, 'Mail', { deliverability: Deliverability.guard(options) })).toThrow(new Error(message));
});

test.each<[string, () => unknown, string]>([
  ['deliverability that is not a Deliverability', () => ({ deliverability: { bounceRateThreshold: 0.01 } }),
    'deliverability must be Deliverability.guard(...), got an object of class Object'],
])('%s is refused', (_, props, message) => {
  const { stack } = guardStack();
  expect(() => domain(stack, 'Mail', props() as any)).toThrow(new Error(message));
});

test.each<[string, () => unknown, string]>([
  ['guard options that are not an object', () => Deliverability.guard('strict' as any), 'Deliverability.guard takes an options object such as { bounceRateThreshold: 0.025, complaintRateThreshold: 0.0005 }, got string "strict"'],
  ['guard options that are null', () => Deliverability.guard(null as any), 'Deliverability.guard takes an options object such as { bounceRateThreshold: 0.025, complaintRateThreshold: 0.0005 }, got null'],
  ['a guard option that does not exist', () => Deliverability.guard({ bounceRate: 0.01 } as any), "Deliverability.guard has no option 'bounceRate'; options: eventDestination, "
    + 'additionalEvents, bounceRateThreshold, complaintRateThreshold, alarmTopic, accountAlarms, configurationSetName, virtualDeliverabilityManager, tenant, contactList'],
  ['snsTopic of a non-topic', () => SendingEventDestination.snsTopic('arn:aws:sns:eu-west-1:1:t' as any),
    'SendingEventDestination.snsTopic topic must be an sns.ITopic, got string "arn:aws:sns:eu-west-1:1:t"'],
  ['cloudWatchDimensions of no dimension', () => SendingEventDestination.cloudWatchDimensions([]),
    'SendingEventDestination.cloudWatchDimensions dimensions must be a non-empty list of ses.CloudWatchDimension, got a list'],
  ['a dimension of an unknown source', () => SendingEventDestination.cloudWatchDimensions([{ source: 'header' as any, name: 'n', defaultValue: 'v' }]),
    "SendingEventDestination.cloudWatchDimensions dimensions[0].source must be one of ses.CloudWatchDimensionSource.EMAIL_HEADER ('emailHeader'), "
    + "ses.CloudWatchDimensionSource.LINK_TAG ('linkTag'), ses.CloudWatchDimensionSource.MESSAGE_TAG ('messageTag'), got 'header'"],
  ['a dimension without a default value', () => SendingEventDestination.cloudWatchDimensions([{ source: ses.CloudWatchDimensionSource.LINK_TAG, name: 'n' } as any]),
    'SendingEventDestination.cloudWatchDimensions dimensions[0].defaultValue must be a string, got undefined'],
])('%s is refused', (_, make, message) => {
  expect(make).toThrow(new Error(message));
});

test('configurationSetName beside the domain\'s own configurationSet: an error (the guard extends that set)', () => {
  const { stack } = guardStack();
  const set = new ses.ConfigurationSet(stack, 'Set');
  expect(() => domain(stack, 'Mail', { configurationSet: set, deliverability: Deliverability.guard({ configurationSetName: 'guarded' }) })).toThrow(new Error(
    'deliverability configurationSetName \'guarded\' names a configuration set for the guard to create, but Test/Mail has its own configurationSet (Test/Set), '
    + 'which the guard extends: drop configurationSetName'));
});

test('a shared set asked for with VDM by one domain and without by another: an error naming both (VDM is part of the set\'s options)', () => {
  const { stack } = guardStack();
  const set = new ses.ConfigurationSet(stack, 'Set');
  domain(stack, 'Mail', { configurationSet: set, deliverability: Deliverability.guard({ virtualDeliverabilityManager: VirtualDeliverabilityManager.enable() }) });
  const same = 'the guardrail topic of stack Test; events bounce, complaint, reject, deliveryDelay, renderingFailure; bounce rate 0.025, complaint rate 0.0005, alarms to the guardrail topic';
  expect(() => domain(stack, 'Shop', { configurationSet: set, deliverability: Deliverability.guard() })).toThrow(new Error(
    `The deliverability guard of configurationSet Test/Set is asked twice with different options: by Test/Shop (${same}) and by Test/Mail (${same}; VDM engagement `
    + 'metrics on, optimized shared delivery on). The set has one event destination and one pair of alarms; give every domain that shares it the same Deliverability.guard options'));
});

test('the user\'s set name is checked too when the guard extends it', () => {
  const { stack } = guardStack();
  const set = new ses.ConfigurationSet(stack, 'Set', { configurationSetName: 'mail.example.org' });
  expect(() => domain(stack, 'Mail', { configurationSet: set, deliverability: Deliverability.guard() })).toThrow(new Error(
    'configurationSet Test/Set name must be 1-64 letters, digits, underscores (_) or dashes (-) (SES configuration set names), got \'mail.example.org\''));
});

test('a threshold at SES\'s review level is allowed, with a warning; at the pause level it is still allowed', () => {
  const { stack } = guardStack();
  domain(stack, 'Mail', { deliverability: Deliverability.guard({ bounceRateThreshold: 0.05, complaintRateThreshold: 0.005 }) });
  expect(warningsOf(stack, 'reputationThresholdAtReview')).toEqual([
    'bounceRateThreshold 0.05 (5 %) is at or above SES\'s review level of 0.05 (5 %): the alarm fires only once SES may already be reviewing the account. '
    + 'Use a lower threshold to be warned in time',
    'complaintRateThreshold 0.005 (0.5 %) is at or above SES\'s review level of 0.001 (0.1 %): the alarm fires only once SES may already be reviewing the account. '
    + 'Use a lower threshold to be warned in time',
  ]);
});

test('the defaults warn about nothing', () => {
  const { stack } = guardStack();
  domain(stack, 'Mail', { deliverability: Deliverability.guard() });
  expect(warningsOf(stack, '')).toEqual([]);
});

test('tokens are never a false error: a threshold and a configuration set name known only at deploy time', () => {
  const { stack } = guardStack();
  const threshold = new CfnParameter(stack, 'BounceThreshold', { type: 'Number' }).valueAsNumber;
  const name = new CfnParameter(stack, 'SetName').valueAsString;
  domain(stack, 'Mail', { deliverability: Deliverability.guard({ bounceRateThreshold: threshold, configurationSetName: name }) });
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: { Ref: 'SetName' } });
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    MetricName: 'Reputation.BounceRate',
    Threshold: { Ref: 'BounceThreshold' },
    AlarmDescription: 'The SES bounce rate of the account in this region (all its mail) reached its threshold; SES reviews the account at 5 %. '
      + 'See the README of cdk-verified-mail-domain, "Staying out of SES\'s review queue"',
  });
});
