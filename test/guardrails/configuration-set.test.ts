import { App, CfnParameter, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { checkConfigurationSetName, configurationSetArn, createGuardedSet, extendUserSet } from '../../src/guardrails/configuration-set';

// configuration-set.ts directly: the name check, the created set, the user's set extended.

function stack(): Stack {
  return new Stack(new App(), 'Test', { env: { account: '111111111111', region: 'eu-west-1' } });
}

function sets(s: Stack): unknown[] {
  return Object.values(Template.fromStack(s).findResources('AWS::SES::ConfigurationSet')).map((r) => r.Properties ?? {});
}

/** Every warning of the stack as [id, message]. */
function warnings(s: Stack): Array<[string, string]> {
  return Annotations.fromStack(s).findWarning('*', Match.anyValue()).map((w) => {
    const [, message, id] = /^(.*) \[ack: (.*)\]$/s.exec(String(w.entry.data))!;
    return [id, message];
  });
}

const NAME_ERROR = (prop: string, name: string) =>
  `${prop} must be 1-64 letters, digits, underscores (_) or dashes (-) (SES configuration set names), got '${name}'`;

describe('checkConfigurationSetName', () => {
  test.each(['a', 'A-z_0-9', 'x'.repeat(63), 'x'.repeat(64)])('%s is a name', (name) => {
    expect(() => checkConfigurationSetName('p', name)).not.toThrow();
  });

  test.each(['x'.repeat(65), 'my.set', 'ä', 'a b', 'set/1'])('%s is refused', (name) => {
    expect(() => checkConfigurationSetName('the prop', name)).toThrow(new Error(NAME_ERROR('the prop', name)));
  });

  test.each([
    ['a number', 5, 'number 5'],
    ['null', null, 'null'],
  ])('%s is refused by kind', (_, value, shown) => {
    expect(() => checkConfigurationSetName('the prop', value)).toThrow(new Error(`the prop must be a string, got ${shown}`));
  });

  test('undefined and tokens pass', () => {
    expect(() => checkConfigurationSetName('p', undefined)).not.toThrow();
    expect(() => checkConfigurationSetName('p', Lazy.string({ produce: () => 'not a name!' }))).not.toThrow();
  });
});

describe('createGuardedSet', () => {
  test.each([
    ['a name', 'guarded', { Name: 'guarded' }],
    ['no name', undefined, {}],
  ])('with %s: reputation metrics, sending, suppression of bounces and complaints', (_, name, extra) => {
    const s = stack();
    const set = createGuardedSet(new Construct(s, 'Guard'), name);
    expect(set.node.path).toBe('Test/Guard/ConfigurationSet');
    expect(sets(s)).toEqual([{
      ...extra,
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    }]);
  });

  test('a bad name is refused under the guard\'s prop', () => {
    expect(() => createGuardedSet(new Construct(stack(), 'Guard'), 'a b')).toThrow(new Error(NAME_ERROR('deliverability configurationSetName', 'a b')));
  });
});

describe('extendUserSet', () => {
  test('an L1 configuration set with reputation options but no enabled flag gets the flag; the rest is kept', () => {
    const s = stack();
    const set = new ses.ConfigurationSet(s, 'Set', { configurationSetName: 'mine' });
    const l1 = set.node.defaultChild as ses.CfnConfigurationSet;
    l1.reputationOptions = {};
    l1.sendingOptions = { sendingEnabled: true };
    l1.suppressionOptions = { suppressedReasons: ['COMPLAINT', 'BOUNCE'] };
    extendUserSet(s, set);
    expect(sets(s)).toEqual([{
      Name: 'mine',
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['COMPLAINT', 'BOUNCE'] },
    }]);
    expect(warnings(s)).toEqual([]);
  });

  test('an empty suppression list is kept with the warning saying it suppresses nothing', () => {
    const s = stack();
    const set = new ses.ConfigurationSet(s, 'Set');
    (set.node.defaultChild as ses.CfnConfigurationSet).suppressionOptions = { suppressedReasons: [] };
    extendUserSet(s, set);
    expect(sets(s)).toEqual([{
      ReputationOptions: { ReputationMetricsEnabled: true }, SendingOptions: { SendingEnabled: true }, SuppressionOptions: { SuppressedReasons: [] },
    }]);
    expect(warnings(s)).toEqual([['cdk-verified-mail-domain:deliverabilitySuppression',
      'configurationSet Test/Set suppresses nothing at the configuration-set level, which the deliverability guard keeps; mail to addresses that bounced or '
      + 'complained before then counts against the account\'s rates again. Use ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS or leave it unset']]);
  });

  test('properties that are tokens are left alone, with no error and no warning', () => {
    const s = stack();
    const set = new ses.ConfigurationSet(s, 'Set');
    const l1 = set.node.defaultChild as ses.CfnConfigurationSet;
    const enabled = new CfnParameter(s, 'Enabled', { type: 'String' }).valueAsString;
    l1.reputationOptions = Lazy.any({ produce: () => ({ reputationMetricsEnabled: false }) });
    l1.sendingOptions = Lazy.any({ produce: () => ({ sendingEnabled: false }) });
    l1.suppressionOptions = { suppressedReasons: Lazy.list({ produce: () => [enabled] }) };
    expect(() => extendUserSet(s, set)).not.toThrow();
    expect(warnings(s)).toEqual([]);
    expect(sets(s)).toEqual([{
      ReputationOptions: { ReputationMetricsEnabled: false }, SendingOptions: { SendingEnabled: false }, SuppressionOptions: { SuppressedReasons: [{ Ref: 'Enabled' }] },
    }]);
  });

  test('a set name that is not a configuration set name is refused under the set\'s path', () => {
    const s = stack();
    const set = new ses.ConfigurationSet(s, 'Set');
    (set.node.defaultChild as ses.CfnConfigurationSet).name = 'bad name';
    expect(() => extendUserSet(s, set)).toThrow(new Error(NAME_ERROR('configurationSet Test/Set name', 'bad name')));
  });

  test('reputationMetricsEnabled false set on the L1 is refused', () => {
    const s = stack();
    const set = new ses.ConfigurationSet(s, 'Set');
    (set.node.defaultChild as ses.CfnConfigurationSet).reputationOptions = { reputationMetricsEnabled: false };
    expect(() => extendUserSet(s, set)).toThrow(new Error(
      'configurationSet Test/Set has reputationMetrics: false, but deliverability alarms on its reputation metrics, which SES then never publishes. '
      + 'Turn reputationMetrics on (or leave it unset) or drop deliverability'));
  });

  test('a construct whose default child is not an SES configuration set counts as imported', () => {
    const s = stack();
    const fake = new Construct(s, 'Fake');
    new ses.CfnReceiptRuleSet(fake, 'Resource');
    extendUserSet(s, Object.assign(fake, { configurationSetName: 'x' }) as unknown as ses.IConfigurationSet);
    expect(warnings(s).map(([id]) => id)).toEqual(['cdk-verified-mail-domain:deliverabilityImportedSet']);
  });
});

describe('configurationSetArn', () => {
  test('the ARN of the set in the stack\'s account and region', () => {
    const s = stack();
    expect(s.resolve(configurationSetArn(ses.ConfigurationSet.fromConfigurationSetName(s, 'Set', 'mine')))).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:eu-west-1:111111111111:configuration-set/mine']],
    });
  });

  test('an environment-agnostic stack makes it from the pseudo parameters', () => {
    const s = new Stack();
    expect(s.resolve(configurationSetArn(ses.ConfigurationSet.fromConfigurationSetName(s, 'Set', 'mine')))).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':configuration-set/mine']],
    });
  });
});
