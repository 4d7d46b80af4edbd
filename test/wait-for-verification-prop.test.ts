import { Duration, Lazy, SecretValue } from 'aws-cdk-lib';
import * as cdk from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { DkimSigning, VerificationWait, VerifiedMailDomain } from '../src';
import { zoneStack } from './helpers/util';

/** The newest aws-cdk-lib line (projenrc/newest.json), told by an API the peer floor lacks. */
const NEWEST_LINE = 'Validations' in cdk;

const IDENTITY_ARN = (ref: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:eu-west-1:123456789012:identity/', { Ref: ref }]],
});

function dkimLine(n: number, identity = 'MailIdentity4EC7C521') {
  return {
    'Fn::Join': ['', [
      { 'Fn::GetAtt': [identity, `DkimDNSTokenName${n}`] }, '. 1800 IN CNAME ',
      { 'Fn::GetAtt': [identity, `DkimDNSTokenValue${n}`] }, '.',
    ]],
  };
}

test('off by default: no custom resource, no Lambda, no state machine, no verification', () => {
  const { stack, zone } = zoneStack();
  const mail = new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
  const t = Template.fromStack(stack);
  t.resourceCountIs('Custom::SesDomainVerification', 0);
  t.resourceCountIs('AWS::Lambda::Function', 0);
  t.resourceCountIs('AWS::StepFunctions::StateMachine', 0);
  expect(mail.verification).toBeUndefined();
  // VerificationWait.none() is the same as leaving the prop out.
  const other = zoneStack();
  new VerifiedMailDomain(other.stack, 'Mail', { hostedZone: other.zone, waitForVerification: VerificationWait.none() });
  Template.fromStack(other.stack).resourceCountIs('AWS::Lambda::Function', 0);
});

test('untilVerified: one custom resource with the identity, its records, after every record set', () => {
  const { stack, zone } = zoneStack();
  const mail = new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, waitForVerification: VerificationWait.untilVerified() });
  const t = Template.fromStack(stack);
  const waiters = t.findResources('Custom::SesDomainVerification');
  expect(Object.keys(waiters)).toEqual(['MailVerification63259D56']);
  const waiter = waiters.MailVerification63259D56;
  expect(waiter.Properties).toEqual({
    ServiceToken: { 'Fn::GetAtt': ['VerifiedMailDomainWaiter30s1800sProviderframeworkonEvent3DF524BF', 'Arn'] },
    IdentityName: { Ref: 'MailIdentity4EC7C521' },
    MailFromDomain: 'bounce.example.org',
    TimeoutSeconds: '1800',
    DkimRecords: [dkimLine(1), dkimLine(2), dkimLine(3)],
    MailFromRecords: ['bounce.example.org. 1800 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.'],
  });
  // Depends on the identity, on the record-set group that holds the 7 records, and on the provider's
  // log groups where aws-cdk-lib makes any (the state machine's on the newest line, none on the floor).
  const logGroups = Object.keys(t.findResources('AWS::Logs::LogGroup'));
  expect(logGroups).toEqual(NEWEST_LINE ? ['VerifiedMailDomainWaiter30s1800sProviderwaiterstatemachineLogGroup2229A992'] : []);
  expect([...waiter.DependsOn].sort()).toEqual(['MailIdentity4EC7C521', 'MailRecordSetGroup5169DD48', ...logGroups].sort());
  expect(mail.verification).toBe(mail.node.findChild('Verification'));
});

test('untilVerified: five Lambdas (two handlers, three framework), all on nodejs24.x, one state machine', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, waitForVerification: VerificationWait.untilVerified() });
  const t = Template.fromStack(stack);
  const functions = t.findResources('AWS::Lambda::Function');
  expect(Object.keys(functions).sort()).toEqual([
    'VerifiedMailDomainWaiter30s1800sIsComplete70105D5B',
    'VerifiedMailDomainWaiter30s1800sOnEvent07BE3300',
    'VerifiedMailDomainWaiter30s1800sProviderframeworkisCompleteA636DB3B',
    'VerifiedMailDomainWaiter30s1800sProviderframeworkonEvent3DF524BF',
    'VerifiedMailDomainWaiter30s1800sProviderframeworkonTimeout6D41B68F',
  ]);
  for (const fn of Object.values(functions)) {
    expect(fn.Properties.Runtime).toBe('nodejs24.x');
  }
  expect(functions.VerifiedMailDomainWaiter30s1800sIsComplete70105D5B.Properties.Handler).toBe('index.handler');
  expect(functions.VerifiedMailDomainWaiter30s1800sIsComplete70105D5B.Properties.Timeout).toBe(30);
  t.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
  // Default interval 30 s; the framework gives up two intervals after the handler's 30-minute deadline.
  const definition = JSON.stringify(Object.values(t.findResources('AWS::StepFunctions::StateMachine'))[0].Properties.DefinitionString);
  expect(definition).toContain('\\"IntervalSeconds\\":30,\\"MaxAttempts\\":62,\\"BackoffRate\\":1');
});

test('least privilege: the isComplete role may only call ses:GetEmailIdentity on this identity; the onEvent role has no policy', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, waitForVerification: VerificationWait.untilVerified() });
  const t = Template.fromStack(stack);
  t.hasResourceProperties('AWS::IAM::Policy', {
    Roles: [{ Ref: 'VerifiedMailDomainWaiter30s1800sIsCompleteServiceRole79B7958C' }],
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'ses:GetEmailIdentity', Effect: 'Allow', Resource: IDENTITY_ARN('MailIdentity4EC7C521') }],
    },
  });
  const policies = Object.values(t.findResources('AWS::IAM::Policy'));
  const onEventPolicies = policies.filter((p) => JSON.stringify(p.Properties.Roles).includes('OnEventServiceRole'));
  expect(onEventPolicies).toEqual([]);
  // No statement anywhere grants an SES action other than GetEmailIdentity.
  const sesActions = policies.flatMap((p) => p.Properties.PolicyDocument.Statement)
    .flatMap((s: { Action: string | string[] }) => [s.Action].flat()).filter((a: string) => a.startsWith('ses:'));
  expect(sesActions).toEqual(['ses:GetEmailIdentity']);
});

test('two domains in one stack share one provider; each identity is added to the isComplete role', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, waitForVerification: VerificationWait.untilVerified() });
  new VerifiedMailDomain(stack, 'Shop', { hostedZone: zone, domainName: 'shop.example.org', waitForVerification: VerificationWait.untilVerified() });
  const t = Template.fromStack(stack);
  t.resourceCountIs('Custom::SesDomainVerification', 2);
  t.resourceCountIs('AWS::Lambda::Function', 5);
  t.hasResourceProperties('AWS::IAM::Policy', {
    Roles: [{ Ref: 'VerifiedMailDomainWaiter30s1800sIsCompleteServiceRole79B7958C' }],
    PolicyDocument: {
      Statement: [
        { Action: 'ses:GetEmailIdentity', Effect: 'Allow', Resource: IDENTITY_ARN('MailIdentity4EC7C521') },
        { Action: 'ses:GetEmailIdentity', Effect: 'Allow', Resource: IDENTITY_ARN('ShopIdentity0D20C1E1') },
      ],
    },
  });
});

test('a different interval or timeout gets its own provider', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, waitForVerification: VerificationWait.untilVerified() });
  new VerifiedMailDomain(stack, 'Shop', {
    hostedZone: zone,
    domainName: 'shop.example.org',
    waitForVerification: VerificationWait.untilVerified({ interval: Duration.seconds(10), timeout: Duration.minutes(20) }),
  });
  const t = Template.fromStack(stack);
  t.resourceCountIs('AWS::Lambda::Function', 10);
  t.hasResourceProperties('Custom::SesDomainVerification', { IdentityName: { Ref: 'ShopIdentity0D20C1E1' }, TimeoutSeconds: '1200' });
  const definitions = Object.values(t.findResources('AWS::StepFunctions::StateMachine')).map((r) => JSON.stringify(r.Properties.DefinitionString));
  expect(definitions.filter((d) => d.includes('\\"IntervalSeconds\\":10,\\"MaxAttempts\\":122,'))).toHaveLength(1);
});

test('other resources can wait on verification', () => {
  const { stack, zone } = zoneStack();
  const mail = new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, waitForVerification: VerificationWait.untilVerified() });
  const topic = new sns.Topic(stack, 'AfterVerification');
  topic.node.addDependency(mail.verification!);
  Template.fromStack(stack).hasResource('AWS::SNS::Topic', { DependsOn: ['MailVerification63259D56'] });
});

test('without custom MAIL FROM the waiter asks for no MAIL FROM status', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, customMailFrom: false, waitForVerification: VerificationWait.untilVerified() });
  Template.fromStack(stack).hasResourceProperties('Custom::SesDomainVerification', { MailFromDomain: '', MailFromRecords: [] });
});

test('BYODKIM: the waiter names the selector TXT record', () => {
  const { stack, zone } = zoneStack();
  const publicKey = 'MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC7vbqajDw4o6gJy8UtmIbkcpnkO3Kwc4qsEnSZp/TR+fQi62F79RHWmwKOtFmwteURgLbj7D/WGuNLGOfa/2vse3G2eHnHl5CB8ruRX9fBl/KgwCVr2JaEuUm66bBQeP5XeBotdR4cvX38uPYivCDdPjJ1QWPdspTBKcxeFbccDwIDAQAB';
  new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone,
    dkim: DkimSigning.byoDkim({ selector: 'sel1', privateKey: SecretValue.secretsManager('dkim'), publicKey }),
    waitForVerification: VerificationWait.untilVerified({ timeout: Duration.minutes(10) }),
  });
  Template.fromStack(stack).hasResourceProperties('Custom::SesDomainVerification', {
    TimeoutSeconds: '600',
    DkimRecords: [`sel1._domainkey.example.org. 1800 IN TXT "p=${publicKey}"`],
  });
});

test('without a hosted zone the wait is allowed, with a warning', () => {
  const { stack } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', { domainName: 'example.net', waitForVerification: VerificationWait.untilVerified() });
  Template.fromStack(stack).resourceCountIs('Custom::SesDomainVerification', 1);
  Annotations.fromStack(stack).hasWarning('/Test/Mail', Match.stringLikeRegexp(
    '^waitForVerification without hostedZone: the deploy waits until you have published the records at your DNS provider, but the Easy DKIM records are shown only after the deploy'));
});

test.each([
  [{ interval: Duration.seconds(2) }, 'waitForVerification interval must be a whole number of seconds from 5 to 300, got 2'],
  [{ interval: Duration.millis(7500) }, 'waitForVerification interval must be a whole number of seconds from 5 to 300, got 7.5'],
  [{ interval: Duration.minutes(6) }, 'waitForVerification interval must be a whole number of seconds from 5 to 300, got 360'],
  [{ interval: Duration.minutes(1), timeout: Duration.seconds(30) }, 'waitForVerification timeout must be a whole number of seconds from 60 to 3540, got 30'],
  [{ timeout: Duration.hours(2) }, 'waitForVerification timeout must be a whole number of seconds from 30 to 3540, got 7200'],
  [{ timeout: Duration.minutes(59) }, 'waitForVerification: timeout (3540 s) + 2 × interval (30 s) = 3600 s; CloudFormation waits at most one hour for a custom resource, so at most 3540 s (59 minutes) are allowed'],
])('bad wait options %o: %s', (options, message) => {
  const { stack, zone } = zoneStack();
  expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, waitForVerification: VerificationWait.untilVerified(options) }))
    .toThrow(message);
});

test('a token interval is refused: the provider\'s retry count is computed at synth', () => {
  const { stack, zone } = zoneStack();
  const interval = Duration.seconds(Lazy.number({ produce: () => 30 }));
  expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, waitForVerification: VerificationWait.untilVerified({ interval }) }))
    .toThrow(new Error("waitForVerification interval must be a literal Duration (it sets the synthesized provider's retry count), got a token"));
});

test('timeout + 2 intervals of exactly 59 minutes is allowed', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, waitForVerification: VerificationWait.untilVerified({ timeout: Duration.minutes(58) }) });
  Template.fromStack(stack).hasResourceProperties('Custom::SesDomainVerification', { TimeoutSeconds: '3480' });
});
