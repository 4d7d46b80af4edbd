import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ReceivingAction } from '../../src/receiving/actions';
import { receiptRuleFor } from '../../src/receiving/rule-binding';

// The construct's own actions on their own: bound to a rule made by receiptRuleFor over a
// CfnReceiptRule in eu-west-1 (no VerifiedMailDomain), or refused another rule.

function setup() {
  const stack = new Stack(new App(), 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
  const scope = new Construct(stack, 'Domain');
  const cfn = new ses.CfnReceiptRule(scope, 'ReceiptRule', { ruleSetName: 'inbound', rule: { name: 'Mail-Domain-1', enabled: true } });
  const rule = receiptRuleFor(cfn, { scope, index: 0, target: { stack, ruleSetName: 'inbound', literalRuleSetName: 'inbound', ruleName: 'Mail-Domain-1' } });
  return { stack, scope, cfn, rule };
}

const dependsOn = (stack: Stack, cfn: ses.CfnReceiptRule) => Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(cfn)].DependsOn;
const warnings = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => w.entry.data);
const ANOTHER_RULE = "can be used only in InboundMail.ses({ actions }) of a VerifiedMailDomain, whose rule name its grants carry: in your own ses.ReceiptRule use aws-cdk-lib's aws-ses-actions (S3, Sns, Lambda)";

test('bound to a plain ses.ReceiptRule, an action is refused, naming the rule', () => {
  const { stack } = setup();
  const set = new ses.ReceiptRuleSet(stack, 'Set');
  const plain = new ses.ReceiptRule(stack, 'Plain', { ruleSet: set });
  expect(() => ReceivingAction.sns(new sns.Topic(stack, 'Topic')).bind(plain))
    .toThrow(new Error(`ReceivingAction.sns(...) is bound to the receipt rule Mail/Plain, but it ${ANOTHER_RULE}`));
});

test('bound to what is no rule, an action is refused', () => {
  const { stack } = setup();
  expect(() => ReceivingAction.lambda(lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:eu-west-1:123456789012:function:f')).bind(undefined as unknown as ses.IReceiptRule))
    .toThrow(new Error('ReceivingAction.bind rule must be an ses.IReceiptRule (the receipt rule of InboundMail.ses({ actions })), got undefined'));
});

test('the S3 action: its config, the bucket grant for this rule, and the rule waiting for the bucket policy', () => {
  const { stack, cfn, rule } = setup();
  const bucket = new s3.Bucket(stack, 'Inbox');
  const config = ReceivingAction.s3({ bucket, objectKeyPrefix: 'in/' }).bind(rule);
  expect(stack.resolve(config)).toEqual({ s3Action: { bucketName: { Ref: stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket) }, objectKeyPrefix: 'in/' } });
  expect(dependsOn(stack, cfn)).toEqual([stack.getLogicalId(bucket.policy!.node.defaultChild as s3.CfnBucketPolicy)]);
});

test.each<[string, string]>([['sns', 'alias/aws/sns'], ['s3', 'alias/aws/s3']])('the S3 action refuses the AWS managed key of %s', (_service, alias) => {
  const { stack } = setup();
  const bucket = new s3.Bucket(stack, 'Inbox');
  expect(() => ReceivingAction.s3({ bucket, kmsKey: kms.Alias.fromAliasName(stack, 'Key', alias) })).toThrow(new Error(`ReceivingAction.s3 kmsKey is the AWS managed key ${alias}, `
    + 'whose key policy lets only its own service use it and cannot be changed, so SES can never encrypt with it: '
    + "use alias/aws/ses (SES's own AWS managed key) or a customer managed key"));
});

test('the S3 action takes SES\'s own AWS managed key and grants nothing on it', () => {
  const { stack, rule } = setup();
  const bucket = new s3.Bucket(stack, 'Inbox');
  const config = ReceivingAction.s3({ bucket, kmsKey: kms.Alias.fromAliasName(stack, 'Key', 'alias/aws/ses') }).bind(rule);
  expect(stack.resolve(config.s3Action?.kmsKeyArn)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kms:eu-west-1:123456789012:alias/aws/ses']] });
  expect(warnings(stack)).toEqual([]);
});

test('the SNS action refuses a topic encrypted with alias/aws/sns', () => {
  const { stack, rule } = setup();
  const topic = new sns.Topic(stack, 'Topic', { masterKey: kms.Alias.fromAliasName(stack, 'Key', 'alias/aws/sns') });
  expect(() => ReceivingAction.sns(topic).bind(rule)).toThrow(new Error('ReceivingAction.sns topic Mail/Topic is encrypted with the AWS managed key alias/aws/sns, '
    + 'whose key policy cannot be changed and lets no AWS service such as SES use it, so SES could never publish a message: '
    + 'encrypt the topic with a customer managed key (masterKey: new kms.Key(...)), which the construct lets SES use for this rule'));
});

test('the SNS action publishes UTF-8 to the topic', () => {
  const { stack, rule } = setup();
  const topic = new sns.Topic(stack, 'Topic');
  expect(stack.resolve(ReceivingAction.sns(topic).bind(rule))).toEqual({ snsAction: { topicArn: { Ref: stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic) }, encoding: 'UTF-8' } });
});

test('the Lambda action invokes asynchronously, with a permission for this rule only that the rule waits for', () => {
  const { stack, cfn, rule } = setup();
  const fn = lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:eu-west-1:123456789012:function:f');
  expect(ReceivingAction.lambda(fn).bind(rule)).toEqual({ lambdaAction: { functionArn: fn.functionArn, invocationType: 'Event' } });
  const permissions = Template.fromStack(stack).findResources('AWS::Lambda::Permission');
  expect(Object.values(permissions).map((p) => p.Properties)).toEqual([{
    Action: 'lambda:InvokeFunction',
    FunctionName: 'arn:aws:lambda:eu-west-1:123456789012:function:f',
    Principal: 'ses.amazonaws.com',
    SourceAccount: { Ref: 'AWS::AccountId' },
    SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':receipt-rule-set/inbound:receipt-rule/Mail-Domain-1']] },
  }]);
  expect(dependsOn(stack, cfn)).toEqual(Object.keys(permissions));
  expect(Object.keys(permissions)[0]).toMatch(/^DomainReceivingAction1Permission/);
});

test('a Lambda function of another account gets no permission: a warning says what to add there', () => {
  const { stack, cfn, rule } = setup();
  const fn = lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:eu-west-1:999999999999:function:f');
  ReceivingAction.lambda(fn).bind(rule);
  Template.fromStack(stack).resourceCountIs('AWS::Lambda::Permission', 0);
  expect(dependsOn(stack, cfn)).toBeUndefined();
  expect(warnings(stack)).toEqual([
    'The function arn:aws:lambda:eu-west-1:999999999999:function:f of ReceivingAction.lambda is in account 999999999999, so the construct cannot add its permission from account 123456789012: '
    + 'in account 999999999999, allow ses.amazonaws.com lambda:InvokeFunction on it with aws:SourceAccount 123456789012 and aws:SourceArn this receipt rule '
    + '(aws lambda add-permission --principal ses.amazonaws.com --source-account 123456789012), or SES refuses to create the rule '
    + '[ack: cdk-verified-mail-domain:receivingGrantNotAdded]',
  ]);
});
