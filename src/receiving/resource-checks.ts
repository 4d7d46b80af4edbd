import { CfnResource, IResource, Stack, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { checkReceivingRegion } from './receiving-regions';
import { environmentDifference } from '../app-keys';
import { checkKind } from '../validation';

// What SES needs of the resources its actions deliver to, read from the resources themselves: the
// region, a bucket's Object Lock and key length, the KMS key of a bucket or topic. Internal.

/**
 * S3 (user guide, "Naming Amazon S3 objects"): an object key is at most 1,024 bytes of UTF-8.
 */
export const S3_KEY_MAX_BYTES = 1024;
/**
 * SES names each stored message `<objectKeyPrefix><message id>`. The SES developer guide gives no
 * length for the id; the ids in its examples are 28 ("d6iitobk75ur44p8kdnnp7g2n800", "Examples of
 * notifications for Amazon SES email receiving") and 40 characters ("o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1",
 * the Lambda action's event example), lower-case letters and digits. 64 bytes are kept for it, beyond both.
 */
export const SES_MESSAGE_ID_RESERVE = 64;

/** The prefix as a string, checked against S3's key length with room for SES's message id. */
export function checkObjectKeyPrefix(prop: string, prefix: unknown): string | undefined {
  if (prefix === undefined) return undefined;
  checkKind(prop, prefix, typeof prefix === 'string', "a string such as 'inbox/'");
  const text = prefix as string;
  if (Token.isUnresolved(text)) return text;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes + SES_MESSAGE_ID_RESERVE > S3_KEY_MAX_BYTES) {
    throw new Error(`${prop} is ${bytes} bytes, got '${text.slice(0, 40)}...'; SES adds the message id (${SES_MESSAGE_ID_RESERVE} bytes kept for it) and S3 allows `
      + `object keys of at most ${S3_KEY_MAX_BYTES} bytes (S3 user guide, "Naming Amazon S3 objects"): use a prefix of at most ${S3_KEY_MAX_BYTES - SES_MESSAGE_ID_RESERVE} bytes`);
  }
  return text;
}

/**
 * SES developer guide, "Deliver to S3 bucket action": "SES does not support receipt rules that upload
 * to S3 buckets enabled with object lock configured with a default retention period". Read from the
 * bucket's AWS::S3::Bucket (s3.Bucket objectLockDefaultRetention, or CfnBucket objectLockConfiguration).
 */
export function checkNoDefaultRetention(prop: string, bucket: s3.IBucket): void {
  const cfn = bucket.node.defaultChild as CfnResource | undefined;
  if (!cfn || (cfn as CfnResource).cfnResourceType !== 'AWS::S3::Bucket') return;
  const config = Stack.of(cfn).resolve((cfn as s3.CfnBucket).objectLockConfiguration) as Record<string, any> | undefined;
  const rule = config?.rule ?? config?.Rule;
  const retention = rule?.defaultRetention ?? rule?.DefaultRetention;
  if (retention === undefined || retention === null) return;
  throw new Error(`${prop} ${bucket.node.path} has Object Lock with a default retention (${JSON.stringify(retention)}); SES does not support receipt rules that `
    + 'upload to such a bucket (SES developer guide, "Deliver to S3 bucket action"): use a bucket without a default retention, and set retention on the stored objects yourself');
}

/** A bucket is written by SES only in a region where SES receives mail (the one region rule). */
export function checkBucketRegion(prop: string, bucket: s3.IBucket, allowUnlistedRegion: boolean | undefined): void {
  // A token region (an environment-agnostic stack's) passes: checkReceivingRegion lets it through.
  checkReceivingRegion(`${prop}: the bucket ${bucket.node.path} is in`, bucket.env.region, allowUnlistedRegion,
    'SES writes only to a bucket in such a region (SES developer guide, "Deliver to S3 bucket action"): use a bucket in one of them');
}

/**
 * SES delivers only to topics, functions and keys of the region it receives in (SES developer guide,
 * "Regions and Amazon SES", email receiving; "Deliver to S3 bucket action": the KMS key "must be in the
 * same AWS region as the SES endpoint"). CloudFormation would create the rule and SES refuse it.
 */
export function checkSameRegion(scope: Construct, index: number, resource: IResource, arn: string, what: string): void {
  const region = Stack.of(scope).region;
  // An imported resource's region is in its ARN (older aws-cdk-lib leaves env.region the stack's).
  const theirs = Token.isUnresolved(arn) ? resource.env.region : arn.split(':')[3] || resource.env.region;
  if (Token.isUnresolved(region) || Token.isUnresolved(theirs) || region === theirs) return;
  throw new Error(`inboundMail receiving actions[${index}]: the ${what} ${resource.node.path} is in ${theirs}, but SES receives this domain's mail in ${region} `
    + `and delivers only to SNS topics, Lambda functions and KMS keys of that region; use one in ${region}`);
}

/**
 * A resource made in a stack of another account or region: the rule names it by a reference
 * CloudFormation cannot pass between accounts, nor between regions unless the stacks set
 * crossRegionReferences (aws-cdk-lib refuses at synth with a message of its own). `importHint` shows
 * how to import it in this stack.
 */
export function checkSameEnvironment(scope: Construct, index: number, resource: IConstruct, what: string, importHint: string): void {
  const ours = Stack.of(scope);
  const theirs = Stack.of(resource);
  if (theirs === ours) return;
  const difference = environmentDifference(ours, theirs);
  const where = `inboundMail receiving actions[${index}]: the ${what} ${resource.node.path} is made in stack ${theirs.node.path}`;
  if (difference === 'account') {
    throw new Error(`${where} of account ${theirs.account}, and this domain's stack ${ours.node.path} is in account ${ours.account}: `
      + `CloudFormation passes no references between accounts. Import it in this stack (${importHint}) and let SES use it with a policy in its own account`);
  }
  if (difference !== 'region') return;
  if ((ours as unknown as { _crossRegionReferences?: boolean })._crossRegionReferences) return;
  throw new Error(`${where} in ${theirs.region}, and this domain's stack ${ours.node.path} is in ${ours.region}: CloudFormation passes no references `
    + `between regions. Import it in this stack (${importHint}) and add SES's grant in its own stack, or set crossRegionReferences: true on this stack`);
}

/**
 * The KMS key a topic is encrypted with: a Topic's `masterKey` (newer aws-cdk-lib), else the key of
 * the app whose ARN its AWS::SNS::Topic names, else that id as a string (an alias such as
 * `alias/aws/sns`); undefined when not encrypted or not known (an imported topic).
 */
export function topicKeyOf(topic: sns.ITopic): kms.IKey | string | undefined {
  const own = (topic as { masterKey?: kms.IKey }).masterKey;
  if (own) return own;
  const cfn = topic.node.defaultChild as CfnResource | undefined;
  if (!cfn || cfn.cfnResourceType !== 'AWS::SNS::Topic') return undefined;
  const id = (cfn as sns.CfnTopic).kmsMasterKeyId;
  if (typeof id !== 'string') return undefined;
  const isIt = (c: IConstruct) => (c as Partial<kms.IKey>).keyArn === id && typeof (c as Partial<kms.IKey>).addToResourcePolicy === 'function';
  // The key is most often in the topic's stack; only then the whole app is searched.
  const key = (Stack.of(topic).node.findAll().find(isIt) ?? topic.node.root.node.findAll().find(isIt)) as kms.IKey | undefined;
  return key ?? (Token.isUnresolved(id) ? undefined : id);
}
