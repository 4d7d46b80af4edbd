import { App, CfnParameter, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ContactListUse } from '../src/guardrails/contact-list';
import { Deliverability } from '../src/guardrails/deliverability';
import { DeliverabilityMetadata, GuardedDomain } from '../src/guardrails/model';
import { grantSend, IdentityOptions, makeIdentity, SendTarget } from '../src/identity';
import { DkimSigning } from '../src/sending/dkim';

// identity.ts directly: makeIdentity's checks and the identity it makes, grantSend's checks and policy.
// (Through the construct's configurationSet prop: configuration-set-prop.test.ts.)

const ENV = { account: '111111111111', region: 'eu-west-1' };
const BASE: IdentityOptions = { domainName: 'example.org', dkim: DkimSigning.easyDkim() };
const ARN = (rest: unknown[]) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ...rest]] });

function stack(app = new App(), id = 'Test', env: object | undefined = ENV): Stack {
  return new Stack(app, id, { env });
}

/** The stack's one identity resource, whole. */
function identityResource(s: Stack): unknown {
  const all = Object.values(Template.fromStack(s).findResources('AWS::SES::EmailIdentity'));
  expect(all).toHaveLength(1);
  return all[0];
}

const EASY = { DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' }, EmailIdentity: 'example.org' };

describe('makeIdentity checks', () => {
  const BEHAVIORS = 'ses.MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE, ses.MailFromBehaviorOnMxFailure.REJECT_MESSAGE';
  const POLICIES = "RemovalPolicy.DESTROY ('destroy'), RemovalPolicy.RETAIN ('retain'), RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE ('retain-on-update-or-delete')";
  test.each<[string, Partial<IdentityOptions>, string]>([
    ['an unknown MAIL FROM behavior', { mailFromDomain: 'bounce.example.org', mailFromBehaviorOnMxFailure: 'x' as any },
      `mailFromBehaviorOnMxFailure must be one of ${BEHAVIORS}, got 'x'`],
    ['a MAIL FROM behavior without a MAIL FROM domain', { mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.REJECT_MESSAGE },
      'mailFromBehaviorOnMxFailure (REJECT_MESSAGE) is set but customMailFrom is false: SES applies it only to a custom MAIL FROM domain; remove one of them'],
    ['a MAIL FROM behavior with an empty MAIL FROM domain', { mailFromDomain: '', mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE },
      'mailFromBehaviorOnMxFailure (USE_DEFAULT_VALUE) is set but customMailFrom is false: SES applies it only to a custom MAIL FROM domain; remove one of them'],
    ['the snapshot removal policy', { removalPolicy: RemovalPolicy.SNAPSHOT }, `removalPolicy must be one of ${POLICIES}, got 'snapshot'`],
    ['an unknown removal policy', { removalPolicy: 'keep' as any }, `removalPolicy must be one of ${POLICIES}, got 'keep'`],
  ])('%s is refused before anything is made', (_, options, message) => {
    const s = stack();
    expect(() => makeIdentity(new Construct(s, 'Domain'), { ...BASE, ...options })).toThrow(new Error(message));
    expect(s.node.findAll().map((c) => c.node.path)).toEqual(['Test', 'Test/Domain']);
  });

  const SET_MESSAGE = (field: string, theirs: string, ours: string) => `configurationSet Shared/Set is made in stack Shared (${field} ${theirs}), but this `
    + `domain's identity is in stack Test (${field} ${ours}): SES uses a configuration set only in its own account and region. Make the set in a stack `
    + 'of this account and region, or import one there by name (ses.ConfigurationSet.fromConfigurationSetName)';
  test.each<[string, object | undefined, string | undefined]>([
    ['another region', { ...ENV, region: 'us-east-1' }, SET_MESSAGE('region', 'us-east-1', 'eu-west-1')],
    ['another account', { ...ENV, account: '999999999999' }, SET_MESSAGE('account', '999999999999', '111111111111')],
    ['another account and region: the account is named', { account: '999999999999', region: 'us-east-1' }, SET_MESSAGE('account', '999999999999', '111111111111')],
    ['the same account and region', ENV, undefined],
    ['no environment (unknown at synth)', undefined, undefined],
  ])('a configuration set made in a stack of %s', (_, env, message) => {
    const app = new App();
    const s = stack(app);
    const configurationSet = new ses.ConfigurationSet(stack(app, 'Shared', env), 'Set', { configurationSetName: 'shared' });
    const make = () => makeIdentity(new Construct(s, 'Domain'), { ...BASE, configurationSet });
    if (message) expect(make).toThrow(new Error(message));
    else expect(make().configurationSet).toBe(configurationSet);
  });
});

describe('makeIdentity', () => {
  test.each<[string, Partial<IdentityOptions>, object]>([
    ['no MAIL FROM', {}, {}],
    ['a MAIL FROM domain: SES\'s default behavior on MX failure', { mailFromDomain: 'bounce.example.org' },
      { MailFromAttributes: { BehaviorOnMxFailure: 'USE_DEFAULT_VALUE', MailFromDomain: 'bounce.example.org' } }],
    ['a MAIL FROM domain that rejects', { mailFromDomain: 'bounce.example.org', mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.REJECT_MESSAGE },
      { MailFromAttributes: { BehaviorOnMxFailure: 'REJECT_MESSAGE', MailFromDomain: 'bounce.example.org' } }],
  ])('%s: the identity with id Identity, its ARN, nothing else', (_, options, extra) => {
    const s = stack();
    const made = makeIdentity(new Construct(s, 'Domain'), { ...BASE, ...options });
    expect(made.identity.node.path).toBe('Test/Domain/Identity');
    expect(identityResource(s)).toEqual({ Type: 'AWS::SES::EmailIdentity', Properties: { ...EASY, ...extra } });
    const id = s.getLogicalId(made.identity.node.defaultChild as ses.CfnEmailIdentity);
    expect(s.resolve(made.arn)).toEqual(ARN([':ses:eu-west-1:111111111111:identity/', { Ref: id }]));
    expect(made).toEqual({
      identity: made.identity, arn: made.arn, configurationSet: undefined, topic: undefined, deliverability: undefined, contactList: undefined,
    });
  });

  test.each([
    [RemovalPolicy.RETAIN, 'Retain'],
    [RemovalPolicy.DESTROY, 'Delete'],
  ])('removal policy %s', (policy, cfn) => {
    const s = stack();
    makeIdentity(new Construct(s, 'Domain'), { ...BASE, removalPolicy: policy });
    expect(identityResource(s)).toEqual({ Type: 'AWS::SES::EmailIdentity', Properties: EASY, DeletionPolicy: cfn, UpdateReplacePolicy: cfn });
  });

  const ref = (s: Stack) => ({ Ref: s.getLogicalId(s.node.findChild('Set').node.defaultChild as ses.CfnConfigurationSet) });
  test.each<[string, (s: Stack) => ses.IConfigurationSet, (s: Stack) => unknown]>([
    ['a set of the stack', (s) => new ses.ConfigurationSet(s, 'Set', { configurationSetName: 'mine' }), ref],
    ['an imported set', (s) => ses.ConfigurationSet.fromConfigurationSetName(s, 'Set', 'imported'), () => 'imported'],
    ['a set of another copy of aws-cdk-lib (no construct)', () => ({ configurationSetName: 'duck' }) as ses.IConfigurationSet, () => 'duck'],
  ])('the user\'s configuration set, by name on the L1: %s', (_, make, name) => {
    const s = stack();
    const configurationSet = make(s);
    const made = makeIdentity(new Construct(s, 'Domain'), { ...BASE, configurationSet });
    expect(made.configurationSet).toBe(configurationSet);
    expect(identityResource(s)).toEqual({ Type: 'AWS::SES::EmailIdentity', Properties: { ...EASY, ConfigurationSetAttributes: { ConfigurationSetName: name(s) } } });
  });

  test('the guard\'s set, topic, metadata and contact list; the guard is given the user\'s set and then the identity\'s ARN', () => {
    const s = stack();
    const scope = new Construct(s, 'Domain');
    const userSet = ses.ConfigurationSet.fromConfigurationSetName(s, 'UserSet', 'user');
    const guardSet = ses.ConfigurationSet.fromConfigurationSetName(s, 'GuardSet', 'guarded');
    const topic = new sns.Topic(s, 'Topic');
    const metadata: DeliverabilityMetadata = { eventDestination: 'the default event bus', events: ['bounce'], alarms: 'none', accountAlarms: false };
    const contactList = { name: 'list' } as unknown as ContactListUse;
    const calls: unknown[] = [];
    const guarded: GuardedDomain = { configurationSet: guardSet, metadata, topic, contactList, bindIdentity: (arn) => calls.push(['bindIdentity', arn]) };
    const deliverability = { _bind: (domain: Construct, set: unknown) => (calls.push(['_bind', domain, set]), guarded) } as unknown as Deliverability;
    const made = makeIdentity(scope, { ...BASE, configurationSet: userSet, deliverability });
    expect(calls).toEqual([['_bind', scope, userSet], ['bindIdentity', made.arn]]);
    expect(made).toEqual({ identity: made.identity, arn: made.arn, configurationSet: guardSet, topic, deliverability: metadata, contactList });
    expect(identityResource(s)).toEqual({ Type: 'AWS::SES::EmailIdentity', Properties: { ...EASY, ConfigurationSetAttributes: { ConfigurationSetName: 'guarded' } } });
  });

  test('a guard without bindIdentity (no tenant) is fine', () => {
    const s = stack();
    const guardSet = ses.ConfigurationSet.fromConfigurationSetName(s, 'GuardSet', 'guarded');
    const metadata: DeliverabilityMetadata = { eventDestination: 'x', events: [], alarms: 'none', accountAlarms: false };
    const deliverability = { _bind: () => ({ configurationSet: guardSet, metadata }) } as unknown as Deliverability;
    expect(makeIdentity(new Construct(s, 'Domain'), { ...BASE, deliverability }).configurationSet).toBe(guardSet);
  });
});

describe('grantSend', () => {
  function grant(target: Partial<SendTarget>, options: object = {}): unknown {
    const s = stack();
    const role = new iam.Role(s, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    const result = grantSend(new Construct(s, 'Domain'), { identityArn: 'arn:identity', domainName: 'example.org', ...target }, role, options);
    expect(result.success).toBe(true);
    const policies = Object.values(Template.fromStack(s).findResources('AWS::IAM::Policy'));
    expect(policies).toHaveLength(1);
    return (policies[0] as any).Properties.PolicyDocument.Statement;
  }
  const statement = (resource: unknown, condition?: object) => [{
    Action: ['ses:SendEmail', 'ses:SendRawEmail'], Effect: 'Allow', Resource: resource, ...(condition ? { Condition: condition } : {}),
  }];

  test.each<[string, Partial<SendTarget>, object, unknown]>([
    ['the identity only', {}, {}, statement('arn:identity')],
    ['fromAddressInDomainOnly false', {}, { fromAddressInDomainOnly: false }, statement('arn:identity')],
    ['fromAddressInDomainOnly true', {}, { fromAddressInDomainOnly: true }, statement('arn:identity', { StringLike: { 'ses:FromAddress': '*@example.org' } })],
    ['a configuration set and a contact list', { configurationSet: { configurationSetName: 'set' } as ses.IConfigurationSet, contactListName: 'list' }, {},
      statement(['arn:identity', ARN([':ses:eu-west-1:111111111111:configuration-set/set']), ARN([':ses:eu-west-1:111111111111:contact-list/list'])])],
    ['an empty contact list name still names the list', { contactListName: '' }, {},
      statement(['arn:identity', ARN([':ses:eu-west-1:111111111111:contact-list/'])])],
  ])('%s', (_, target, options, expected) => {
    expect(grant(target, options)).toEqual(expected);
  });

  test.each<[string, unknown, unknown, string]>([
    ['no grantee', undefined, {}, 'grantSendEmail grantee must be an iam.IGrantable (a role, a user, a function...), got undefined'],
    ['a null grantee', null, {}, 'grantSendEmail grantee must be an iam.IGrantable (a role, a user, a function...), got null'],
    ['a grantee without a principal', {}, {}, 'grantSendEmail grantee must be an iam.IGrantable (a role, a user, a function...), got an object of class Object'],
    ['a grantee whose principal is a string', { grantPrincipal: 'role' }, {},
      'grantSendEmail grantee must be an iam.IGrantable (a role, a user, a function...), got an object of class Object'],
    ['options that are a string', 'role', 'x', 'grantSendEmail takes an options object such as { fromAddressInDomainOnly: true }, got string "x"'],
    ['an unknown option', 'role', { other: 1 }, "grantSendEmail has no option 'other'; options: fromAddressInDomainOnly"],
    ['a non-boolean option', 'role', { fromAddressInDomainOnly: 'yes' }, 'grantSendEmail fromAddressInDomainOnly must be true or false, got string "yes"'],
  ])('%s is refused', (_, grantee, options, message) => {
    const s = stack();
    const who = grantee === 'role' ? new iam.Role(s, 'Role', { assumedBy: new iam.AccountRootPrincipal() }) : grantee;
    expect(() => grantSend(s, { identityArn: 'arn:identity', domainName: 'example.org' }, who as iam.IGrantable, options as object)).toThrow(new Error(message));
  });

  test('a token domain: the condition carries its expression', () => {
    const s = stack();
    const role = new iam.Role(s, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    const domainName = new CfnParameter(s, 'Domain').valueAsString;
    grantSend(s, { identityArn: 'arn:identity', domainName }, role, { fromAddressInDomainOnly: true });
    const policy = Object.values(Template.fromStack(s).findResources('AWS::IAM::Policy'))[0] as any;
    expect(policy.Properties.PolicyDocument.Statement[0].Condition).toEqual({ StringLike: { 'ses:FromAddress': { 'Fn::Join': ['', ['*@', { Ref: 'Domain' }]] } } });
  });
});
