import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ReceiptRuleSetChoice, ReceivingAction, SesReceivingOptions } from '../../src';
import { onlyThisRule, receivingStack } from '../helpers/receiving-fixtures';

// The KMS keys SES must use for receiving: the S3 action's own key, the bucket's SSE-KMS key and the
// topic's key, each let to SES for this rule only; keys SES can never use refused; imported keys warned.

const SET = 'inbox';
const inSet = (actions: (s: Stack) => ReceivingAction[]) => (s: Stack): SesReceivingOptions => ({
  actions: actions(s), ruleSet: ReceiptRuleSetChoice.existing(SET),
});

/** The statements SES gets in the key policies of the stack, keyed by the key's logical id prefix. */
function sesKeyStatements(template: Template): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [id, key] of Object.entries(template.findResources('AWS::KMS::Key'))) {
    out[id.replace(/[0-9A-F]{8}$/, '')] = key.Properties.KeyPolicy.Statement.filter((s: any) => s.Principal?.Service === 'ses.amazonaws.com');
  }
  return out;
}

const sesUses = (actions: string[]) => ({ Action: actions, Condition: onlyThisRule(SET), Effect: 'Allow', Principal: { Service: 'ses.amazonaws.com' }, Resource: '*' });

test.each([
  ['a bucket encrypted with SSE-KMS: SES may encrypt with the bucket key',
    (s: Stack) => [ReceivingAction.s3({ bucket: new s3.Bucket(s, 'Inbox', { encryptionKey: new kms.Key(s, 'BucketKey') }) })],
    { BucketKey: [sesUses(['kms:Encrypt', 'kms:GenerateDataKey*'])] }],
  ['a bucket with encryption KMS: the key the bucket makes',
    (s: Stack) => [ReceivingAction.s3({ bucket: new s3.Bucket(s, 'Inbox', { encryption: s3.BucketEncryption.KMS }) })],
    { InboxKey: [sesUses(['kms:Encrypt', 'kms:GenerateDataKey*'])] }],
  ['the S3 action\'s own key',
    (s: Stack) => [ReceivingAction.s3({ bucket: new s3.Bucket(s, 'Inbox'), kmsKey: new kms.Key(s, 'MessageKey') })],
    { MessageKey: [sesUses(['kms:Encrypt', 'kms:GenerateDataKey*'])] }],
  ['a topic with a customer managed key: SES may generate data keys and decrypt',
    (s: Stack) => [ReceivingAction.sns(new sns.Topic(s, 'Topic', { masterKey: new kms.Key(s, 'TopicKey') }))],
    { TopicKey: [sesUses(['kms:Decrypt', 'kms:GenerateDataKey*'])] }],
  ['one key for the bucket and the topic: a statement for each use',
    (s: Stack) => {
      const key = new kms.Key(s, 'Shared');
      return [ReceivingAction.s3({ bucket: new s3.Bucket(s, 'Inbox', { encryptionKey: key }) }), ReceivingAction.sns(new sns.Topic(s, 'Topic', { masterKey: key }))];
    },
    { Shared: [sesUses(['kms:Encrypt', 'kms:GenerateDataKey*']), sesUses(['kms:Decrypt', 'kms:GenerateDataKey*'])] }],
  ['an unencrypted bucket and topic: no key statement',
    (s: Stack) => [ReceivingAction.s3({ bucket: new s3.Bucket(s, 'Inbox') }), ReceivingAction.sns(new sns.Topic(s, 'Topic')), ReceivingAction.s3({ bucket: new s3.Bucket(s, 'Other'), kmsKey: kms.Alias.fromAliasName(s, 'SesKey', 'alias/aws/ses') })],
    {}],
])('%s', (_name, actions, expected) => {
  const { template, stack } = receivingStack(inSet(actions));
  expect(sesKeyStatements(template)).toEqual(expected);
  Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
});

test('the S3 action with the AWS managed key alias/aws/ses: its ARN goes to the rule, no grant and no warning', () => {
  const { template, stack } = receivingStack(inSet((s) => [ReceivingAction.s3({ bucket: new s3.Bucket(s, 'Inbox'), kmsKey: kms.Key.fromKeyArn(s, 'Ses', 'arn:aws:kms:eu-west-1:123456789012:alias/aws/ses') })]));
  template.hasResourceProperties('AWS::SES::ReceiptRule', {
    Rule: { Actions: [{ S3Action: { BucketName: { Ref: Match.stringLikeRegexp('^Inbox') }, KmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:alias/aws/ses' } }] },
  });
  Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
});

const statement = (actions: string | string[], resource: string) => JSON.stringify({
  Action: actions,
  Condition: {
    StringEquals: { 'aws:SourceAccount': '123456789012' },
    ArnLike: { 'aws:SourceArn': 'arn:aws:ses:eu-west-1:123456789012:receipt-rule-set/inbox:receipt-rule/Mail-140898A8' },
  },
  Effect: 'Allow',
  Principal: { Service: 'ses.amazonaws.com' },
  Resource: resource,
});
const keyWarning = (what: string, actions: string[]) => `The KMS key ${what} is imported, so the construct cannot add to its key policy: allow ses.amazonaws.com ${actions.join(', ')} there, `
  + 'with the conditions aws:SourceAccount (this account) and aws:SourceArn (this receipt rule), or every message fails (SES may not use the key). '
  + `Add this statement: ${statement(actions, '*')} [ack: cdk-verified-mail-domain:receivingKeyGrantNotAdded]`;
const imported = (s: Stack, id: string, n: string) => kms.Key.fromKeyArn(s, id, `arn:aws:kms:eu-west-1:123456789012:key/${n}`);

test.each([
  ['the S3 action\'s key', (s: Stack) => [ReceivingAction.s3({ bucket: new s3.Bucket(s, 'Inbox'), kmsKey: imported(s, 'Key', '1111') })],
    keyWarning('Mail/Key', ['kms:Encrypt', 'kms:GenerateDataKey*'])],
  ['the key of a bucket made here', (s: Stack) => [ReceivingAction.s3({ bucket: new s3.Bucket(s, 'Inbox', { encryptionKey: imported(s, 'Key', '2222') }) })],
    keyWarning('Mail/Key of the bucket Mail/Inbox', ['kms:Encrypt', 'kms:GenerateDataKey*'])],
  ['the key of a topic made here', (s: Stack) => [ReceivingAction.sns(new sns.Topic(s, 'Topic', { masterKey: imported(s, 'Key', '3333') }))],
    keyWarning('Mail/Key of the topic Mail/Topic', ['kms:Decrypt', 'kms:GenerateDataKey*'])],
])('an imported KMS key (%s) warns receivingKeyGrantNotAdded with the exact statement to add', (_name, actions, warning) => {
  const { stack } = receivingStack(inSet(actions));
  Annotations.fromStack(stack).hasWarning('/Mail/Mail', warning);
});

test('an imported bucket with an imported key: one warning for the bucket policy and one for the key policy, each with its statement', () => {
  const { stack } = receivingStack(inSet((s) => [ReceivingAction.s3({
    bucket: s3.Bucket.fromBucketAttributes(s, 'Old', { bucketName: 'old-inbox', encryptionKey: imported(s, 'Key', '4444') }), objectKeyPrefix: 'in/',
  })]));
  const warnings = Annotations.fromStack(stack).findWarning('/Mail/Mail', Match.anyValue()).map((w) => w.entry.data);
  expect(warnings).toEqual([
    'The bucket Mail/Old is imported, so the construct cannot add to its policy: allow ses.amazonaws.com s3:PutObject there, with the conditions '
    + 'aws:SourceAccount (this account) and aws:SourceArn (this receipt rule), or SES refuses to create the rule. '
    + `Add this statement: ${JSON.stringify({ ...JSON.parse(statement('s3:PutObject', 'arn:aws:s3:::old-inbox/in/*')), Sid: 'AllowSesReceiptRule' })} `
    + '[ack: cdk-verified-mail-domain:receivingGrantNotAdded]',
    keyWarning('Mail/Key of the bucket Mail/Old', ['kms:Encrypt', 'kms:GenerateDataKey*']),
  ]);
});

const awsSns = (s: Stack) => kms.Alias.fromAliasName(s, 'AwsSns', 'alias/aws/sns');
test.each([
  ['a topic encrypted with alias/aws/sns (kms.Alias.fromAliasName)', (s: Stack) => ReceivingAction.sns(new sns.Topic(s, 'Topic', { masterKey: awsSns(s) })),
    'ReceivingAction.sns topic Mail/Topic is encrypted with the AWS managed key alias/aws/sns'],
  ['a topic encrypted with alias/aws/sns (an imported key whose ARN names the alias)',
    (s: Stack) => ReceivingAction.sns(new sns.Topic(s, 'Topic', { masterKey: kms.Key.fromKeyArn(s, 'K', 'arn:aws:kms:eu-west-1:123456789012:alias/aws/sns') })),
    'ReceivingAction.sns topic Mail/Topic is encrypted with the AWS managed key alias/aws/sns'],
  ['a topic whose CfnTopic names alias/aws/sns', (s: Stack) => {
    const topic = new sns.Topic(s, 'Topic');
    (topic.node.defaultChild as sns.CfnTopic).kmsMasterKeyId = 'alias/aws/sns';
    return ReceivingAction.sns(topic);
  }, 'ReceivingAction.sns topic Mail/Topic is encrypted with the AWS managed key alias/aws/sns'],
  ['the S3 action with the AWS managed key of another service', (s: Stack) => ReceivingAction.s3({ bucket: new s3.Bucket(s, 'Inbox'), kmsKey: kms.Alias.fromAliasName(s, 'S3Key', 'alias/aws/s3') }),
    'ReceivingAction.s3 kmsKey is the AWS managed key alias/aws/s3'],
])('%s is refused: SES can never use it', (_name, action, start) => {
  const messages: Record<string, string> = {
    sns: ', whose key policy cannot be changed and lets no AWS service such as SES use it, so SES could never publish a message: encrypt the topic with a '
      + 'customer managed key (masterKey: new kms.Key(...)), which the construct lets SES use for this rule',
    s3: ', whose key policy lets only its own service use it and cannot be changed, so SES can never encrypt with it: use alias/aws/ses '
      + "(SES's own AWS managed key) or a customer managed key",
  };
  expect(() => receivingStack((s) => ({ actions: [action(s)], ruleSet: ReceiptRuleSetChoice.existing(SET) })))
    .toThrow(start + messages[start.startsWith('ReceivingAction.sns') ? 'sns' : 's3']);
});

test('a topic whose CfnTopic names a key by its ARN only warns with the statement for that key', () => {
  const { stack } = receivingStack(inSet((s) => {
    const topic = new sns.Topic(s, 'Topic');
    (topic.node.defaultChild as sns.CfnTopic).kmsMasterKeyId = 'arn:aws:kms:eu-west-1:123456789012:key/5555';
    return [ReceivingAction.sns(topic)];
  }));
  Annotations.fromStack(stack).hasWarning('/Mail/Mail', keyWarning('arn:aws:kms:eu-west-1:123456789012:key/5555 of the topic Mail/Topic', ['kms:Decrypt', 'kms:GenerateDataKey*']));
});

test.each([
  ['a kms.Alias of a key of the app', (s: Stack) => new kms.Alias(s, 'Alias', { aliasName: 'alias/mail', targetKey: new kms.Key(s, 'Target') }), 'Mail/Alias'],
  ['a key imported by its alias ARN', (s: Stack) => kms.Key.fromKeyArn(s, 'ByAlias', 'arn:aws:kms:eu-west-1:123456789012:alias/mail'), 'arn:aws:kms:eu-west-1:123456789012:alias/mail'],
])('a bucket encrypted through a customer alias (%s) is refused: SES needs the full key ARN', (_name, key, shown) => {
  expect(() => receivingStack(inSet((s) => [ReceivingAction.s3({ bucket: new s3.Bucket(s, 'Inbox', { encryptionKey: key(s) }) })]))).toThrow(new Error(
    `ReceivingAction.s3 bucket Mail/Inbox is encrypted with the KMS alias ${shown}: SES writes to a bucket encrypted with your own key only when the bucket `
    + 'names the key by its full key ARN, not an alias. Give the bucket the key itself (encryptionKey: key)'));
});
