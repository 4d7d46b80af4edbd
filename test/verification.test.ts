import { App, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { WaiterTarget } from '../src/context';
import { VerificationWait } from '../src/verification';

// verification.ts directly: VerificationWait bound to a target without a VerifiedMailDomain (the
// construct's wait, end to end, is in wait-for-verification-prop.test.ts).

const WARNING = 'waitForVerification without hostedZone: the deploy waits until you have published the records at your DNS provider, '
  + 'but the Easy DKIM records are shown only after the deploy (outputs) or in the SES console. Publish them within the timeout, use BYODKIM, or drop the wait '
  + '[ack: cdk-verified-mail-domain:waitWithoutZone]';

function setup(more: Partial<WaiterTarget> = {}): { stack: Stack; scope: Construct; target: WaiterTarget; dependency: sns.Topic } {
  const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const scope = new Construct(stack, 'Mail');
  const dependency = new sns.Topic(stack, 'Before');
  const target: WaiterTarget = {
    identityName: 'example.org',
    identityArn: 'arn:aws:ses:eu-west-1:123456789012:identity/example.org',
    dkimRecords: ['a._domainkey.example.org. 1800 IN CNAME a.dkim.amazonses.com.'],
    mailFromRecords: ['bounce.example.org. 1800 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.'],
    inHostedZone: true,
    dependsOn: [dependency],
    ...more,
  };
  return { stack, scope, target, dependency };
}

const warnings = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
const functions = (stack: Stack) => Template.fromStack(stack).findResources('AWS::Lambda::Function');

test('none: nothing is added', () => {
  const { stack, scope, target } = setup();
  expect(VerificationWait.none()._bind(scope, target)).toBeUndefined();
  expect(Object.keys(Template.fromStack(stack).toJSON().Resources)).toEqual([stack.getLogicalId(stack.node.findChild('Before').node.defaultChild as sns.CfnTopic)]);
});

test('untilVerified: the custom resource with the target, after its dependencies, and no warning in a hosted zone', () => {
  const { stack, scope, target } = setup({ mailFromDomain: 'bounce.example.org' });
  const resource = VerificationWait.untilVerified()._bind(scope, target)!;
  expect(resource.node.path).toBe('Test/Mail/Verification');
  const t = Template.fromStack(stack);
  const waiters = t.findResources('Custom::SesDomainVerification');
  expect(Object.values(waiters).map((w) => w.Properties)).toEqual([{
    ServiceToken: { 'Fn::GetAtt': [expect.stringMatching(/^VerifiedMailDomainWaiter30s1800sProviderframeworkonEvent[0-9A-F]{8}$/), 'Arn'] },
    IdentityName: 'example.org',
    MailFromDomain: 'bounce.example.org',
    TimeoutSeconds: '1800',
    DkimRecords: ['a._domainkey.example.org. 1800 IN CNAME a.dkim.amazonses.com.'],
    MailFromRecords: ['bounce.example.org. 1800 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.'],
  }]);
  expect(Object.values(waiters)[0].DependsOn).toContain(stack.getLogicalId(stack.node.findChild('Before').node.defaultChild as sns.CfnTopic));
  expect(warnings(stack)).toEqual([]);
});

test('without a MAIL FROM domain the waiter is given an empty one', () => {
  const { stack, scope, target } = setup();
  VerificationWait.untilVerified()._bind(scope, target);
  expect(Object.values(Template.fromStack(stack).findResources('Custom::SesDomainVerification'))[0].Properties.MailFromDomain).toBe('');
});

test('the two handlers: their descriptions and timeouts; the isComplete role may only read this identity', () => {
  const { stack, scope, target } = setup();
  VerificationWait.untilVerified()._bind(scope, target);
  const handlers = Object.entries(functions(stack)).filter(([id]) => /^VerifiedMailDomainWaiter30s1800s(OnEvent|IsComplete)[0-9A-F]{8}$/.test(id))
    .map(([id, f]) => [id.replace(/[0-9A-F]{8}$/, ''), f.Properties.Description, f.Properties.Timeout]);
  expect(handlers.sort()).toEqual([
    ['VerifiedMailDomainWaiter30s1800sIsComplete', 'cdk-verified-mail-domain: asks SES whether the domain is verified', 30],
    ['VerifiedMailDomainWaiter30s1800sOnEvent', 'cdk-verified-mail-domain: starts the wait for SES domain verification', 10],
  ]);
  const statements = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes('IsCompleteServiceRole'))
    .map((p) => p.Properties.PolicyDocument.Statement);
  expect(statements).toEqual([[{ Action: 'ses:GetEmailIdentity', Effect: 'Allow', Resource: 'arn:aws:ses:eu-west-1:123456789012:identity/example.org' }]]);
});

test('outside a hosted zone: the warning, whole', () => {
  const { stack, scope, target } = setup({ inHostedZone: false });
  VerificationWait.untilVerified()._bind(scope, target);
  expect(warnings(stack)).toEqual([WARNING]);
});

test.each([
  ['the defaults', {}, 30, 62, '1800'],
  ['an interval of 10 s and a timeout of 20 minutes', { interval: Duration.seconds(10), timeout: Duration.minutes(20) }, 10, 122, '1200'],
  ['an interval that does not divide the timeout', { interval: Duration.seconds(7), timeout: Duration.seconds(100) }, 7, 17, '100'],
  ['the shortest interval and the longest timeout that fit', { interval: Duration.seconds(5), timeout: Duration.seconds(3530) }, 5, 708, '3530'],
])('%s: the framework retries two intervals past the timeout', (_, options, interval, attempts, timeout) => {
  const { stack, scope, target } = setup();
  VerificationWait.untilVerified(options)._bind(scope, target);
  const t = Template.fromStack(stack);
  const definition = JSON.stringify(Object.values(t.findResources('AWS::StepFunctions::StateMachine'))[0].Properties.DefinitionString);
  expect(definition).toContain(`\\"IntervalSeconds\\":${interval},\\"MaxAttempts\\":${attempts},\\"BackoffRate\\":1`);
  expect(Object.values(t.findResources('Custom::SesDomainVerification'))[0].Properties.TimeoutSeconds).toBe(timeout);
});

test('two targets with the same interval and timeout share one provider; another timeout gets its own', () => {
  const { stack, scope, target } = setup();
  VerificationWait.untilVerified()._bind(scope, target);
  VerificationWait.untilVerified({ timeout: Duration.minutes(30) })._bind(new Construct(stack, 'Shop'), { ...target, identityArn: 'arn:aws:ses:eu-west-1:123456789012:identity/shop' });
  VerificationWait.untilVerified({ timeout: Duration.minutes(20) })._bind(new Construct(stack, 'Other'), target);
  expect(stack.node.children.map((c) => c.node.id).filter((id) => id.startsWith('VerifiedMailDomainWaiter')))
    .toEqual(['VerifiedMailDomainWaiter30s1800s', 'VerifiedMailDomainWaiter30s1200s']);
  const statements = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes('Waiter30s1800sIsCompleteServiceRole'))
    .map((p) => p.Properties.PolicyDocument.Statement.map((s: { Resource: string }) => s.Resource));
  expect(statements).toEqual([['arn:aws:ses:eu-west-1:123456789012:identity/example.org', 'arn:aws:ses:eu-west-1:123456789012:identity/shop']]);
});

test.each<[string, object, string]>([
  ['an interval under 5 s', { interval: Duration.seconds(4) }, 'waitForVerification interval must be a whole number of seconds from 5 to 300, got 4'],
  ['an interval over 5 minutes', { interval: Duration.seconds(301) }, 'waitForVerification interval must be a whole number of seconds from 5 to 300, got 301'],
  ['a timeout shorter than the interval', { interval: Duration.minutes(1), timeout: Duration.seconds(59) },
    'waitForVerification timeout must be a whole number of seconds from 60 to 3540, got 59'],
  ['a timeout over 59 minutes', { timeout: Duration.seconds(3541) }, 'waitForVerification timeout must be a whole number of seconds from 30 to 3540, got 3541'],
  ['timeout and two intervals over 59 minutes', { interval: Duration.seconds(5), timeout: Duration.seconds(3531) },
    'waitForVerification: timeout (3531 s) + 2 × interval (5 s) = 3541 s; CloudFormation waits at most one hour for a custom resource, so at most 3540 s (59 minutes) are allowed'],
  ['a token interval', { interval: Duration.seconds(Lazy.number({ produce: () => 30 })) },
    "waitForVerification interval must be a literal Duration (it sets the synthesized provider's retry count), got a token"],
  ['a token timeout', { timeout: Duration.seconds(Lazy.number({ produce: () => 600 })) },
    "waitForVerification timeout must be a literal Duration (it sets the synthesized provider's retry count), got a token"],
])('%s is refused when bound', (_, options, message) => {
  const { scope, target } = setup();
  expect(() => VerificationWait.untilVerified(options)._bind(scope, target)).toThrow(new Error(message));
});

test.each<[string, unknown, string]>([
  ['null options', null, 'VerificationWait.untilVerified takes an options object such as { timeout: Duration.minutes(30) }, got null'],
  ['a misspelled option', { timout: Duration.minutes(5) }, "VerificationWait.untilVerified has no option 'timout': did you mean 'timeout'? Options: interval, timeout"],
])('%s is refused where it is made', (_, options, message) => {
  expect(() => VerificationWait.untilVerified(options as any)).toThrow(new Error(message));
});
