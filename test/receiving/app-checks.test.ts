import { App, Aspects, CfnParameter, CfnResource, Fn, Stack } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct, IConstruct } from 'constructs';
import { ACTIVATION_TYPE, dependOnNamedSet, isReceivingSubject, receivingAppErrors } from '../../src/receiving/app-checks';

// app-checks.ts directly, over bare SES resources and no VerifiedMailDomain (the construct's cases are in
// app-checks-prop.test.ts): each problem with its resource and whole message, and the rule's wait for its set.

const ENV = { account: '123456789012', region: 'eu-west-1' };
const EU = 'account 123456789012 in eu-west-1';
const SECOND = 'SES refuses the second; create it once and add the other domains with '
  + 'ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(this, \'RuleSet\', name))';
const ONE_ACTIVE = 'but SES has one active rule set per account and region. Give every domain of a stack the same ReceiptRuleSetChoice.create({ ruleSetName }), '
  + 'and in other stacks add the domains to it with ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(this, \'RuleSet\', ruleSetName))';
const TOO_MANY_RULES = 'SES allows at most 200 per rule set, and only one set is active per account and region. Receive for fewer domains in this account and region';

function stackIn(app: App, id: string, env: { account: string; region: string } = ENV): Stack {
  return new Stack(app, id, { env });
}

const set = (s: Construct, id: string, ruleSetName?: string) => new ses.CfnReceiptRuleSet(s, id, { ruleSetName });
const rule = (s: Construct, id: string, ruleSetName: string, name?: string) => new ses.CfnReceiptRule(s, id, { ruleSetName, rule: { name } });
const activation = (s: Construct, id: string) => new CfnResource(new Construct(s, id), 'Resource', { type: ACTIVATION_TYPE });

/** Each problem as [the path of its resource, its message]. */
const problems = (app: App) => receivingAppErrors(app.node.findAll()).map((p) => [p.subject.node.path, p.message]);

test.each<[string, (s: Stack) => IConstruct, boolean]>([
  ['a rule set', (s) => set(s, 'Set'), true],
  ['a rule', (s) => rule(s, 'Rule', 'inbox'), true],
  ['an activation', (s) => activation(s, 'Activation'), true],
  ['another resource', (s) => new CfnResource(s, 'Other', { type: 'Custom::Other' }), false],
  ['a construct', (s) => new Construct(s, 'Plain'), false],
])('isReceivingSubject of %s', (_title, make, expected) => {
  expect(isReceivingSubject(make(stackIn(new App(), 'Mail')))).toBe(expected);
});

test('rules naming a set of the stack literally wait for it, through one aspect; a rule of another set does not', () => {
  const s = stackIn(new App(), 'Mail');
  const inbox = set(s, 'Inbox', 'inbox');
  set(s, 'Other', 'other');
  const rules = [rule(s, 'A', 'inbox'), rule(s, 'B', 'inbox'), rule(s, 'C', 'third')];
  rules.forEach(dependOnNamedSet);
  expect(Aspects.of(s).all).toHaveLength(1);
  expect(rules.map((r) => r.obtainDependencies().length)).toEqual([0, 0, 0]);
  (s.node.root as App).synth();
  expect(rules.map((r) => r.obtainDependencies().map((d) => d.node.path))).toEqual([[inbox.node.path], [inbox.node.path], []]);
});

test('a rule naming its set by a token adds no aspect', () => {
  const s = stackIn(new App(), 'Mail');
  dependOnNamedSet(rule(s, 'ByRef', set(s, 'Set', 'inbox').ref));
  dependOnNamedSet(rule(s, 'ByParameter', new CfnParameter(s, 'Name').valueAsString));
  expect(Aspects.of(s).all).toEqual([]);
});

test('a set of the name in two other stacks: the rule\'s stack waits for the first only; a set in another region counts not', () => {
  const app = new App();
  const [first, second] = [stackIn(app, 'First'), stackIn(app, 'Second')];
  set(first, 'Set', 'inbox');
  set(second, 'Set', 'inbox');
  set(stackIn(app, 'Us', { ...ENV, region: 'us-east-1' }), 'Set', 'inbox');
  const mail = stackIn(app, 'Mail');
  dependOnNamedSet(rule(mail, 'Rule', 'inbox'));
  app.synth();
  expect(mail.dependencies.map((d) => d.node.path)).toEqual(['First']);
});

test('a set name created twice in one environment, and three times, names each creator; in two regions it is no problem', () => {
  const app = new App();
  set(stackIn(app, 'One'), 'Set', 'inbox');
  set(stackIn(app, 'Two'), 'Set', 'inbox');
  set(stackIn(app, 'Us', { ...ENV, region: 'us-east-1' }), 'Set', 'inbox');
  ['A', 'B', 'C'].forEach((id) => set(stackIn(app, id), 'Set', 'third'));
  expect(problems(app)).toEqual([
    ['Two/Set', `The receipt rule set inbox in ${EU} would be created twice: by Two/Set and by One/Set. ${SECOND}`],
    ['B/Set', `The receipt rule set third in ${EU} would be created 3 times: by A/Set, by B/Set, by C/Set. ${SECOND}`],
  ]);
});

test.each<[string, number, string[][]]>([
  ['40 rule sets are no problem', 40, []],
  ['41 rule sets name the first three and the count of the rest, on the 41st', 41, [['Mail/Set40', `The app creates 41 receipt rule sets in ${EU} `
    + '(Mail/Set0, Mail/Set1, Mail/Set2 and 38 more); SES allows at most 40 per account and region. Share one set between domains']]],
])('%s', (_title, count, expected) => {
  const app = new App();
  const s = stackIn(app, 'Mail');
  for (let i = 0; i < count; i++) set(s, `Set${i}`);
  expect(problems(app)).toEqual(expected);
});

test('201 rules of a set, by its name and by a reference to it, are a problem on the 201st; 200 are not', () => {
  const build = (count: number) => {
    const app = new App();
    const s = stackIn(app, 'Mail');
    const inbox = set(s, 'Inbox', 'inbox');
    rule(s, 'ByRef', inbox.ref);
    for (let i = 1; i < count; i++) rule(s, `Rule${i}`, 'inbox');
    return problems(app);
  };
  expect(build(200)).toEqual([]);
  expect(build(201)).toEqual([['Mail/Rule200', `The receipt rule set inbox in ${EU} would hold 201 receipt rules (Mail/ByRef, Mail/Rule1, Mail/Rule2 and 198 more); ${TOO_MANY_RULES}`]]);
});

test('rules of a set without a literal name are counted by the set, named by its path', () => {
  const app = new App();
  const s = stackIn(app, 'Mail');
  const unnamed = set(s, 'Unnamed');
  for (let i = 0; i < 201; i++) rule(s, `Rule${i}`, unnamed.ref);
  expect(problems(app)).toEqual([['Mail/Rule200', `The receipt rule set Mail/Unnamed in ${EU} would hold 201 receipt rules (Mail/Rule0, Mail/Rule1, Mail/Rule2 and 198 more); ${TOO_MANY_RULES}`]]);
});

test('a set named by an expression is keyed and named by it, within its stack', () => {
  const app = new App();
  const s = stackIn(app, 'Mail');
  const name = Fn.join('-', ['in', new CfnParameter(s, 'Suffix').valueAsString]);
  rule(s, 'First', name, 'catch-all');
  rule(s, 'Second', name, 'catch-all');
  expect(problems(app)).toEqual([['Mail/Second', 'The receipt rule catch-all of the receipt rule set {"Fn::Join":["-",["in",{"Ref":"Suffix"}]]} in stack Mail '
    + `in ${EU} would be created twice: by Mail/Second and by Mail/First; SES refuses the second. Give the rules different names`]]);
});

test('two rules of one name in a set are a problem, three are one naming all; rules of no name or a token name are not compared', () => {
  const app = new App();
  const s = stackIn(app, 'Mail');
  rule(s, 'First', 'inbox', 'catch-all');
  rule(s, 'Second', 'inbox', 'catch-all');
  ['A', 'B', 'C'].forEach((id) => rule(s, id, 'inbox', 'three'));
  rule(s, 'Other', 'other', 'catch-all');
  const token = new CfnParameter(s, 'RuleName').valueAsString;
  rule(s, 'Token1', 'inbox', token);
  rule(s, 'Token2', 'inbox', token);
  rule(s, 'None1', 'inbox');
  rule(s, 'None2', 'inbox');
  expect(problems(app)).toEqual([
    ['Mail/Second', `The receipt rule catch-all of the receipt rule set inbox in ${EU} would be created twice: by Mail/Second and by Mail/First; SES refuses the second. Give the rules different names`],
    ['Mail/B', `The receipt rule three of the receipt rule set inbox in ${EU} would be created 3 times: by Mail/A, by Mail/B, by Mail/C; SES refuses the second. Give the rules different names`],
  ]);
});

test('activations: three in one environment are one problem naming each, other custom resources not counted; one per region, or per environment-agnostic stack, are none', () => {
  const app = new App();
  const s = stackIn(app, 'Mail');
  ['A', 'B', 'C'].forEach((id) => activation(s, id));
  ['X', 'Y'].forEach((id) => new CfnResource(new Construct(s, id), 'Resource', { type: 'Custom::Other' }));
  activation(stackIn(app, 'Us', { ...ENV, region: 'us-east-1' }), 'A');
  activation(new Stack(app, 'Agnostic1'), 'A');
  activation(new Stack(app, 'Agnostic2'), 'A');
  expect(problems(app)).toEqual([['Mail/B/Resource', `Receipt rule sets would be activated 3 times in ${EU} (Mail/A, Mail/B, Mail/C), ${ONE_ACTIVE}`]]);
});

test('two activations in an environment-agnostic stack name the stack', () => {
  const app = new App();
  const s = new Stack(app, 'Agnostic');
  ['A', 'B'].forEach((id) => activation(s, id));
  expect(problems(app)).toEqual([['Agnostic/B/Resource', `Receipt rule sets would be activated 2 times in the environment of stack Agnostic (Agnostic/A, Agnostic/B), ${ONE_ACTIVE}`]]);
});

test('activations of DMARC reports\' rule sets: the message also says how dmarcReports shares one', () => {
  const app = new App();
  const s = stackIn(app, 'Mail');
  ['A', 'B'].forEach((id) => activation(new Construct(s, id), 'DmarcReports'));
  expect(problems(app)).toEqual([['Mail/B/DmarcReports/Resource', `Receipt rule sets would be activated 2 times in ${EU} (Mail/A/DmarcReports, Mail/B/DmarcReports), ${ONE_ACTIVE}`
    + '; for dmarcReports, give DmarcReports.receive({ ruleSet }) that set too, or let one domain receive the reports for all with DmarcReports.sharedWith(mailbox)']]);
});

test('one activation of a domain\'s own set and one of DMARC reports\': the dmarcReports hint too', () => {
  const app = new App();
  const s = stackIn(app, 'Mail');
  activation(s, 'Inbox');
  activation(new Construct(s, 'A'), 'DmarcReports');
  expect(problems(app).map(([, m]) => m.endsWith('with DmarcReports.sharedWith(mailbox)'))).toEqual([true]);
});
