import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { InboundMail, ReceiptRuleSetChoice, ReceivingAction, VerifiedMailDomain } from '../../src';
import { synthError, validationFailure } from '../helpers/util';

// Receiving across the app: one active rule set per account and region, a rule set name once, and
// SES's quotas of rule sets per account and rules per set, counting the user's own rule sets and rules.

const ENV = { account: '123456789012', region: 'eu-west-1' };

function stackIn(app: App, id: string, env: { account: string; region: string } = ENV): Stack {
  return new Stack(app, id, { env });
}

function domain(stack: Stack, id: string, domainName: string, ruleSet: ReceiptRuleSetChoice): VerifiedMailDomain {
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, `${id}Zone`, { hostedZoneId: `Z${id}`, zoneName: domainName });
  return new VerifiedMailDomain(stack, id, {
    hostedZone: zone,
    inboundMail: InboundMail.ses({ actions: [ReceivingAction.sns(new sns.Topic(stack, `${id}Topic`))], ruleSet }),
  });
}

const ACTIVATED_TWICE = (times: number, where: string, owners: string) => `Receipt rule sets would be activated ${times} times in ${where} (${owners}), `
  + 'but SES has one active rule set per account and region. Give every domain of a stack the same ReceiptRuleSetChoice.create({ ruleSetName }), '
  + 'and in other stacks add the domains to it with ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(this, \'RuleSet\', ruleSetName))';

test('one create() choice given to two domains of a stack: one rule set, one activation after both rules', () => {
  const app = new App();
  const stack = stackIn(app, 'Mail');
  const shared = ReceiptRuleSetChoice.create({ ruleSetName: 'inbox' });
  domain(stack, 'Org', 'example.org', shared);
  domain(stack, 'Net', 'example.net', shared);
  const template = Template.fromStack(stack);
  expect(template.findResources('AWS::SES::ReceiptRuleSet')).toEqual({ VerifiedMailDomainReceiptRuleSetinboxReceiptRuleSetAC49D2EE: { Type: 'AWS::SES::ReceiptRuleSet', Properties: { RuleSetName: 'inbox' } } });
  const rules = template.findResources('AWS::SES::ReceiptRule');
  expect(Object.values(rules).map((r) => [r.Properties.RuleSetName, r.Properties.Rule.Recipients])).toEqual([
    [{ Ref: 'VerifiedMailDomainReceiptRuleSetinboxReceiptRuleSetAC49D2EE' }, ['example.org']],
    [{ Ref: 'VerifiedMailDomainReceiptRuleSetinboxReceiptRuleSetAC49D2EE' }, ['example.net']],
  ]);
  const activations = template.findResources('Custom::SesActiveReceiptRuleSet');
  expect(Object.keys(activations)).toEqual(['VerifiedMailDomainReceiptRuleSetinboxReceiptRuleSetActivation4A64E544']);
  expect(Object.values(activations)[0].DependsOn).toEqual(expect.arrayContaining(Object.keys(rules)));
  expect(synthError(app)).toEqual('');
});

test('a named shared set keeps its logical id whichever domain uses it first; two choices of one name in a stack are an error', () => {
  const ids = (order: string[]) => {
    const stack = stackIn(new App(), 'Mail');
    const shared = ReceiptRuleSetChoice.create({ ruleSetName: 'inbox' });
    order.forEach((name) => domain(stack, name.split('.')[1].replace(/^./, (c) => c.toUpperCase()), name, shared));
    const template = Template.fromStack(stack);
    return [...Object.keys(template.findResources('AWS::SES::ReceiptRuleSet')), ...Object.keys(template.findResources('Custom::SesActiveReceiptRuleSet'))];
  };
  const expected = ['VerifiedMailDomainReceiptRuleSetinboxReceiptRuleSetAC49D2EE', 'VerifiedMailDomainReceiptRuleSetinboxReceiptRuleSetActivation4A64E544'];
  expect(ids(['example.org', 'example.net'])).toEqual(expected);
  expect(ids(['example.net'])).toEqual(expected);

  const stack = stackIn(new App(), 'Mail');
  domain(stack, 'Org', 'example.org', ReceiptRuleSetChoice.create({ ruleSetName: 'inbox' }));
  expect(() => domain(stack, 'Net', 'example.net', ReceiptRuleSetChoice.create({ ruleSetName: 'inbox' }))).toThrow(new Error(
    "ReceiptRuleSetChoice.create({ ruleSetName: 'inbox' }) is made twice for stack Mail: make the choice once and give it to every domain that shares the set"));
});

test('an unnamed create() given to a second domain of a stack is refused: only a named set stays put', () => {
  const stack = stackIn(new App(), 'Mail');
  const shared = ReceiptRuleSetChoice.create();
  domain(stack, 'Org', 'example.org', shared);
  expect(() => domain(stack, 'Net', 'example.net', shared)).toThrow(new Error(
    'ReceiptRuleSetChoice.create() without a ruleSetName is given to Mail/Net after Mail/Org in stack Mail: '
    + 'give it a ruleSetName to share it, so that the set stays put whichever domain uses it first'));
});

test('a shared named set with activate: false: one set, no activation, no Lambda', () => {
  const app = new App();
  const stack = stackIn(app, 'Mail');
  const shared = ReceiptRuleSetChoice.create({ ruleSetName: 'inbox', activate: false });
  domain(stack, 'Org', 'example.org', shared);
  domain(stack, 'Net', 'example.net', shared);
  const template = Template.fromStack(stack);
  template.resourceCountIs('AWS::SES::ReceiptRuleSet', 1);
  template.resourceCountIs('AWS::SES::ReceiptRule', 2);
  template.resourceCountIs('Custom::SesActiveReceiptRuleSet', 0);
  template.resourceCountIs('AWS::Lambda::Function', 0);
});

test('existing(name) of a set another stack creates: the rule\'s stack depends on the set\'s; in one stack, the rule on the set', () => {
  const app = new App();
  const one = stackIn(app, 'One');
  domain(one, 'Org', 'example.org', ReceiptRuleSetChoice.create({ ruleSetName: 'inbox' }));
  const two = stackIn(app, 'Two');
  domain(two, 'Net', 'example.net', ReceiptRuleSetChoice.existing('inbox'));
  const other = stackIn(app, 'Other', { ...ENV, region: 'us-east-1' });
  domain(other, 'Com', 'example.com', ReceiptRuleSetChoice.existing('inbox'));
  const assembly = app.synth();
  const stacksBefore = (id: string) => assembly.getStackByName(id).dependencies.map((d) => d.id).filter((d) => !d.endsWith('.assets'));
  expect(stacksBefore('Two')).toEqual(['One']);
  expect(stacksBefore('Other')).toEqual([]);

  const same = new App();
  const stack = stackIn(same, 'Mail');
  domain(stack, 'Net', 'example.net', ReceiptRuleSetChoice.existing('inbox'));
  domain(stack, 'Org', 'example.org', ReceiptRuleSetChoice.create({ ruleSetName: 'inbox', activate: false }));
  const rules = Template.fromStack(stack).findResources('AWS::SES::ReceiptRule');
  expect(rules.NetReceiptRuleC3B6C893.DependsOn).toEqual(expect.arrayContaining(['VerifiedMailDomainReceiptRuleSetinboxReceiptRuleSetAC49D2EE']));
});

test('a rule set name created three times is one error naming all three', () => {
  const app = new App();
  for (const id of ['One', 'Two', 'Three']) domain(stackIn(app, id), 'Org', 'example.org', ReceiptRuleSetChoice.create({ ruleSetName: 'inbox', activate: false }));
  const errors = synthError(app).split('\n').filter((l) => l.includes('receipt rule set inbox'));
  expect(errors).toEqual([
    '  [Two/VerifiedMailDomainReceiptRuleSet-inbox/ReceiptRuleSet] The receipt rule set inbox in account 123456789012 in eu-west-1 would be created 3 times: by One/VerifiedMailDomainReceiptRuleSet-inbox/ReceiptRuleSet, '
    + 'by Two/VerifiedMailDomainReceiptRuleSet-inbox/ReceiptRuleSet, by Three/VerifiedMailDomainReceiptRuleSet-inbox/ReceiptRuleSet. '
    + 'SES refuses the second; create it once and add the other domains with ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(this, \'RuleSet\', name))',
  ]);
});

test('two domains of a stack, each with its own create(): both would be activated, an error naming both', () => {
  const app = new App();
  const stack = stackIn(app, 'Mail');
  domain(stack, 'Org', 'example.org', ReceiptRuleSetChoice.create());
  domain(stack, 'Net', 'example.net', ReceiptRuleSetChoice.create());
  expect(synthError(app)).toEqual(validationFailure([
    ACTIVATED_TWICE(2, 'account 123456789012 in eu-west-1', 'Mail/Org/ReceiptRuleSetActivation, Mail/Net/ReceiptRuleSetActivation'),
  ], 'Mail/Net/ReceiptRuleSetActivation/Default'));
});

test('activations in two stacks of one account and region are an error; in two regions, or with activate: false, they are not', () => {
  const app = new App();
  domain(stackIn(app, 'One'), 'Org', 'example.org', ReceiptRuleSetChoice.create());
  domain(stackIn(app, 'Two'), 'Net', 'example.net', ReceiptRuleSetChoice.create());
  expect(synthError(app)).toEqual(validationFailure([
    ACTIVATED_TWICE(2, 'account 123456789012 in eu-west-1', 'One/Org/ReceiptRuleSetActivation, Two/Net/ReceiptRuleSetActivation'),
  ], 'Two/Net/ReceiptRuleSetActivation/Default'));

  const apart = new App();
  domain(stackIn(apart, 'One'), 'Org', 'example.org', ReceiptRuleSetChoice.create());
  domain(stackIn(apart, 'Two', { ...ENV, region: 'us-east-1' }), 'Net', 'example.net', ReceiptRuleSetChoice.create());
  domain(stackIn(apart, 'Three'), 'Com', 'example.com', ReceiptRuleSetChoice.create({ activate: false }));
  expect(synthError(apart)).toEqual('');
});

test('environment-agnostic stacks are compared only within themselves', () => {
  const app = new App();
  domain(new Stack(app, 'One'), 'Org', 'example.org', ReceiptRuleSetChoice.create());
  domain(new Stack(app, 'Two'), 'Net', 'example.net', ReceiptRuleSetChoice.create());
  expect(synthError(app)).toEqual('');
});

test('a named rule set created in two stacks of one environment is an error; existing(name) in the other stack is the way', () => {
  const app = new App();
  domain(stackIn(app, 'One'), 'Org', 'example.org', ReceiptRuleSetChoice.create({ ruleSetName: 'inbox' }));
  domain(stackIn(app, 'Two'), 'Net', 'example.net', ReceiptRuleSetChoice.create({ ruleSetName: 'inbox', activate: false }));
  expect(synthError(app)).toEqual(validationFailure([
    'The receipt rule set inbox in account 123456789012 in eu-west-1 would be created twice: by Two/VerifiedMailDomainReceiptRuleSet-inbox/ReceiptRuleSet '
    + 'and by One/VerifiedMailDomainReceiptRuleSet-inbox/ReceiptRuleSet. '
    + 'SES refuses the second; create it once and add the other domains with ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(this, \'RuleSet\', name))',
  ], 'Two/VerifiedMailDomainReceiptRuleSet-inbox/ReceiptRuleSet'));

  const fixed = new App();
  domain(stackIn(fixed, 'One'), 'Org', 'example.org', ReceiptRuleSetChoice.create({ ruleSetName: 'inbox' }));
  domain(stackIn(fixed, 'Two'), 'Net', 'example.net', ReceiptRuleSetChoice.existing('inbox'));
  expect(synthError(fixed)).toEqual('');
});

test('41 rule sets in one account and region, the user\'s counted too, are an error; 40 are not', () => {
  const build = (userSets: number) => {
    const app = new App();
    const stack = stackIn(app, 'Mail');
    for (let i = 0; i < userSets; i++) new ses.CfnReceiptRuleSet(stack, `Set${i}`, {});
    domain(stack, 'Org', 'example.org', ReceiptRuleSetChoice.create());
    return app;
  };
  expect(synthError(build(39))).toEqual('');
  expect(synthError(build(40))).toEqual(validationFailure([
    'The app creates 41 receipt rule sets in account 123456789012 in eu-west-1 (Mail/Set0, Mail/Set1, Mail/Set2 and 38 more); '
    + 'SES allows at most 40 per account and region. Share one set between domains',
  ], 'Mail/Org/ReceiptRuleSet'));
});

test('201 rules in one rule set, the user\'s counted too, are an error; 200 are not', () => {
  const build = (userRules: number) => {
    const app = new App();
    const stack = stackIn(app, 'Mail');
    for (let i = 0; i < userRules; i++) new ses.CfnReceiptRule(stack, `Rule${i}`, { ruleSetName: 'inbox', rule: { name: `rule-${i}` } });
    domain(stack, 'Org', 'example.org', ReceiptRuleSetChoice.existing('inbox'));
    return app;
  };
  expect(synthError(build(199))).toEqual('');
  expect(synthError(build(200))).toEqual(validationFailure([
    'The receipt rule set inbox in account 123456789012 in eu-west-1 would hold 201 receipt rules (Mail/Rule0, Mail/Rule1, Mail/Rule2 and 198 more); '
    + 'SES allows at most 200 per rule set, and only one set is active per account and region. Receive for fewer domains in this account and region',
  ], 'Mail/Org/ReceiptRule'));
});

test('a rule of a created set, referenced by Ref, counts in the set of its literal name', () => {
  const app = new App();
  const one = stackIn(app, 'One');
  domain(one, 'Org', 'example.org', ReceiptRuleSetChoice.create({ ruleSetName: 'inbox' }));
  const two = stackIn(app, 'Two');
  for (let i = 0; i < 200; i++) new ses.CfnReceiptRule(two, `Rule${i}`, { ruleSetName: 'inbox', rule: { name: `rule-${i}` } });
  expect(synthError(app)).toEqual(validationFailure([
    'The receipt rule set inbox in account 123456789012 in eu-west-1 would hold 201 receipt rules (One/Org/ReceiptRule, Two/Rule0, Two/Rule1 and 198 more); '
    + 'SES allows at most 200 per rule set, and only one set is active per account and region. Receive for fewer domains in this account and region',
  ], 'Two/Rule199'));
});

test('two rules of one name in a rule set are an error', () => {
  const app = new App();
  const stack = stackIn(app, 'Mail');
  new ses.CfnReceiptRule(stack, 'First', { ruleSetName: 'inbox', rule: { name: 'catch-all' } });
  new ses.CfnReceiptRule(stack, 'Second', { ruleSetName: 'inbox', rule: { name: 'catch-all' } });
  domain(stack, 'Org', 'example.org', ReceiptRuleSetChoice.existing('inbox'));
  expect(synthError(app)).toEqual(validationFailure([
    'The receipt rule catch-all of the receipt rule set inbox in account 123456789012 in eu-west-1 would be created twice: by Mail/Second and by Mail/First; '
    + 'SES refuses the second. Give the rules different names',
  ], 'Mail/Second'));
});
