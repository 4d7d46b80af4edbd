import { App, Aws, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  awsManagedAlias, awsManagedAliasOf, conditionsFor, grantToSes, RuleTarget, SES, warnGrantNotAdded,
} from '../../src/receiving/grants';

// What receiving grants SES, on its own: the conditions, a grant added or warned about, and the AWS
// managed key aliases.

const ENV = { account: '123456789012', region: 'eu-west-1' };

function stacks(env: { account: string; region: string } | null = ENV) {
  const app = new App();
  const mail = new Stack(app, 'Mail', env === null ? {} : { env });
  const storage = new Stack(app, 'Storage', env === null ? {} : { env });
  return { mail, storage };
}

/** The conditions with the account and region as pseudo parameters, for the set `inbound` and the rule `Mail-1234`. */
const BY_PSEUDO_PARAMETERS = {
  StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
  ArnLike: {
    'aws:SourceArn': {
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' },
        ':receipt-rule-set/inbound:receipt-rule/Mail-1234']],
    },
  },
};

const target = (stack: Stack, more: Partial<RuleTarget> = {}): RuleTarget => ({ stack, ruleSetName: 'inbound', ruleName: 'Mail-1234', ...more });

function warnings(stack: Stack): unknown[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => w.entry.data);
}

const putStatement = (bucket: s3.IBucket) => new iam.PolicyStatement({
  principals: [SES],
  actions: ['s3:PutObject'],
  resources: [bucket.arnForObjects('*')],
  conditions: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
});

test('SES is the service principal ses.amazonaws.com', () => {
  expect(SES.service).toBe('ses.amazonaws.com');
});

test('in the rule\'s stack the conditions name the account, region and set by reference', () => {
  const { mail } = stacks();
  const bucket = new s3.Bucket(mail, 'Inbox');
  expect(mail.resolve(conditionsFor(target(mail), bucket))).toEqual(BY_PSEUDO_PARAMETERS);
});

test('in another stack the conditions are the rule stack\'s literal account and region and the literal set name', () => {
  const { mail, storage } = stacks({ account: '111122223333', region: 'us-east-1' });
  const bucket = new s3.Bucket(storage, 'Inbox');
  const setName = new CfnParameter(mail, 'Set').valueAsString;
  expect(storage.resolve(conditionsFor(target(mail, { ruleSetName: setName, literalRuleSetName: 'inbound' }), bucket))).toEqual({
    StringEquals: { 'aws:SourceAccount': '111122223333' },
    ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:us-east-1:111122223333:receipt-rule-set/inbound:receipt-rule/Mail-1234']] } },
  });
});

test.each<[string, (mail: Stack) => string | undefined]>([
  ['no literal set name', () => undefined],
  ['a literal set name that is a token', (mail) => new CfnParameter(mail, 'Literal').valueAsString],
])('in another stack with %s the set is *', (_title, literal) => {
  const { mail, storage } = stacks();
  const bucket = new s3.Bucket(storage, 'Inbox');
  const conditions = storage.resolve(conditionsFor(target(mail, { literalRuleSetName: literal(mail) }), bucket));
  expect(conditions.ArnLike).toEqual({
    'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:eu-west-1:123456789012:receipt-rule-set/*:receipt-rule/Mail-1234']] },
  });
});

test('in another stack of an environment-agnostic rule stack the account and region are pseudo parameters', () => {
  const { mail, storage } = stacks(null);
  const bucket = new s3.Bucket(storage, 'Inbox');
  expect(storage.resolve(conditionsFor(target(mail, { literalRuleSetName: 'inbound' }), bucket))).toEqual(BY_PSEUDO_PARAMETERS);
});

test('a grant on a bucket of the stack goes into its policy, and the rule waits for that policy', () => {
  const { mail } = stacks();
  const bucket = new s3.Bucket(mail, 'Inbox');
  const waits = grantToSes(mail, 'bucket Mail/Inbox', bucket, putStatement(bucket));
  expect(waits).toEqual([bucket.policy]);
  expect(Template.fromStack(mail).findResources('AWS::S3::BucketPolicy').InboxPolicy63A7501F.Properties.PolicyDocument.Statement).toEqual([{
    Effect: 'Allow',
    Principal: { Service: 'ses.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['InboxA8E05DC3', 'Arn'] }, '/*']] },
    Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
  }]);
  expect(warnings(mail)).toEqual([]);
});

test('a grant on a key of the stack goes into the key policy, and nothing is to wait for', () => {
  const { mail } = stacks();
  const key = new kms.Key(mail, 'Key');
  const statement = new iam.PolicyStatement({ principals: [SES], actions: ['kms:GenerateDataKey*'], resources: ['*'] });
  expect(grantToSes(mail, 'key Mail/Key', key, statement)).toEqual([]);
  const policy = Template.fromStack(mail).findResources('AWS::KMS::Key')[mail.getLogicalId(key.node.defaultChild as kms.CfnKey)].Properties.KeyPolicy.Statement;
  expect(policy).toContainEqual({ Effect: 'Allow', Principal: { Service: 'ses.amazonaws.com' }, Action: 'kms:GenerateDataKey*', Resource: '*' });
  expect(warnings(mail)).toEqual([]);
});

test('an imported bucket gets no grant: the warning gives the statement with the literal account, region and partition', () => {
  const { mail } = stacks();
  const bucket = s3.Bucket.fromBucketName(mail, 'Old', 'old-inbox');
  expect(grantToSes(mail, 'bucket Mail/Old', bucket, putStatement(bucket))).toEqual([]);
  const statement = {
    Action: 's3:PutObject',
    Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
    Effect: 'Allow',
    Principal: { Service: 'ses.amazonaws.com' },
    Resource: 'arn:aws:s3:::old-inbox/*',
  };
  expect(warnings(mail)).toEqual([
    'The bucket Mail/Old is imported, so the construct cannot add to its policy: allow ses.amazonaws.com s3:PutObject there, '
    + 'with the conditions aws:SourceAccount (this account) and aws:SourceArn (this receipt rule), or SES refuses to create the rule. '
    + `Add this statement: ${JSON.stringify(statement)} [ack: cdk-verified-mail-domain:receivingGrantNotAdded]`,
  ]);
});

test('an imported key gets no grant: the key warning, with its own id', () => {
  const { mail } = stacks();
  const key = kms.Key.fromKeyArn(mail, 'Old', 'arn:aws:kms:eu-west-1:123456789012:key/1111');
  const statement = new iam.PolicyStatement({ principals: [SES], actions: ['kms:Decrypt', 'kms:GenerateDataKey*'], resources: ['*'] });
  expect(grantToSes(mail, 'key Mail/Old', key, statement)).toEqual([]);
  expect(warnings(mail)).toEqual([
    'The key Mail/Old is imported, so the construct cannot add to its key policy: allow ses.amazonaws.com kms:Decrypt, kms:GenerateDataKey* there, '
    + 'with the conditions aws:SourceAccount (this account) and aws:SourceArn (this receipt rule), or every message fails (SES may not use the key). '
    + 'Add this statement: {"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Effect":"Allow","Principal":{"Service":"ses.amazonaws.com"},"Resource":"*"} '
    + '[ack: cdk-verified-mail-domain:receivingKeyGrantNotAdded]',
  ]);
});

test.each<[string, string, string]>([
  ['the China partition', 'cn-north-1', 'aws-cn'],
  ['the GovCloud partition', 'us-gov-west-1', 'aws-us-gov'],
  ['the commercial partition', 'ap-south-1', 'aws'],
])('the warning\'s statement names %s by the region', (_title, region, partition) => {
  const { mail } = stacks({ account: '123456789012', region });
  const statement = new iam.PolicyStatement({
    principals: [SES],
    actions: ['sns:Publish'],
    resources: [mail.formatArn({ service: 'sns', resource: 'topic' })],
  });
  warnGrantNotAdded(mail, 'topic Mail/T', false, statement);
  expect(warnings(mail)).toEqual([expect.stringContaining(`"Resource":"arn:${partition}:sns:${region}:123456789012:topic"}`)]);
});

test('in an environment-agnostic stack the warning\'s statement shows pseudo parameters and references by name', () => {
  const { mail } = stacks(null);
  const bucket = new s3.Bucket(mail, 'Inbox');
  const statement = new iam.PolicyStatement({
    principals: [SES],
    actions: ['s3:PutObject'],
    resources: [bucket.arnForObjects('*')],
    conditions: { StringEquals: { 'aws:SourceAccount': mail.account }, ArnLike: { 'aws:SourceArn': `arn:${mail.partition}:ses:${mail.region}:*` } },
  });
  warnGrantNotAdded(mail, 'bucket Mail/Inbox', false, statement);
  const shown = {
    Action: 's3:PutObject',
    Condition: { StringEquals: { 'aws:SourceAccount': '<AWS::AccountId>' }, ArnLike: { 'aws:SourceArn': 'arn:<AWS::Partition>:ses:<AWS::Region>:*' } },
    Effect: 'Allow',
    Principal: { Service: 'ses.amazonaws.com' },
    Resource: '<InboxA8E05DC3.Arn>/*',
  };
  expect(warnings(mail)).toEqual([expect.stringContaining(`Add this statement: ${JSON.stringify(shown)} [ack:`)]);
});

test.each<[string, unknown, string | undefined]>([
  ['an alias name', 'alias/aws/sns', 'aws/sns'],
  ['an alias ARN', 'arn:aws:kms:eu-west-1:123456789012:alias/aws/ses', 'aws/ses'],
  ['an alias with a nested name', 'alias/aws/a_b-c/d', 'aws/a_b-c/d'],
  ['a customer alias', 'alias/mine', undefined],
  ['an alias of aws with nothing after it', 'alias/aws/', undefined],
  ['a key id', '1234abcd-12ab-34cd-56ef-1234567890ab', undefined],
  ['an alias inside another text', 'xalias/aws/sns', undefined],
  ['a name with a character no alias has', 'alias/aws/sn s', undefined],
  ['a number', 7, undefined],
  ['undefined', undefined, undefined],
])('awsManagedAliasOf of %s', (_title, value, expected) => {
  expect(awsManagedAliasOf(value)).toBe(expected);
});

test('awsManagedAliasOf of a token is undefined', () => {
  expect(awsManagedAliasOf(new CfnParameter(new Stack(), 'Key').valueAsString)).toBeUndefined();
});

test('awsManagedAlias reads an alias by its name, and a key by its ARN', () => {
  const { mail } = stacks();
  expect(awsManagedAlias(kms.Alias.fromAliasName(mail, 'Sns', 'alias/aws/sns'))).toBe('aws/sns');
  expect(awsManagedAlias(kms.Key.fromKeyArn(mail, 'Ses', 'arn:aws:kms:eu-west-1:123456789012:alias/aws/ses'))).toBe('aws/ses');
  expect(awsManagedAlias(kms.Key.fromKeyArn(mail, 'Own', 'arn:aws:kms:eu-west-1:123456789012:key/1111'))).toBeUndefined();
  expect(awsManagedAlias(new kms.Key(mail, 'New'))).toBeUndefined();
});

test('the warning\'s statement in a stack of known account and region: pseudo parameters replaced, references by name, look-alikes and nulls kept', () => {
  const { mail } = stacks();
  const bucket = new s3.Bucket(mail, 'Inbox');
  const list = new CfnParameter(mail, 'List', { type: 'CommaDelimitedList' }).valueAsList;
  const statement = new iam.PolicyStatement({
    principals: [SES],
    actions: ['s3:PutObject'],
    resources: [`arn:${Aws.PARTITION}:s3:::${bucket.bucketName}/${Fn.select(0, list)}`],
    conditions: {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID, 'aws:RequestedRegion': Aws.REGION, 'aws:Stack': Aws.STACK_NAME },
      Other: { ref: { Ref: 'AWS::Region', Extra: 1 }, getAtt: { 'Fn::GetAtt': ['A', 'B'], 'Extra': 1 }, join: { 'Fn::Join': ['', ['a']], 'Extra': 1 }, none: null },
    },
  });
  warnGrantNotAdded(mail, 'bucket Mail/Inbox', false, statement);
  const shown = {
    Action: 's3:PutObject',
    Condition: {
      StringEquals: { 'aws:SourceAccount': '123456789012', 'aws:RequestedRegion': 'eu-west-1', 'aws:Stack': '<AWS::StackName>' },
      Other: { ref: { Ref: 'AWS::Region', Extra: 1 }, getAtt: { 'Fn::GetAtt': ['A', 'B'], 'Extra': 1 }, join: { 'Fn::Join': ['', ['a']], 'Extra': 1 }, none: null },
    },
    Effect: 'Allow',
    Principal: { Service: 'ses.amazonaws.com' },
    Resource: `arn:aws:s3:::<${mail.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}>/{"Fn::Select":[0,"<List>"]}`,
  };
  expect(warnings(mail)).toEqual(['The bucket Mail/Inbox is imported, so the construct cannot add to its policy: allow ses.amazonaws.com s3:PutObject there, '
    + 'with the conditions aws:SourceAccount (this account) and aws:SourceArn (this receipt rule), or SES refuses to create the rule. '
    + `Add this statement: ${JSON.stringify(shown)} [ack: cdk-verified-mail-domain:receivingGrantNotAdded]`]);
});

test.each<[string, unknown]>([
  ['a token inside an alias ARN', `arn:aws:kms:${Aws.REGION}:123456789012:alias/aws/sns`],
  ['an object that reads as an alias', { toString: () => 'alias/aws/sns' }],
])('awsManagedAliasOf of %s is undefined', (_title, value) => {
  expect(awsManagedAliasOf(value)).toBeUndefined();
});
