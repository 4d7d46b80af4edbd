import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as nag from 'cdk-nag';
import {
  DkimSigning, Dmarc, DmarcPolicy, InboundMail, ReceiptRuleSetChoice, ReceivingAction, Spf, VerificationWait, VerifiedMailDomain,
} from '../src';
import { encryptedReceiving } from './receiving-fixtures';

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
function findings(which: Plugin, build: (stack: cdk.Stack, zone: route53.IHostedZone) => void): string[] {
  const app = new cdk.App();
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

function everyOption(stack: cdk.Stack, zone: route53.IHostedZone): void {
  const mail = new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone,
    domainName: 'mail.example.org',
    spf: Spf.publish({ include: ['_spf.google.com'], ip4: ['192.0.2.0/24'] }),
    domainTxtValues: ['site-verification=abc'],
    dmarc: Dmarc.publish({ policy: DmarcPolicy.REJECT, aggregateReportAddresses: ['dmarc@example.org'] }),
    inboundMail: InboundMail.ses(),
    configurationSet: new ses.ConfigurationSet(stack, 'Set'),
    waitForVerification: VerificationWait.untilVerified(),
  });
  mail.grantSendEmail(new iam.Role(stack, 'Sender', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }), { fromAddressInDomainOnly: true });
  new VerifiedMailDomain(stack, 'Inbox', {
    hostedZone: zone,
    domainName: 'inbox.example.org',
    inboundMail: InboundMail.ses({
      actions: [ReceivingAction.s3({ bucket: s3.Bucket.fromBucketName(stack, 'InboxBucket', 'inbox-bucket') })],
      ruleSet: ReceiptRuleSetChoice.create(),
    }),
  });
  encryptedReceiving(stack, zone);
  new VerifiedMailDomain(stack, 'Byo', {
    hostedZone: zone,
    domainName: 'byo.example.org',
    dkim: DkimSigning.byoDkim({ selector: 'sel', privateKey: cdk.SecretValue.secretsManager('dkim-key') }),
    customMailFrom: false,
    waitForVerification: VerificationWait.untilVerified({ interval: cdk.Duration.seconds(10), timeout: cdk.Duration.minutes(10) }),
  });
}

describe.each<Plugin>(['AwsSolutions', 'cfn-guard'])('%s on the newest aws-cdk-lib', (which) => {
  test(`cdk-nag 3 / cfn-guard (newest aws-cdk-lib): every option, the wait included, passes ${which}`, () => {
    expect(findings(which, everyOption)).toEqual([]);
  });

  test(`cdk-nag 3 / cfn-guard (newest aws-cdk-lib): ${which} runs and reports (a bare IAM user with ses:* on * is flagged)`, () => {
    const found = findings(which, (stack) => {
      const user = new iam.User(stack, 'User');
      user.addToPolicy(new iam.PolicyStatement({ actions: ['ses:*'], resources: ['*'] }));
    });
    expect(found.length).toBeGreaterThan(0);
  });
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

test('cdk-nag 3 / cfn-guard (newest aws-cdk-lib): the construct acknowledges only inside the waiter and the rule-set activator, and nothing without them', () => {
  const acknowledge = jest.spyOn(Validations.prototype, 'acknowledge');
  try {
    findings('AwsSolutions', everyOption);
    const scopes = acknowledge.mock.contexts.map((v: any) => v.scope.node.path as string);
    expect(scopes.length).toBeGreaterThan(0);
    for (const path of scopes) expect(path).toMatch(/^Nag\/(VerifiedMailDomainWaiter(30s1800s|10s600s)|VerifiedMailDomainRuleSetActivator)(\/|$)/);
    acknowledge.mockClear();
    findings('AwsSolutions', (stack, zone) => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone }));
    expect(acknowledge).not.toHaveBeenCalled();
  } finally {
    acknowledge.mockRestore();
  }
});

test('cdk-nag 3 / cfn-guard (newest aws-cdk-lib): the waiter state machine logs every event to a log group kept 365 days (AwsSolutions-SF1 fixed, not acknowledged)', () => {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'Log', { env: { account: '123456789012', region: 'eu-west-1' } });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, waitForVerification: VerificationWait.untilVerified() });
  const resources = Object.values<any>(app.synth().getStackByName('Log').template.Resources);
  const machine = resources.find((r) => r.Type === 'AWS::StepFunctions::StateMachine');
  expect(machine.Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
  expect(resources.filter((r) => r.Type === 'AWS::Logs::LogGroup').map((r) => r.Properties.RetentionInDays)).toEqual([365]);
});
