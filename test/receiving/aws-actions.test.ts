import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as actions from 'aws-cdk-lib/aws-ses-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { InboundMail, ReceiptRuleSetChoice, ReceivingAction, SesReceivingOptions, VerifiedMailDomain } from '../../src';
import { onlyThisRule, receivingStack } from '../helpers/receiving-fixtures';
import { synthError } from '../helpers/util';

// Receiving in aws-cdk-lib's vocabulary: any ses.IReceiptRuleAction (aws-ses-actions) beside the
// construct's own actions, a rule set as an ses.IReceiptRuleSet, the TLS choice as ses.TlsPolicy; and
// the deprecated names, which synthesize the same template.

const receiving = (options: (stack: Stack) => SesReceivingOptions, region?: string) => receivingStack(options, region);
const imported = (s: Stack, name = 'inbound') => ses.ReceiptRuleSet.fromReceiptRuleSetName(s, 'RuleSet', name);
const fn = (s: Stack) => lambda.Function.fromFunctionArn(s, 'Fn', 'arn:aws:lambda:eu-west-1:123456789012:function:process');

test('AddHeader, the construct\'s S3 action, Bounce and Stop in an imported rule set, TLS required: the rule exactly, the bucket grant for this rule only', () => {
  const { template, stack } = receiving((s) => ({
    actions: [
      new actions.AddHeader({ name: 'X-Received-For', value: 'example.org' }),
      ReceivingAction.s3({ bucket: new s3.Bucket(s, 'Inbox'), objectKeyPrefix: 'in/' }),
      new actions.Bounce({ sender: 'postmaster@example.org', template: actions.BounceTemplate.MAILBOX_DOES_NOT_EXIST }),
      new actions.Stop(),
    ],
    ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(imported(s)),
    tlsPolicy: ses.TlsPolicy.REQUIRE,
  }));
  const rules = template.findResources('AWS::SES::ReceiptRule');
  expect(Object.keys(rules)).toEqual(['MailReceiptRule036A387C']);
  expect(rules.MailReceiptRule036A387C.Properties).toEqual({
    RuleSetName: 'inbound',
    Rule: {
      Name: 'Mail-140898A8',
      Enabled: true,
      Recipients: ['example.org'],
      ScanEnabled: true,
      TlsPolicy: 'Require',
      Actions: [
        { AddHeaderAction: { HeaderName: 'X-Received-For', HeaderValue: 'example.org' } },
        { S3Action: { BucketName: { Ref: 'InboxA8E05DC3' }, ObjectKeyPrefix: 'in/' } },
        { BounceAction: { Sender: 'postmaster@example.org', SmtpReplyCode: '550', Message: 'Mailbox does not exist', StatusCode: '5.1.1' } },
        { StopAction: { Scope: 'RuleSet' } },
      ],
    },
  });
  // SES checks its permission to write when the rule is created: the rule waits for the bucket policy
  // (and, as every rule of the construct, for the identity and the records).
  expect(rules.MailReceiptRule036A387C.DependsOn).toEqual(['InboxPolicy63A7501F', 'MailIdentity4EC7C521', 'MailRecordSetGroup5169DD48']);
  template.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
  template.resourceCountIs('Custom::SesActiveReceiptRuleSet', 0);
  template.hasResourceProperties('AWS::S3::BucketPolicy', {
    Bucket: { Ref: 'InboxA8E05DC3' },
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [{
        Sid: 'AllowSesReceiptRule',
        Effect: 'Allow',
        Principal: { Service: 'ses.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['InboxA8E05DC3', 'Arn'] }, '/in/*']] },
        Condition: onlyThisRule('inbound'),
      }],
    },
  });
  expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => w.entry.data)).toEqual([]);
});

test('aws-ses-actions S3 with a topic, Lambda with RequestResponse and Sns: rendered as aws-cdk-lib renders them, with their own grants', () => {
  const { template } = receiving((s) => {
    const topic = new sns.Topic(s, 'Notify');
    return {
      actions: [
        new actions.S3({ bucket: new s3.Bucket(s, 'Raw'), objectKeyPrefix: 'raw/', topic }),
        new actions.Lambda({ function: fn(s), invocationType: actions.LambdaInvocationType.REQUEST_RESPONSE }),
        new actions.Sns({ topic, encoding: actions.EmailEncoding.BASE64 }),
      ],
      ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(imported(s)),
    };
  });
  const [rule] = Object.values(template.findResources('AWS::SES::ReceiptRule'));
  expect(rule.Properties.Rule.Actions).toEqual([
    { S3Action: { BucketName: { Ref: 'Raw72517081' }, ObjectKeyPrefix: 'raw/', TopicArn: { Ref: 'Notify29C25B1B' } } },
    { LambdaAction: { FunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:process', InvocationType: 'RequestResponse' } },
    { SNSAction: { TopicArn: { Ref: 'Notify29C25B1B' }, Encoding: 'Base64' } },
  ]);
  expect(rule.Properties.Rule.TlsPolicy).toEqual('Optional');
  // aws-ses-actions.S3's own grant for this account, which the rule waits for: aws-cdk-lib 2.93
  // conditions it on aws:Referer, newer releases on aws:SourceAccount.
  const [policy] = Object.values(template.findResources('AWS::S3::BucketPolicy'));
  const accountKey = Object.keys(policy.Properties.PolicyDocument.Statement[0].Condition.StringEquals)[0];
  expect(['aws:Referer', 'aws:SourceAccount']).toContain(accountKey);
  expect(policy.Properties).toEqual({
    Bucket: { Ref: 'Raw72517081' },
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { Service: 'ses.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Raw72517081', 'Arn'] }, '/raw/*']] },
        Condition: { StringEquals: { [accountKey]: { Ref: 'AWS::AccountId' } } },
      }],
    },
  });
  // The rule waits for aws-ses-actions' own grants: the bucket policy and the function's permission.
  expect(rule.DependsOn).toEqual(['FnAllowSes111E5962', 'MailIdentity4EC7C521', 'MailRecordSetGroup5169DD48', 'RawPolicyD5BAF6E0']);
  template.hasResourceProperties('AWS::Lambda::Permission', {
    Action: 'lambda:InvokeFunction', FunctionName: 'arn:aws:lambda:eu-west-1:123456789012:function:process', Principal: 'ses.amazonaws.com', SourceAccount: { Ref: 'AWS::AccountId' },
  });
});

test('a rule set made in the app (ses.ReceiptRuleSet) is named by reference, and nothing activates it', () => {
  const { template } = receiving((s) => ({
    actions: [new actions.Stop()],
    ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(new ses.ReceiptRuleSet(s, 'Rules', { receiptRuleSetName: 'inbound' })),
  }));
  template.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'inbound' });
  template.hasResourceProperties('AWS::SES::ReceiptRule', { RuleSetName: { Ref: 'Rules379FE035' } });
  template.resourceCountIs('Custom::SesActiveReceiptRuleSet', 0);
});

test('a grant in another stack names the app-made set by its literal name: no reference back to the rule\'s stack', () => {
  const app = new App();
  const storage = new Stack(app, 'Storage', { env: { account: '123456789012', region: 'eu-west-1' } });
  const bucket = new s3.Bucket(storage, 'Inbox');
  receivingStack((s) => ({
    actions: [ReceivingAction.s3({ bucket })],
    ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(new ses.ReceiptRuleSet(s, 'Rules', { receiptRuleSetName: 'inbound' })),
  }), 'eu-west-1', app);
  Template.fromStack(storage).hasResourceProperties('AWS::S3::BucketPolicy', {
    PolicyDocument: {
      Statement: [{
        Sid: 'AllowSesReceiptRule',
        Effect: 'Allow',
        Principal: { Service: 'ses.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['InboxA8E05DC3', 'Arn'] }, '/*']] },
        Condition: {
          StringEquals: { 'aws:SourceAccount': '123456789012' },
          ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:eu-west-1:123456789012:receipt-rule-set/inbound:receipt-rule/Mail-140898A8']] } },
        },
      }],
      Version: '2012-10-17',
    },
  });
});

test('the app-wide checks see a set made with ses.ReceiptRuleSet: the same name from ReceiptRuleSetChoice.create is refused', () => {
  const app = new App();
  const stack = new Stack(app, 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
  new ses.ReceiptRuleSet(stack, 'Rules', { receiptRuleSetName: 'inbound' });
  new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone,
    inboundMail: InboundMail.ses({ actions: [new actions.Stop()], ruleSet: ReceiptRuleSetChoice.create({ ruleSetName: 'inbound', activate: false }) }),
  });
  expect(synthError(app).split('\n').filter((l) => l.includes('receipt rule set inbound'))).toEqual([
    '  [Mail/VerifiedMailDomainReceiptRuleSet-inbound/ReceiptRuleSet] The receipt rule set inbound in account 123456789012 in eu-west-1 would be created twice: '
    + 'by Mail/VerifiedMailDomainReceiptRuleSet-inbound/ReceiptRuleSet and by Mail/Rules/Resource. SES refuses the second; create it once and add the other domains with '
    + 'ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(this, \'RuleSet\', name))',
  ]);
});

describe('deprecated names synthesize the same template as the new ones', () => {
  const sns1 = (s: Stack) => ReceivingAction.sns(new sns.Topic(s, 'Topic'));
  test.each([
    ['existing(name) and fromReceiptRuleSet(fromReceiptRuleSetName)',
      (s: Stack) => ({ actions: [sns1(s)], ruleSet: ReceiptRuleSetChoice.existing('inbound') }),
      (s: Stack) => ({ actions: [sns1(s)], ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(imported(s)) })],
    ['tlsRequired: true and tlsPolicy: REQUIRE',
      (s: Stack) => ({ actions: [sns1(s)], ruleSet: ReceiptRuleSetChoice.create(), tlsRequired: true }),
      (s: Stack) => ({ actions: [sns1(s)], ruleSet: ReceiptRuleSetChoice.create(), tlsPolicy: ses.TlsPolicy.REQUIRE })],
    ['tlsRequired: false and tlsPolicy: OPTIONAL',
      (s: Stack) => ({ actions: [sns1(s)], ruleSet: ReceiptRuleSetChoice.create(), tlsRequired: false }),
      (s: Stack) => ({ actions: [sns1(s)], ruleSet: ReceiptRuleSetChoice.create(), tlsPolicy: ses.TlsPolicy.OPTIONAL })],
    ['tlsRequired: true with tlsPolicy: REQUIRE, and tlsPolicy alone',
      (s: Stack) => ({ actions: [sns1(s)], ruleSet: ReceiptRuleSetChoice.create(), tlsRequired: true, tlsPolicy: ses.TlsPolicy.REQUIRE }),
      (s: Stack) => ({ actions: [sns1(s)], ruleSet: ReceiptRuleSetChoice.create(), tlsPolicy: ses.TlsPolicy.REQUIRE })],
  ])('%s', (_name, old, renamed) => {
    expect(receiving(old).template.toJSON()).toEqual(receiving(renamed).template.toJSON());
  });

  test('the TLS policy of each: Require for tlsRequired: true, Optional otherwise', () => {
    const policy = (options: Partial<SesReceivingOptions>) => {
      const { template } = receiving((s) => ({ actions: [sns1(s)], ruleSet: ReceiptRuleSetChoice.create(), ...options }));
      return Object.values(template.findResources('AWS::SES::ReceiptRule'))[0].Properties.Rule.TlsPolicy;
    };
    expect([policy({ tlsRequired: true }), policy({ tlsRequired: false }), policy({}), policy({ tlsPolicy: ses.TlsPolicy.REQUIRE })])
      .toEqual(['Require', 'Optional', 'Optional', 'Require']);
  });
});

test('a Stop action before the last is a warning: the actions after it never run', () => {
  const { stack } = receiving((s) => ({
    actions: [new actions.Stop(), ReceivingAction.lambda(fn(s))],
    ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(imported(s)),
  }));
  expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => w.entry.data)).toEqual([
    'inboundMail receiving actions[0] is a Stop action, which ends the processing of the rule set: actions[1..1] after it never run. Put the Stop action last '
    + '[ack: cdk-verified-mail-domain:receivingActionsAfterStop]',
  ]);
});

test('values known only at deploy are never an error: a topic ARN and a bounce sender from parameters, a token TLS policy', () => {
  const { template } = receiving((s) => {
    const arn = new CfnParameter(s, 'TopicArn').valueAsString;
    const sender = new CfnParameter(s, 'Sender').valueAsString;
    return {
      actions: [
        new actions.Sns({ topic: sns.Topic.fromTopicArn(s, 'Topic', arn) }),
        new actions.Bounce({ sender, template: actions.BounceTemplate.MAILBOX_FULL }),
      ],
      ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(imported(s)),
      tlsPolicy: new CfnParameter(s, 'Tls').valueAsString as ses.TlsPolicy,
      tlsRequired: true,
    };
  });
  const [rule] = Object.values(template.findResources('AWS::SES::ReceiptRule'));
  expect(rule.Properties.Rule.TlsPolicy).toEqual({ Ref: 'Tls' });
  expect(rule.Properties.Rule.Actions).toEqual([
    { SNSAction: { TopicArn: { Ref: 'TopicArn' } } },
    { BounceAction: { Sender: { Ref: 'Sender' }, SmtpReplyCode: '552', Message: 'Mailbox full', StatusCode: '5.2.2' } },
  ]);
});

/** A foreign action that returns the given config. */
const returning = (config: object): ses.IReceiptRuleAction => ({ bind: () => config as ses.ReceiptRuleActionConfig });

test.each([
  ['tlsPolicy and tlsRequired disagree', (s: Stack) => ({ actions: [new actions.Stop()], ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(imported(s)), tlsPolicy: ses.TlsPolicy.OPTIONAL, tlsRequired: true }),
    "inboundMail receiving tlsPolicy is 'Optional' and tlsRequired is true, which means 'Require': they disagree. Give only tlsPolicy (tlsRequired is deprecated)"],
  ['tlsPolicy not a TlsPolicy', (s: Stack) => ({ actions: [new actions.Stop()], ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(imported(s)), tlsPolicy: 'Always' as ses.TlsPolicy }),
    "inboundMail receiving tlsPolicy must be one of ses.TlsPolicy.OPTIONAL ('Optional'), ses.TlsPolicy.REQUIRE ('Require'), got 'Always'"],
  ['an action config with two actions', (s: Stack) => ({ actions: [returning({ stopAction: { scope: 'RuleSet' }, addHeaderAction: { headerName: 'X-A', headerValue: 'b' } })], ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(imported(s)) }),
    'inboundMail receiving actions[0] bind(rule) returned 2 actions (stopAction, addHeaderAction); SES takes exactly one action per entry (an addHeaderAction, bounceAction, lambdaAction, s3Action, snsAction, stopAction or workmailAction): give each action its own entry'],
  ['an action config with no action', (s: Stack) => ({ actions: [returning({ stopAction: undefined })], ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(imported(s)) }),
    'inboundMail receiving actions[0] bind(rule) returned no action; SES takes exactly one action per entry (an addHeaderAction, bounceAction, lambdaAction, s3Action, snsAction, stopAction or workmailAction): give each action its own entry'],
  ['an aws-ses-actions topic of another region', (s: Stack) => ({
    actions: [new actions.Stop(), new actions.Sns({ topic: sns.Topic.fromTopicArn(s, 'Topic', 'arn:aws:sns:us-east-1:123456789012:mail') })], ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(imported(s)),
  }), "inboundMail receiving actions[1] snsAction topicArn 'arn:aws:sns:us-east-1:123456789012:mail' names a SNS topic in us-east-1, but SES receives this domain's mail in eu-west-1 "
    + 'and delivers only to SNS topics, Lambda functions and KMS keys of that region; use one in eu-west-1'],
  ['an aws-ses-actions Lambda of another region', (s: Stack) => ({
    actions: [new actions.Lambda({ function: lambda.Function.fromFunctionArn(s, 'Fn', 'arn:aws:lambda:us-west-2:123456789012:function:process') })], ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(imported(s)),
  }), "inboundMail receiving actions[0] lambdaAction functionArn 'arn:aws:lambda:us-west-2:123456789012:function:process' names a Lambda function in us-west-2, but SES receives this domain's mail in eu-west-1 "
    + 'and delivers only to SNS topics, Lambda functions and KMS keys of that region; use one in eu-west-1'],
  ['a bounce sender that is no address', (s: Stack) => ({
    actions: [new actions.Bounce({ sender: 'postmaster', template: actions.BounceTemplate.MAILBOX_FULL })], ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(imported(s)),
  }), "inboundMail receiving actions[0] bounceAction sender must be an e-mail address like 'mailer-daemon@example.com', got 'postmaster'"],
  ['an action that is not an ses.IReceiptRuleAction', (s: Stack) => ({ actions: [{ render: () => ({}) } as unknown as ses.IReceiptRuleAction], ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(imported(s)) }),
    'inboundMail receiving actions[0] must be ReceivingAction.s3(...), .sns(...), .lambda(...) or another ses.IReceiptRuleAction (aws-ses-actions: new actions.AddHeader(...), new actions.Bounce(...), new actions.Stop(), ...), got an object of class Object'],
  ['a rule set name in the imported set that SES refuses', (s: Stack) => ({ actions: [new actions.Stop()], ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(imported(s, 'in bound')) }),
    "ReceiptRuleSetChoice.fromReceiptRuleSet ruleSet receiptRuleSetName must be 1-64 letters, digits, '.', '_' or '-', starting and ending with a letter or digit (SES), got 'in bound'"],
  ['a rule set that is a string', () => ({ actions: [new actions.Stop()], ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet('inbound' as unknown as ses.IReceiptRuleSet) }),
    "ReceiptRuleSetChoice.fromReceiptRuleSet ruleSet must be an ses.IReceiptRuleSet (ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', name) or new ses.ReceiptRuleSet(...)), got string \"inbound\""],
])('%s fails at synth with the exact message', (_name, options, message) => {
  expect(() => receiving(options as (s: Stack) => SesReceivingOptions)).toThrow(message);
});

test('a rule set made in a stack of another region is refused: a rule joins only a set of its own account and region', () => {
  const app = new App();
  const other = new Stack(app, 'Virginia', { env: { account: '123456789012', region: 'us-east-1' } });
  const set = new ses.ReceiptRuleSet(other, 'Rules');
  expect(() => receivingStack(() => ({ actions: [new actions.Stop()], ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(set) }), 'eu-west-1', app)).toThrow(new Error(
    'ReceiptRuleSetChoice.fromReceiptRuleSet ruleSet Virginia/Rules is made in stack Virginia of region us-east-1, and Mail/Mail is in stack Mail of region eu-west-1: '
    + "a receipt rule joins only a rule set of its own account and region. Use a rule set of Mail's account and region"));
});

test('the construct\'s own action in a ses.ReceiptRule of aws-cdk-lib is refused: its grants carry the rule name of InboundMail.ses', () => {
  const stack = new Stack();
  const set = new ses.ReceiptRuleSet(stack, 'Rules');
  expect(() => new ses.ReceiptRule(stack, 'Rule', { ruleSet: set, actions: [ReceivingAction.sns(new sns.Topic(stack, 'Topic'))] })).toThrow(new Error(
    'ReceivingAction.sns(...) is bound to the receipt rule Default/Rule, but it can be used only in InboundMail.ses({ actions }) of a VerifiedMailDomain, '
    + "whose rule name its grants carry: in your own ses.ReceiptRule use aws-cdk-lib's aws-ses-actions (S3, Sns, Lambda)"));
});
