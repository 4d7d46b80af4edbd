import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { checkBucket, checkFunction, checkOptionalKey, checkOptionsObject, checkTopic } from '../../src/receiving/kinds';

// kinds.ts directly: each shape check takes the construct it names (returned as given) and refuses a value
// missing any one attribute or method, with the whole message (through the construct: kinds-prop.test.ts).

const stack = new Stack();
const node = { node: {} };
const fn = () => undefined;
const BUCKET = "must be an s3.IBucket (e.g. new s3.Bucket(...) or s3.Bucket.fromBucketName(this, 'Inbox', name))";
const TOPIC = "must be an sns.ITopic (e.g. new sns.Topic(...) or sns.Topic.fromTopicArn(this, 'Topic', arn))";
const FUNCTION = "must be a lambda.IFunction (e.g. new lambda.Function(...) or lambda.Function.fromFunctionArn(this, 'Fn', arn))";
const KEY = "must be a kms.IKey (e.g. new kms.Key(...) or kms.Key.fromKeyArn(this, 'Key', arn))";

test('each check returns the construct it takes', () => {
  const bucket = s3.Bucket.fromBucketName(stack, 'B', 'inbox');
  const topic = sns.Topic.fromTopicArn(stack, 'T', 'arn:aws:sns:eu-west-1:123456789012:t');
  const f = lambda.Function.fromFunctionArn(stack, 'F', 'arn:aws:lambda:eu-west-1:123456789012:function:f');
  const key = kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:eu-west-1:123456789012:key/k');
  expect([checkBucket('p', bucket), checkTopic('p', topic), checkFunction('p', f), checkOptionalKey('p', key), checkOptionalKey('p', undefined)])
    .toEqual([bucket, topic, f, key, undefined]);
  expect(() => checkOptionsObject('p', {}, 'an object')).not.toThrow();
});

test.each<[string, (value: unknown) => unknown, unknown, string]>([
  ['a bucket without node', (v) => checkBucket('p', v), { bucketName: 'b', bucketArn: 'a', addToResourcePolicy: fn, arnForObjects: fn }, `p ${BUCKET}, got an object of class Object`],
  ['a bucket whose node is null', (v) => checkBucket('p', v), { node: null, bucketName: 'b', bucketArn: 'a', addToResourcePolicy: fn, arnForObjects: fn }, `p ${BUCKET}, got an object of class Object`],
  ['a bucket without bucketName', (v) => checkBucket('p', v), { ...node, bucketArn: 'a', addToResourcePolicy: fn, arnForObjects: fn }, `p ${BUCKET}, got an object of class Object`],
  ['a bucket without bucketArn', (v) => checkBucket('p', v), { ...node, bucketName: 'b', addToResourcePolicy: fn, arnForObjects: fn }, `p ${BUCKET}, got an object of class Object`],
  ['a bucket without addToResourcePolicy', (v) => checkBucket('p', v), { ...node, bucketName: 'b', bucketArn: 'a', arnForObjects: fn }, `p ${BUCKET}, got an object of class Object`],
  ['a bucket without arnForObjects', (v) => checkBucket('p', v), { ...node, bucketName: 'b', bucketArn: 'a', addToResourcePolicy: fn }, `p ${BUCKET}, got an object of class Object`],
  ['a bucket that is null', (v) => checkBucket('p', v), null, `p ${BUCKET}, got null`],
  ['a bucket that is a string', (v) => checkBucket('p', v), 'inbox', `p ${BUCKET}, got string "inbox"`],
  ['a topic without topicArn', (v) => checkTopic('p', v), { ...node, addToResourcePolicy: fn }, `p ${TOPIC}, got an object of class Object`],
  ['a topic without addToResourcePolicy', (v) => checkTopic('p', v), { ...node, topicArn: 't' }, `p ${TOPIC}, got an object of class Object`],
  ['a function without functionArn', (v) => checkFunction('p', v), { ...node }, `p ${FUNCTION}, got an object of class Object`],
  ['a function without node', (v) => checkFunction('p', v), { functionArn: 'f' }, `p ${FUNCTION}, got an object of class Object`],
  ['a JavaScript function with the attributes', (v) => checkFunction('p', v), Object.assign(() => undefined, { ...node, functionArn: 'f' }), `p ${FUNCTION}, got function undefined`],
  ['a key without keyArn', (v) => checkOptionalKey('p', v), { ...node, addToResourcePolicy: fn }, `p ${KEY}, got an object of class Object`],
  ['a key without addToResourcePolicy', (v) => checkOptionalKey('p', v), { ...node, keyArn: 'k' }, `p ${KEY}, got an object of class Object`],
  ['a key that is null', (v) => checkOptionalKey('p', v), null, `p ${KEY}, got null`],
  ['options that are null', (v) => checkOptionsObject('p', v, 'an object'), null, 'p must be an object, got null'],
  ['options that are a list', (v) => checkOptionsObject('p', v, 'an object'), [], 'p must be an object, got a list'],
  ['options that are a string', (v) => checkOptionsObject('p', v, 'an object'), 'x', 'p must be an object, got string "x"'],
])('refuses %s', (_title, check, value, message) => {
  expect(() => check(value)).toThrow(new Error(message));
});
