import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as nag from 'cdk-nag';
import {
  DkimSigning, Dmarc, DmarcPolicy, DmarcReports, InboundMail, ReceiptRuleSetChoice, ReceivingAction, Spf, VerificationWait, VerifiedMailDomain,
  ContactList, Deliverability, SendingEventDestination, SendingTenant, SubscriptionStatus, TenantReputationPolicy, VirtualDeliverabilityManager,
} from '../src';
import { encryptedReceiving } from './helpers/receiving-fixtures';

// cdk-nag 3 (a policy-validation plugin, aws-cdk-lib >= 2.257) and cfn-guard
// (@cdklabs/cdk-validator-cfnguard) over stacks that use every option, the verification wait included.
// They run on the newest aws-cdk-lib line (`npx projen test:newest`); on the peer floor, which has
// no policy-validation acknowledgements, the tests are skipped. The floor's types do not know these
// APIs, so they are reached untyped.
const Validations = (cdk as any).Validations;
const NEWEST_LINE = Validations !== undefined && !('NagSuppressions' in nag);
const test = NEWEST_LINE ? global.test : global.test.skip;

type Plugin = 'AwsSolutions' | 'cfn-guard';

function plugin(app: cdk.App, which: Plugin): unknown {
  if (which === 'AwsSolutions') return new (nag as any).AwsSolutionsChecks(app);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { CfnGuardValidator } = require('@cdklabs/cdk-validator-cfnguard');
  return new CfnGuardValidator();
}

/** The findings the plugin reports, as `Acknowledge with` ids, or [] when the synth passes. */
function findings(which: Plugin, build: (stack: cdk.Stack, zone: route53.IHostedZone) => void, context?: Record<string, unknown>): string[] {
  const app = new cdk.App({ context });
  Validations.of(app).addPlugins(plugin(app, which));
  const stack = new cdk.Stack(app, 'Nag', { env: { account: '123456789012', region: 'eu-west-1' } });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z123EXAMPLE', zoneName: 'example.org' });
  build(stack, zone);
  try {
    app.synth();
    return [];
  } catch (e) {
    const ids = [...(e as Error).message.matchAll(/Acknowledge with '([^']+)'/g)].map((m) => m[1]);
    if (ids.length === 0) throw e;
    return [...new Set(ids)].sort();
  }
}

/** One-click unsubscribe: the contact list every guarded domain of the nag stacks asks for. */
function contactList(): ContactList {
  return ContactList.create({ topics: [{ topicName: 'news', displayName: 'News', defaultSubscriptionStatus: SubscriptionStatus.OPT_IN }] });
}

function everyOption(stack: cdk.Stack, zone: route53.IHostedZone): void {
  const mail = new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone,
    domainName: 'mail.example.org',
    spf: Spf.publish({ include: ['_spf.google.com'], ip4: ['192.0.2.0/24'] }),
    domainTxtValues: ['site-verification=abc'],
    dmarc: Dmarc.publish({ policy: DmarcPolicy.REJECT, aggregateReportAddresses: ['dmarc@example.org'] }),
    inboundMail: InboundMail.ses(),
    // Its own rule in an existing set: Inbox's new set is the one the stack activates.
    dmarcReports: DmarcReports.receive({ failureReports: true, ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(stack, 'Inbound', 'inbound')) }),
    configurationSet: new ses.ConfigurationSet(stack, 'Set'),
    deliverability: Deliverability.guard({ virtualDeliverabilityManager: VirtualDeliverabilityManager.enable(), contactList: contactList() }),
    waitForVerification: VerificationWait.untilVerified(),
  });
  new VerifiedMailDomain(stack, 'Guarded', {
    hostedZone: zone,
    domainName: 'guarded.example.org',
    deliverability: Deliverability.guard({
      eventDestination: SendingEventDestination.defaultEventBus(),
      tenant: SendingTenant.named('customer-1', { reputationPolicy: TenantReputationPolicy.STRICT }),
      contactList: contactList(),
    }),
  });
  mail.grantSendEmail(new iam.Role(stack, 'Sender', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }), { fromAddressInDomainOnly: true });
  inboxWithActivation(stack, zone);
  encryptedReceiving(stack, zone);
  new VerifiedMailDomain(stack, 'Byo', {
    hostedZone: zone,
    domainName: 'byo.example.org',
    dkim: DkimSigning.byoDkim({ selector: 'sel', privateKey: cdk.SecretValue.secretsManager('dkim-key') }),
    customMailFrom: false,
    waitForVerification: VerificationWait.untilVerified({ interval: cdk.Duration.seconds(10), timeout: cdk.Duration.minutes(10) }),
  });
}

/** Every kind of guardrail, without the waiter: its acknowledgements make the synth pass whatever else is found. */
function guardrailsOnly(stack: cdk.Stack, zone: route53.IHostedZone): void {
  new VerifiedMailDomain(stack, 'Own', {
    hostedZone: zone,
    domainName: 'own.example.org',
    deliverability: Deliverability.guard({ virtualDeliverabilityManager: VirtualDeliverabilityManager.enable(), tenant: SendingTenant.named('customer-1'), contactList: contactList() }),
  });
  new VerifiedMailDomain(stack, 'Shared', {
    hostedZone: zone, domainName: 'shared.example.org', configurationSet: new ses.ConfigurationSet(stack, 'Set'), deliverability: Deliverability.guard(),
  });
  new VerifiedMailDomain(stack, 'Bus', {
    hostedZone: zone,
    domainName: 'bus.example.org',
    deliverability: Deliverability.guard({
      eventDestination: SendingEventDestination.defaultEventBus(), contactList: ContactList.fromContactListName('verified-mail-domain'),
    }),
  });
}

/** DMARC reports into the bucket the construct makes, through an existing rule set: no activator, no waiter. */
function reportsOnly(stack: cdk.Stack, zone: route53.IHostedZone): void {
  new VerifiedMailDomain(stack, 'Reported', {
    hostedZone: zone,
    domainName: 'reported.example.org',
    dmarcReports: DmarcReports.receive({ ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(stack, 'Inbound', 'inbound')) }),
  });
}

/** A domain that receives into S3 with a created rule set: the rule-set activator and its provider. */
function inboxWithActivation(stack: cdk.Stack, zone: route53.IHostedZone): void {
  new VerifiedMailDomain(stack, 'Inbox', {
    hostedZone: zone,
    domainName: 'inbox.example.org',
    inboundMail: InboundMail.ses({
      actions: [ReceivingAction.s3({ bucket: s3.Bucket.fromBucketName(stack, 'InboxBucket', 'inbox-bucket') })],
      ruleSet: ReceiptRuleSetChoice.create(),
    }),
  });
}

describe.each<Plugin>(['AwsSolutions', 'cfn-guard'])('%s on the newest aws-cdk-lib', (which) => {
  test(`cdk-nag 3 / cfn-guard (newest aws-cdk-lib): every option, the wait included, passes ${which}`, () => {
    expect(findings(which, everyOption)).toEqual([]);
  });

  test(`cdk-nag 3 / cfn-guard (newest aws-cdk-lib): with CDK-managed Lambda log groups (as \`cdk init\` sets), every option passes ${which}`, () => {
    expect(findings(which, everyOption, { [MANAGED_LOG_GROUPS]: true })).toEqual([]);
  });

  test(`cdk-nag 3 / cfn-guard (newest aws-cdk-lib): the deliverability guardrails alone (no waiter, whose acknowledgements hide other findings) pass ${which}`, () => {
    expect(findings(which, guardrailsOnly)).toEqual([]);
  });

  test(`cdk-nag 3 / cfn-guard (newest aws-cdk-lib): ${which} runs and reports (a bare IAM user with ses:* on * is flagged)`, () => {
    const found = findings(which, (stack) => {
      const user = new iam.User(stack, 'User');
      user.addToPolicy(new iam.PolicyStatement({ actions: ['ses:*'], resources: ['*'] }));
    });
    expect(found.length).toBeGreaterThan(0);
  });
});

test.each<Plugin>(['AwsSolutions', 'cfn-guard'])('cdk-nag 3 / cfn-guard (newest aws-cdk-lib): DMARC reports alone (the bucket the construct makes) pass %s', (which) => {
  expect(findings(which, reportsOnly)).toEqual([]);
});

test('cdk-nag 3 / cfn-guard (newest aws-cdk-lib): without the construct\'s acknowledgements the reports bucket\'s findings come back, exactly these', () => {
  const acknowledge = jest.spyOn(Validations.prototype, 'acknowledge').mockImplementation(() => undefined);
  try {
    expect(findings('AwsSolutions', reportsOnly)).toEqual(['AwsSolutions::AwsSolutions-S1']);
    expect(findings('cfn-guard', reportsOnly)).toEqual([
      'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check',
      'cdk-validator-cfnguard::s3_bucket_logging_enabled_check',
      'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check',
      'cdk-validator-cfnguard::s3_bucket_versioning_enabled_check',
      'cdk-validator-cfnguard::s3_event_notifications_enabled_check',
    ]);
  } finally {
    acknowledge.mockRestore();
  }
});

test('cfn-guard (newest aws-cdk-lib): the guardrail key\'s grant restriction is needed: without it CT.KMS.PR.3 is reported', () => {
  expect(findings('cfn-guard', (stack, zone) => {
    guardrailsOnly(stack, zone);
    const key = stack.node.findChild('VerifiedMailDomainGuardrailTopic').node.findChild('Key').node.defaultChild as cdk.CfnResource;
    // Statement 1 is DenyGrantsExceptForAwsServices (statement 0 is aws-cdk-lib's account statement).
    key.addPropertyOverride('KeyPolicy.Statement.1', { Effect: 'Allow', Principal: { Service: 'ses.amazonaws.com' }, Action: 'kms:Decrypt', Resource: '*' });
  })).toEqual(['cdk-validator-cfnguard::kms_create_grant_aws_service_check']);
});

test('cdk-nag 3 / cfn-guard (newest aws-cdk-lib): without the construct\'s acknowledgements the waiter\'s findings come back, exactly these', () => {
  const acknowledge = jest.spyOn(Validations.prototype, 'acknowledge').mockImplementation(() => undefined);
  try {
    const build = (stack: cdk.Stack, zone: route53.IHostedZone) => {
      new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, waitForVerification: VerificationWait.untilVerified() });
    };
    const fn = (id: string) => `<VerifiedMailDomainWaiter30s1800s${id}.Arn>:*`;
    expect(findings('AwsSolutions', build)).toEqual([
      'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      `AwsSolutions::AwsSolutions-IAM5[Resource::${fn('IsComplete70105D5B')}]`,
      `AwsSolutions::AwsSolutions-IAM5[Resource::${fn('OnEvent07BE3300')}]`,
      `AwsSolutions::AwsSolutions-IAM5[Resource::${fn('ProviderframeworkisCompleteA636DB3B')}]`,
      `AwsSolutions::AwsSolutions-IAM5[Resource::${fn('ProviderframeworkonTimeout6D41B68F')}]`,
      'AwsSolutions::AwsSolutions-SF2',
    ]);
    expect(findings('cfn-guard', build)).toEqual([
      'cdk-validator-cfnguard::cloudwatch_log_group_encrypted_check',
      'cdk-validator-cfnguard::lambda_inside_vpc_check',
      'cdk-validator-cfnguard::step_functions_state_machine_tracing_enabled_check',
    ]);
  } finally {
    acknowledge.mockRestore();
  }
});

test('cdk-nag 3 / cfn-guard (newest aws-cdk-lib): the construct acknowledges only inside the waiter, the rule-set activator and the reports bucket, and nothing without them', () => {
  const acknowledge = jest.spyOn(Validations.prototype, 'acknowledge');
  try {
    findings('AwsSolutions', everyOption);
    const scopes = acknowledge.mock.contexts.map((v: any) => v.scope.node.path as string);
    expect(scopes.length).toBeGreaterThan(0);
    for (const path of scopes) expect(path).toMatch(/^Nag\/(VerifiedMailDomainWaiter(30s1800s|10s600s)|VerifiedMailDomainRuleSetActivator|Mail\/DmarcReports\/Bucket)(\/|$)/);
    acknowledge.mockClear();
    findings('AwsSolutions', (stack, zone) => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone }));
    expect(acknowledge).not.toHaveBeenCalled();
  } finally {
    acknowledge.mockRestore();
  }
});

test('cdk-nag 3 / cfn-guard (newest aws-cdk-lib): the waiter state machine logs every event to a log group kept 365 days and deleted with the stack (AwsSolutions-SF1 fixed, not acknowledged)', () => {
  const resources = logResources({});
  const machine = resources.find((r) => r.Type === 'AWS::StepFunctions::StateMachine');
  expect(machine.Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
  expect(logGroups(resources)).toEqual([{ retention: 365, deletion: 'Delete', updateReplace: 'Delete' }]);
});

test('newest aws-cdk-lib with CDK-managed Lambda log groups: each of the five waiter and two activator functions has one, kept 365 days and deleted with the stack, so cdk destroy leaves none', () => {
  const resources = logResources({ [MANAGED_LOG_GROUPS]: true });
  expect(resources.filter((r) => r.Type === 'AWS::Lambda::Function')).toHaveLength(7);
  // 7 functions and the state machine.
  expect(logGroups(resources)).toEqual(Array(8).fill({ retention: 365, deletion: 'Delete', updateReplace: 'Delete' }));
});

test('newest aws-cdk-lib with CDK-managed Lambda log groups: each custom resource depends on its provider\'s log groups, so on delete its handlers run before they go', () => {
  const app = new cdk.App({ context: { [MANAGED_LOG_GROUPS]: true } });
  const stack = new cdk.Stack(app, 'Log', { env: { account: '123456789012', region: 'eu-west-1' } });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, waitForVerification: VerificationWait.untilVerified() });
  inboxWithActivation(stack, zone);
  const resources: Record<string, any> = app.synth().getStackByName('Log').template.Resources;
  const groupsUnder = (prefix: string) => Object.keys(resources).filter((id) => resources[id].Type === 'AWS::Logs::LogGroup' && id.startsWith(prefix)).sort();
  const dependsOn = (type: string) => Object.values(resources).filter((r) => r.Type === type).map((r) => r.DependsOn as string[]);
  expect(groupsUnder('VerifiedMailDomainWaiter30s1800s')).toHaveLength(6);
  expect(groupsUnder('VerifiedMailDomainRuleSetActivator')).toHaveLength(2);
  expect(dependsOn('Custom::SesDomainVerification')).toEqual([expect.arrayContaining(groupsUnder('VerifiedMailDomainWaiter30s1800s'))]);
  expect(dependsOn('Custom::SesActiveReceiptRuleSet')).toEqual([expect.arrayContaining(groupsUnder('VerifiedMailDomainRuleSetActivator'))]);
});

/** The feature flag `cdk init` sets: each Lambda function gets a log group of its own in the template. */
const MANAGED_LOG_GROUPS = '@aws-cdk/aws-lambda:useCdkManagedLogGroup';

function logResources(context: Record<string, unknown>): any[] {
  const app = new cdk.App({ context });
  const stack = new cdk.Stack(app, 'Log', { env: { account: '123456789012', region: 'eu-west-1' } });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, waitForVerification: VerificationWait.untilVerified() });
  if (context[MANAGED_LOG_GROUPS]) inboxWithActivation(stack, zone);
  return Object.values<any>(app.synth().getStackByName('Log').template.Resources);
}

function logGroups(resources: any[]): object[] {
  return resources.filter((r) => r.Type === 'AWS::Logs::LogGroup')
    .map((r) => ({ retention: r.Properties.RetentionInDays, deletion: r.DeletionPolicy, updateReplace: r.UpdateReplacePolicy }));
}
