import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Deliverability } from '../../src';
import { domain, ENV, guardStack } from '../helpers/guardrails';
import { failures, synthError } from '../helpers/util';

// The account's reputation alarms across the app: once per account and region, in the stack of the
// first domain that asks; every other ask must agree. And the resources guardrails cost per stack.

const ACCOUNT_ALARMS = ['VerifiedMailDomainAccountReputationBounceRateAlarmC95BDD56', 'VerifiedMailDomainAccountReputationComplaintRateAlarm86CD338E'];

/** The logical ids of the account alarms (alarms without dimensions) of a stack. */
function accountAlarms(stack: Stack): string[] {
  const alarms = Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm');
  return Object.keys(alarms).filter((id) => alarms[id].Properties.Dimensions === undefined);
}

test('two stacks of one environment: the account alarms once, in the stack of the first domain that asks; each stack has its set alarms', () => {
  const { app, stack: first } = guardStack('First');
  const { stack: second } = guardStack('Second', app);
  domain(second, 'Shop', { deliverability: Deliverability.guard() });
  domain(first, 'Mail', { deliverability: Deliverability.guard() });
  domain(first, 'News', { deliverability: Deliverability.guard() });
  expect(accountAlarms(second)).toEqual(ACCOUNT_ALARMS);
  expect(accountAlarms(first)).toEqual([]);
  // Mail's and News's set alarms; Shop's and the account's.
  Template.fromStack(first).resourceCountIs('AWS::CloudWatch::Alarm', 4);
  Template.fromStack(second).resourceCountIs('AWS::CloudWatch::Alarm', 4);
  expect(synthError(app)).toBe('');
});

test.each([
  ['two regions', { ...ENV, region: 'us-east-1' }],
  ['two accounts', { ...ENV, account: '210987654321' }],
])('two environments (%s): the account alarms once in each', (_, env) => {
  const { app, stack: first } = guardStack('First');
  const { stack: second } = guardStack('Second', app, env);
  domain(first, 'Mail', { deliverability: Deliverability.guard() });
  domain(second, 'Shop', { deliverability: Deliverability.guard({ bounceRateThreshold: 0.03 }) });
  expect(accountAlarms(first)).toEqual(ACCOUNT_ALARMS);
  expect(accountAlarms(second)).toEqual(ACCOUNT_ALARMS);
  Template.fromStack(second).hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Reputation.BounceRate', Threshold: 0.03 });
  expect(synthError(app)).toBe('');
});

test('a domain and its second region, both guarded: a set each, and each region its own account alarms', () => {
  const { app, stack: first } = guardStack('First');
  const { stack: second } = guardStack('Second', app, { ...ENV, region: 'us-east-1' });
  const mail = domain(first, 'Mail', { deliverability: Deliverability.guard() });
  const secondary = domain(second, 'Mail', { primary: mail, deliverability: Deliverability.guard() });
  expect(secondary.configurationSet).not.toBe(mail.configurationSet);
  expect([accountAlarms(first), accountAlarms(second)]).toEqual([ACCOUNT_ALARMS, ACCOUNT_ALARMS]);
  Template.fromStack(second).hasResourceProperties('AWS::SES::EmailIdentity', {
    EmailIdentity: 'mail.example.org', ConfigurationSetAttributes: { ConfigurationSetName: { Ref: 'MailDeliverabilityConfigurationSet3B60ED82' } },
  });
  expect(synthError(app)).toBe('');
});

test('environment-agnostic stacks: each is its own environment and has its own account alarms', () => {
  const { app, stack: first } = guardStack('First', new App(), null);
  const { stack: second } = guardStack('Second', app, null);
  domain(first, 'Mail', { deliverability: Deliverability.guard() });
  domain(second, 'Shop', { deliverability: Deliverability.guard({ complaintRateThreshold: 0.0008 }) });
  expect([accountAlarms(first), accountAlarms(second)]).toEqual([ACCOUNT_ALARMS, ACCOUNT_ALARMS]);
  expect(synthError(app)).toBe('');
});

const DISAGREE = (alarms: string, asker: string, made: string, asked: string) => 'The SES account reputation alarms of account 123456789012 in eu-west-1 exist once, '
  + `made for ${alarms} (${made}), but ${asker} asks for ${asked}. Give every domain of the account and region the same bounceRateThreshold, `
  + 'complaintRateThreshold and alarmTopic, or accountAlarms: false on the others';

test('two domains of one environment that disagree on the account alarms: an error naming both, across stacks too', () => {
  const { app, stack: first } = guardStack('First');
  const { stack: second } = guardStack('Second', app);
  domain(first, 'Mail', { deliverability: Deliverability.guard() });
  domain(first, 'Shop', { deliverability: Deliverability.guard({ complaintRateThreshold: 0.0008 }) });
  const pager = new sns.Topic(second, 'Pager');
  domain(second, 'News', { deliverability: Deliverability.guard({ alarmTopic: pager }) });
  const defaults = 'bounce rate 0.025, complaint rate 0.0005, alarms to the guardrail topic';
  expect(synthError(app)).toBe(failures([
    ['First/Shop', DISAGREE('First/Mail', 'First/Shop', defaults, 'bounce rate 0.025, complaint rate 0.0008, alarms to the guardrail topic')],
    ['Second/News', DISAGREE('First/Mail', 'Second/News', defaults, 'bounce rate 0.025, complaint rate 0.0005, alarms to SNS topic Second/Pager')],
  ]));
});

test('accountAlarms: false lets a domain keep its own thresholds for its set alone; with every domain false there are no account alarms', () => {
  const { app, stack } = guardStack();
  domain(stack, 'Mail', { deliverability: Deliverability.guard() });
  domain(stack, 'Shop', { deliverability: Deliverability.guard({ bounceRateThreshold: 0.01, accountAlarms: false }) });
  expect(synthError(app)).toBe('');
  expect(accountAlarms(stack)).toEqual(ACCOUNT_ALARMS);
  const { stack: none } = guardStack('None');
  domain(none, 'Mail', { deliverability: Deliverability.guard({ accountAlarms: false }) });
  expect(accountAlarms(none)).toEqual([]);
  Template.fromStack(none).resourceCountIs('AWS::CloudWatch::Alarm', 2);
});

/** The number of resources of each type in the stack. */
function resourceTypes(stack: Stack): Record<string, number> {
  const counts: Record<string, number> = {};
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string }>;
  for (const r of Object.values(resources)) counts[r.Type] = (counts[r.Type] ?? 0) + 1;
  return counts;
}

test('100 guarded domains sharing one configuration set fit one stack: 2 resources a domain and 9 in all for the guardrails', () => {
  const { stack } = guardStack();
  const set = new ses.ConfigurationSet(stack, 'Set');
  const guard = Deliverability.guard();
  for (let i = 0; i < 100; i++) domain(stack, `D${i}`, { configurationSet: set, deliverability: guard });
  expect(resourceTypes(stack)).toEqual({
    'AWS::SES::EmailIdentity': 100,
    'AWS::Route53::RecordSetGroup': 100,
    'AWS::SES::ConfigurationSet': 1,
    'AWS::SES::ConfigurationSetEventDestination': 1,
    'AWS::CloudWatch::Alarm': 4,
    'AWS::SNS::Topic': 1,
    'AWS::SNS::TopicPolicy': 1,
    'AWS::KMS::Key': 1,
  });
});

test('with a configuration set each, a guarded domain takes 6 resources: 82 fit one stack (497 resources), 83 do not', () => {
  const build = (n: number) => {
    const { stack } = guardStack();
    for (let i = 0; i < n; i++) domain(stack, `D${i}`, { deliverability: Deliverability.guard() });
    return stack;
  };
  const stack = build(82);
  const counts = resourceTypes(stack);
  expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(82 * 6 + 5);
  expect(counts['AWS::SES::ConfigurationSet']).toBe(82);
  expect(() => Template.fromStack(build(83))).toThrow(/Number of resources in stack 'Test': 503 is greater than allowed maximum of 500/);
});
