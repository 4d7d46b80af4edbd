import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ReceivingAction } from '../../src/receiving/actions';
import { receivingRegionsText } from '../../src/receiving/receiving-regions';
import { receiptRuleFor } from '../../src/receiving/rule-binding';

// The construct's own actions on their own: bound to a rule made by receiptRuleFor over a
// CfnReceiptRule in eu-west-1 (no VerifiedMailDomain), or refused another rule.

const EU = { account: '123456789012', region: 'eu-west-1' };

/** A rule of the stack Mail (in `env`, eu-west-1 by default) for the `index`th action, made as the construct makes it. */
function setup(index = 0, env: { account?: string; region?: string } = EU, app = new App()) {
  const stack = new Stack(app, 'Mail', { env });
  const scope = new Construct(stack, 'Domain');
  const cfn = new ses.CfnReceiptRule(scope, 'ReceiptRule', { ruleSetName: 'inbound', rule: { name: 'Mail-Domain-1', enabled: true } });
  const rule = receiptRuleFor(cfn, { scope, index, target: { stack, ruleSetName: 'inbound', literalRuleSetName: 'inbound', ruleName: 'Mail-Domain-1' } });
  return { app, stack, scope, cfn, rule };
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
  const ref = { Ref: stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic) };
  expect(stack.resolve(ReceivingAction.sns(topic).bind(rule))).toEqual({ snsAction: { topicArn: ref, encoding: 'UTF-8' } });
  const policies = Object.values(Template.fromStack(stack).findResources('AWS::SNS::TopicPolicy'));
  expect(policies.map((p) => p.Properties.PolicyDocument.Statement)).toEqual([[{
    Action: 'sns:Publish', Condition: SOURCE(stack), Effect: 'Allow', Principal: { Service: 'ses.amazonaws.com' }, Resource: ref, Sid: '0',
  }]]);
  expect(warnings(stack)).toEqual([]);
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

const SOURCE = (s: Stack) => s.resolve({
  StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
  ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':receipt-rule-set/inbound:receipt-rule/Mail-Domain-1']] } },
});
const SES_USES = (actions: string[]) => ({ Action: actions, Condition: SOURCE(new Stack()), Effect: 'Allow', Principal: { Service: 'ses.amazonaws.com' }, Resource: '*' });
/** SES's statements in the policy of each key of the stack, by the key's id. */
const keyGrants = (stack: Stack) => Object.fromEntries(stack.node.findAll().filter((c): c is kms.CfnKey => c instanceof kms.CfnKey)
  .map((k) => [k.node.scope!.node.id, stack.resolve(k.keyPolicy).Statement.filter((st: any) => st.Principal?.Service === 'ses.amazonaws.com')]));

test.each<[string, () => unknown, string]>([
  ['s3 options that are no object', () => ReceivingAction.s3(null as never), 'ReceivingAction.s3 options must be an object of S3ReceivingOptions ({ bucket, objectKeyPrefix?, kmsKey? }), got null'],
  ['an unknown s3 option', () => ReceivingAction.s3({ bucket: {}, prefix: 'in/' } as never), "ReceivingAction.s3 has no option 'prefix'; options: bucket, objectKeyPrefix, kmsKey"],
  ['an s3 bucket that is no bucket', () => ReceivingAction.s3({ bucket: 'inbox' } as never),
    "ReceivingAction.s3 bucket must be an s3.IBucket (e.g. new s3.Bucket(...) or s3.Bucket.fromBucketName(this, 'Inbox', name)), got string \"inbox\""],
  ['an s3 prefix that is no string', () => ReceivingAction.s3({ bucket: new s3.Bucket(new Stack(), 'B'), objectKeyPrefix: 5 } as never),
    "ReceivingAction.s3 objectKeyPrefix must be a string such as 'inbox/', got number 5"],
  ['an s3 kmsKey that is no key', () => ReceivingAction.s3({ bucket: new s3.Bucket(new Stack(), 'B'), kmsKey: 'alias/x' } as never),
    "ReceivingAction.s3 kmsKey must be a kms.IKey (e.g. new kms.Key(...) or kms.Key.fromKeyArn(this, 'Key', arn)), got string \"alias/x\""],
  ['an sns topic that is no topic', () => ReceivingAction.sns({} as never),
    "ReceivingAction.sns topic must be an sns.ITopic (e.g. new sns.Topic(...) or sns.Topic.fromTopicArn(this, 'Topic', arn)), got an object of class Object"],
  ['a lambda fn that is no function', () => ReceivingAction.lambda(undefined as never),
    "ReceivingAction.lambda fn must be a lambda.IFunction (e.g. new lambda.Function(...) or lambda.Function.fromFunctionArn(this, 'Fn', arn)), got undefined"],
  ['a rule without a node', () => ReceivingAction.sns(new sns.Topic(new Stack(), 'T')).bind({ node: 'x' } as never),
    'ReceivingAction.bind rule must be an ses.IReceiptRule (the receipt rule of InboundMail.ses({ actions })), got an object of class Object'],
  ['a rule that is null', () => ReceivingAction.sns(new sns.Topic(new Stack(), 'T')).bind(null as never),
    'ReceivingAction.bind rule must be an ses.IReceiptRule (the receipt rule of InboundMail.ses({ actions })), got null'],
])('refuses %s', (_title, make, message) => {
  expect(make).toThrow(new Error(message));
});

test.each<[string, (s: Stack) => ReceivingAction]>([
  ['s3', (s) => ReceivingAction.s3({ bucket: new s3.Bucket(s, 'B') })],
  ['lambda', (s) => ReceivingAction.lambda(lambda.Function.fromFunctionArn(s, 'Fn', 'arn:aws:lambda:eu-west-1:123456789012:function:f'))],
])('ReceivingAction.%s bound to a plain rule names its factory', (factory, make) => {
  const { stack } = setup();
  const plain = new ses.ReceiptRule(stack, 'Plain', { ruleSet: new ses.ReceiptRuleSet(stack, 'Set') });
  expect(() => make(stack).bind(plain)).toThrow(new Error(`ReceivingAction.${factory}(...) is bound to the receipt rule Mail/Plain, but it ${ANOTHER_RULE}`));
});

test.each<[string, string | undefined, string]>([['no prefix', undefined, '/*'], ['a prefix', 'in/', '/in/*']])('the bucket statement with %s: PutObject for this rule only', (_title, prefix, objects) => {
  const { stack, rule } = setup();
  const bucket = new s3.Bucket(stack, 'Inbox');
  ReceivingAction.s3({ bucket, objectKeyPrefix: prefix }).bind(rule);
  const policy = stack.resolve((bucket.policy!.node.defaultChild as s3.CfnBucketPolicy).policyDocument).Statement;
  expect(policy.filter((st: any) => st.Principal?.Service)).toEqual([{
    Sid: 'AllowSesReceiptRule',
    Action: 's3:PutObject',
    Condition: SOURCE(stack),
    Effect: 'Allow',
    Principal: { Service: 'ses.amazonaws.com' },
    Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket), 'Arn'] }, objects]] },
  }]);
});

test('a bucket with Object Lock and a default retention, and a bucket where SES does not receive, are refused', () => {
  const { stack, rule } = setup();
  const locked = new s3.Bucket(stack, 'Locked', { objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(1)) });
  expect(() => ReceivingAction.s3({ bucket: locked }).bind(rule)).toThrow(new Error('ReceivingAction.s3 bucket Mail/Locked has Object Lock with a default retention '
    + '({"days":1,"mode":"GOVERNANCE"}); SES does not support receipt rules that upload to such a bucket (SES developer guide, "Deliver to S3 bucket action"): '
    + 'use a bucket without a default retention, and set retention on the stored objects yourself'));
  const far = s3.Bucket.fromBucketAttributes(stack, 'Far', { bucketName: 'far', region: 'ap-south-2' });
  expect(() => ReceivingAction.s3({ bucket: far }).bind(rule)).toThrow(new Error('inboundMail receiving actions[0]: the bucket Mail/Far is in ap-south-2, which is not among '
    + `the regions where SES receives mail (${receivingRegionsText()}); SES writes only to a bucket in such a region (SES developer guide, "Deliver to S3 bucket action"): `
    + 'use a bucket in one of them, or set allowUnlistedRegion: true if SES receives there now'));
});

test.each<[string, (s: Stack) => ReceivingAction, string]>([
  ['bucket', (s) => ReceivingAction.s3({ bucket: new s3.Bucket(s, 'Thing') }), "s3.Bucket.fromBucketAttributes(this, 'Inbox', { bucketName, region: 'eu-west-1' })"],
  ['KMS key', (s) => ReceivingAction.s3({ bucket: s3.Bucket.fromBucketName(s.node.root.node.findChild('Mail') as Stack, 'B', 'inbox'), kmsKey: new kms.Key(s, 'Thing') }),
    "kms.Key.fromKeyArn(this, 'Key', keyArn)"],
  ['topic', (s) => ReceivingAction.sns(new sns.Topic(s, 'Thing')), "sns.Topic.fromTopicArn(this, 'Topic', topicArn)"],
  ['function', (s) => ReceivingAction.lambda(new lambda.Function(s, 'Thing', { runtime: lambda.Runtime.NODEJS_18_X, handler: 'i.h', code: lambda.Code.fromInline('x') })),
    "lambda.Function.fromFunctionArn(this, 'Fn', functionArn)"],
])('a %s made in a stack of another account is refused at index 1, with how to import it', (what, make, hint) => {
  const { app, rule } = setup(1);
  const other = new Stack(app, 'Other', { env: { account: '999999999999', region: 'eu-west-1' } });
  expect(() => make(other).bind(rule)).toThrow(new Error(`inboundMail receiving actions[1]: the ${what} Other/Thing is made in stack Other of account 999999999999, `
    + `and this domain's stack Mail is in account 123456789012: CloudFormation passes no references between accounts. Import it in this stack (${hint}) `
    + 'and let SES use it with a policy in its own account'));
});

test.each<[string, (s: Stack) => ReceivingAction]>([
  ['KMS key', (s) => ReceivingAction.s3({ bucket: new s3.Bucket(s, 'B'), kmsKey: kms.Key.fromKeyArn(s, 'Thing', 'arn:aws:kms:us-east-1:123456789012:key/k') })],
  ['topic', (s) => ReceivingAction.sns(sns.Topic.fromTopicArn(s, 'Thing', 'arn:aws:sns:us-east-1:123456789012:t'))],
  ['function', (s) => ReceivingAction.lambda(lambda.Function.fromFunctionArn(s, 'Thing', 'arn:aws:lambda:us-east-1:123456789012:function:f'))],
])('a %s of another region is refused', (what, make) => {
  const { stack, rule } = setup();
  expect(() => make(stack).bind(rule)).toThrow(new Error(`inboundMail receiving actions[0]: the ${what} Mail/Thing is in us-east-1, but SES receives this domain's mail in eu-west-1 `
    + 'and delivers only to SNS topics, Lambda functions and KMS keys of that region; use one in eu-west-1'));
});

test('keys SES must use get a statement for this rule: the bucket\'s own key and the S3 action\'s key (Encrypt), the topic\'s (Decrypt)', () => {
  const { stack, rule } = setup();
  ReceivingAction.s3({ bucket: new s3.Bucket(stack, 'Inbox', { encryptionKey: new kms.Key(stack, 'BucketKey') }), kmsKey: new kms.Key(stack, 'MessageKey') }).bind(rule);
  ReceivingAction.sns(new sns.Topic(stack, 'Topic', { masterKey: new kms.Key(stack, 'TopicKey') })).bind(rule);
  expect(keyGrants(stack)).toEqual({
    BucketKey: [SES_USES(['kms:Encrypt', 'kms:GenerateDataKey*'])], MessageKey: [SES_USES(['kms:Encrypt', 'kms:GenerateDataKey*'])], TopicKey: [SES_USES(['kms:Decrypt', 'kms:GenerateDataKey*'])],
  });
  expect(warnings(stack)).toEqual([]);
});

test('a bucket encrypted with SES\'s AWS managed key gets no key grant; a bucket key named by an alias is refused', () => {
  const { stack, rule } = setup();
  const managed = s3.Bucket.fromBucketAttributes(stack, 'Managed', { bucketName: 'managed', encryptionKey: kms.Alias.fromAliasName(stack, 'Ses', 'alias/aws/ses') });
  ReceivingAction.s3({ bucket: managed }).bind(rule);
  expect(warnings(stack)).toEqual([expect.stringMatching(/^The bucket Mail\/Managed is imported/)]);
  const aliased = new s3.Bucket(stack, 'Aliased', { encryptionKey: kms.Alias.fromAliasName(stack, 'Mine', 'alias/mine') });
  expect(() => ReceivingAction.s3({ bucket: aliased }).bind(rule)).toThrow(new Error('ReceivingAction.s3 bucket Mail/Aliased is encrypted with the KMS alias alias/mine: '
    + 'SES writes to a bucket encrypted with your own key only when the bucket names the key by its full key ARN, not an alias. Give the bucket the key itself (encryptionKey: key)'));
  const byArn = s3.Bucket.fromBucketAttributes(stack, 'ByArn', { bucketName: 'byarn', encryptionKey: kms.Key.fromKeyArn(stack, 'AliasArn', 'arn:aws:kms:eu-west-1:123456789012:alias/mine') });
  expect(() => ReceivingAction.s3({ bucket: byArn }).bind(rule)).toThrow(new Error('ReceivingAction.s3 bucket Mail/ByArn is encrypted with the KMS alias '
    + 'arn:aws:kms:eu-west-1:123456789012:alias/mine: SES writes to a bucket encrypted with your own key only when the bucket names the key by its full key ARN, not an alias. '
    + 'Give the bucket the key itself (encryptionKey: key)'));
});

test('a topic whose key is named only by a string: alias/aws/sns is refused, another id warned with the statement', () => {
  const { stack, rule } = setup();
  const topic = (id: string, key: string) => {
    const t = new sns.Topic(stack, id);
    (t.node.defaultChild as sns.CfnTopic).kmsMasterKeyId = key;
    return t;
  };
  expect(() => ReceivingAction.sns(topic('Managed', 'alias/aws/sns')).bind(rule)).toThrow(new Error('ReceivingAction.sns topic Mail/Managed is encrypted with the AWS managed key '
    + 'alias/aws/sns, whose key policy cannot be changed and lets no AWS service such as SES use it, so SES could never publish a message: encrypt the topic with a customer '
    + 'managed key (masterKey: new kms.Key(...)), which the construct lets SES use for this rule'));
  ReceivingAction.sns(topic('Own', 'alias/mine')).bind(rule);
  expect(warnings(stack)).toEqual([expect.stringMatching(/^The KMS key alias\/mine of the topic Mail\/Own is imported, so the construct cannot add to its key policy: allow ses.amazonaws.com kms:Decrypt, kms:GenerateDataKey\* there/)]);
});

test.each<[string, string, Record<string, string>]>([
  ['an environment-agnostic stack', 'arn:aws:lambda:eu-west-1:999999999999:function:f', {}],
  ['a function ARN of a token account', 'token', EU],
])('the Lambda permission is added in %s, for the second action with its index', (_title, arn, env) => {
  const { stack, cfn, rule } = setup(1, env);
  const functionArn = arn === 'token' ? `arn:aws:lambda:eu-west-1:${new CfnParameter(stack, 'Account').valueAsString}:function:f` : arn;
  ReceivingAction.lambda(lambda.Function.fromFunctionArn(stack, 'Fn', functionArn)).bind(rule);
  const permissions = Object.keys(Template.fromStack(stack).findResources('AWS::Lambda::Permission'));
  expect(permissions).toEqual([expect.stringMatching(/^DomainReceivingAction2Permission[0-9A-F]{8}$/)]);
  expect(dependsOn(stack, cfn)).toEqual(permissions);
});

test('imported resources and keys get no grant: a warning names each', () => {
  const { stack, rule } = setup();
  const key = (id: string) => kms.Key.fromKeyArn(stack, id, `arn:aws:kms:eu-west-1:123456789012:key/${id}`);
  ReceivingAction.s3({ bucket: s3.Bucket.fromBucketAttributes(stack, 'Bucket', { bucketName: 'inbox', encryptionKey: key('BucketKey') }), kmsKey: key('MessageKey') }).bind(rule);
  ReceivingAction.sns(sns.Topic.fromTopicArn(stack, 'Topic', 'arn:aws:sns:eu-west-1:123456789012:t')).bind(rule);
  ReceivingAction.sns(new sns.Topic(stack, 'Encrypted', { masterKey: key('TopicKey') })).bind(rule);
  const what = (w: unknown) => String(w).split(' is imported, ')[0];
  expect(warnings(stack).map(what)).toEqual([
    'The bucket Mail/Bucket', 'The KMS key Mail/BucketKey of the bucket Mail/Bucket', 'The KMS key Mail/MessageKey', 'The topic Mail/Topic', 'The KMS key Mail/TopicKey of the topic Mail/Encrypted',
  ]);
});

test('a bucket key that is a new alias, its name and ARN tokens, is refused by its path', () => {
  const { stack, rule } = setup();
  const alias = new kms.Alias(stack, 'Alias', { aliasName: 'alias/mine', targetKey: new kms.Key(stack, 'Key') });
  expect(() => ReceivingAction.s3({ bucket: new s3.Bucket(stack, 'Aliased', { encryptionKey: alias }) }).bind(rule)).toThrow(new Error('ReceivingAction.s3 bucket Mail/Aliased '
    + 'is encrypted with the KMS alias Mail/Alias: SES writes to a bucket encrypted with your own key only when the bucket names the key by its full key ARN, not an alias. '
    + 'Give the bucket the key itself (encryptionKey: key)'));
});
