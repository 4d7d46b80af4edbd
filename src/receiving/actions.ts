import { Annotations, Arn, ArnFormat, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IDependable } from 'constructs';
import { awsManagedAlias, awsManagedAliasOf, conditionsFor, grantToSes, RuleTarget, SES, warnGrantNotAdded } from './grants';
import { checkBucket, checkFunction, checkOptionalKey, checkOptionsObject, checkTopic } from './kinds';
import { checkKind, checkKnownKeys, knownKeys } from '../validation';
import { checkBucketRegion, checkNoDefaultRetention, checkObjectKeyPrefix, checkSameEnvironment, checkSameRegion, topicKeyOf } from './resource-checks';
import { actionContextOf } from './rule-binding';

// The actions of a receipt rule: deliver to S3, publish to SNS, invoke Lambda, in the order given.
// Every grant to SES is limited to this account and this rule (grants.ts), and so is every key SES
// must use: the S3 action's own key, the bucket's SSE-KMS key and the topic's key.

/** Where a received message goes. */
export interface S3ReceivingOptions {
  /** The bucket that stores each message. */
  readonly bucket: s3.IBucket;
  /**
   * Key prefix of the stored messages.
   * @default - no prefix
   */
  readonly objectKeyPrefix?: string;
  /**
   * A KMS key SES encrypts the messages with; its key policy lets SES use it for this rule only.
   * @default - no SES-side encryption (the bucket's own encryption applies)
   */
  readonly kmsKey?: kms.IKey;
}

/** The props of S3ReceivingOptions, for checkKnownKeys. */
const S3_OPTION_KEYS = knownKeys<S3ReceivingOptions>({ bucket: true, objectKeyPrefix: true, kmsKey: true });

/** What the construct grants SES for one action, and how the rule renders it. */
interface BoundAction {
  readonly property: ses.CfnReceiptRule.ActionProperty;
  readonly dependsOn: IDependable[];
}

/**
 * An action of the domain's receipt rule that the construct grants SES for, for this account and rule
 * only: deliver to S3, publish to SNS, or invoke a Lambda function. It is an `ses.IReceiptRuleAction`,
 * so it sits in `actions` beside aws-cdk-lib's `aws-ses-actions` (AddHeader, Bounce, Stop, WorkMail...);
 * it binds only to the rule of `InboundMail.ses({ actions })`, whose name its grants carry.
 */
export abstract class ReceivingAction implements ses.IReceiptRuleAction {
  /** Store the message in an S3 bucket. */
  public static s3(options: S3ReceivingOptions): ReceivingAction {
    return new S3Action(options);
  }

  /** Publish the message (UTF-8, up to 150 KB) to an SNS topic. */
  public static sns(topic: sns.ITopic): ReceivingAction {
    return new SnsAction(topic);
  }

  /** Invoke a Lambda function with the message's metadata (asynchronously). */
  public static lambda(fn: lambda.IFunction): ReceivingAction {
    return new LambdaAction(fn);
  }

  /** How the user made the action, for messages. @internal */
  public abstract readonly _factory: string;

  /**
   * Grants SES what the action needs, for this account and this rule only, and returns the rule's
   * action. Throws for a rule other than the one of `InboundMail.ses({ actions })`.
   */
  public bind(rule: ses.IReceiptRule): ses.ReceiptRuleActionConfig {
    checkKind('ReceivingAction.bind rule', rule, typeof rule === 'object' && rule !== null && typeof (rule as Partial<ses.IReceiptRule>).node === 'object',
      'an ses.IReceiptRule (the receipt rule of InboundMail.ses({ actions }))');
    const context = actionContextOf(rule);
    if (!context) {
      throw new Error(`${this._factory} is bound to the receipt rule ${rule.node.path}, but it can be used only in InboundMail.ses({ actions }) of a VerifiedMailDomain, `
        + "whose rule name its grants carry: in your own ses.ReceiptRule use aws-cdk-lib's aws-ses-actions (S3, Sns, Lambda)");
    }
    const bound = this._bind(context.scope, context.index, context.target);
    // SES checks its permissions when the rule is created: the grants come first.
    for (const d of bound.dependsOn) rule.node.addDependency(d);
    return bound.property as ses.ReceiptRuleActionConfig;
  }

  /** Grants SES what the action needs, for this account and rule only; returns the rule's action (the `index`th). @internal */
  public abstract _bind(scope: Construct, index: number, rule: RuleTarget): BoundAction;
}

class S3Action extends ReceivingAction {
  public readonly _factory = 'ReceivingAction.s3(...)';
  private readonly bucket: s3.IBucket;
  private readonly objectKeyPrefix?: string;
  private readonly kmsKey?: kms.IKey;

  constructor(options: S3ReceivingOptions) {
    super();
    checkOptionsObject('ReceivingAction.s3 options', options, 'an object of S3ReceivingOptions ({ bucket, objectKeyPrefix?, kmsKey? })');
    checkKnownKeys('ReceivingAction.s3', options, S3_OPTION_KEYS);
    this.bucket = checkBucket('ReceivingAction.s3 bucket', options.bucket);
    this.objectKeyPrefix = checkObjectKeyPrefix('ReceivingAction.s3 objectKeyPrefix', options.objectKeyPrefix);
    this.kmsKey = checkOptionalKey('ReceivingAction.s3 kmsKey', options.kmsKey);
    const managed = this.kmsKey && awsManagedAlias(this.kmsKey);
    // SES developer guide, "Deliver to S3 bucket action": the AWS managed key for SES (alias/aws/ses)
    // or a customer managed key; any other AWS managed key lets only its own service use it.
    if (managed && managed !== 'aws/ses') {
      throw new Error(`ReceivingAction.s3 kmsKey is the AWS managed key alias/${managed}, whose key policy lets only its own service use it and cannot be changed, `
        + 'so SES can never encrypt with it: use alias/aws/ses (SES\'s own AWS managed key) or a customer managed key');
    }
  }

  public _bind(scope: Construct, index: number, rule: RuleTarget): BoundAction {
    const { bucket, objectKeyPrefix, kmsKey } = this;
    checkNoDefaultRetention('ReceivingAction.s3 bucket', bucket);
    checkBucketRegion(`inboundMail receiving actions[${index}]`, bucket, rule.allowUnlistedRegion);
    checkSameEnvironment(scope, index, bucket, 'bucket', `s3.Bucket.fromBucketAttributes(this, 'Inbox', { bucketName, region: '${Stack.of(bucket).region}' })`);
    const dependsOn = grantToSes(scope, `bucket ${bucket.node.path}`, bucket, new iam.PolicyStatement({
      sid: 'AllowSesReceiptRule',
      principals: [SES],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`${objectKeyPrefix ?? ''}*`)],
      conditions: conditionsFor(rule, bucket),
    }));
    // SSE-KMS: S3 encrypts with the bucket's key on SES's behalf, so SES needs kms:Encrypt and
    // kms:GenerateDataKey on it (SES API reference, S3Action IamRoleArn: "s3:PutObject, kms:Encrypt
    // and kms:GenerateDataKey for the given Amazon S3 bucket").
    const bucketKey = bucket.encryptionKey as (kms.IKey & Partial<kms.IAlias>) | undefined;
    if (bucketKey && awsManagedAlias(bucketKey) === undefined && (bucketKey.aliasName !== undefined || /:alias\//.test(String(bucketKey.keyArn)))) {
      // SES developer guide, "Deliver to S3 bucket action": a bucket encrypted with your own key must
      // name it by its fully qualified key ARN, not an alias (an alias may resolve to a key of the
      // requester instead of the bucket owner's).
      const shown = [bucketKey.aliasName, bucketKey.keyArn].find((n) => n !== undefined && !Token.isUnresolved(n)) ?? bucketKey.node.path;
      throw new Error(`ReceivingAction.s3 bucket ${bucket.node.path} is encrypted with the KMS alias ${shown}: SES writes to a bucket `
        + 'encrypted with your own key only when the bucket names the key by its full key ARN, not an alias. Give the bucket the key itself (encryptionKey: key)');
    }
    if (bucket.encryptionKey && awsManagedAlias(bucket.encryptionKey) === undefined) {
      grantKey(scope, `KMS key ${bucket.encryptionKey.node.path} of the bucket ${bucket.node.path}`, bucket.encryptionKey, ['kms:Encrypt', 'kms:GenerateDataKey*'], rule);
    }
    if (kmsKey) {
      checkSameRegion(scope, index, kmsKey, kmsKey.keyArn, 'KMS key');
      checkSameEnvironment(scope, index, kmsKey, 'KMS key', "kms.Key.fromKeyArn(this, 'Key', keyArn)");
      // SES developer guide, "Giving permissions to Amazon SES for email receiving": the AWS managed
      // key alias/aws/ses needs no grant; a customer managed key a key-policy statement.
      if (awsManagedAlias(kmsKey) === undefined) grantKey(scope, `KMS key ${kmsKey.node.path}`, kmsKey, ['kms:Encrypt', 'kms:GenerateDataKey*'], rule);
    }
    return {
      property: { s3Action: { bucketName: bucket.bucketName, objectKeyPrefix, kmsKeyArn: kmsKey?.keyArn } },
      dependsOn,
    };
  }
}

class SnsAction extends ReceivingAction {
  public readonly _factory = 'ReceivingAction.sns(...)';
  private readonly topic: sns.ITopic;

  constructor(topic: sns.ITopic) {
    super();
    this.topic = checkTopic('ReceivingAction.sns topic', topic);
  }

  public _bind(scope: Construct, index: number, rule: RuleTarget): BoundAction {
    const topic = this.topic;
    checkSameRegion(scope, index, topic, topic.topicArn, 'topic');
    checkSameEnvironment(scope, index, topic, 'topic', "sns.Topic.fromTopicArn(this, 'Topic', topicArn)");
    const key = topicKeyOf(topic);
    const managed = typeof key === 'string' ? awsManagedAliasOf(key) : key && awsManagedAlias(key);
    // SNS developer guide, "Encryption at rest" (AWS services publishing to encrypted topics): the
    // publishing service needs kms:GenerateDataKey* and kms:Decrypt on the topic's key, which the AWS
    // managed key alias/aws/sns never grants: its key policy cannot be changed.
    if (managed) {
      throw new Error(`ReceivingAction.sns topic ${topic.node.path} is encrypted with the AWS managed key alias/${managed}, whose key policy cannot be changed `
        + 'and lets no AWS service such as SES use it, so SES could never publish a message: encrypt the topic with a customer managed key (masterKey: new kms.Key(...)), '
        + 'which the construct lets SES use for this rule');
    }
    const dependsOn = grantToSes(scope, `topic ${topic.node.path}`, topic, new iam.PolicyStatement({
      principals: [SES], actions: ['sns:Publish'], resources: [topic.topicArn], conditions: conditionsFor(rule, topic),
    }));
    const actions = ['kms:Decrypt', 'kms:GenerateDataKey*'];
    if (typeof key === 'object') {
      grantKey(scope, `KMS key ${key.node.path} of the topic ${topic.node.path}`, key, actions, rule);
    } else if (typeof key === 'string') {
      // A key named only by its id on the AWS::SNS::Topic: nothing the construct can add to.
      warnGrantNotAdded(scope, `KMS key ${key} of the topic ${topic.node.path}`, true, keyStatement(actions, conditionsFor(rule, topic)));
    }
    return {
      property: { snsAction: { topicArn: topic.topicArn, encoding: 'UTF-8' } },
      dependsOn,
    };
  }
}

class LambdaAction extends ReceivingAction {
  public readonly _factory = 'ReceivingAction.lambda(...)';
  private readonly fn: lambda.IFunction;

  constructor(fn: lambda.IFunction) {
    super();
    this.fn = checkFunction('ReceivingAction.lambda fn', fn);
  }

  public _bind(scope: Construct, index: number, rule: RuleTarget): BoundAction {
    checkSameRegion(scope, index, this.fn, this.fn.functionArn, 'function');
    checkSameEnvironment(scope, index, this.fn, 'function', "lambda.Function.fromFunctionArn(this, 'Fn', functionArn)");
    const property = { lambdaAction: { functionArn: this.fn.functionArn, invocationType: 'Event' } };
    // A function of another account: a permission on it can be added only in that account (Lambda
    // AddPermission acts on the function's own account), so the user must add it there.
    const account = Arn.split(this.fn.functionArn, ArnFormat.COLON_RESOURCE_NAME).account;
    const own = rule.stack.account;
    if (account && !Token.isUnresolved(account) && !Token.isUnresolved(own) && account !== own) {
      Annotations.of(scope).addWarningV2('cdk-verified-mail-domain:receivingGrantNotAdded',
        `The function ${this.fn.functionArn} of ReceivingAction.lambda is in account ${account}, so the construct cannot add its permission from account ${own}: `
        + `in account ${account}, allow ses.amazonaws.com lambda:InvokeFunction on it with aws:SourceAccount ${own} and aws:SourceArn this receipt rule `
        + `(aws lambda add-permission --principal ses.amazonaws.com --source-account ${own}), or SES refuses to create the rule`);
      return { property, dependsOn: [] };
    }
    const conditions = conditionsFor(rule, scope);
    const permission = new lambda.CfnPermission(scope, `ReceivingAction${index + 1}Permission`, {
      action: 'lambda:InvokeFunction',
      functionName: this.fn.functionArn,
      principal: 'ses.amazonaws.com',
      sourceAccount: conditions.StringEquals['aws:SourceAccount'] as string,
      sourceArn: conditions.ArnLike['aws:SourceArn'] as string,
    });
    return { property, dependsOn: [permission] };
  }
}

/** A key-policy statement letting SES use the key for this rule only (a warning with it when the key is imported). */
function grantKey(scope: Construct, what: string, key: kms.IKey, actions: string[], rule: RuleTarget): void {
  grantToSes(scope, what, key, keyStatement(actions, conditionsFor(rule, key)));
}

function keyStatement(actions: string[], conditions: Record<string, Record<string, unknown>>): iam.PolicyStatement {
  return new iam.PolicyStatement({ principals: [SES], actions, resources: ['*'], conditions });
}
