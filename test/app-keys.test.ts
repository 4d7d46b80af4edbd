import { App, Aws, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { accountOf, environmentDifference, environmentOf, expressionKey, referenceOf } from '../src/app-keys';

// The keys the app-wide checks compare by, directly.

function app(): { app: App; a: Stack; b: Stack } {
  const root = new App();
  return {
    app: root,
    a: new Stack(root, 'A', { env: { account: '111111111111', region: 'eu-west-1' } }),
    b: new Stack(root, 'B', { env: { account: '111111111111', region: 'eu-west-1' } }),
  };
}

describe('referenceOf', () => {
  test.each([
    ['a Ref (string)', (t: sns.Topic) => t.topicArn, 'Ref'],
    ['a Fn::GetAtt (string)', (t: sns.Topic) => t.topicName, 'TopicName'],
  ])('%s is a reference to its resource', (_, value, displayName) => {
    const { a } = app();
    const topic = new sns.Topic(a, 'Topic');
    const reference = referenceOf(value(topic));
    expect(reference?.target).toBe(topic.node.defaultChild);
    expect(reference?.displayName).toBe(displayName);
  });

  test('a list token of one reference is a reference', () => {
    const { a } = app();
    const param = new CfnParameter(a, 'List', { type: 'CommaDelimitedList' });
    expect(referenceOf(param.valueAsList)?.target).toBe(param);
  });

  test.each<[string, (t: sns.Topic) => unknown]>([
    ['a literal string', () => 'arn:aws:sns:eu-west-1:111111111111:t'],
    ['a number', () => 5],
    ['undefined', () => undefined],
    ['a string of a reference and text', (t) => `${t.topicArn}-x`],
    ['a join of two references', (t) => Fn.join(',', [t.topicArn, t.topicName])],
    ['a pseudo parameter', () => Aws.REGION],
  ])('%s is not one reference', (_, value) => {
    const { a } = app();
    expect(referenceOf(value(new sns.Topic(a, 'Topic')))).toBeUndefined();
  });
});

describe('expressionKey', () => {
  test('a reference names its resource and attribute, the same from every stack', () => {
    const { a, b } = app();
    const topic = new sns.Topic(a, 'Topic');
    expect(expressionKey(a, topic.topicArn)).toBe('A/Topic/Resource.Ref');
    expect(expressionKey(b, topic.topicArn)).toBe('A/Topic/Resource.Ref');
    expect(expressionKey(a, topic.topicName)).toBe('A/Topic/Resource.TopicName');
  });

  test('any other value is its resolved form, keyed by stack', () => {
    const { a, b } = app();
    expect(expressionKey(a, Aws.REGION)).toBe('{"Ref":"AWS::Region"} in stack A');
    expect(expressionKey(b, Aws.REGION)).toBe('{"Ref":"AWS::Region"} in stack B');
    expect(expressionKey(a, 'text')).toBe('"text" in stack A');
  });
});

describe('environmentDifference', () => {
  type Env = { account?: string; region?: string };
  test.each<[string, Env, Env, 'account' | 'region' | undefined]>([
    ['the same environment', { account: '1', region: 'eu-west-1' }, { account: '1', region: 'eu-west-1' }, undefined],
    ['another account', { account: '1', region: 'eu-west-1' }, { account: '2', region: 'eu-west-1' }, 'account'],
    ['another account and region: account first', { account: '1', region: 'eu-west-1' }, { account: '2', region: 'us-east-1' }, 'account'],
    ['another region', { account: '1', region: 'eu-west-1' }, { account: '1', region: 'us-east-1' }, 'region'],
    ['an unknown account, another region', { region: 'eu-west-1' }, { account: '1', region: 'us-east-1' }, 'region'],
    ['an unknown account on the other side, another region', { account: '1', region: 'eu-west-1' }, { region: 'us-east-1' }, 'region'],
    ['another account, an unknown region', { account: '1' }, { account: '2', region: 'us-east-1' }, 'account'],
    ['unknown region on one side only', { account: '1' }, { account: '1', region: 'us-east-1' }, undefined],
    ['both environment-agnostic', {}, {}, undefined],
  ])('%s: %s', (_, envA, envB, expected) => {
    const root = new App();
    expect(environmentDifference(new Stack(root, 'A', { env: envA }), new Stack(root, 'B', { env: envB }))).toBe(expected);
  });
});

describe('environmentOf and accountOf', () => {
  test('a known environment is keyed by account and region, across stacks', () => {
    const { a, b } = app();
    expect(environmentOf(a)).toEqual({ key: '111111111111/eu-west-1', label: 'account 111111111111 in eu-west-1' });
    expect(environmentOf(b)).toEqual(environmentOf(a));
    expect(accountOf(a)).toEqual({ key: '111111111111', label: 'account 111111111111' });
  });

  test.each([
    ['no account', { region: 'eu-west-1' }],
    ['no region', { account: '111111111111' }],
    ['neither', {}],
  ])('with %s the environment is the stack\'s own', (_, env) => {
    const stack = new Stack(new App(), 'Agnostic', { env, stackName: 'agnostic-stack' });
    expect(environmentOf(stack)).toEqual({ key: 'stack Agnostic', label: 'the environment of stack agnostic-stack' });
  });

  test('an unknown account is the stack\'s own; a known one ignores the region', () => {
    const root = new App();
    expect(accountOf(new Stack(root, 'Agnostic', { env: { region: 'eu-west-1' } })))
      .toEqual({ key: 'stack Agnostic', label: 'the account of stack Agnostic' });
    expect(accountOf(new Stack(root, 'NoRegion', { env: { account: '222222222222' } })))
      .toEqual({ key: '222222222222', label: 'account 222222222222' });
  });
});
