import { Annotations, ArnFormat, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct, IDependable } from 'constructs';

// The stack's guardrail topic and the permissions SES and CloudWatch need to publish to a topic.
// SES publishes a configuration set's events to SNS as the service principal ses.amazonaws.com, and
// CloudWatch alarm notifications as cloudwatch.amazonaws.com. A topic encrypted with a customer managed
// key needs the key to allow them kms:GenerateDataKey* and kms:Decrypt (SNS developer guide, "Managing
// Amazon SNS encryption keys": "Enable compatibility between event sources from AWS services and
// encrypted topics"). Every grant is scoped by aws:SourceAccount and aws:SourceArn (the configuration
// sets, or the account's alarms) against the confused-deputy problem.

/** The id of the stack's guardrail topic, at the top of the stack (its logical id never depends on which domain made it). */
export const GUARDRAIL_TOPIC_ID = 'VerifiedMailDomainGuardrailTopic';

/** The configuration-set ARNs a topic lets SES publish for, kept on the topic (tree state, not module state). */
const SES_SOURCES = Symbol.for('cdk-verified-mail-domain.sesPublishSources');

/** One SNS topic per stack for SES events and reputation alarms, with its KMS key. */
export class GuardrailTopic extends Construct {
  public readonly topic: sns.Topic;
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the SES deliverability guardrail topic of VerifiedMailDomain (SES events and reputation alarms)',
      enableKeyRotation: true, // AwsSolutions-KMS5
      // The key protects only messages in flight; kept past the stack it would cost a key a month for nothing.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // cfn-guard CT.KMS.PR.3: grants of the key only for AWS resources or services (SNS and its publishers use none).
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'DenyGrantsExceptForAwsServices',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    }));
    this.topic = new sns.Topic(this, 'Resource', { displayName: 'SES deliverability guardrails', masterKey: this.key });
    // AwsSolutions-SNS3: publishing only over TLS (aws-cdk-lib 2.93 has no enforceSSL prop).
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowPublishThroughSSLOnly',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
    // The alarms' names are CloudFormation's, and a key or topic policy naming an alarm's ARN would make
    // a cycle (alarm -> topic -> key -> alarm): every alarm of the account in the stack's region.
    const alarms = stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const cloudwatch = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
    const sourceAccount = { StringEquals: { 'aws:SourceAccount': stack.account }, ArnLike: { 'aws:SourceArn': alarms } };
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudWatchAlarms', principals: [cloudwatch], actions: ['sns:Publish'], resources: [this.topic.topicArn], conditions: sourceAccount,
    }));
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudWatchAlarms', principals: [cloudwatch], actions: ['kms:GenerateDataKey*', 'kms:Decrypt'], resources: ['*'], conditions: sourceAccount,
    }));
  }
}

/** The stack's guardrail topic, made the first time a domain of the stack needs it. */
export function guardrailTopic(scope: IConstruct): GuardrailTopic {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(GUARDRAIL_TOPIC_ID);
  return existing instanceof GuardrailTopic ? existing : new GuardrailTopic(stack, GUARDRAIL_TOPIC_ID);
}

/**
 * Lets SES publish to `topic` (and use its key, for the guardrail topic) for the configuration set: one
 * statement per topic and one per key whose `aws:SourceArn` lists every guarded set. Returns what the
 * event destination must wait for, or undefined for a topic whose policy the app cannot change (imported).
 */
export function allowSesPublish(scope: IConstruct, topic: sns.ITopic, set: { arn: string }): IDependable | undefined {
  const state = topic as any;
  const known: { arns: string[]; policy?: IDependable } | undefined = state[SES_SOURCES];
  if (known) {
    known.arns.push(set.arn);
    return known.policy;
  }
  const arns = [set.arn];
  const stack = Stack.of(scope);
  const conditions = {
    StringEquals: { 'aws:SourceAccount': stack.account },
    ArnLike: { 'aws:SourceArn': Lazy.list({ produce: () => arns }) },
  };
  const ses = new iam.ServicePrincipal('ses.amazonaws.com');
  const result = topic.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowSesEventPublishing', principals: [ses], actions: ['sns:Publish'], resources: [topic.topicArn], conditions,
  }));
  const guardrail = topic.node.scope instanceof GuardrailTopic ? topic.node.scope : undefined;
  guardrail?.key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowSesEventPublishing', principals: [ses], actions: ['kms:GenerateDataKey*', 'kms:Decrypt'], resources: ['*'], conditions,
  }));
  state[SES_SOURCES] = { arns, policy: result.policyDependable };
  if (!result.statementAdded) {
    Annotations.of(scope).addWarningV2('cdk-verified-mail-domain:eventTopicPolicy',
      `The SNS topic ${topic.node.path} is imported, so its policy cannot be changed: SES publishes the sending events only if the topic's policy `
      + 'allows ses.amazonaws.com sns:Publish (and, for a topic encrypted with a customer managed key, the key allows it kms:GenerateDataKey* and kms:Decrypt)');
  }
  return result.statementAdded ? result.policyDependable : undefined;
}

/** A topic as a comparable key: its literal ARN (an import), or else the topic construct of the app. */
export function topicKey(topic: sns.ITopic): string {
  return Token.isUnresolved(topic.topicArn) ? topic.node.path : topic.topicArn;
}
