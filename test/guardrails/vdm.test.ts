import { App, CfnParameter, CfnResource, Lazy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { Deliverability } from '../../src/guardrails/deliverability';
import { VirtualDeliverabilityManager, VirtualDeliverabilityManagerOptions } from '../../src/guardrails/vdm';
import { domain, ENV, guardStack, propertiesOf, warningsOf } from '../helpers/guardrails';
import { failures, synthError } from '../helpers/util';

// The Virtual Deliverability Manager option: the VdmOptions of the domain's configuration set, and the
// account's VDM attributes once per account and region across the app.

const vdmGuard = (options: VirtualDeliverabilityManagerOptions = {}) =>
  Deliverability.guard({ virtualDeliverabilityManager: VirtualDeliverabilityManager.enable(options) });

const SET_VDM = (engagement: string, shared: string) => ({
  DashboardOptions: { EngagementMetrics: engagement }, GuardianOptions: { OptimizedSharedDelivery: shared },
});
const ACCOUNT_VDM = (engagement: string, shared: string) => ({
  DashboardAttributes: { EngagementMetrics: engagement }, GuardianAttributes: { OptimizedSharedDelivery: shared },
});

/** The logical ids of the AWS::SES::VdmAttributes of a stack. */
function vdmIds(stack: Stack): string[] {
  return Object.keys(Template.fromStack(stack).findResources('AWS::SES::VdmAttributes'));
}
const VDM_ID = 'VerifiedMailDomainVdmAttributes727CE01D';

describe('the configuration set the guard creates', () => {
  test.each<[string, VirtualDeliverabilityManagerOptions, string, string]>([
    ['both on by default', {}, 'ENABLED', 'ENABLED'],
    ['engagement metrics off', { engagementMetrics: false }, 'DISABLED', 'ENABLED'],
    ['optimized shared delivery off', { optimizedSharedDelivery: false }, 'ENABLED', 'DISABLED'],
    ['both off', { engagementMetrics: false, optimizedSharedDelivery: false }, 'DISABLED', 'DISABLED'],
  ])('%s: the set\'s VdmOptions and the account\'s VDM attributes say the same', (_, options, engagement, shared) => {
    const { app, stack } = guardStack();
    domain(stack, 'Mail', { deliverability: vdmGuard(options) });
    expect(propertiesOf(stack, 'AWS::SES::ConfigurationSet')).toEqual([{
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      VdmOptions: SET_VDM(engagement, shared),
    }]);
    expect(propertiesOf(stack, 'AWS::SES::VdmAttributes')).toEqual([ACCOUNT_VDM(engagement, shared)]);
    expect(vdmIds(stack)).toEqual([VDM_ID]);
    expect(synthError(app)).toBe('');
  });

  test('without the option: no VdmOptions and no VDM attributes', () => {
    const { stack } = guardStack();
    domain(stack, 'Mail', { deliverability: Deliverability.guard() });
    expect(propertiesOf(stack, 'AWS::SES::ConfigurationSet')[0].VdmOptions).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::SES::VdmAttributes', 0);
  });

  test('accountAttributes: false: the set\'s options only, and no disagreement with another domain\'s attributes', () => {
    const { app, stack } = guardStack();
    domain(stack, 'Mail', { deliverability: vdmGuard() });
    domain(stack, 'Shop', { deliverability: vdmGuard({ engagementMetrics: false, accountAttributes: false }) });
    expect(propertiesOf(stack, 'AWS::SES::ConfigurationSet').map((p) => p.VdmOptions)).toEqual([SET_VDM('ENABLED', 'ENABLED'), SET_VDM('DISABLED', 'ENABLED')]);
    expect(propertiesOf(stack, 'AWS::SES::VdmAttributes')).toEqual([ACCOUNT_VDM('ENABLED', 'ENABLED')]);
    expect(synthError(app)).toBe('');
    const { stack: none } = guardStack('None');
    domain(none, 'Mail', { deliverability: vdmGuard({ accountAttributes: false }) });
    Template.fromStack(none).resourceCountIs('AWS::SES::VdmAttributes', 0);
  });
});

describe('the account\'s VDM attributes across the app', () => {
  test('two stacks of one environment: once, in the stack of the first domain that asks', () => {
    const { app, stack: first } = guardStack('First');
    const { stack: second } = guardStack('Second', app);
    domain(second, 'Shop', { deliverability: vdmGuard() });
    domain(first, 'Mail', { deliverability: vdmGuard() });
    domain(first, 'News', { deliverability: vdmGuard() });
    expect([vdmIds(first), vdmIds(second)]).toEqual([[], [VDM_ID]]);
    expect(synthError(app)).toBe('');
  });

  test.each([
    ['two regions', { ...ENV, region: 'us-east-1' }],
    ['two accounts', { ...ENV, account: '210987654321' }],
  ])('two environments (%s): once in each, each with its own settings', (_, env) => {
    const { app, stack: first } = guardStack('First');
    const { stack: second } = guardStack('Second', app, env);
    domain(first, 'Mail', { deliverability: vdmGuard() });
    domain(second, 'Shop', { deliverability: vdmGuard({ optimizedSharedDelivery: false }) });
    expect(propertiesOf(first, 'AWS::SES::VdmAttributes')).toEqual([ACCOUNT_VDM('ENABLED', 'ENABLED')]);
    expect(propertiesOf(second, 'AWS::SES::VdmAttributes')).toEqual([ACCOUNT_VDM('ENABLED', 'DISABLED')]);
    expect(synthError(app)).toBe('');
  });

  test('environment-agnostic stacks: each is its own environment', () => {
    const { app, stack: first } = guardStack('First', new App(), null);
    const { stack: second } = guardStack('Second', app, null);
    domain(first, 'Mail', { deliverability: vdmGuard() });
    domain(second, 'Shop', { deliverability: vdmGuard({ engagementMetrics: false }) });
    expect([vdmIds(first), vdmIds(second)]).toEqual([[VDM_ID], [VDM_ID]]);
    expect(synthError(app)).toBe('');
  });

  const DISAGREE = (asker: string, asked: string) => 'The SES account VDM attributes (AWS::SES::VdmAttributes) of account 123456789012 in eu-west-1 exist once, '
    + `made for First/Mail (engagement metrics on, optimized shared delivery on), but ${asker} asks for ${asked}. Give every domain of the account and region `
    + 'the same engagementMetrics and optimizedSharedDelivery, or accountAttributes: false on the others';

  test('two domains of one environment that disagree: an error on each later one naming both, across stacks too', () => {
    const { app, stack: first } = guardStack('First');
    const { stack: second } = guardStack('Second', app);
    domain(first, 'Mail', { deliverability: vdmGuard() });
    domain(first, 'Shop', { deliverability: vdmGuard({ engagementMetrics: false }) });
    domain(second, 'News', { deliverability: vdmGuard({ optimizedSharedDelivery: false }) });
    domain(second, 'Blog', { deliverability: vdmGuard({ engagementMetrics: true }) });
    expect(synthError(app)).toBe(failures([
      ['First/Shop', DISAGREE('First/Shop', 'engagement metrics off, optimized shared delivery on')],
      ['Second/News', DISAGREE('Second/News', 'engagement metrics on, optimized shared delivery off')],
    ]));
  });

  test.each([
    ['in the same stack', (s: Stack) => s],
    ['in another stack of the environment', (s: Stack) => new Stack(s.node.root as App, 'Other', { env: ENV })],
  ])('the app\'s own AWS::SES::VdmAttributes %s: an error on the domain that made the construct\'s', (_, where) => {
    const { app, stack } = guardStack();
    domain(stack, 'Mail', { deliverability: vdmGuard() });
    const own = new ses.VdmAttributes(where(stack), 'OwnVdm');
    expect(synthError(app)).toBe(failures([['Test/Mail', `${own.node.path}/Resource is an AWS::SES::VdmAttributes of account 123456789012 in eu-west-1, `
      + 'where Test/Mail has virtualDeliverabilityManager make the account\'s VDM attributes too: SES has one set of VDM attributes per account and region, '
      + 'and the two would overwrite each other. Remove yours, or give virtualDeliverabilityManager accountAttributes: false']]));
  });

  test('the app\'s own AWS::SES::VdmAttributes in another region: no error', () => {
    const { app, stack } = guardStack();
    domain(stack, 'Mail', { deliverability: vdmGuard() });
    new ses.VdmAttributes(new Stack(app, 'Other', { env: { ...ENV, region: 'us-east-1' } }), 'OwnVdm');
    expect(synthError(app)).toBe('');
  });
});

describe('the user\'s configuration set', () => {
  test('VdmOptions left unset are filled in; the VDM part of the guard\'s signature tells two guards of one set apart', () => {
    const { stack } = guardStack();
    const set = new ses.ConfigurationSet(stack, 'Set');
    domain(stack, 'Mail', { configurationSet: set, deliverability: vdmGuard({ optimizedSharedDelivery: false }) });
    domain(stack, 'Shop', { configurationSet: set, deliverability: vdmGuard({ optimizedSharedDelivery: false }) });
    expect(propertiesOf(stack, 'AWS::SES::ConfigurationSet').map((p) => p.VdmOptions)).toEqual([SET_VDM('ENABLED', 'DISABLED')]);
    expect(() => domain(stack, 'News', { configurationSet: set, deliverability: vdmGuard() })).toThrow(new Error(
      'The deliverability guard of configurationSet Test/Set is asked twice with different options: by Test/News (the guardrail topic of stack Test; '
      + 'events bounce, complaint, reject, deliveryDelay, renderingFailure; bounce rate 0.025, complaint rate 0.0005, alarms to the guardrail topic; '
      + 'VDM engagement metrics on, optimized shared delivery on) and by Test/Mail (the guardrail topic of stack Test; events bounce, complaint, reject, '
      + 'deliveryDelay, renderingFailure; bounce rate 0.025, complaint rate 0.0005, alarms to the guardrail topic; VDM engagement metrics on, optimized '
      + 'shared delivery off). The set has one event destination and one pair of alarms; give every domain that shares it the same Deliverability.guard options'));
  });

  test.each<[string, ses.CfnConfigurationSet.VdmOptionsProperty, object, string[]]>([
    ['only the dashboard given, as asked: the guardian is added', { dashboardOptions: { engagementMetrics: 'ENABLED' } }, SET_VDM('ENABLED', 'ENABLED'), []],
    ['only the guardian given, otherwise: kept, the dashboard added, a warning', { guardianOptions: { optimizedSharedDelivery: 'DISABLED' } },
      SET_VDM('ENABLED', 'DISABLED'), ['configurationSet Test/Set has VDM optimizedSharedDelivery DISABLED, which virtualDeliverabilityManager keeps although it asks '
        + 'for ENABLED: change the set\'s vdmOptions or the optimizedSharedDelivery option so they agree']],
    ['both given otherwise: both kept, two warnings', { dashboardOptions: { engagementMetrics: 'DISABLED' }, guardianOptions: { optimizedSharedDelivery: 'DISABLED' } },
      SET_VDM('DISABLED', 'DISABLED'), [
        'configurationSet Test/Set has VDM engagementMetrics DISABLED, which virtualDeliverabilityManager keeps although it asks for ENABLED: '
        + 'change the set\'s vdmOptions or the engagementMetrics option so they agree',
        'configurationSet Test/Set has VDM optimizedSharedDelivery DISABLED, which virtualDeliverabilityManager keeps although it asks for ENABLED: '
        + 'change the set\'s vdmOptions or the optimizedSharedDelivery option so they agree',
      ]],
  ])('the user\'s VdmOptions: %s', (_, given, expected, warnings) => {
    const { stack } = guardStack();
    const set = new ses.ConfigurationSet(stack, 'Set');
    (set.node.defaultChild as ses.CfnConfigurationSet).vdmOptions = given;
    domain(stack, 'Mail', { configurationSet: set, deliverability: vdmGuard() });
    expect(propertiesOf(stack, 'AWS::SES::ConfigurationSet').map((p) => p.VdmOptions)).toEqual([expected]);
    expect(warningsOf(stack, 'vdmSetOptionKept')).toEqual(warnings);
  });

  test('VdmOptions or a status that is a token: left as they are, no warning', () => {
    const { stack } = guardStack();
    const status = new CfnParameter(stack, 'Status').valueAsString;
    const set = new ses.ConfigurationSet(stack, 'Set');
    (set.node.defaultChild as ses.CfnConfigurationSet).vdmOptions = { dashboardOptions: { engagementMetrics: status } };
    domain(stack, 'Mail', { configurationSet: set, deliverability: vdmGuard({ engagementMetrics: false }) });
    expect(propertiesOf(stack, 'AWS::SES::ConfigurationSet')[0].VdmOptions).toEqual({
      DashboardOptions: { EngagementMetrics: { Ref: 'Status' } }, GuardianOptions: { OptimizedSharedDelivery: 'ENABLED' },
    });
    expect(warningsOf(stack, 'vdmSetOptionKept')).toEqual([]);
  });

  test.each<[string, () => unknown, object]>([
    ['the whole vdmOptions', () => Lazy.any({ produce: () => ({ dashboardOptions: { engagementMetrics: 'DISABLED' } }) }),
      { DashboardOptions: { EngagementMetrics: 'DISABLED' } }],
    ['the dashboard options', () => ({ dashboardOptions: Lazy.any({ produce: () => ({ engagementMetrics: 'DISABLED' }) }) }),
      { DashboardOptions: { EngagementMetrics: 'DISABLED' }, GuardianOptions: { OptimizedSharedDelivery: 'ENABLED' } }],
  ])('%s a token: left as they are, no warning', (_, given, expected) => {
    const { stack } = guardStack();
    const set = new ses.ConfigurationSet(stack, 'Set');
    (set.node.defaultChild as ses.CfnConfigurationSet).vdmOptions = given() as ses.CfnConfigurationSet.VdmOptionsProperty;
    domain(stack, 'Mail', { configurationSet: set, deliverability: vdmGuard() });
    expect(propertiesOf(stack, 'AWS::SES::ConfigurationSet')[0].VdmOptions).toEqual(expected);
    expect(warningsOf(stack, 'vdmSetOptionKept')).toEqual([]);
  });

  test('a set whose resource is of another type: treated as imported, with the warning', () => {
    const { stack } = guardStack();
    const set = new Construct(stack, 'Set') as Construct & { configurationSetName: string };
    new CfnResource(set, 'Resource', { type: 'AWS::CloudFormation::WaitConditionHandle' });
    set.configurationSetName = 'transactional';
    domain(stack, 'Mail', { configurationSet: set as unknown as ses.IConfigurationSet, deliverability: vdmGuard() });
    expect(warningsOf(stack, 'vdmImportedSet')).toEqual(['configurationSet Test/Set is imported, so virtualDeliverabilityManager cannot set its VDM options: '
      + 'mail sent with it follows the account\'s VDM settings']);
    expect(propertiesOf(stack, 'AWS::CloudFormation::WaitConditionHandle')).toEqual([undefined]);
  });

  test('an imported set: a warning that the account\'s VDM settings apply to it; the account\'s attributes are still made', () => {
    const { stack } = guardStack();
    const set = ses.ConfigurationSet.fromConfigurationSetName(stack, 'Set', 'transactional');
    domain(stack, 'Mail', { configurationSet: set, deliverability: vdmGuard() });
    expect(warningsOf(stack, 'vdmImportedSet')).toEqual(['configurationSet Test/Set is imported, so virtualDeliverabilityManager cannot set its VDM options: '
      + 'mail sent with it follows the account\'s VDM settings']);
    expect(propertiesOf(stack, 'AWS::SES::VdmAttributes')).toEqual([ACCOUNT_VDM('ENABLED', 'ENABLED')]);
  });
});

describe('bad inputs', () => {
  test.each<[string, () => unknown, string]>([
    ['options that are not an object', () => VirtualDeliverabilityManager.enable('on' as any),
      'VirtualDeliverabilityManager.enable takes an options object such as { engagementMetrics: true, optimizedSharedDelivery: false }, got string "on"'],
    ['a near miss of an option', () => VirtualDeliverabilityManager.enable({ engagementMetric: true } as any),
      'VirtualDeliverabilityManager.enable has no option \'engagementMetric\': did you mean \'engagementMetrics\'? Options: engagementMetrics, optimizedSharedDelivery, accountAttributes'],
    ['an unknown option', () => VirtualDeliverabilityManager.enable({ dashboard: true } as any),
      'VirtualDeliverabilityManager.enable has no option \'dashboard\'; options: engagementMetrics, optimizedSharedDelivery, accountAttributes'],
    ['engagementMetrics not a boolean', () => VirtualDeliverabilityManager.enable({ engagementMetrics: 'ENABLED' as any }),
      'virtualDeliverabilityManager engagementMetrics must be true or false, got string "ENABLED"'],
    ['optimizedSharedDelivery not a boolean', () => VirtualDeliverabilityManager.enable({ optimizedSharedDelivery: 1 as any }),
      'virtualDeliverabilityManager optimizedSharedDelivery must be true or false, got number 1'],
    ['accountAttributes not a boolean', () => VirtualDeliverabilityManager.enable({ accountAttributes: null as any }),
      'virtualDeliverabilityManager accountAttributes must be true or false, got null'],
    ['the option not a VirtualDeliverabilityManager', () => {
      const { stack } = guardStack();
      domain(stack, 'Mail', { deliverability: Deliverability.guard({ virtualDeliverabilityManager: { engagementMetrics: true } as any }) });
    }, 'deliverability virtualDeliverabilityManager must be VirtualDeliverabilityManager.enable(...), got an object of class Object'],
  ])('%s', (_, make, message) => {
    expect(make).toThrow(new Error(message));
  });

  test('the values read back', () => {
    const vdm = VirtualDeliverabilityManager.enable({ optimizedSharedDelivery: false });
    expect([vdm.engagementMetrics, vdm.optimizedSharedDelivery, vdm.accountAttributes]).toEqual([true, false, true]);
  });
});
