import { App, CfnParameter, Duration, Lazy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { SesReceivingRegions } from '../../src/receiving/receiving-regions';
import {
  checkBucketRegion, checkNoDefaultRetention, checkObjectKeyPrefix, checkSameEnvironment, checkSameRegion,
  S3_KEY_MAX_BYTES, SES_MESSAGE_ID_RESERVE, topicKeyOf,
} from '../../src/receiving/resource-checks';

// resource-checks.ts directly, without a construct or a synth (the end-to-end cases are in
// resource-checks-prop.test.ts): each check with its exact message, and the key of a topic.

const EU = { account: '123456789012', region: 'eu-west-1' };
const stack = (env: { account?: string; region?: string } = EU, app = new App(), id = 'Mail', crossRegionReferences?: boolean) =>
  new Stack(app, id, { env, crossRegionReferences });

describe('checkObjectKeyPrefix', () => {
  test('S3 keys are at most 1024 bytes, 64 kept for the message id', () => {
    expect([S3_KEY_MAX_BYTES, SES_MESSAGE_ID_RESERVE]).toEqual([1024, 64]);
  });

  test.each<[string, unknown]>([
    ['undefined', undefined],
    ['an empty prefix', ''],
    ['960 bytes of ASCII', 'a'.repeat(960)],
    ['480 two-byte characters (960 bytes)', 'ä'.repeat(480)],
  ])('%s is the prefix', (_, prefix) => {
    expect(checkObjectKeyPrefix('ReceivingAction.s3 objectKeyPrefix', prefix)).toBe(prefix);
  });

  test('a token passes unchecked, even one whose text is long (a display hint is part of it)', () => {
    const prefix = new CfnParameter(stack(), 'Prefix').valueAsString;
    expect(checkObjectKeyPrefix('p', prefix)).toBe(prefix);
    const hinted = Lazy.string({ produce: () => 'inbox/' }, { displayHint: 'h'.repeat(1000) });
    expect(Buffer.byteLength(hinted)).toBeGreaterThan(960);
    expect(checkObjectKeyPrefix('p', hinted)).toBe(hinted);
  });

  test.each([
    ['961 bytes of ASCII', 'a'.repeat(961), 961],
    ['481 two-byte characters (962 bytes)', 'ä'.repeat(481), 962],
  ])('%s is too long', (_, prefix, bytes) => {
    expect(() => checkObjectKeyPrefix('ReceivingAction.s3 objectKeyPrefix', prefix)).toThrow(new Error(
      `ReceivingAction.s3 objectKeyPrefix is ${bytes} bytes, got '${prefix.slice(0, 40)}...'; SES adds the message id (64 bytes kept for it) and S3 allows `
      + 'object keys of at most 1024 bytes (S3 user guide, "Naming Amazon S3 objects"): use a prefix of at most 960 bytes'));
  });

  test('a number is refused by kind', () => {
    expect(() => checkObjectKeyPrefix('ReceivingAction.s3 objectKeyPrefix', 5)).toThrow(new Error(
      "ReceivingAction.s3 objectKeyPrefix must be a string such as 'inbox/', got number 5"));
  });
});

describe('checkNoDefaultRetention', () => {
  const refused = (path: string, retention: string) => `ReceivingAction.s3 bucket ${path} has Object Lock with a default retention (${retention}); SES does not support `
    + 'receipt rules that upload to such a bucket (SES developer guide, "Deliver to S3 bucket action"): use a bucket without a default retention, '
    + 'and set retention on the stored objects yourself';

  test.each<[string, (s: Stack) => s3.IBucket, string]>([
    ['s3.Bucket objectLockDefaultRetention', (s) => new s3.Bucket(s, 'Locked', { objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(7)) }),
      '{"days":7,"mode":"COMPLIANCE"}'],
    ['CfnBucket rule.defaultRetention', (s) => {
      const bucket = new s3.Bucket(s, 'Locked');
      (bucket.node.defaultChild as s3.CfnBucket).objectLockConfiguration = { objectLockEnabled: 'Enabled', rule: { defaultRetention: { mode: 'GOVERNANCE', years: 1 } } };
      return bucket;
    }, '{"mode":"GOVERNANCE","years":1}'],
    ['CloudFormation names (Rule.DefaultRetention) set by an override', (s) => {
      const bucket = new s3.Bucket(s, 'Locked');
      (bucket.node.defaultChild as s3.CfnBucket).objectLockConfiguration = { Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 2 } } } as any;
      return bucket;
    }, '{"Mode":"GOVERNANCE","Days":2}'],
  ])('a bucket with a default retention (%s) is refused', (_, make, retention) => {
    expect(() => checkNoDefaultRetention('ReceivingAction.s3 bucket', make(stack()))).toThrow(new Error(refused('Mail/Locked', retention)));
  });

  test.each<[string, (s: Stack) => s3.IBucket]>([
    ['a bucket without Object Lock', (s) => new s3.Bucket(s, 'Plain')],
    ['Object Lock without a default retention', (s) => new s3.Bucket(s, 'Locked', { objectLockEnabled: true })],
    ['a rule without a default retention', (s) => {
      const bucket = new s3.Bucket(s, 'Locked');
      (bucket.node.defaultChild as s3.CfnBucket).objectLockConfiguration = { objectLockEnabled: 'Enabled', rule: {} };
      return bucket;
    }],
    ['a default retention of null', (s) => {
      const bucket = new s3.Bucket(s, 'Locked');
      (bucket.node.defaultChild as s3.CfnBucket).objectLockConfiguration = { rule: { defaultRetention: null } } as any;
      return bucket;
    }],
    ['a default retention of null in CloudFormation names', (s) => {
      const bucket = new s3.Bucket(s, 'Locked');
      (bucket.node.defaultChild as s3.CfnBucket).objectLockConfiguration = { Rule: { DefaultRetention: null } } as any;
      return bucket;
    }],
    ['an imported bucket', (s) => s3.Bucket.fromBucketName(s, 'Imported', 'inbox')],
    ['a bucket whose default child is another resource, even one with a retention', (s) => {
      const bucket = s3.Bucket.fromBucketName(s, 'Odd', 'inbox');
      const cfn = new sns.CfnTopic(bucket as unknown as Construct, 'Resource', {});
      (cfn as any).objectLockConfiguration = { rule: { defaultRetention: { mode: 'GOVERNANCE', days: 1 } } };
      return bucket;
    }],
  ])('%s passes', (_, make) => {
    expect(() => checkNoDefaultRetention('ReceivingAction.s3 bucket', make(stack()))).not.toThrow();
  });
});

describe('checkBucketRegion', () => {
  const regions = `as of 2026-06-15: ${SesReceivingRegions.ALL.join(', ')}`;
  const bucketIn = (region: string) => s3.Bucket.fromBucketAttributes(stack(), 'Far', { bucketName: 'far-inbox', region });

  test.each<[string, boolean | undefined]>([['us-east-1', undefined], ['eu-west-1', false], ['ap-south-2', true]])('a bucket in %s (allowUnlistedRegion %s) passes', (region, allow) => {
    expect(() => checkBucketRegion('actions[0]', bucketIn(region), allow)).not.toThrow();
  });

  test.each<[boolean | undefined]>([[undefined], [false]])('a bucket in a region where SES receives no mail is refused (allowUnlistedRegion %s)', (allow) => {
    expect(() => checkBucketRegion('inboundMail receiving actions[2]', bucketIn('ap-south-2'), allow)).toThrow(new Error(
      `inboundMail receiving actions[2]: the bucket Mail/Far is in ap-south-2, which is not among the regions where SES receives mail (${regions}); `
      + 'SES writes only to a bucket in such a region (SES developer guide, "Deliver to S3 bucket action"): use a bucket in one of them, '
      + 'or set allowUnlistedRegion: true if SES receives there now'));
  });

  test('a bucket of an environment-agnostic stack has no region to check', () => {
    expect(() => checkBucketRegion('actions[0]', new s3.Bucket(stack({}), 'Inbox'), false)).not.toThrow();
  });
});

describe('checkSameRegion', () => {
  const refused = (index: number, what: string, path: string, theirs: string, ours: string) => `inboundMail receiving actions[${index}]: the ${what} ${path} `
    + `is in ${theirs}, but SES receives this domain's mail in ${ours} and delivers only to SNS topics, Lambda functions and KMS keys of that region; use one in ${ours}`;

  test.each<[string, (s: Stack) => { resource: sns.ITopic | lambda.IFunction | kms.IKey; arn: string; what: string }, string]>([
    ['an imported topic', (s) => {
      const t = sns.Topic.fromTopicArn(s, 'Far', 'arn:aws:sns:us-east-1:123456789012:mail');
      return { resource: t, arn: t.topicArn, what: 'topic' };
    }, refused(3, 'topic', 'Mail/Far', 'us-east-1', 'eu-west-1')],
    ['an imported function', (s) => {
      const f = lambda.Function.fromFunctionArn(s, 'Far', 'arn:aws:lambda:us-west-2:123456789012:function:mail');
      return { resource: f, arn: f.functionArn, what: 'function' };
    }, refused(3, 'function', 'Mail/Far', 'us-west-2', 'eu-west-1')],
  ])('%s of another region is refused', (_, make, message) => {
    const s = stack();
    const { resource, arn, what } = make(s);
    expect(() => checkSameRegion(s, 3, resource, arn, what)).toThrow(new Error(message));
  });

  test('an ARN without a region is read from the resource', () => {
    const s = stack();
    const far = stack({ account: '123456789012', region: 'us-east-1' }, s.node.root as App, 'Far');
    const topic = new sns.Topic(far, 'Topic');
    expect(() => checkSameRegion(s, 0, topic, 'arn:aws:sns::123456789012:mail', 'topic')).toThrow(new Error(refused(0, 'topic', 'Far/Topic', 'us-east-1', 'eu-west-1')));
    expect(() => checkSameRegion(s, 0, topic, 'arn:aws:sns', 'topic')).toThrow(new Error(refused(0, 'topic', 'Far/Topic', 'us-east-1', 'eu-west-1')));
  });

  test('a token ARN is read from the resource', () => {
    const s = stack();
    const far = stack({ account: '123456789012', region: 'us-east-1' }, s.node.root as App, 'Far');
    const topic = new sns.Topic(far, 'Topic');
    expect(() => checkSameRegion(s, 1, topic, topic.topicArn, 'topic')).toThrow(new Error(refused(1, 'topic', 'Far/Topic', 'us-east-1', 'eu-west-1')));
  });

  test.each<[string, (s: Stack) => [Stack, sns.ITopic, string]]>([
    ['a topic of the same region', (s) => {
      const t = sns.Topic.fromTopicArn(s, 'Near', 'arn:aws:sns:eu-west-1:123456789012:mail');
      return [s, t, t.topicArn];
    }],
    ['a token ARN in the same region', (s) => {
      const t = sns.Topic.fromTopicArn(s, 'T', new CfnParameter(s, 'Arn').valueAsString);
      return [s, t, t.topicArn];
    }],
    ['a stack of unknown region', () => {
      const agnostic = stack({});
      const t = sns.Topic.fromTopicArn(agnostic, 'T', 'arn:aws:sns:us-east-1:123456789012:mail');
      return [agnostic, t, t.topicArn];
    }],
    ['a topic of unknown region by a token ARN', () => {
      const agnostic = stack({}, new App(), 'Other');
      const t = new sns.Topic(agnostic, 'T');
      return [stack(EU, agnostic.node.root as App), t, t.topicArn];
    }],
  ])('%s passes', (_, make) => {
    const [scope, topic, arn] = make(stack());
    expect(() => checkSameRegion(scope, 0, topic, arn, 'topic')).not.toThrow();
  });
});

describe('checkSameEnvironment', () => {
  const HINT = "sns.Topic.fromTopicArn(this, 'Topic', topicArn)";

  test('another account is refused', () => {
    const app = new App();
    const [mail, other] = [stack(EU, app), stack({ account: '999999999999', region: 'eu-west-1' }, app, 'Storage')];
    expect(() => checkSameEnvironment(mail, 2, new sns.Topic(other, 'Events'), 'topic', HINT)).toThrow(new Error(
      "inboundMail receiving actions[2]: the topic Storage/Events is made in stack Storage of account 999999999999, and this domain's stack Mail is in account "
      + `123456789012: CloudFormation passes no references between accounts. Import it in this stack (${HINT}) and let SES use it with a policy in its own account`));
  });

  test('another region is refused without crossRegionReferences', () => {
    const app = new App();
    const [mail, other] = [stack(EU, app), stack({ account: '123456789012', region: 'us-east-1' }, app, 'Storage')];
    expect(() => checkSameEnvironment(mail, 1, new sns.Topic(other, 'Events'), 'topic', HINT)).toThrow(new Error(
      "inboundMail receiving actions[1]: the topic Storage/Events is made in stack Storage in us-east-1, and this domain's stack Mail is in eu-west-1: "
      + `CloudFormation passes no references between regions. Import it in this stack (${HINT}) and add SES's grant in its own stack, `
      + 'or set crossRegionReferences: true on this stack'));
  });

  test.each<[string, (app: App) => [Stack, Stack]]>([
    ['the same stack', (app) => {
      const s = stack(EU, app);
      return [s, s];
    }],
    ['another stack of the same environment', (app) => [stack(EU, app), stack(EU, app, 'Storage')]],
    ['another region with crossRegionReferences on this stack', (app) => [stack(EU, app, 'Mail', true), stack({ account: '123456789012', region: 'us-east-1' }, app, 'Storage')]],
    ['an environment-agnostic stack', (app) => [stack(EU, app), stack({}, app, 'Storage')]],
  ])('%s passes', (_, make) => {
    const [mail, other] = make(new App());
    expect(() => checkSameEnvironment(mail, 0, new sns.Topic(other, 'Events'), 'topic', HINT)).not.toThrow();
  });
});

describe('topicKeyOf', () => {
  test('a Topic with a masterKey: the key', () => {
    const s = stack();
    const key = new kms.Key(s, 'Key');
    expect(topicKeyOf(new sns.Topic(s, 'T', { masterKey: key }))).toBe(key);
  });

  test('a CfnTopic that names a key of its stack by ARN: that key', () => {
    const s = stack();
    const key = new kms.Key(s, 'Key');
    const topic = new sns.Topic(s, 'T');
    (topic.node.defaultChild as sns.CfnTopic).kmsMasterKeyId = key.keyArn;
    expect(topicKeyOf(topic)).toBe(key);
  });

  test('a CfnTopic that names a key of another stack by ARN: the app is searched', () => {
    const app = new App();
    const key = new kms.Key(stack(EU, app, 'Keys'), 'Key');
    const topic = new sns.Topic(stack(EU, app), 'T');
    (topic.node.defaultChild as sns.CfnTopic).kmsMasterKeyId = key.keyArn;
    expect(topicKeyOf(topic)).toBe(key);
  });

  test('a construct with the ARN but no resource policy is not the key', () => {
    const s = stack();
    const lookalike = new Construct(s, 'Lookalike'); // found before the key
    const key = new kms.Key(s, 'Key');
    (lookalike as any).keyArn = key.keyArn;
    const topic = new sns.Topic(s, 'T');
    (topic.node.defaultChild as sns.CfnTopic).kmsMasterKeyId = key.keyArn;
    expect(topicKeyOf(topic)).toBe(key);
    const other = stack(EU, new App(), 'Other');
    const alone = new Construct(other, 'Lookalike');
    (alone as any).keyArn = 'arn:aws:kms:eu-west-1:123456789012:key/1';
    const t2 = new sns.Topic(other, 'T');
    (t2.node.defaultChild as sns.CfnTopic).kmsMasterKeyId = 'arn:aws:kms:eu-west-1:123456789012:key/1';
    expect(topicKeyOf(t2)).toBe('arn:aws:kms:eu-west-1:123456789012:key/1');
  });

  test.each<[string, (s: Stack) => sns.ITopic, string | undefined]>([
    ['an alias by name', (s) => {
      const t = new sns.Topic(s, 'T');
      (t.node.defaultChild as sns.CfnTopic).kmsMasterKeyId = 'alias/aws/sns';
      return t;
    }, 'alias/aws/sns'],
    ['a token key id of no key of the app', (s) => {
      const t = new sns.Topic(s, 'T');
      (t.node.defaultChild as sns.CfnTopic).kmsMasterKeyId = new CfnParameter(s, 'KeyId').valueAsString;
      return t;
    }, undefined],
    ['an unencrypted topic', (s) => new sns.Topic(s, 'T'), undefined],
    ['an imported topic', (s) => sns.Topic.fromTopicArn(s, 'T', 'arn:aws:sns:eu-west-1:123456789012:mail'), undefined],
    ['a topic whose default child is another resource', (s) => {
      const t = sns.Topic.fromTopicArn(s, 'T', 'arn:aws:sns:eu-west-1:123456789012:mail');
      const cfn = new s3.CfnBucket(t as unknown as Construct, 'Resource', {});
      (cfn as any).kmsMasterKeyId = 'alias/aws/sns';
      return t;
    }, undefined],
  ])('%s', (_, make, expected) => {
    expect(topicKeyOf(make(stack()))).toBe(expected);
  });
});
