import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { checkKind } from '../validation';

// Kinds of the construct interfaces receiving accepts, checked by their shape (duck typing) so that a
// bucket, topic, function or key from another copy of aws-cdk-lib passes too, and a string ARN or a
// plain object gets the construct's message instead of a TypeError deep in aws-cdk-lib. Internal.

function hasShape(value: unknown, strings: string[], functions: string[]): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.node === 'object' && v.node !== null
    && strings.every((s) => typeof v[s] === 'string')
    && functions.every((f) => typeof v[f] === 'function');
}

/** An s3.IBucket: a construct with bucketName, bucketArn, addToResourcePolicy and arnForObjects. */
export function checkBucket(prop: string, value: unknown): s3.IBucket {
  checkKind(prop, value, hasShape(value, ['bucketName', 'bucketArn'], ['addToResourcePolicy', 'arnForObjects']),
    "an s3.IBucket (e.g. new s3.Bucket(...) or s3.Bucket.fromBucketName(this, 'Inbox', name))");
  return value as s3.IBucket;
}

/** An sns.ITopic: a construct with topicArn and addToResourcePolicy. */
export function checkTopic(prop: string, value: unknown): sns.ITopic {
  checkKind(prop, value, hasShape(value, ['topicArn'], ['addToResourcePolicy']),
    "an sns.ITopic (e.g. new sns.Topic(...) or sns.Topic.fromTopicArn(this, 'Topic', arn))");
  return value as sns.ITopic;
}

/** A lambda.IFunction: a construct with functionArn. */
export function checkFunction(prop: string, value: unknown): lambda.IFunction {
  checkKind(prop, value, hasShape(value, ['functionArn'], []),
    "a lambda.IFunction (e.g. new lambda.Function(...) or lambda.Function.fromFunctionArn(this, 'Fn', arn))");
  return value as lambda.IFunction;
}

/** An optional kms.IKey: a construct with keyArn and addToResourcePolicy. */
export function checkOptionalKey(prop: string, value: unknown): kms.IKey | undefined {
  if (value === undefined) return undefined;
  checkKind(prop, value, hasShape(value, ['keyArn'], ['addToResourcePolicy']),
    "a kms.IKey (e.g. new kms.Key(...) or kms.Key.fromKeyArn(this, 'Key', arn))");
  return value as kms.IKey;
}

/** An options object (not null, a list or a primitive). */
export function checkOptionsObject(prop: string, value: unknown, expected: string): void {
  checkKind(prop, value, typeof value === 'object' && value !== null && !Array.isArray(value), expected);
}
