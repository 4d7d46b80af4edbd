import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ACCOUNT_ALARMS_ID, accountAlarmAppErrors, describeAlarms, reputationAlarms, requestAccountAlarms } from '../../src/guardrails/alarms';

// alarms.ts directly: the two reputation alarms, and the account alarms made once per environment.

const EU = { account: '111111111111', region: 'eu-west-1' };

function stack(app = new App(), id = 'Test', env: { account?: string; region?: string } = EU): Stack {
  return new Stack(app, id, { env });
}

function alarms(s: Stack): any[] {
  return Object.values(Template.fromStack(s).findResources('AWS::CloudWatch::Alarm')).map((r) => r.Properties);
}

const DESCRIPTION = (what: string, of: string, at: string, review: string) => `The SES ${what} of ${of} reached ${at}; `
  + `SES reviews the account at ${review}. See the README of cdk-verified-mail-domain, "Staying out of SES's review queue"`;

function alarm(metric: string, threshold: unknown, topic: unknown, description: string, set?: string): object {
  return {
    Namespace: 'AWS/SES',
    MetricName: metric,
    ...(set === undefined ? {} : { Dimensions: [{ Name: 'ses:configuration-set', Value: set }] }),
    Statistic: 'Maximum',
    Period: 3600,
    Threshold: threshold,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    EvaluationPeriods: 1,
    DatapointsToAlarm: 1,
    TreatMissingData: 'ignore',
    AlarmDescription: description,
    AlarmActions: [topic],
  };
}

describe('reputationAlarms', () => {
  test('of a configuration set, to the user\'s topic: bounce then complaint rate, dimension ses:configuration-set', () => {
    const s = stack();
    const topic = new sns.Topic(s, 'Pager');
    const made = reputationAlarms(new Construct(s, 'Guard'), { bounceRate: 0.03, complaintRate: 0.0007, topic }, 'guarded');
    expect(made.map((a) => a.node.path)).toEqual(['Test/Guard/BounceRateAlarm', 'Test/Guard/ComplaintRateAlarm']);
    const ref = { Ref: s.getLogicalId(topic.node.defaultChild as sns.CfnTopic) };
    expect(alarms(s)).toEqual([
      alarm('Reputation.BounceRate', 0.03, ref, DESCRIPTION('bounce rate', 'configuration set guarded', '3 %', '5 %'), 'guarded'),
      alarm('Reputation.ComplaintRate', 0.0007, ref, DESCRIPTION('complaint rate', 'configuration set guarded', '0.07 %', '0.1 %'), 'guarded'),
    ]);
    Template.fromStack(s).resourceCountIs('AWS::SNS::Topic', 1);
  });

  test('of the account, without a topic: no dimension, to the stack\'s guardrail topic', () => {
    const s = stack();
    reputationAlarms(new Construct(s, 'Guard'), { bounceRate: 0.025, complaintRate: 0.0005 });
    const topic = s.node.findChild('VerifiedMailDomainGuardrailTopic').node.findChild('Resource');
    const ref = { Ref: s.getLogicalId(topic.node.defaultChild as sns.CfnTopic) };
    const of = 'the account in this region (all its mail)';
    expect(alarms(s)).toEqual([
      alarm('Reputation.BounceRate', 0.025, ref, DESCRIPTION('bounce rate', of, '2.5 %', '5 %')),
      alarm('Reputation.ComplaintRate', 0.0005, ref, DESCRIPTION('complaint rate', of, '0.05 %', '0.1 %')),
    ]);
  });

  test('a threshold that is a token: the description says "its threshold"', () => {
    const s = stack();
    const rate = new CfnParameter(s, 'Rate', { type: 'Number' }).valueAsNumber;
    reputationAlarms(new Construct(s, 'Guard'), { bounceRate: rate, complaintRate: 0.0005 }, 'guarded');
    expect(alarms(s).map((a) => [a.Threshold, a.AlarmDescription])).toEqual([
      [{ Ref: 'Rate' }, DESCRIPTION('bounce rate', 'configuration set guarded', 'its threshold', '5 %')],
      [0.0005, DESCRIPTION('complaint rate', 'configuration set guarded', '0.05 %', '0.1 %')],
    ]);
  });
});

describe('describeAlarms', () => {
  test.each<[string, (s: Stack) => sns.ITopic | undefined, string]>([
    ['the guardrail topic', () => undefined, 'bounce rate 0.025, complaint rate 0.0005, alarms to the guardrail topic'],
    ['a topic of the app', (s) => new sns.Topic(s, 'Pager'), 'bounce rate 0.025, complaint rate 0.0005, alarms to SNS topic Test/Pager'],
    ['an imported topic', (s) => sns.Topic.fromTopicArn(s, 'Pager', 'arn:aws:sns:eu-west-1:111111111111:pager'),
      'bounce rate 0.025, complaint rate 0.0005, alarms to SNS topic arn:aws:sns:eu-west-1:111111111111:pager'],
  ])('%s', (_, topic, text) => {
    expect(describeAlarms({ bounceRate: 0.025, complaintRate: 0.0005, topic: topic(stack()) })).toBe(text);
  });
});

describe('requestAccountAlarms and accountAlarmAppErrors', () => {
  const SETTINGS = { bounceRate: 0.025, complaintRate: 0.0005 };
  const ask = (s: Stack, domain: string, settings: typeof SETTINGS) => {
    const d = new Construct(s, domain);
    requestAccountAlarms(new Construct(d, 'Guard'), d, settings);
    return d;
  };

  test('the first ask of an environment makes them at the top of its stack; later asks, in any stack of it, are compared with it', () => {
    const app = new App();
    const [a, b] = [stack(app, 'A'), stack(app, 'B')];
    ask(a, 'Mail', SETTINGS);
    const shop = ask(a, 'Shop', { ...SETTINGS, bounceRate: 0.04 });
    ask(b, 'Mail', SETTINGS);
    expect(alarms(a).map((x) => [x.MetricName, x.Threshold])).toEqual([['Reputation.BounceRate', 0.025], ['Reputation.ComplaintRate', 0.0005]]);
    expect(alarms(b)).toEqual([]);
    const made = a.node.findChild(ACCOUNT_ALARMS_ID);
    expect(made.node.children.map((c) => c.node.id)).toEqual(['BounceRateAlarm', 'ComplaintRateAlarm']);
    expect(describeAlarms(SETTINGS)).toBe('bounce rate 0.025, complaint rate 0.0005, alarms to the guardrail topic');
    expect(accountAlarmAppErrors(app)).toEqual([{
      subject: shop,
      message: 'The SES account reputation alarms of account 111111111111 in eu-west-1 exist once, made for A/Mail (bounce rate 0.025, complaint rate 0.0005, '
        + 'alarms to the guardrail topic), but A/Shop asks for bounce rate 0.04, complaint rate 0.0005, alarms to the guardrail topic. Give every domain of '
        + 'the account and region the same bounceRateThreshold, complaintRateThreshold and alarmTopic, or accountAlarms: false on the others',
    }]);
  });

  test.each([
    ['another region', { ...EU, region: 'us-east-1' }],
    ['another account', { ...EU, account: '222222222222' }],
    ['an environment-agnostic stack', {}],
  ])('%s has its own account alarms, with its own thresholds', (_, env) => {
    const app = new App();
    const [a, b] = [stack(app, 'A'), stack(app, 'B', env)];
    ask(a, 'Mail', SETTINGS);
    ask(b, 'Mail', { ...SETTINGS, complaintRate: 0.001 });
    expect([alarms(a).length, alarms(b).map((x) => x.Threshold)]).toEqual([2, [0.025, 0.001]]);
    expect(accountAlarmAppErrors(app)).toEqual([]);
  });

  test('two environment-agnostic stacks are two environments', () => {
    const app = new App();
    const [a, b] = [new Stack(app, 'A'), new Stack(app, 'B')];
    ask(a, 'Mail', SETTINGS);
    ask(b, 'Mail', { ...SETTINGS, bounceRate: 0.04 });
    expect([alarms(a).length, alarms(b).length]).toEqual([2, 2]);
    expect(accountAlarmAppErrors(app)).toEqual([]);
  });

  test('one domain asking twice never disagrees with itself; an app without asks has no errors', () => {
    const app = new App();
    const a = stack(app, 'A');
    expect(accountAlarmAppErrors(app)).toEqual([]);
    const d = ask(a, 'Mail', SETTINGS);
    requestAccountAlarms(new Construct(d, 'Other'), d, { ...SETTINGS, bounceRate: 0.04 });
    expect([alarms(a).length, accountAlarmAppErrors(app)]).toEqual([2, []]);
  });
});
