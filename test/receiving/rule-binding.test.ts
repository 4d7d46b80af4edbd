import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ses from 'aws-cdk-lib/aws-ses';
import { RuleTarget } from '../../src/receiving/grants';
import { actionContextOf, ActionContext, receiptRuleFor } from '../../src/receiving/rule-binding';

// receiptRuleFor and actionContextOf on their own: the rule every action's bind(rule) sees, over a
// CfnReceiptRule, and the construct's context for it.

function setup(env: { account: string; region: string } | undefined = { account: '123456789012', region: 'eu-west-1' }) {
  const stack = new Stack(new App(), 'Mail', env === undefined ? {} : { env });
  const rule = new ses.CfnReceiptRule(stack, 'Rule', { ruleSetName: 'inbound', rule: { name: 'mail-rule', enabled: true } });
  const target: RuleTarget = { stack, ruleSetName: 'inbound', ruleName: 'mail-rule' };
  const context: ActionContext = { scope: stack, index: 2, target };
  return { stack, rule, target, context };
}

test('the bound rule is the CfnReceiptRule\'s node, stack, account, region and the target\'s rule name', () => {
  const { stack, rule, context } = setup();
  const bound = receiptRuleFor(rule, context);
  expect(bound.node).toBe(rule.node);
  expect(bound.stack).toBe(stack);
  expect(bound.env).toEqual({ account: '123456789012', region: 'eu-west-1' });
  expect(bound.receiptRuleName).toBe('mail-rule');
});

test('the rule name comes from the target, not from the CfnReceiptRule', () => {
  const { rule, context } = setup();
  const bound = receiptRuleFor(rule, { ...context, target: { ...context.target, ruleName: 'other-name' } });
  expect(bound.receiptRuleName).toBe('other-name');
});

test('an environment-agnostic stack gives its account and region as they are (tokens)', () => {
  const { stack, rule, context } = setup(undefined);
  expect(receiptRuleFor(rule, context).env).toEqual({ account: stack.account, region: stack.region });
});

test('a dependency added through the bound rule lands on the CfnReceiptRule', () => {
  const { stack, rule, context } = setup();
  const other = new ses.CfnReceiptRuleSet(stack, 'Other', { ruleSetName: 'other' });
  receiptRuleFor(rule, context).node.addDependency(other);
  expect(Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(rule)].DependsOn).toEqual([stack.getLogicalId(other)]);
});

test.each<[RemovalPolicy, string]>([
  [RemovalPolicy.RETAIN, 'Retain'],
  [RemovalPolicy.DESTROY, 'Delete'],
])('applyRemovalPolicy %s applies to the CfnReceiptRule', (policy, deletionPolicy) => {
  const { stack, rule, context } = setup();
  receiptRuleFor(rule, context).applyRemovalPolicy(policy);
  const resource = Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(rule)];
  expect([resource.DeletionPolicy, resource.UpdateReplacePolicy]).toEqual([deletionPolicy, deletionPolicy]);
});

test('actionContextOf gives the context the rule was made with', () => {
  const { rule, context } = setup();
  expect(actionContextOf(receiptRuleFor(rule, context))).toBe(context);
});

test('each call makes its own rule, with its own context', () => {
  const { rule, context } = setup();
  const first = receiptRuleFor(rule, context);
  const secondContext = { ...context, index: 3 };
  const second = receiptRuleFor(rule, secondContext);
  expect(second).not.toBe(first);
  expect(actionContextOf(first)).toBe(context);
  expect(actionContextOf(second)).toBe(secondContext);
});

test('actionContextOf is undefined for a rule receiptRuleFor did not make', () => {
  const { stack, rule } = setup();
  const set = new ses.ReceiptRuleSet(stack, 'Set');
  expect(actionContextOf(new ses.ReceiptRule(stack, 'Plain', { ruleSet: set }))).toBeUndefined();
  expect(actionContextOf({ ...receiptRuleFor(rule, setup().context) })).toBeUndefined();
});
