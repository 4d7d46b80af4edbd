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

  const IMPORTED = (path: string) => [['cdk-verified-mail-domain:deliverabilityImportedSet', `configurationSet ${path} is imported, so the deliverability guard `
    + 'cannot change it: turn on its reputation metrics (or the set\'s alarms see no data) and its suppression of bounces and complaints yourself']];

  test.each<[string, (s: Stack) => ses.IConfigurationSet, string]>([
    ['a set imported by name', (s) => ses.ConfigurationSet.fromConfigurationSetName(s, 'Set', 'mine'), 'Test/Set'],
    ['a construct whose default child is another resource type', (s) => {
      const fake = new Construct(s, 'Fake');
      new ses.CfnReceiptRuleSet(fake, 'Resource');
      return Object.assign(fake, { configurationSetName: 'x' }) as unknown as ses.IConfigurationSet;
    }, 'Test/Fake'],
    ['a construct whose default child is no resource', (s) => {
      const fake = new Construct(s, 'Fake');
      new Construct(fake, 'Resource');
      return Object.assign(fake, { configurationSetName: 'x' }) as unknown as ses.IConfigurationSet;
    }, 'Test/Fake'],
  ])('%s counts as imported: left as it is, with a warning', (_, make, path) => {
    const s = stack();
    extendUserSet(s, make(s));
    expect(warnings(s)).toEqual(IMPORTED(path));
  });

  test.each<[string, ses.CfnConfigurationSet.ReputationOptionsProperty]>([
    ['reputation metrics on', { reputationMetricsEnabled: true }],
    ['reputation metrics left unset', {}],
  ])('%s, sending off and a narrower suppression: reputation on, the rest kept, a warning for each', (_, reputationOptions) => {
    const s = stack();
    const set = new ses.ConfigurationSet(s, 'Set');
    const l1 = set.node.defaultChild as ses.CfnConfigurationSet;
    l1.reputationOptions = reputationOptions;
    l1.sendingOptions = { sendingEnabled: false };
    l1.suppressionOptions = { suppressedReasons: ['BOUNCE', 'BOUNCE'] };
    extendUserSet(s, set);
    expect(sets(s)).toEqual([{
      ReputationOptions: { ReputationMetricsEnabled: true }, SendingOptions: { SendingEnabled: false }, SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'BOUNCE'] },
    }]);
    expect(warnings(s)).toEqual([
      ['cdk-verified-mail-domain:deliverabilitySendingDisabled',
        'configurationSet Test/Set has sendingEnabled: false, which the deliverability guard keeps: mail sent with it is refused until you turn sending on'],
      ['cdk-verified-mail-domain:deliverabilitySuppression',
        'configurationSet Test/Set suppresses BOUNCE and BOUNCE at the configuration-set level, which the deliverability guard keeps; mail to addresses that bounced '
        + 'or complained before then counts against the account\'s rates again. Use ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS or leave it unset'],
    ]);
  });

  test('a set that leaves all three unset gets the guard\'s settings, with no warning', () => {
    const s = stack();
    extendUserSet(s, new ses.ConfigurationSet(s, 'Set', { configurationSetName: 'bare' }));
    expect(sets(s)).toEqual([{
      Name: 'bare',
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    }]);
    expect(warnings(s)).toEqual([]);
  });

  test('a reputation flag that is a token is left alone', () => {
    const s = stack();
    const set = new ses.ConfigurationSet(s, 'Set');
    const l1 = set.node.defaultChild as ses.CfnConfigurationSet;
    l1.reputationOptions = { reputationMetricsEnabled: Lazy.any({ produce: () => false }) };
    extendUserSet(s, set);
    expect(sets(s)).toEqual([{
      ReputationOptions: { ReputationMetricsEnabled: false }, SendingOptions: { SendingEnabled: true }, SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    }]);
  });

  test('sending options without the flag and suppression options without reasons are kept, with no warning', () => {
    const s = stack();
    const set = new ses.ConfigurationSet(s, 'Set');
    const l1 = set.node.defaultChild as ses.CfnConfigurationSet;
    l1.sendingOptions = {};
    l1.suppressionOptions = {};
    extendUserSet(s, set);
    expect(sets(s)).toEqual([{ ReputationOptions: { ReputationMetricsEnabled: true }, SendingOptions: {}, SuppressionOptions: {} }]);
    expect(warnings(s)).toEqual([]);
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
