import { Annotations, CustomResource, Duration, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IDependable } from 'constructs';
import { ActivateFunction } from './activate-function';
import { applyCompliance, useHandlerRuntime } from '../waiter/compliance';

// Receiving with SES: a receipt rule for the domain in a rule set, whose actions deliver each message
// in the order given; every grant to SES is limited to this account and this rule (aws:SourceAccount,
// aws:SourceArn). Only the opt-in activation of a new rule set adds a Lambda.

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

  /** Grants SES what the action needs, for this account and rule only; returns the rule's action. @internal */
  public abstract _bind(scope: Construct, id: string, conditions: Record<string, unknown>): BoundAction;
}

class S3Action extends ReceivingAction {
  constructor(private readonly options: S3ReceivingOptions) {
    super();
  }

  public _bind(scope: Construct, _id: string, conditions: Record<string, unknown>): BoundAction {
    const { bucket, objectKeyPrefix, kmsKey } = this.options;
    const result = bucket.addToResourcePolicy(new iam.PolicyStatement({
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
    if (!result.statementAdded) grantNotAdded(scope, `bucket ${bucket.node.path}`, 's3:PutObject');
    return {
      property: { s3Action: { bucketName: bucket.bucketName, objectKeyPrefix, kmsKeyArn: kmsKey?.keyArn } },
      dependsOn: result.policyDependable ? [result.policyDependable] : [],
    };
  }
}

class SnsAction extends ReceivingAction {
  constructor(private readonly topic: sns.ITopic) {
    super();
  }

  public _bind(scope: Construct, _id: string, conditions: Record<string, unknown>): BoundAction {
    const result = this.topic.addToResourcePolicy(new iam.PolicyStatement({
      principals: [SES], actions: ['sns:Publish'], resources: [this.topic.topicArn], conditions,
    }));
    if (!result.statementAdded) grantNotAdded(scope, `topic ${this.topic.node.path}`, 'sns:Publish');
    return {
      property: { snsAction: { topicArn: this.topic.topicArn, encoding: 'UTF-8' } },
      dependsOn: result.policyDependable ? [result.policyDependable] : [],
    };
  }
}

class LambdaAction extends ReceivingAction {
  constructor(private readonly fn: lambda.IFunction) {
    super();
  }

  public _bind(scope: Construct, id: string, conditions: Record<string, unknown>): BoundAction {
    const permission = new lambda.CfnPermission(scope, `${id}Permission`, {
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
 * An imported bucket or topic has no policy the construct can add to: SES refuses to create a rule it
 * cannot deliver for, so say what to add.
 */
function grantNotAdded(scope: Construct, what: string, action: string): void {
  Annotations.of(scope).addWarningV2('cdk-verified-mail-domain:receivingGrantNotAdded',
    `The ${what} is imported, so the construct cannot add to its policy: allow ses.amazonaws.com ${action} there, with the conditions aws:SourceAccount (this account) `
    + 'and aws:SourceArn (this receipt rule), or SES refuses to create the rule');
}

/** Options of a new receipt rule set. */
export interface NewReceiptRuleSetOptions {
  /**
   * Activate the rule set when deployed (an opt-in custom resource: the only Lambda of receiving). It
   * refuses to replace another active set unless `replaceActive` is true, and on delete deactivates the
   * set only if it is still the active one.
   * @default true
   */
  readonly activate?: boolean;
  /**
   * Replace another active rule set of the account and region; that set's domains stop receiving.
   * @default false
   */
  readonly replaceActive?: boolean;
}

/** The receipt rule set that holds the domain's rule. */
export abstract class ReceiptRuleSetChoice {
  /** An existing rule set, by name: the construct adds its rule there and activates nothing. */
  public static existing(ruleSetName: string): ReceiptRuleSetChoice {
    return new ExistingRuleSet(ruleSetName);
  }

  /** A new rule set, activated by default (SES receives only through the one active set of a region). */
  public static create(options: NewReceiptRuleSetOptions = {}): ReceiptRuleSetChoice {
    return new NewRuleSet(options);
  }

  /** The rule set's name, and the activation resource if any. @internal */
  public abstract _bind(scope: Construct): { name: string; activation?: (rule: IDependable) => void };
}

class ExistingRuleSet extends ReceiptRuleSetChoice {
  constructor(private readonly name: string) {
    super();
    if (!Token.isUnresolved(name) && !/^[A-Za-z0-9]([A-Za-z0-9_.-]{0,62}[A-Za-z0-9])?$/.test(name)) {
      throw new Error(`receiving ruleSet name must be 1-64 letters, digits, '.', '_' or '-', starting and ending with a letter or digit (SES), got '${name}'`);
    }
  }

  public _bind(): { name: string } {
    return { name: this.name };
  }
}

class NewRuleSet extends ReceiptRuleSetChoice {
  constructor(private readonly options: NewReceiptRuleSetOptions) {
    super();
  }

  public _bind(scope: Construct): { name: string; activation?: (rule: IDependable) => void } {
    const set = new ses.CfnReceiptRuleSet(scope, 'ReceiptRuleSet', {});
    const name = set.ref;
    if (this.options.activate === false) return { name };
    return {
      name,
      activation: (rule) => {
        const activation = new CustomResource(scope, 'ReceiptRuleSetActivation', {
          serviceToken: activatorFor(scope).serviceToken,
          resourceType: 'Custom::SesActiveReceiptRuleSet',
          properties: { RuleSetName: name, ReplaceActive: String(this.options.replaceActive ?? false) },
        });
        // Activate once the rule exists; on delete, deactivate before the rule and the set go.
        activation.node.addDependency(rule);
      },
    };
  }
}

/** One activation provider per stack (its Lambda only reads and sets the account's active rule set). */
function activatorFor(scope: Construct): cr.Provider {
  const stack = Stack.of(scope);
  const id = 'VerifiedMailDomainRuleSetActivator';
  const existing = stack.node.tryFindChild(id);
  if (existing) return (existing as Construct).node.findChild('Provider') as cr.Provider;
  const holder = new Construct(stack, id);
  const onEvent = new ActivateFunction(holder, 'OnEvent', {
    description: 'cdk-verified-mail-domain: activates an SES receipt rule set without replacing another silently',
    timeout: Duration.seconds(30),
  });
  // Describe/SetActiveReceiptRuleSet act on the account and region, with no resource to name (IAM: "*").
  onEvent.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:DescribeActiveReceiptRuleSet', 'ses:SetActiveReceiptRuleSet'], resources: ['*'] }));
  const provider = new cr.Provider(holder, 'Provider', { onEventHandler: onEvent });
  useHandlerRuntime(provider, onEvent.runtime);
  applyCompliance(holder, 'ses:DescribeActiveReceiptRuleSet and ses:SetActiveReceiptRuleSet act on the account and region and support no resource-level permissions');
  return provider;
}

/** Receiving with SES: the rule for the domain and where its messages go. */
export interface SesReceivingOptions {
  /** What SES does with each message, in this order. */
  readonly actions: ReceivingAction[];
  /** The rule set that holds the rule: an existing one, or a new one the construct activates. */
  readonly ruleSet: ReceiptRuleSetChoice;
  /**
   * The recipients the rule matches: addresses or domains inside the domain.
   * @default - the domain itself: every address of it
   */
  readonly recipients?: string[];
  /**
   * Scan messages for spam and viruses.
   * @default true
   */
  readonly scanEnabled?: boolean;
  /**
   * Refuse mail not sent over TLS.
   * @default false
   */
  readonly tlsRequired?: boolean;
  /**
   * Allow receiving in a region not on the list of regions where SES receives mail (for a region added
   * after this release).
   * @default false
   */
  readonly allowUnlistedRegion?: boolean;
}
