import { Annotations, IResource, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IDependable } from 'constructs';

// The actions of a receipt rule: deliver to S3, publish to SNS, invoke Lambda, in the order given.
// Every grant to SES is limited to this account and this rule (aws:SourceAccount, aws:SourceArn).

const SES = new iam.ServicePrincipal('ses.amazonaws.com');

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

/** What the construct grants SES for one action, and how the rule renders it. */
interface BoundAction {
  readonly property: ses.CfnReceiptRule.ActionProperty;
  readonly dependsOn: IDependable[];
}

/** An action of the receipt rule: deliver to S3, publish to SNS, or invoke a Lambda function. */
export abstract class ReceivingAction {
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

  /** Grants SES what the action needs, for this account and rule only; returns the rule's action (the `index`th). @internal */
  public abstract _bind(scope: Construct, index: number, conditions: Record<string, unknown>): BoundAction;
}

class S3Action extends ReceivingAction {
  constructor(private readonly options: S3ReceivingOptions) {
    super();
  }

  public _bind(scope: Construct, index: number, conditions: Record<string, unknown>): BoundAction {
    const { bucket, objectKeyPrefix, kmsKey } = this.options;
    if (kmsKey) checkSameRegion(scope, index, kmsKey, kmsKey.keyArn, 'KMS key');
    const dependsOn = grantToSes(scope, `bucket ${bucket.node.path}`, bucket, new iam.PolicyStatement({
      sid: 'AllowSesReceiptRule',
      principals: [SES],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`${objectKeyPrefix ?? ''}*`)],
      conditions,
    }));
    kmsKey?.addToResourcePolicy(new iam.PolicyStatement({
      principals: [SES],
      actions: ['kms:Encrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions,
    }));
    return {
      property: { s3Action: { bucketName: bucket.bucketName, objectKeyPrefix, kmsKeyArn: kmsKey?.keyArn } },
      dependsOn,
    };
  }
}

class SnsAction extends ReceivingAction {
  constructor(private readonly topic: sns.ITopic) {
    super();
  }

  public _bind(scope: Construct, index: number, conditions: Record<string, unknown>): BoundAction {
    checkSameRegion(scope, index, this.topic, this.topic.topicArn, 'topic');
    const dependsOn = grantToSes(scope, `topic ${this.topic.node.path}`, this.topic, new iam.PolicyStatement({
      principals: [SES], actions: ['sns:Publish'], resources: [this.topic.topicArn], conditions,
    }));
    return {
      property: { snsAction: { topicArn: this.topic.topicArn, encoding: 'UTF-8' } },
      dependsOn,
    };
  }
}

class LambdaAction extends ReceivingAction {
  constructor(private readonly fn: lambda.IFunction) {
    super();
  }

  public _bind(scope: Construct, index: number, conditions: Record<string, unknown>): BoundAction {
    checkSameRegion(scope, index, this.fn, this.fn.functionArn, 'function');
    const permission = new lambda.CfnPermission(scope, `ReceivingAction${index + 1}Permission`, {
      action: 'lambda:InvokeFunction',
      functionName: this.fn.functionArn,
      principal: 'ses.amazonaws.com',
      sourceAccount: (conditions.StringEquals as Record<string, string>)['aws:SourceAccount'],
      sourceArn: (conditions.ArnLike as Record<string, string>)['aws:SourceArn'],
    });
    return { property: { lambdaAction: { functionArn: this.fn.functionArn, invocationType: 'Event' } }, dependsOn: [permission] };
  }
}

/**
 * SES delivers only to topics, functions and keys of the region it receives in; a bucket may be in
 * another (SES developer guide, "Regions and Amazon SES", email receiving). CloudFormation would create
 * the rule and SES refuse it at deploy.
 */
function checkSameRegion(scope: Construct, index: number, resource: IResource, arn: string, what: string): void {
  const region = Stack.of(scope).region;
  // An imported resource's region is in its ARN (older aws-cdk-lib leaves env.region the stack's).
  const theirs = Token.isUnresolved(arn) ? resource.env.region : arn.split(':')[3] || resource.env.region;
  if (Token.isUnresolved(region) || Token.isUnresolved(theirs) || region === theirs) return;
  throw new Error(`inboundMail receiving actions[${index}]: the ${what} ${resource.node.path} is in ${theirs}, but SES receives this domain's mail in ${region} `
    + `and delivers only to SNS topics, Lambda functions and KMS keys of that region; use one in ${region}`);
}

/**
 * Adds SES's grant to a resource policy and returns what the rule must wait for. An imported bucket or
 * topic has no policy the construct can add to: SES refuses to create a rule it cannot deliver for, so
 * a warning says what to add.
 */
function grantToSes(scope: Construct, what: string, resource: iam.IResourceWithPolicy, statement: iam.PolicyStatement): IDependable[] {
  const result = resource.addToResourcePolicy(statement);
  if (!result.statementAdded) {
    Annotations.of(scope).addWarningV2('cdk-verified-mail-domain:receivingGrantNotAdded',
      `The ${what} is imported, so the construct cannot add to its policy: allow ses.amazonaws.com ${statement.actions.join(', ')} there, `
      + 'with the conditions aws:SourceAccount (this account) and aws:SourceArn (this receipt rule), or SES refuses to create the rule');
  }
  return result.policyDependable ? [result.policyDependable] : [];
}
