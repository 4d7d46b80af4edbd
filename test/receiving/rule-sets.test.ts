import { App, CfnParameter, CfnResource, Resource, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { NewReceiptRuleSetOptions, ReceiptRuleSetChoice } from '../../src/receiving/rule-sets';

// ReceiptRuleSetChoice on its own: the names it takes, and what _bind gives a rule (the set's name,
// its literal name, and the activation), in stacks of eu-west-1 without a VerifiedMailDomain.

const NAME_RULE = "must be 1-64 letters, digits, '_' or '-', starting and ending with a letter or digit (SES)";
const DOTTED_RULE = "must be 1-64 letters, digits, '.', '_' or '-', starting and ending with a letter or digit (SES)";
const NAME_64 = `a${'b'.repeat(62)}c`;

function stack(id = 'Mail', region = 'eu-west-1', app = new App()): Stack {
  return new Stack(app, id, { env: { account: '123456789012', region } });
}

function bindIn(s: Stack, choice: ReceiptRuleSetChoice, id = 'Domain') {
  const scope = new Construct(s, id);
  return { scope, bound: choice._bind(scope) };
}

test.each<[string, string]>([['one character', 'a'], ['64 characters', NAME_64], ['letters, digits, _ and -', 'In_bound-2']])(
  'create takes a ruleSetName of %s', (_title, name) => {
    expect(() => ReceiptRuleSetChoice.create({ ruleSetName: name })).not.toThrow();
  });

test.each<[string, string]>([
  ['65 characters', `${NAME_64}d`], ['empty', ''], ['a dot', 'in.bound'], ['a leading -', '-inbound'], ['a trailing _', 'inbound_'], ['a space', 'in bound'],
])('create refuses a ruleSetName of %s', (_title, name) => {
  expect(() => ReceiptRuleSetChoice.create({ ruleSetName: name })).toThrow(new Error(`ReceiptRuleSetChoice.create ruleSetName ${NAME_RULE}, got '${name}'`));
});

test.each<[string, unknown, string]>([
  ['an unknown option', { bad: 1 }, "ReceiptRuleSetChoice.create has no option 'bad'; options: ruleSetName, activate, replaceActive"],
  ['a string for options', 'x', 'ReceiptRuleSetChoice.create takes an options object such as { ruleSetName: \'inbound\' }, got string "x"'],
  ['null for options', null, "ReceiptRuleSetChoice.create takes an options object such as { ruleSetName: 'inbound' }, got null"],
  ['activate that is no boolean', { activate: 'yes' }, 'ReceiptRuleSetChoice.create activate must be true or false, got string "yes"'],
  ['replaceActive that is no boolean', { replaceActive: 1 }, 'ReceiptRuleSetChoice.create replaceActive must be true or false, got number 1'],
  ['a ruleSetName that is no string', { ruleSetName: 5 }, 'ReceiptRuleSetChoice.create ruleSetName must be a string, got number 5'],
])('create refuses %s', (_title, options, message) => {
  expect(() => ReceiptRuleSetChoice.create(options as NewReceiptRuleSetOptions)).toThrow(new Error(message));
});

test('existing takes a dot and 64 characters, and refuses 65 naming the dotted rule', () => {
  expect(() => ReceiptRuleSetChoice.existing('in.bound')).not.toThrow();
  expect(() => ReceiptRuleSetChoice.existing(NAME_64)).not.toThrow();
  expect(() => ReceiptRuleSetChoice.existing(`${NAME_64}d`)).toThrow(new Error(`ReceiptRuleSetChoice.existing ruleSetName ${DOTTED_RULE}, got '${NAME_64}d'`));
  expect(() => ReceiptRuleSetChoice.existing(5 as unknown as string)).toThrow(new Error('ReceiptRuleSetChoice.existing ruleSetName must be a string, got number 5'));
});

test('a name that is a token is never refused', () => {
  const s = stack();
  const name = new CfnParameter(s, 'Name').valueAsString;
  expect(() => ReceiptRuleSetChoice.create({ ruleSetName: name })).not.toThrow();
  expect(() => ReceiptRuleSetChoice.existing(name)).not.toThrow();
  expect(() => ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(s, 'Set', name))).not.toThrow();
});

test('fromReceiptRuleSet refuses what is no rule set, and a rule set name SES refuses', () => {
  const s = stack();
  expect(() => ReceiptRuleSetChoice.fromReceiptRuleSet({} as ses.IReceiptRuleSet)).toThrow(new Error('ReceiptRuleSetChoice.fromReceiptRuleSet ruleSet must be an '
    + "ses.IReceiptRuleSet (ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', name) or new ses.ReceiptRuleSet(...)), got an object of class Object"));
  expect(() => ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(s, 'Set', 'in bound')))
    .toThrow(new Error(`ReceiptRuleSetChoice.fromReceiptRuleSet ruleSet receiptRuleSetName ${DOTTED_RULE}, got 'in bound'`));
});

test('existing binds to the name as given, with no activation', () => {
  expect(bindIn(stack(), ReceiptRuleSetChoice.existing('inbound')).bound).toEqual({ name: 'inbound', literalName: 'inbound' });
});

test('an imported rule set binds to its name, with no activation', () => {
  const s = stack();
  const choice = ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(s, 'Set', 'inbound'));
  expect(bindIn(s, choice).bound).toEqual({ name: 'inbound', literalName: 'inbound' });
});

test('a rule set made in the app binds by reference, with its literal name for grants', () => {
  const s = stack();
  const set = new ses.ReceiptRuleSet(s, 'Set', { receiptRuleSetName: 'shared' });
  const { bound } = bindIn(s, ReceiptRuleSetChoice.fromReceiptRuleSet(set));
  expect(s.resolve(bound.name)).toEqual({ Ref: s.getLogicalId(set.node.defaultChild as ses.CfnReceiptRuleSet) });
  expect([bound.literalName, bound.activation]).toEqual(['shared', undefined]);
});

test('a rule set made in the app without a name has no literal name, or one only known at deploy', () => {
  const s = stack();
  const { bound } = bindIn(s, ReceiptRuleSetChoice.fromReceiptRuleSet(new ses.ReceiptRuleSet(s, 'Set')));
  // aws-cdk-lib gives the CfnReceiptRuleSet a generated physical name (a token) or none; grants read either as '*'.
  expect(bound.literalName === undefined || Token.isUnresolved(bound.literalName)).toBe(true);
});

test.each<[string, string, string, string, string]>([
  ['region', '123456789012', 'us-east-1', 'us-east-1', 'eu-west-1'],
  ['account', '999999999999', 'eu-west-1', '999999999999', '123456789012'],
])('a rule set made in a stack of another %s is refused, naming both stacks and the two values', (difference, account, region, theirs, ours) => {
  const app = new App();
  const other = new Stack(app, 'Other', { env: { account, region } });
  const choice = ReceiptRuleSetChoice.fromReceiptRuleSet(new ses.ReceiptRuleSet(other, 'Set'));
  expect(() => bindIn(stack('Mail', 'eu-west-1', app), choice)).toThrow(new Error(`ReceiptRuleSetChoice.fromReceiptRuleSet ruleSet Other/Set is made in stack Other of ${difference} `
    + `${theirs}, and Mail/Domain is in stack Mail of ${difference} ${ours}: a receipt rule joins only a rule set of its own account and region. `
    + "Use a rule set of Mail's account and region"));
});

test('a named new set lives at the top of the stack, one per stack, shared by the domains given the choice', () => {
  const s = stack();
  const choice = ReceiptRuleSetChoice.create({ ruleSetName: 'inbound', activate: false });
  const first = bindIn(s, choice, 'First').bound;
  const second = bindIn(s, choice, 'Second').bound;
  const set = s.node.findChild('VerifiedMailDomainReceiptRuleSet-inbound').node.findChild('ReceiptRuleSet') as ses.CfnReceiptRuleSet;
  expect(first).toEqual({ name: set.ref, literalName: 'inbound' });
  expect(second).toEqual(first);
  const sets = Template.fromStack(s).findResources('AWS::SES::ReceiptRuleSet');
  expect(Object.values(sets).map((r) => r.Properties)).toEqual([{ RuleSetName: 'inbound' }]);
});

test('an unnamed new set lives in the first domain, and is refused to a second domain of the stack', () => {
  const s = stack();
  const choice = ReceiptRuleSetChoice.create({ activate: false });
  const { scope, bound } = bindIn(s, choice, 'First');
  expect(bound).toEqual({ name: (scope.node.findChild('ReceiptRuleSet') as ses.CfnReceiptRuleSet).ref, literalName: undefined });
  expect(() => bindIn(s, choice, 'Second')).toThrow(new Error('ReceiptRuleSetChoice.create() without a ruleSetName is given to Mail/Second after Mail/First in stack Mail: '
    + 'give it a ruleSetName to share it, so that the set stays put whichever domain uses it first'));
});

test('the same unnamed choice makes one set in each stack', () => {
  const app = new App();
  const choice = ReceiptRuleSetChoice.create({ activate: false });
  const [a, b] = [stack('A', 'eu-west-1', app), stack('B', 'eu-west-1', app)];
  bindIn(a, choice);
  bindIn(b, choice);
  for (const s of [a, b]) Template.fromStack(s).resourceCountIs('AWS::SES::ReceiptRuleSet', 1);
});

test('a named set made by two choices in one stack is refused', () => {
  const s = stack();
  bindIn(s, ReceiptRuleSetChoice.create({ ruleSetName: 'inbound' }), 'First');
  expect(() => bindIn(s, ReceiptRuleSetChoice.create({ ruleSetName: 'inbound' }), 'Second'))
    .toThrow(new Error("ReceiptRuleSetChoice.create({ ruleSetName: 'inbound' }) is made twice for stack Mail: make the choice once and give it to every domain that shares the set"));
});

test('a set named by a token lives in the first domain', () => {
  const s = stack();
  const name = new CfnParameter(s, 'Name').valueAsString;
  const { scope } = bindIn(s, ReceiptRuleSetChoice.create({ ruleSetName: name, activate: false }));
  expect(scope.node.tryFindChild('ReceiptRuleSet')).toBeDefined();
});

test.each<[string, NewReceiptRuleSetOptions, string]>([
  ['by default', {}, 'false'],
  ['with replaceActive', { replaceActive: true }, 'true'],
])('the activation %s: one custom resource after every rule, one provider per stack', (_title, options, replace) => {
  const s = stack();
  const choice = ReceiptRuleSetChoice.create({ ruleSetName: 'inbound', ...options });
  const rules = ['R1', 'R2'].map((id) => new ses.CfnReceiptRule(s, id, { ruleSetName: 'inbound', rule: { enabled: true } }));
  const { bound } = bindIn(s, choice, 'First');
  bound.activation!(rules[0]);
  bindIn(s, choice, 'Second').bound.activation!(rules[1]);
  const template = Template.fromStack(s);
  const activations = Object.values(template.findResources('Custom::SesActiveReceiptRuleSet'));
  expect(activations).toHaveLength(1);
  expect(activations[0].Properties.RuleSetName).toEqual(s.resolve(bound.name));
  expect(activations[0].Properties.ReplaceActive).toBe(replace);
  expect(activations[0].DependsOn).toEqual(expect.arrayContaining(rules.map((r) => s.getLogicalId(r))));
  expect(s.node.tryFindChild('VerifiedMailDomainRuleSetActivator')).toBeDefined();
});

test('activate: false gives no activation and no function', () => {
  const s = stack();
  expect(bindIn(s, ReceiptRuleSetChoice.create({ activate: false })).bound.activation).toBeUndefined();
  Template.fromStack(s).resourceCountIs('AWS::Lambda::Function', 0);
});

test('two sets of one stack share one activation provider', () => {
  const s = stack();
  const rule = new ses.CfnReceiptRule(s, 'R', { ruleSetName: 'x', rule: { enabled: true } });
  bindIn(s, ReceiptRuleSetChoice.create({ ruleSetName: 'one' }), 'First').bound.activation!(rule);
  bindIn(s, ReceiptRuleSetChoice.create({ ruleSetName: 'two' }), 'Second').bound.activation!(rule);
  const template = Template.fromStack(s);
  template.resourceCountIs('Custom::SesActiveReceiptRuleSet', 2);
  template.resourceCountIs('AWS::Lambda::Function', 2);
});

test('existing takes a one-character name', () => {
  expect(bindIn(stack(), ReceiptRuleSetChoice.existing('a')).bound).toEqual({ name: 'a', literalName: 'a' });
});

test('a rule set of the user whose default child is another resource binds as imported, by its name', () => {
  const s = stack();
  class OwnSet extends Resource implements ses.IReceiptRuleSet {
    public readonly receiptRuleSetName = 'own';
    constructor(scope: Construct, id: string) {
      super(scope, id);
      new CfnResource(this, 'Resource', { type: 'Custom::RuleSet' });
    }
    public addRule(): ses.ReceiptRule { throw new Error('not used'); }
  }
  const own = new OwnSet(s, 'Own');
  expect((own.node.defaultChild as CfnResource).cfnResourceType).toBe('Custom::RuleSet');
  expect(bindIn(s, ReceiptRuleSetChoice.fromReceiptRuleSet(own)).bound).toEqual({ name: 'own', literalName: 'own' });
});

test('the activation function: its description, timeout and the one statement on *, acknowledged for cdk-nag', () => {
  const s = stack();
  bindIn(s, ReceiptRuleSetChoice.create({ ruleSetName: 'inbound' })).bound.activation!(new ses.CfnReceiptRule(s, 'R', { ruleSetName: 'inbound', rule: { enabled: true } }));
  const holder = s.node.findChild('VerifiedMailDomainRuleSetActivator');
  const fn = holder.node.findChild('OnEvent') as lambda.Function;
  const resources = Template.fromStack(s).toJSON().Resources;
  const props = resources[s.getLogicalId(fn.node.defaultChild as lambda.CfnFunction)].Properties;
  expect([props.Description, props.Timeout]).toEqual(['cdk-verified-mail-domain: activates an SES receipt rule set without replacing another silently', 30]);
  const policy = fn.role!.node.findChild('DefaultPolicy').node.defaultChild as iam.CfnPolicy;
  const { Properties, Metadata } = resources[s.getLogicalId(policy)];
  expect(Properties.PolicyDocument.Statement).toEqual([{ Action: ['ses:DescribeActiveReceiptRuleSet', 'ses:SetActiveReceiptRuleSet'], Effect: 'Allow', Resource: '*' }]);
  expect(Metadata.cdk_nag.rules_to_suppress).toContainEqual({
    id: 'AwsSolutions-IAM5',
    applies_to: ['Resource::*'],
    reason: 'ses:DescribeActiveReceiptRuleSet and ses:SetActiveReceiptRuleSet act on the account and region and support no resource-level permissions',
  });
});
