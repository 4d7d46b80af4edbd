import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { InboundMail, ReceiptRuleSetChoice, ReceivingAction, S3ReceivingOptions } from '../../src';
import { receivingStack } from '../helpers/receiving-fixtures';

// Values of the wrong kind, as JavaScript and the other jsii languages can pass them, get the
// construct's message naming the factory or prop and what it takes: never a raw TypeError.

const ARN = 'arn:aws:sns:eu-west-1:123456789012:inbox';
const bucketKind = "an s3.IBucket (e.g. new s3.Bucket(...) or s3.Bucket.fromBucketName(this, 'Inbox', name))";
const any = (v: unknown) => v as any;
const withBucket = (extra: object) => (s: Stack) => ReceivingAction.s3(any({ bucket: new s3.Bucket(s, 'Inbox'), ...extra }));
const server = (v: unknown) => () => InboundMail.servers(any([v]));

test.each<[string, (s: Stack) => unknown, string]>([
  ['ReceivingAction.s3(null)', () => ReceivingAction.s3(any(null)),
    'ReceivingAction.s3 options must be an object of S3ReceivingOptions ({ bucket, objectKeyPrefix?, kmsKey? }), got null'],
  ['ReceivingAction.s3()', () => ReceivingAction.s3(any(undefined)),
    'ReceivingAction.s3 options must be an object of S3ReceivingOptions ({ bucket, objectKeyPrefix?, kmsKey? }), got undefined'],
  ['ReceivingAction.s3([bucket])', (s) => ReceivingAction.s3(any([new s3.Bucket(s, 'B')])),
    'ReceivingAction.s3 options must be an object of S3ReceivingOptions ({ bucket, objectKeyPrefix?, kmsKey? }), got a list'],
  ["ReceivingAction.s3({ bucket: 'my-bucket' })", () => ReceivingAction.s3(any({ bucket: 'my-bucket' })),
    `ReceivingAction.s3 bucket must be ${bucketKind}, got string "my-bucket"`],
  ['ReceivingAction.s3({})', () => ReceivingAction.s3(any({})), `ReceivingAction.s3 bucket must be ${bucketKind}, got undefined`],
  ['ReceivingAction.s3({ bucket: { bucketName } })', () => ReceivingAction.s3(any({ bucket: { bucketName: 'inbox' } })),
    `ReceivingAction.s3 bucket must be ${bucketKind}, got an object of class Object`],
  ["ReceivingAction.s3({ kmsKey: '<arn>' })", withBucket({ kmsKey: 'arn:aws:kms:eu-west-1:123456789012:key/1111' }),
    "ReceivingAction.s3 kmsKey must be a kms.IKey (e.g. new kms.Key(...) or kms.Key.fromKeyArn(this, 'Key', arn)), "
    + 'got string "arn:aws:kms:eu-west-1:123456789012:key/1111"'],
  ['ReceivingAction.s3({ objectKeyPrefix: 5 })', withBucket({ objectKeyPrefix: 5 }),
    "ReceivingAction.s3 objectKeyPrefix must be a string such as 'inbox/', got number 5"],
  ["ReceivingAction.sns('<arn>')", () => ReceivingAction.sns(any(ARN)),
    `ReceivingAction.sns topic must be an sns.ITopic (e.g. new sns.Topic(...) or sns.Topic.fromTopicArn(this, 'Topic', arn)), got string "${ARN}"`],
  ['ReceivingAction.sns()', () => ReceivingAction.sns(any(undefined)),
    "ReceivingAction.sns topic must be an sns.ITopic (e.g. new sns.Topic(...) or sns.Topic.fromTopicArn(this, 'Topic', arn)), got undefined"],
  ["ReceivingAction.lambda('<arn>')", () => ReceivingAction.lambda(any('arn:aws:lambda:eu-west-1:123456789012:function:f')),
    "ReceivingAction.lambda fn must be a lambda.IFunction (e.g. new lambda.Function(...) or lambda.Function.fromFunctionArn(this, 'Fn', arn)), "
    + 'got string "arn:aws:lambda:eu-west-1:123456789012:function:f"'],
  ['ReceivingAction.lambda()', () => ReceivingAction.lambda(any(undefined)),
    "ReceivingAction.lambda fn must be a lambda.IFunction (e.g. new lambda.Function(...) or lambda.Function.fromFunctionArn(this, 'Fn', arn)), got undefined"],
  ["ReceivingAction.lambda({ functionName: 'process' })", () => ReceivingAction.lambda(any({ functionName: 'process' })),
    "ReceivingAction.lambda fn must be a lambda.IFunction (e.g. new lambda.Function(...) or lambda.Function.fromFunctionArn(this, 'Fn', arn)), got an object of class Object"],
  ['InboundMail.servers({ host, priority })', () => InboundMail.servers(any({ host: 'mx.example.net', priority: 10 })),
    "inboundMail servers must be a list of MailServer ({ host, priority }), e.g. [{ host: 'mx.example.net', priority: 10 }], got an object of class Object"],
  ['InboundMail.servers()', () => InboundMail.servers(any(undefined)),
    "inboundMail servers must be a list of MailServer ({ host, priority }), e.g. [{ host: 'mx.example.net', priority: 10 }], got undefined"],
  ['InboundMail.servers([null])', server(null), 'inboundMail servers[0] must be a MailServer ({ host, priority }), got null'],
  ["InboundMail.servers(['mx.example.net'])", server('mx.example.net'), 'inboundMail servers[0] must be a MailServer ({ host, priority }), got string "mx.example.net"'],
  ['InboundMail.servers([{ host: 5 }])', server({ host: 5, priority: 10 }), "inboundMail servers[0].host must be a host name such as 'mx.example.net', got number 5"],
  ["InboundMail.servers([{ priority: '10' }])", server({ host: 'mx.example.net', priority: '10' }),
    'inboundMail servers[0].priority must be an integer from 0 to 65535, got string "10"'],
  ['InboundMail.servers([{ host }])', server({ host: 'mx.example.net' }), 'inboundMail servers[0].priority must be an integer from 0 to 65535, got undefined'],
  ["InboundMail.ses('inbox')", () => InboundMail.ses(any('inbox')),
    'inboundMail receiving must be an object of SesReceivingOptions ({ actions, ruleSet, ... }), got string "inbox"'],
  ['InboundMail.sesEndpoint(null)', () => InboundMail.sesEndpoint(any(null)),
    'InboundMail.sesEndpoint options must be an object of SesEndpointOptions ({ allowUnlistedRegion? }), got null'],
  ["InboundMail.sesEndpoint({ allowUnlistedRegion: 'yes' })", () => InboundMail.sesEndpoint(any({ allowUnlistedRegion: 'yes' })),
    'InboundMail.sesEndpoint allowUnlistedRegion must be true or false, got string "yes"'],
  ['ReceiptRuleSetChoice.existing(5)', () => ReceiptRuleSetChoice.existing(any(5)), 'ReceiptRuleSetChoice.existing ruleSetName must be a string, got number 5'],
  ['ReceiptRuleSetChoice.existing()', () => ReceiptRuleSetChoice.existing(any(undefined)), 'ReceiptRuleSetChoice.existing ruleSetName must be a string, got undefined'],
  ['ReceiptRuleSetChoice.create(null)', () => ReceiptRuleSetChoice.create(any(null)),
    "ReceiptRuleSetChoice.create takes an options object such as { ruleSetName: 'inbound' }, got null"],
  ["ReceiptRuleSetChoice.create('inbox')", () => ReceiptRuleSetChoice.create(any('inbox')),
    'ReceiptRuleSetChoice.create takes an options object such as { ruleSetName: \'inbound\' }, got string "inbox"'],
  ['ReceiptRuleSetChoice.create([])', () => ReceiptRuleSetChoice.create(any([])),
    "ReceiptRuleSetChoice.create takes an options object such as { ruleSetName: 'inbound' }, got a list"],
  ['ReceiptRuleSetChoice.create({ ruleSetName: 5 })', () => ReceiptRuleSetChoice.create(any({ ruleSetName: 5 })),
    'ReceiptRuleSetChoice.create ruleSetName must be a string, got number 5'],
])('%s fails with the construct\'s message', (_name, make, message) => {
  let error: unknown;
  try {
    make(new Stack());
  } catch (e) {
    error = e;
  }
  expect(error).not.toBeInstanceOf(TypeError);
  expect((error as Error).message).toEqual(message);
});

test('a bucket and a function of another copy of aws-cdk-lib (same shape, other classes) are accepted', () => {
  const { template } = receivingStack((s) => {
    const real = new s3.Bucket(s, 'Inbox');
    const fn = lambda.Function.fromFunctionArn(s, 'Fn', 'arn:aws:lambda:eu-west-1:123456789012:function:process');
    const bucket = Object.assign(Object.create(null), {
      node: real.node,
      env: real.env,
      stack: real.stack,
      bucketName: real.bucketName,
      bucketArn: real.bucketArn,
      addToResourcePolicy: (st: never) => real.addToResourcePolicy(st),
      arnForObjects: (k: string) => real.arnForObjects(k),
    });
    expect(bucket instanceof s3.Bucket).toBe(false);
    return { actions: [ReceivingAction.s3({ bucket } as S3ReceivingOptions), ReceivingAction.lambda({ ...fn, node: fn.node, env: fn.env, functionArn: fn.functionArn } as lambda.IFunction)], ruleSet: ReceiptRuleSetChoice.existing('inbox') };
  });
  template.resourceCountIs('AWS::SES::ReceiptRule', 1);
  template.resourceCountIs('AWS::S3::BucketPolicy', 1);
});
