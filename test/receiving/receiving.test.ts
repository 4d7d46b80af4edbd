import { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ReceiptRuleSetChoice, ReceivingAction, SesReceivingRegions, SesReceivingOptions } from '../../src';
import { onlyThisRule, receivingStack } from '../helpers/receiving-fixtures';
import { literalRecords } from '../helpers/util';

// Receiving with SES: the rule, its actions in order, every grant to SES limited to this account and
// this rule, and the opt-in activation of a new rule set.

const receiving = (options: (stack: Stack) => SesReceivingOptions, region?: string) => receivingStack(options, region);
const ruleArn = (ruleSet: object) => (onlyThisRule(ruleSet) as { ArnLike: { 'aws:SourceArn': unknown } }).ArnLike['aws:SourceArn'];

test('S3, SNS and Lambda in the order given, in a new rule set that is activated; each grant for this account and rule only', () => {
  const { template, stack } = receiving((s) => ({
    actions: [
      ReceivingAction.s3({ bucket: new s3.Bucket(s, 'Inbox'), objectKeyPrefix: 'in/', kmsKey: new kms.Key(s, 'Key') }),
      ReceivingAction.sns(new sns.Topic(s, 'Topic')),
      ReceivingAction.lambda(lambda.Function.fromFunctionArn(s, 'Fn', 'arn:aws:lambda:eu-west-1:123456789012:function:process')),
    ],
    ruleSet: ReceiptRuleSetChoice.create(),
    tlsRequired: true,
  }));
  const set = { Ref: 'MailReceiptRuleSet327F2071' };
  expect(Object.keys(template.findResources('AWS::SES::ReceiptRuleSet'))).toEqual(['MailReceiptRuleSet327F2071']);
  template.hasResourceProperties('AWS::SES::ReceiptRule', {
    RuleSetName: set,
    Rule: {
      Name: 'Mail-140898A8',
      Enabled: true,
      Recipients: ['example.org'],
      ScanEnabled: true,
      TlsPolicy: 'Require',
      Actions: [
        { S3Action: { BucketName: { Ref: Match.stringLikeRegexp('^Inbox') }, ObjectKeyPrefix: 'in/', KmsKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } } },
        { SNSAction: { TopicArn: { Ref: Match.stringLikeRegexp('^Topic') }, Encoding: 'UTF-8' } },
        { LambdaAction: { FunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:process', InvocationType: 'Event' } },
      ],
    },
  });
  template.hasResourceProperties('AWS::S3::BucketPolicy', {
    PolicyDocument: {
      Statement: [{
        Sid: 'AllowSesReceiptRule',
        Effect: 'Allow',
        Principal: { Service: 'ses.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Inbox'), 'Arn'] }, '/in/*']] },
        Condition: onlyThisRule(set),
      }],
    },
  });
  template.hasResourceProperties('AWS::KMS::Key', {
    KeyPolicy: {
      Statement: Match.arrayWith([{
        Effect: 'Allow', Principal: { Service: 'ses.amazonaws.com' }, Action: ['kms:Encrypt', 'kms:GenerateDataKey*'], Resource: '*', Condition: onlyThisRule(set),
      }]),
    },
  });
  template.hasResourceProperties('AWS::SNS::TopicPolicy', {
    PolicyDocument: {
      Statement: [{
        Effect: 'Allow', Principal: { Service: 'ses.amazonaws.com' }, Action: 'sns:Publish', Resource: { Ref: Match.stringLikeRegexp('^Topic') }, Condition: onlyThisRule(set),
      }],
    },
  });
  template.hasResourceProperties('AWS::Lambda::Permission', {
    Action: 'lambda:InvokeFunction',
    FunctionName: 'arn:aws:lambda:eu-west-1:123456789012:function:process',
    Principal: 'ses.amazonaws.com',
    SourceAccount: { Ref: 'AWS::AccountId' },
    SourceArn: ruleArn(set),
  });
  // The rule waits for every grant (SES checks them when it creates the rule), the activation for the rule.
  const rule = Object.values(template.findResources('AWS::SES::ReceiptRule'))[0];
  expect(rule.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^InboxPolicy/), expect.stringMatching(/^TopicPolicy/), expect.stringMatching(/ReceivingAction3Permission/)]));
  template.hasResource('Custom::SesActiveReceiptRuleSet', {
    Properties: { RuleSetName: set, ReplaceActive: 'false', ServiceToken: Match.anyValue() },
    DependsOn: ['MailReceiptRule036A387C'],
  });
  expect(literalRecords(stack)['example.org. MX']).toEqual(['10 inbound-smtp.eu-west-1.amazonaws.com']);
});

test('the activation Lambda may only read and set the active rule set, and is the only function', () => {
  const { template } = receiving((s) => ({ actions: [ReceivingAction.sns(new sns.Topic(s, 'Topic'))], ruleSet: ReceiptRuleSetChoice.create({ replaceActive: true }) }));
  template.hasResourceProperties('Custom::SesActiveReceiptRuleSet', { ReplaceActive: 'true' });
  template.hasResourceProperties('AWS::IAM::Policy', { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['ses:DescribeActiveReceiptRuleSet', 'ses:SetActiveReceiptRuleSet'], Resource: '*' }] } });
  const functions = Object.keys(template.findResources('AWS::Lambda::Function'));
  expect(functions.map((f) => f.replace(/[0-9A-F]{8}$/, ''))).toEqual(['VerifiedMailDomainRuleSetActivatorOnEvent', 'VerifiedMailDomainRuleSetActivatorProviderframeworkonEvent']);
});

test.each([
  ['an existing rule set: the rule is added there, nothing activated, no Lambda', ReceiptRuleSetChoice.existing('default-rule-set'), 'default-rule-set'],
  ['a new rule set left inactive: no Lambda', ReceiptRuleSetChoice.create({ activate: false }), { Ref: 'MailReceiptRuleSet327F2071' }],
])('%s', (_name, ruleSet, setName) => {
  const { template } = receiving((s) => ({ actions: [ReceivingAction.sns(new sns.Topic(s, 'Topic'))], ruleSet }));
  template.hasResourceProperties('AWS::SES::ReceiptRule', { RuleSetName: setName });
  template.resourceCountIs('AWS::Lambda::Function', 0);
  template.resourceCountIs('Custom::SesActiveReceiptRuleSet', 0);
});

test('without receiving options: only the MX, no rule and no Lambda', () => {
  const { template } = receiving(() => undefined as unknown as SesReceivingOptions);
  template.resourceCountIs('AWS::SES::ReceiptRule', 0);
  template.resourceCountIs('AWS::Lambda::Function', 0);
});

test('an imported bucket: the rule is made, and a warning says which grant to add', () => {
  const { stack } = receiving((s) => ({ actions: [ReceivingAction.s3({ bucket: s3.Bucket.fromBucketName(s, 'Old', 'old-inbox') })], ruleSet: ReceiptRuleSetChoice.existing('set') }));
  Annotations.fromStack(stack).hasWarning('/Mail/Mail', Match.stringLikeRegexp('^The bucket Mail/Old is imported, so the construct cannot add to its policy: allow ses.amazonaws.com s3:PutObject there'));
});

/** The refusal of receiving in `region`, where SES does not receive mail. */
const refusedIn = (region: string) => `inboundMail is InboundMail.ses({ actions, ruleSet }), whose MX inbound-smtp.${region}.amazonaws.com and receipt rule work `
  + `only if SES receives mail in ${region}, which is not among the regions where SES receives mail (as of 2026-06-15: us-east-1, us-east-2, us-west-1, `
  + 'us-west-2, ca-central-1, sa-east-1, eu-central-1, eu-north-1, eu-south-1, eu-west-1, eu-west-2, eu-west-3, af-south-1, il-central-1, me-south-1, '
  + 'ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-southeast-1, ap-southeast-2, ap-southeast-3); '
  + 'use a stack in one of them or InboundMail.servers(...), or set allowUnlistedRegion: true if SES receives there now';

test.each([
  ['receiving in a region SES does not receive in', () => receiving((s) => ({ actions: [ReceivingAction.sns(new sns.Topic(s, 'T'))], ruleSet: ReceiptRuleSetChoice.existing('set') }), 'ap-south-2'),
    refusedIn('ap-south-2')],
  ['no actions', () => receiving(() => ({ actions: [], ruleSet: ReceiptRuleSetChoice.existing('set') })),
    'inboundMail receiving actions must list at least one action (ReceivingAction.s3(...), .sns(...), .lambda(...) or another ses.IReceiptRuleAction (aws-ses-actions: new actions.AddHeader(...), new actions.Bounce(...), new actions.Stop(), ...))'],
  ['a rule set name SES refuses', () => receiving(() => ({ actions: [], ruleSet: ReceiptRuleSetChoice.existing('my set') })),
    "ReceiptRuleSetChoice.existing ruleSetName must be 1-64 letters, digits, '.', '_' or '-', starting and ending with a letter or digit (SES), got 'my set'"],
])('%s fails at synth', (_name, build, message) => {
  expect(build).toThrow(message);
});

test.each(['us-west-1', 'sa-east-1', 'eu-north-1', 'me-south-1', 'ap-southeast-3'])('%s, a region SES added receiving to after 2023, receives without allowUnlistedRegion', (region) => {
  const { template, stack } = receiving((s) => ({ actions: [ReceivingAction.sns(new sns.Topic(s, 'T'))], ruleSet: ReceiptRuleSetChoice.existing('set') }), region);
  template.resourceCountIs('AWS::SES::ReceiptRule', 1);
  expect(literalRecords(stack)['example.org. MX']).toEqual([`10 inbound-smtp.${region}.amazonaws.com`]);
  Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
});

test('the package exports the receiving regions and their date: 22 regions as of 2026-06-15', () => {
  expect(SesReceivingRegions.AS_OF).toEqual('2026-06-15');
  expect([...SesReceivingRegions.ALL].sort()).toEqual([
    'af-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3',
    'ca-central-1', 'eu-central-1', 'eu-north-1', 'eu-south-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'il-central-1', 'me-south-1',
    'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  ]);
});

test.each([
  ['eu-west-1', true], ['ap-southeast-3', true], ['ap-south-2', false], ['us-gov-west-1', false], ['', false],
])('SesReceivingRegions.receivesMail(%j) is %s', (region, expected) => {
  expect(SesReceivingRegions.receivesMail(region)).toBe(expected);
});

test('SesReceivingRegions.receivesMail is true for a token region (an environment-agnostic stack)', () => {
  expect(SesReceivingRegions.receivesMail(new Stack().region)).toBe(true);
});

test('changing SesReceivingRegions.ALL changes no check: the list the checks read is its own', () => {
  const copy = SesReceivingRegions.ALL;
  copy.push('ap-south-2');
  try {
    expect(SesReceivingRegions.receivesMail('ap-south-2')).toBe(false);
    expect(() => receiving((s) => ({ actions: [ReceivingAction.sns(new sns.Topic(s, 'T'))], ruleSet: ReceiptRuleSetChoice.existing('set') }), 'ap-south-2'))
      .toThrow(new Error(refusedIn('ap-south-2')));
  } finally {
    copy.pop();
  }
});

test.each(['ap-south-2', 'ap-southeast-5', 'ca-west-1', 'eu-central-2', 'me-central-1', 'us-gov-east-1', 'us-gov-west-1'])(
  '%s, where SES sends but does not receive, fails at synth unless allowUnlistedRegion', (region) => {
    const options = (allowUnlistedRegion?: boolean) => (s: Stack) => ({
      actions: [ReceivingAction.sns(new sns.Topic(s, 'T'))], ruleSet: ReceiptRuleSetChoice.existing('set'), allowUnlistedRegion,
    });
    expect(() => receiving(options(), region)).toThrow(new Error(refusedIn(region)));
    receiving(options(true), region).template.resourceCountIs('AWS::SES::ReceiptRule', 1);
  });

test('allowUnlistedRegion lets a region newer than the list receive', () => {
  const { template } = receiving((s) => ({ actions: [ReceivingAction.sns(new sns.Topic(s, 'T'))], ruleSet: ReceiptRuleSetChoice.existing('set'), allowUnlistedRegion: true }), 'ap-south-2');
  template.resourceCountIs('AWS::SES::ReceiptRule', 1);
});

test('a function of another account: the rule invokes it, no permission is made (Lambda adds one only in its own account), and a warning says what to add there', () => {
  const { template, stack } = receiving((s) => ({
    actions: [ReceivingAction.lambda(lambda.Function.fromFunctionArn(s, 'Far', 'arn:aws:lambda:eu-west-1:999999999999:function:process'))],
    ruleSet: ReceiptRuleSetChoice.existing('set'),
  }));
  template.resourceCountIs('AWS::Lambda::Permission', 0);
  template.hasResourceProperties('AWS::SES::ReceiptRule', {
    Rule: Match.objectLike({ Actions: [{ LambdaAction: { FunctionArn: 'arn:aws:lambda:eu-west-1:999999999999:function:process', InvocationType: 'Event' } }] }),
  });
  Annotations.fromStack(stack).hasWarning('/Mail/Mail', 'The function arn:aws:lambda:eu-west-1:999999999999:function:process of ReceivingAction.lambda is in account 999999999999, '
    + 'so the construct cannot add its permission from account 123456789012: in account 999999999999, allow ses.amazonaws.com lambda:InvokeFunction on it '
    + 'with aws:SourceAccount 123456789012 and aws:SourceArn this receipt rule (aws lambda add-permission --principal ses.amazonaws.com --source-account 123456789012), '
    + 'or SES refuses to create the rule [ack: cdk-verified-mail-domain:receivingGrantNotAdded]');
});
