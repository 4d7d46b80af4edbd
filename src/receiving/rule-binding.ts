import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { RuleTarget } from './grants';

// The receipt rule as every action's bind(rule) sees it: an ses.IReceiptRule over the construct's
// CfnReceiptRule (its node, so that an aws-ses-actions action's `rule.node.addDependency(policy)` and
// its warnings land on the rule), and, for the construct's own actions, what their grants need.
// Internal.

/** What the construct's own actions need beside the rule: where to put resources, their index, the rule's names. */
export interface ActionContext {
  readonly scope: Construct;
  readonly index: number;
  readonly target: RuleTarget;
}

const contexts = new WeakMap<ses.IReceiptRule, ActionContext>();

/** The rule for the `context.index`th action's bind. */
export function receiptRuleFor(rule: ses.CfnReceiptRule, context: ActionContext): ses.IReceiptRule {
  const stack = Stack.of(rule);
  const bound: ses.IReceiptRule = {
    node: rule.node,
    stack,
    env: { account: stack.account, region: stack.region },
    receiptRuleName: context.target.ruleName,
    applyRemovalPolicy: (policy: RemovalPolicy) => rule.applyRemovalPolicy(policy),
  };
  contexts.set(bound, context);
  return bound;
}

/** The context of a rule made by receiptRuleFor; undefined for any other rule (a ses.ReceiptRule). */
export function actionContextOf(rule: ses.IReceiptRule): ActionContext | undefined {
  return contexts.get(rule);
}
