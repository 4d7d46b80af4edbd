import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ses from 'aws-cdk-lib/aws-ses';
import { checkActionConfig } from '../../src/receiving/action-checks';

// checkActionConfig on its own: the config an action's bind(rule) returned, checked in a stack in
// eu-west-1 (or an environment-agnostic one).

const prop = (i: number) => `inboundMail receiving actions[${i}]`;
const ONE = 'SES takes exactly one action per entry (an addHeaderAction, bounceAction, lambdaAction, s3Action, snsAction, stopAction or workmailAction): give each action its own entry';

function stack(region: string | null = 'eu-west-1'): Stack {
  return new Stack(new App(), 'Mail', region === null ? {} : { env: { account: '123456789012', region } });
}

function warnings(s: Stack): unknown[] {
  return Annotations.fromStack(s).findWarning('*', Match.anyValue()).map((w) => w.entry.data);
}

const otherRegion = (i: number, kind: string, field: string, arn: string, what: string) =>
  `${prop(i)} ${kind} ${field} '${arn}' names a ${what} in us-east-1, but SES receives this domain's mail in eu-west-1 `
  + 'and delivers only to SNS topics, Lambda functions and KMS keys of that region; use one in eu-west-1';

test.each<[string, ses.ReceiptRuleActionConfig, string]>([
  ['an empty config', {}, 'no action'],
  ['a config whose only action is undefined', { stopAction: undefined }, 'no action'],
  ['a config whose only action is null', { stopAction: null as unknown as ses.CfnReceiptRule.StopActionProperty }, 'no action'],
  ['two actions', { stopAction: { scope: 'RuleSet' }, snsAction: { topicArn: 'arn:aws:sns:eu-west-1:123456789012:t' } }, '2 actions (stopAction, snsAction)'],
])('%s is refused: one action per entry', (_title, config, what) => {
  expect(() => checkActionConfig(stack(), 2, 3, config)).toThrow(new Error(`${prop(2)} bind(rule) returned ${what}; ${ONE}`));
});

test('an undefined config is no action', () => {
  expect(() => checkActionConfig(stack(), 0, 1, undefined as unknown as ses.ReceiptRuleActionConfig))
    .toThrow(new Error(`${prop(0)} bind(rule) returned no action; ${ONE}`));
});

test.each<[string, string, string, string]>([
  ['s3Action', 'topicArn', 'arn:aws:sns:us-east-1:123456789012:t', 'SNS topic'],
  ['s3Action', 'kmsKeyArn', 'arn:aws:kms:us-east-1:123456789012:key/1111', 'KMS key'],
  ['snsAction', 'topicArn', 'arn:aws:sns:us-east-1:123456789012:t', 'SNS topic'],
  ['lambdaAction', 'functionArn', 'arn:aws:lambda:us-east-1:123456789012:function:f', 'Lambda function'],
  ['lambdaAction', 'topicArn', 'arn:aws:sns:us-east-1:123456789012:t', 'SNS topic'],
  ['bounceAction', 'topicArn', 'arn:aws:sns:us-east-1:123456789012:t', 'SNS topic'],
  ['stopAction', 'topicArn', 'arn:aws:sns:us-east-1:123456789012:t', 'SNS topic'],
  ['workmailAction', 'topicArn', 'arn:aws:sns:us-east-1:123456789012:t', 'SNS topic'],
])('%s %s in another region is refused, naming the region', (kind, field, arn, what) => {
  const config = { [kind]: { [field]: arn } } as ses.ReceiptRuleActionConfig;
  expect(() => checkActionConfig(stack(), 1, 2, config)).toThrow(new Error(otherRegion(1, kind, field, arn, what)));
});

test.each<[string, ses.ReceiptRuleActionConfig]>([
  ['an SNS topic of the rule\'s region', { snsAction: { topicArn: 'arn:aws:sns:eu-west-1:123456789012:t' } }],
  ['a Lambda function of the rule\'s region', { lambdaAction: { functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:f' } }],
  ['an ARN with an empty region field', { snsAction: { topicArn: 'arn:aws:sns::123456789012:t' } }],
  ['a value with no region field', { snsAction: { topicArn: 'not-an-arn' } }],
  ['an S3 action naming only its bucket', { s3Action: { bucketName: 'inbox' } }],
  ['an ARN field of another action kind', { s3Action: { bucketName: 'inbox', functionArn: 'arn:aws:lambda:us-east-1:1:function:f' } as ses.CfnReceiptRule.S3ActionProperty }],
  ['an add-header action', { addHeaderAction: { headerName: 'X-A', headerValue: 'b' } }],
  ['a sender field on an action other than a bounce', { lambdaAction: { functionArn: 'f', sender: 'postmaster' } as ses.CfnReceiptRule.LambdaActionProperty }],
])('%s passes with no warning, first of two actions', (_title, config) => {
  const s = stack();
  expect(() => checkActionConfig(s, 0, 2, config)).not.toThrow();
  expect(warnings(s)).toEqual([]);
});

test('an ARN that is a token is never an error', () => {
  const s = stack();
  const arn = new CfnParameter(s, 'Arn').valueAsString;
  expect(() => checkActionConfig(s, 0, 1, { snsAction: { topicArn: arn } })).not.toThrow();
});

test('an environment-agnostic stack checks no ARN region', () => {
  const s = stack(null);
  expect(() => checkActionConfig(s, 0, 1, { snsAction: { topicArn: 'arn:aws:sns:us-east-1:123456789012:t' } })).not.toThrow();
});

test('a bounce sender that is not an address is refused, naming the prop', () => {
  const s = stack();
  const config = { bounceAction: { sender: 'postmaster', smtpReplyCode: '550', message: 'no' } };
  expect(() => checkActionConfig(s, 3, 4, config))
    .toThrow(new Error(`${prop(3)} bounceAction sender must be an e-mail address like 'mailer-daemon@example.com', got 'postmaster'`));
});

test('a bounce sender that is an address, or a token, passes', () => {
  const s = stack();
  const sender = new CfnParameter(s, 'Sender').valueAsString;
  expect(() => checkActionConfig(s, 0, 1, { bounceAction: { sender: 'postmaster@example.org', smtpReplyCode: '550', message: 'no' } })).not.toThrow();
  expect(() => checkActionConfig(s, 0, 1, { bounceAction: { sender, smtpReplyCode: '550', message: 'no' } })).not.toThrow();
});

test('a Stop action before other actions warns, naming the ones that never run', () => {
  const s = stack();
  checkActionConfig(s, 1, 4, { stopAction: { scope: 'RuleSet' } });
  expect(warnings(s)).toEqual([
    `${prop(1)} is a Stop action, which ends the processing of the rule set: actions[2..3] after it never run. Put the Stop action last `
    + '[ack: cdk-verified-mail-domain:receivingActionsAfterStop]',
  ]);
});

test.each<[string, number, number]>([
  ['the last of several', 2, 3],
  ['the only action', 0, 1],
])('a Stop action that is %s does not warn', (_title, index, count) => {
  const s = stack();
  checkActionConfig(s, index, count, { stopAction: { scope: 'RuleSet' } });
  expect(warnings(s)).toEqual([]);
});
