import { readFileSync } from 'fs';
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Deliverability } from '../../src/guardrails/deliverability';
import { SendingTenant, SendingTenantOptions, TenantReputationPolicy } from '../../src/guardrails/tenant';
import { arn, domain, ENV, guardStack, logicalId, propertiesOf } from '../helpers/guardrails';
import { failures, synthError } from '../helpers/util';

// SES tenants: the AWS::SES::Tenant resource (a plain CfnResource, the same on both aws-cdk-lib lines),
// the domain's identity and configuration set associated with it, its reputation policy, and one
// tenant per name and environment across the app.

const tenantGuard = (name: string, options: SendingTenantOptions = {}) => Deliverability.guard({ tenant: SendingTenant.named(name, options) });

/** The ResourceArn of a configuration set or identity of the test environment, by the logical id of its resource. */
const setArn = (id: string, region = 'eu-west-1') => ({ ResourceArn: arn(`:ses:${region}:123456789012:configuration-set/`, { Ref: id }) });
const identityArn = (id: string, region = 'eu-west-1') => ({ ResourceArn: arn(`:ses:${region}:123456789012:identity/`, { Ref: id }) });
const policy = (name: string, region = 'eu-west-1') => ({ Policy: { ReputationEntityPolicy: arn(`:ses:${region}:aws:reputation-policy/${name}`) } });

/** The logical ids of the tenants of a stack. */
function tenantIds(stack: Stack): string[] {
  return Object.keys(Template.fromStack(stack).findResources('AWS::SES::Tenant'));
}

describe('one domain in a tenant', () => {
  test('the tenant has the domain\'s configuration set and identity, and the standard reputation policy by default', () => {
    const { app, stack } = guardStack();
    const mail = domain(stack, 'Mail', { deliverability: tenantGuard('acme') });
    expect(propertiesOf(stack, 'AWS::SES::Tenant')).toEqual([{
      TenantName: 'acme',
      ResourceAssociations: [setArn(logicalId(mail.configurationSet as ses.ConfigurationSet)), identityArn(logicalId(mail.emailIdentity))],
      ReputationEntity: policy('standard'),
    }]);
    expect(tenantIds(stack)).toEqual(['VerifiedMailDomainTenantsacmeCCE38646']);
    expect(synthError(app)).toBe('');
  });

  test.each([
    [TenantReputationPolicy.STANDARD, 'standard'],
    [TenantReputationPolicy.STRICT, 'strict'],
    [TenantReputationPolicy.NONE, 'none'],
  ])('reputation policy %s: the SES-managed policy\'s ARN', (reputationPolicy, name) => {
    const { stack } = guardStack();
    domain(stack, 'Mail', { deliverability: tenantGuard('acme', { reputationPolicy }) });
    expect(propertiesOf(stack, 'AWS::SES::Tenant').map((t) => t.ReputationEntity)).toEqual([policy(name)]);
  });

  test('an environment-agnostic stack: the ARNs name the deploy-time region and account', () => {
    const { stack } = guardStack('Test', new App(), null);
    const mail = domain(stack, 'Mail', { deliverability: tenantGuard('acme') });
    const [tenant] = propertiesOf(stack, 'AWS::SES::Tenant');
    expect(tenant.ReputationEntity).toEqual({ Policy: { ReputationEntityPolicy: arn(':ses:', { Ref: 'AWS::Region' }, ':aws:reputation-policy/standard') } });
    expect(tenant.ResourceAssociations[1]).toEqual({
      ResourceArn: arn(':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':identity/', { Ref: logicalId(mail.emailIdentity) }),
    });
  });

  test('the user\'s own configuration set, and one imported by name, are associated by their ARN', () => {
    const { stack } = guardStack();
    const own = new ses.ConfigurationSet(stack, 'Set');
    const mail = domain(stack, 'Mail', { configurationSet: own, deliverability: tenantGuard('acme') });
    const imported = ses.ConfigurationSet.fromConfigurationSetName(stack, 'Imported', 'transactional');
    const shop = domain(stack, 'Shop', { configurationSet: imported, deliverability: tenantGuard('acme') });
    expect(propertiesOf(stack, 'AWS::SES::Tenant')[0].ResourceAssociations).toEqual([
      setArn(logicalId(own)), identityArn(logicalId(mail.emailIdentity)),
      { ResourceArn: arn(':ses:eu-west-1:123456789012:configuration-set/transactional') }, identityArn(logicalId(shop.emailIdentity)),
    ]);
  });

  test('a tenant name that is a token: the tenant lives under its first domain', () => {
    const { stack } = guardStack();
    const name = new CfnParameter(stack, 'Tenant').valueAsString;
    domain(stack, 'Mail', { deliverability: tenantGuard(name, { reputationPolicy: TenantReputationPolicy.STRICT }) });
    expect(propertiesOf(stack, 'AWS::SES::Tenant').map((t) => [t.TenantName, t.ReputationEntity])).toEqual([[{ Ref: 'Tenant' }, policy('strict')]]);
    expect(tenantIds(stack)[0]).toMatch(/^MailSesTenant[0-9A-F]{8}$/);
  });
});

describe('tenants across the app', () => {
  test('two domains of one tenant in one stack: one tenant with both; a shared configuration set once', () => {
    const { app, stack } = guardStack();
    const set = new ses.ConfigurationSet(stack, 'Set');
    const [mail, shop] = ['Mail', 'Shop'].map((id) => domain(stack, id, { configurationSet: set, deliverability: tenantGuard('acme') }));
    const news = domain(stack, 'News', { deliverability: tenantGuard('acme') });
    expect(propertiesOf(stack, 'AWS::SES::Tenant').map((t) => t.ResourceAssociations)).toEqual([[
      setArn(logicalId(set)), identityArn(logicalId(mail.emailIdentity)), identityArn(logicalId(shop.emailIdentity)),
      setArn(logicalId(news.configurationSet as ses.ConfigurationSet)), identityArn(logicalId(news.emailIdentity)),
    ]]);
    expect(synthError(app)).toBe('');
  });

  test('two tenants in one stack, a-b and ab: two resources with their own logical ids', () => {
    const { stack } = guardStack();
    domain(stack, 'Mail', { deliverability: tenantGuard('a-b') });
    domain(stack, 'Shop', { deliverability: tenantGuard('ab') });
    expect(propertiesOf(stack, 'AWS::SES::Tenant').map((t) => t.TenantName)).toEqual(['a-b', 'ab']);
    expect(new Set(tenantIds(stack)).size).toBe(2);
  });

  test.each([
    ['two regions', { ...ENV, region: 'us-east-1' }],
    ['two accounts', { ...ENV, account: '210987654321' }],
  ])('one name in two environments (%s): a tenant in each', (_, env) => {
    const { app, stack: first } = guardStack('First');
    const { stack: second } = guardStack('Second', app, env);
    domain(first, 'Mail', { deliverability: tenantGuard('acme') });
    domain(second, 'Shop', { deliverability: tenantGuard('acme', { reputationPolicy: TenantReputationPolicy.STRICT }) });
    expect([tenantIds(first).length, tenantIds(second).length]).toEqual([1, 1]);
    expect(propertiesOf(second, 'AWS::SES::Tenant')[0].ReputationEntity).toEqual(policy('strict', env.region));
    expect(synthError(app)).toBe('');
  });

  test('a domain of the tenant in another stack of its environment: an error naming both', () => {
    const { app, stack: first } = guardStack('First');
    const { stack: second } = guardStack('Second', app);
    domain(first, 'Mail', { deliverability: tenantGuard('acme') });
    expect(() => domain(second, 'Shop', { deliverability: tenantGuard('acme') })).toThrow(new Error('The SES tenant \'acme\' of account 123456789012 in eu-west-1 '
      + 'is made in stack First for First/Mail, but Second/Shop is in stack Second: the tenant lists its identities and configuration sets itself, in one stack. '
      + 'Put the tenant\'s domains in one stack, or give this domain another tenant'));
  });

  test('two domains of one tenant that disagree on its reputation policy: an error on each later one naming both', () => {
    const { app, stack } = guardStack();
    domain(stack, 'Mail', { deliverability: tenantGuard('acme') });
    domain(stack, 'Shop', { deliverability: tenantGuard('acme', { reputationPolicy: TenantReputationPolicy.NONE }) });
    domain(stack, 'News', { deliverability: tenantGuard('acme', { reputationPolicy: TenantReputationPolicy.STANDARD }) });
    expect(synthError(app)).toBe(failures([['Test/Shop', 'The SES tenant \'acme\' of account 123456789012 in eu-west-1 exists once, made for Test/Mail '
      + '(reputation policy standard), but Test/Shop asks for reputation policy none. Give every domain of the tenant the same reputationPolicy']]));
  });
});

describe('bad inputs', () => {
  const NAME = (name: string) => `SendingTenant.named tenantName must be 1-64 letters, digits, underscores (_) or dashes (-) (SES tenant names), got '${name}'`;

  test.each(['a', 'Customer_1-b', 'x'.repeat(64)])('%s is a tenant name', (name) => {
    expect(SendingTenant.named(name).tenantName).toBe(name);
  });

  test.each(['', 'x'.repeat(65), 'acme.io', 'a b', 'ä', 'a/b'])('\'%s\' is refused', (name) => {
    expect(() => SendingTenant.named(name)).toThrow(new Error(NAME(name)));
  });

  test.each<[string, () => unknown, string]>([
    ['a name that is not a string', () => SendingTenant.named(5 as any), 'SendingTenant.named tenantName must be a string such as \'customer-1\', got number 5'],
    ['no name', () => SendingTenant.named(undefined as any), 'SendingTenant.named tenantName must be a string such as \'customer-1\', got undefined'],
    ['options that are not an object', () => SendingTenant.named('acme', 'strict' as any),
      'SendingTenant.named takes an options object such as { reputationPolicy: TenantReputationPolicy.STRICT }, got string "strict"'],
    ['an unknown option', () => SendingTenant.named('acme', { policy: 'strict' } as any), 'SendingTenant.named has no option \'policy\'; options: reputationPolicy'],
    ['a reputation policy SES does not have', () => SendingTenant.named('acme', { reputationPolicy: 'lenient' as any }),
      'SendingTenant.named reputationPolicy must be one of TenantReputationPolicy.STANDARD (\'standard\'), TenantReputationPolicy.STRICT (\'strict\'), '
      + 'TenantReputationPolicy.NONE (\'none\'), got \'lenient\''],
    ['the option not a SendingTenant', () => {
      const { stack } = guardStack();
      domain(stack, 'Mail', { deliverability: Deliverability.guard({ tenant: { tenantName: 'acme' } as any }) });
    }, 'deliverability tenant must be SendingTenant.named(...), got an object of class Object'],
  ])('%s', (_, make, message) => {
    expect(make).toThrow(new Error(message));
  });

  test('a reputation policy that is a token passes', () => {
    const stack = new Stack();
    const value = new CfnParameter(stack, 'Policy').valueAsString as TenantReputationPolicy;
    expect(SendingTenant.named('acme', { reputationPolicy: value }).reputationPolicy).toBe(value);
  });
});

describe('the resource against aws-cdk-lib\'s own L1', () => {
  // The newest aws-cdk-lib has ses.CfnTenant; the peer floor (2.93) has not, which is why the construct
  // writes a plain CfnResource. Where CfnTenant exists, it renders the same properties under its own
  // names, so the construct's raw property names cannot drift from CloudFormation's.
  const CfnTenant = (ses as any).CfnTenant;
  const minor = Number(JSON.parse(readFileSync(require.resolve('aws-cdk-lib/package.json'), 'utf8')).version.split('.')[1]);

  test('CfnTenant exists from 2.275 on (the newest line) and not on the floor', () => {
    expect(typeof CfnTenant === 'function').toBe(minor >= 275);
  });

  (CfnTenant ? test : test.skip)('where CfnTenant exists, it renders what the construct writes', () => {
    const { stack } = guardStack();
    domain(stack, 'Mail', { deliverability: tenantGuard('acme', { reputationPolicy: TenantReputationPolicy.STRICT }) });
    const [ours] = propertiesOf(stack, 'AWS::SES::Tenant');
    const other = new Stack(new App(), 'Other', { env: ENV });
    new CfnTenant(other, 'Tenant', {
      tenantName: 'acme',
      resourceAssociations: [{ resourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/mail.example.org' }],
      reputationEntity: { policy: { reputationEntityPolicy: other.formatArn({ service: 'ses', account: 'aws', resource: 'reputation-policy', resourceName: 'strict' }) } },
    });
    const [theirs] = propertiesOf(other, 'AWS::SES::Tenant');
    expect(theirs).toEqual({
      TenantName: ours.TenantName,
      ResourceAssociations: [{ ResourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/mail.example.org' }],
      ReputationEntity: ours.ReputationEntity,
    });
    expect(ours.ResourceAssociations.map((a: object) => Object.keys(a))).toEqual([['ResourceArn'], ['ResourceArn']]);
  });
});
