import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { InboundMail, ReceiptRuleSetChoice, ReceivingAction, SesReceivingOptions, VerifiedMailDomain } from '../../src';

// Fixtures of the receiving tests: a domain example.org receiving in a stack of account 123456789012.

/** A stack `Mail` whose VerifiedMailDomain `Mail` receives with the options made in it. */
export function receivingStack(options: (stack: Stack) => SesReceivingOptions, region = 'eu-west-1', app = new App()): { stack: Stack; template: Template } {
  const stack = new Stack(app, 'Mail', { env: { account: '123456789012', region } });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, inboundMail: InboundMail.ses(options(stack)) });
  return { stack, template: Template.fromStack(stack) };
}

/** The conditions of a grant in the rule's own stack: this account, and the rule `Mail-140898A8` of the set. */
export function onlyThisRule(ruleSet: string | object): object {
  return {
    StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
    ArnLike: {
      'aws:SourceArn': {
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' },
          ...(typeof ruleSet === 'string' ? [`:receipt-rule-set/${ruleSet}:receipt-rule/Mail-140898A8`] : [':receipt-rule-set/', ruleSet, ':receipt-rule/Mail-140898A8'])]],
      },
    },
  };
}

/**
 * For the cdk-nag tests: sealed.example.org receives into an imported bucket encrypted with a key of the
 * app (also the S3 action's key) and a topic with that key, so the key policy gets SES's statements.
 * The key rotates and the topic refuses publishing without TLS, as AwsSolutions wants of the user's own.
 */
export function encryptedReceiving(stack: Stack, zone: route53.IHostedZone): void {
  const key = new kms.Key(stack, 'InboxKey', { enableKeyRotation: true });
  const topic = new sns.Topic(stack, 'InboxTopic', { masterKey: key });
  topic.addToResourcePolicy(new iam.PolicyStatement({
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['sns:Publish'],
    resources: [topic.topicArn],
    conditions: { Bool: { 'aws:SecureTransport': 'false' } },
  }));
  const bucket = s3.Bucket.fromBucketAttributes(stack, 'SealedBucket', { bucketName: 'sealed-inbox', encryptionKey: key });
  new VerifiedMailDomain(stack, 'Sealed', {
    hostedZone: zone,
    domainName: 'sealed.example.org',
    inboundMail: InboundMail.ses({
      actions: [ReceivingAction.s3({ bucket, kmsKey: key }), ReceivingAction.sns(topic)],
      ruleSet: ReceiptRuleSetChoice.existing('inbound'),
    }),
  });
}
