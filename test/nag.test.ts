import { App, Aspects, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as nag from 'cdk-nag';
import {
  DkimSigning, Dmarc, DmarcAlignment, DmarcFailureReportOption, DmarcPolicy, DmarcReports, InboundMail, ReceiptRuleSetChoice, ReceivingAction,
  Spf, SpfAll,
  VerificationWait, VerifiedMailDomain,
  ContactList, Deliverability, SendingEventDestination, SendingTenant, SubscriptionStatus, TenantReputationPolicy, VirtualDeliverabilityManager,
} from '../src';
import { encryptedReceiving } from './helpers/receiving-fixtures';

// cdk-nag 2's AwsSolutions pack (an aspect) over stacks that use every option of the construct: no
// errors, no warnings. cdk-nag 2 runs with the peer floor; on the newest aws-cdk-lib line the suite
// runs cdk-nag 3 instead (test/nag3.test.ts), so these tests are skipped there.
const CDK_NAG_2 = 'NagSuppressions' in nag;
const test = CDK_NAG_2 ? global.test : global.test.skip;

function nagged(build: (stack: Stack, zone: route53.IHostedZone) => void): Stack {
  const app = new App();
  const stack = new Stack(app, 'Nag', { env: { account: '123456789012', region: 'eu-west-1' } });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z123EXAMPLE', zoneName: 'example.org' });
  build(stack, zone);
  Aspects.of(stack).add(new (nag as any).AwsSolutionsChecks({ verbose: true }));
  app.synth();
  return stack;
}

function expectClean(stack: Stack): void {
  expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
}

test('cdk-nag 2 (peer floor): Easy DKIM with every other option passes AwsSolutions', () => {
  const stack = nagged((s, zone) => {
    const configurationSet = new ses.ConfigurationSet(s, 'Set');
    new VerifiedMailDomain(s, 'Mail', {
      hostedZone: zone,
      domainName: 'mail.example.org',
      dkim: DkimSigning.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
      mailFromSubdomain: 'return',
      mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.REJECT_MESSAGE,
      spf: Spf.publish({ include: ['_spf.google.com'], ip4: ['192.0.2.0/24'], ip6: ['2001:db8::/32'], a: true, mx: true, all: SpfAll.FAIL }),
      domainTxtValues: ['site-verification=abc'],
      dmarc: Dmarc.publish({
        policy: DmarcPolicy.REJECT,
        subdomainPolicy: DmarcPolicy.QUARANTINE,
        nonExistentSubdomainPolicy: DmarcPolicy.REJECT,
        aggregateReportAddresses: ['dmarc@example.org'],
        failureReportAddresses: ['ruf@example.org'],
        dkimAlignment: DmarcAlignment.STRICT,
        failureReportOptions: [DmarcFailureReportOption.ANY_FAIL],
        testing: true,
      }),
      inboundMail: InboundMail.servers([{ host: 'mx1.example.net', priority: 10 }]),
      configurationSet,
      deliverability: Deliverability.guard({
        virtualDeliverabilityManager: VirtualDeliverabilityManager.enable(),
        contactList: ContactList.create({ topics: [{ topicName: 'news', displayName: 'News', defaultSubscriptionStatus: SubscriptionStatus.OPT_IN }] }),
      }),
      recordOutputs: true,
    });
  });
  expectClean(stack);
});

test('cdk-nag 2 (peer floor): BYODKIM, SES receiving with rule-set activation, null MX and a grant pass AwsSolutions', () => {
  const stack = nagged((s, zone) => {
    const mail = new VerifiedMailDomain(s, 'Mail', {
      hostedZone: zone,
      dkim: DkimSigning.byoDkim({ selector: 'sel', privateKey: SecretValue.secretsManager('dkim-key') }),
      customMailFrom: false,
      inboundMail: InboundMail.ses(),
    });
    const role = new iam.Role(s, 'Sender', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    mail.grantSendEmail(role, { fromAddressInDomainOnly: true });
    new VerifiedMailDomain(s, 'Parked', { hostedZone: zone, domainName: 'parked.example.org', inboundMail: InboundMail.none() });
    new VerifiedMailDomain(s, 'Guarded', {
      hostedZone: zone,
      domainName: 'guarded.example.org',
      deliverability: Deliverability.guard({
        eventDestination: SendingEventDestination.defaultEventBus(),
        tenant: SendingTenant.named('customer-1', { reputationPolicy: TenantReputationPolicy.STRICT }),
        contactList: ContactList.fromContactListName('Newsletter'),
      }),
    });
    new VerifiedMailDomain(s, 'Inbox', {
      hostedZone: zone,
      domainName: 'inbox.example.org',
      inboundMail: InboundMail.ses({
        actions: [ReceivingAction.s3({ bucket: s3.Bucket.fromBucketName(s, 'InboxBucket', 'inbox-bucket'), objectKeyPrefix: 'in/' })],
        ruleSet: ReceiptRuleSetChoice.create(),
      }),
      // The reports' rule joins the inbox's new set; the bucket is the construct's.
      dmarcReports: DmarcReports.receive({ failureReports: true }),
    });
    encryptedReceiving(s, zone);
  });
  expectClean(stack);
});

test('cdk-nag 2 (peer floor): the reports bucket\'s S1 suppression is needed: without it, S1 and only S1', () => {
  const stack = nagged((s, zone) => {
    const ruleSet = ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(s, 'Inbound', 'inbound'));
    new VerifiedMailDomain(s, 'Mail', { hostedZone: zone, dmarcReports: DmarcReports.receive({ ruleSet }) });
    const bucket = s.node.findChild('Mail').node.findChild('DmarcReports').node.findChild('Bucket').node.defaultChild as unknown as { cfnOptions: { metadata: Record<string, unknown> } };
    delete bucket.cfnOptions.metadata.cdk_nag;
  });
  const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')).map((e) => String(e.entry.data).split(/[:[]/)[0]);
  expect([...new Set(errors)]).toEqual(['AwsSolutions-S1']);
});

test('cdk-nag 2 (peer floor): the nag pack runs and reports (a bare IAM user with an inline policy is flagged)', () => {
  // Guards the two tests above against a pack that silently checks nothing.
  const stack = nagged((s) => {
    const user = new iam.User(s, 'User');
    user.addToPolicy(new iam.PolicyStatement({ actions: ['ses:*'], resources: ['*'] }));
  });
  expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-IAM5'))).not.toEqual([]);
});

test('cdk-nag 2 (peer floor): the verification waiter passes AwsSolutions, with suppressions only for the framework\'s IAM4/IAM5', () => {
  const stack = nagged((s, zone) => {
    new VerifiedMailDomain(s, 'Mail', { hostedZone: zone, waitForVerification: VerificationWait.untilVerified() });
    new VerifiedMailDomain(s, 'Shop', {
      hostedZone: zone,
      domainName: 'shop.example.org',
      waitForVerification: VerificationWait.untilVerified({ interval: Duration.seconds(10), timeout: Duration.minutes(10) }),
    });
  });
  expectClean(stack);
  // The suppressions are on the waiter's roles and policies only, and name exactly these rules.
  const suppressed = new Set<string>();
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string; Metadata?: any }>;
  for (const [id, r] of Object.entries(resources)) {
    const rules = r.Metadata?.cdk_nag?.rules_to_suppress as { id: string }[] | undefined;
    if (!rules) continue;
    expect(id).toMatch(/^VerifiedMailDomainWaiter/);
    expect(['AWS::IAM::Role', 'AWS::IAM::Policy']).toContain(r.Type);
    rules.forEach((rule) => suppressed.add(rule.id));
  }
  expect([...suppressed].sort()).toEqual(['AwsSolutions-IAM4', 'AwsSolutions-IAM5']);
});

test('cdk-nag 2 (peer floor): without the suppressions the waiter would be flagged: they are needed, not decoration', () => {
  const stack = nagged((s, zone) => {
    new VerifiedMailDomain(s, 'Mail', { hostedZone: zone, waitForVerification: VerificationWait.untilVerified() });
    for (const c of s.node.findAll()) {
      const cfn = c as unknown as { cfnOptions?: { metadata?: Record<string, unknown> } };
      if (cfn.cfnOptions?.metadata?.cdk_nag) delete cfn.cfnOptions.metadata.cdk_nag;
    }
  });
  const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))
    .map((e) => String(e.entry.data).split(/[:[]/)[0]);
  expect([...new Set(errors)].sort()).toEqual(['AwsSolutions-IAM4', 'AwsSolutions-IAM5']);
});

test('cdk-nag 2 (peer floor): the guardrail topic\'s fixes are needed: without key rotation, encryption and the TLS-only statement, KMS5, SNS2 and SNS3', () => {
  const stack = nagged((s, zone) => {
    new VerifiedMailDomain(s, 'Mail', { hostedZone: zone, deliverability: Deliverability.guard() });
    const guardrail = s.node.findChild('VerifiedMailDomainGuardrailTopic');
    // cdk-nag 2 reads the L1 properties (not overrides).
    (guardrail.node.findChild('Key').node.defaultChild as kms.CfnKey).enableKeyRotation = false;
    const topic = guardrail.node.findChild('Resource');
    // SNS3 holds for an encrypted topic whatever its policy ("If SSE is already enabled then this control is auto enforced").
    (topic.node.defaultChild as sns.CfnTopic).kmsMasterKeyId = undefined;
    const policy = topic.node.findChild('Policy').node.defaultChild as sns.CfnTopicPolicy;
    policy.policyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ses.amazonaws.com' }, Action: 'sns:Publish', Resource: '*' }] };
  });
  const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))
    .map((e) => String(e.entry.data).split(/[:[]/)[0]);
  expect([...new Set(errors)].sort()).toEqual(['AwsSolutions-KMS5', 'AwsSolutions-SNS2', 'AwsSolutions-SNS3']);
});
