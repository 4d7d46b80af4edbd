import { Aspects, CfnResource, IAspect, Stack, Token } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { IConstruct } from 'constructs';
import { environmentOf, expressionKey, referenceOf } from '../app-keys';
import { SES_RULE_SETS_PER_ACCOUNT, SES_RULES_PER_RULE_SET } from '../limits';

// App-wide checks of SES receiving: rule sets and rules are per account and region, and so is the one
// active rule set. They read every rule set, rule and activation of the app, the construct's and the
// user's, and run with the other app-wide checks (app-checks.ts).

/** The CloudFormation type of the construct's activation custom resource (rule-sets.ts). */
export const ACTIVATION_TYPE = 'Custom::SesActiveReceiptRuleSet';

interface Owned {
  readonly key: string;
  readonly label: string;
  readonly owner: string;
  /** The resource, which reports the problem when it is the one too many. */
  readonly construct: IConstruct;
  /** The account and region, as a key and for messages. */
  readonly env: { key: string; label: string };
}

/** The construct's rules of a stack that name their set literally, kept on the stack. */
const NAMED_RULES = Symbol.for('cdk-verified-mail-domain.receiptRulesByName');

/**
 * A rule of the construct names its set; when the set is made elsewhere in the app (another domain's
 * `create({ ruleSetName })`, in this stack or another of the account and region), the rule must wait for
 * it, and the set's stack must outlive the rule's, or SES refuses the rule ("rule set does not exist").
 * An aspect of the rule's stack adds that dependency once the tree is complete. A rule that names its
 * set by reference depends on it already.
 */
export function dependOnNamedSet(rule: ses.CfnReceiptRule): void {
  if (Token.isUnresolved(rule.ruleSetName)) return;
  const stack = Stack.of(rule) as any;
  const known: ses.CfnReceiptRule[] | undefined = stack[NAMED_RULES];
  if (known) {
    known.push(rule);
    return;
  }
  const rules = [rule];
  stack[NAMED_RULES] = rules;
  const aspect: IAspect = {
    visit: (node) => {
      if (node === stack) linkRules(stack, rules);
    },
  };
  Aspects.of(stack).add(aspect);
}

function linkRules(stack: Stack, rules: ses.CfnReceiptRule[]): void {
  const sets = new Map<string, ses.CfnReceiptRuleSet>();
  for (const c of stack.node.root.node.findAll()) {
    if (c instanceof ses.CfnReceiptRuleSet) {
      const set = ruleSetOf(Stack.of(c), c.ref);
      if (!sets.has(set.key)) sets.set(set.key, c);
    }
  }
  for (const rule of rules) {
    const set = sets.get(ruleSetOf(stack, rule.ruleSetName).key);
    if (set) rule.node.addDependency(set);
  }
}

/** A receiving problem of the app, reported on the resource too many (the second set, rule or activation). */
export interface ReceivingProblem {
  readonly subject: IConstruct;
  readonly message: string;
}

/** True for the resources a receiving problem can be reported on. */
export function isReceivingSubject(c: IConstruct): boolean {
  return c instanceof ses.CfnReceiptRuleSet || c instanceof ses.CfnReceiptRule
    || (c instanceof CfnResource && c.cfnResourceType === ACTIVATION_TYPE);
}

/** Every receiving problem of the app, one message each. */
export function receivingAppErrors(constructs: IConstruct[]): ReceivingProblem[] {
  const sets: Owned[] = [];
  const rules: Array<Owned & { ruleName?: string }> = [];
  const activations: Owned[] = [];
  for (const c of constructs) {
    if (c instanceof ses.CfnReceiptRuleSet) {
      const set = ruleSetOf(Stack.of(c), c.ref);
      sets.push({ ...set, owner: c.node.path, construct: c });
    } else if (c instanceof ses.CfnReceiptRule) {
      const stack = Stack.of(c);
      const rule = stack.resolve(c.rule) as { name?: unknown } | undefined;
      const ruleName = typeof rule?.name === 'string' ? rule.name : undefined;
      rules.push({ ...ruleSetOf(stack, c.ruleSetName), owner: c.node.path, construct: c, ruleName });
    } else if (c instanceof CfnResource && c.cfnResourceType === ACTIVATION_TYPE) {
      const env = environmentOf(Stack.of(c));
      activations.push({ ...env, env, owner: c.node.scope!.node.path, construct: c });
    }
  }
  return [...setErrors(sets), ...ruleErrors(rules), ...activationErrors(activations)];
}

/**
 * A rule set as a key within its account and region: its literal name, the literal `ruleSetName` of
 * the set a reference points to, or else the set itself (a name CloudFormation generates is unique).
 */
function ruleSetOf(stack: Stack, value: unknown): Omit<Owned, 'owner' | 'construct'> {
  const env = environmentOf(stack);
  const target = referenceOf(value)?.target;
  const name = target instanceof ses.CfnReceiptRuleSet ? target.ruleSetName : value;
  if (typeof name === 'string' && !Token.isUnresolved(name)) {
    return { key: `${env.key} ${name}`, label: `receipt rule set ${name} in ${env.label}`, env };
  }
  const path = target ? target.node.path : expressionKey(stack, value);
  return { key: `${env.key} ${expressionKey(stack, value)}`, label: `receipt rule set ${path} in ${env.label}`, env };
}

function groups<T extends { key: string }>(items: T[]): T[][] {
  const byKey = new Map<string, T[]>();
  for (const item of items) byKey.set(item.key, [...byKey.get(item.key) ?? [], item]);
  return [...byKey.values()];
}

function owners(items: Owned[], max = 3): string {
  const shown = items.slice(0, max).map((i) => i.owner).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** "twice: by B and by A", or "3 times: by A, by B, by C" for more. */
function createdBy(same: Owned[]): string {
  return same.length === 2 ? `twice: by ${same[1].owner} and by ${same[0].owner}` : `${same.length} times: by ${same.map((o) => o.owner).join(', by ')}`;
}

/** SES refuses a second rule set of one name, and more than 40 rule sets in an account and region (limits.ts). */
function setErrors(sets: Owned[]): ReceivingProblem[] {
  const errors: ReceivingProblem[] = [];
  for (const same of groups(sets).filter((g) => g.length > 1)) {
    errors.push(on(same[1], `The ${same[0].label} would be created ${createdBy(same)}. SES refuses the second; `
      + 'create it once and add the other domains with ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(this, \'RuleSet\', name))'));
  }
  const byEnv = groups(sets.map((s) => ({ ...s, key: s.env.key })));
  for (const env of byEnv.filter((g) => g.length > SES_RULE_SETS_PER_ACCOUNT)) {
    errors.push(on(env[SES_RULE_SETS_PER_ACCOUNT], `The app creates ${env.length} receipt rule sets in ${env[0].env.label} (${owners(env)}); `
      + `SES allows at most ${SES_RULE_SETS_PER_ACCOUNT} per account and region. Share one set between domains`));
  }
  return errors;
}

/** At most 200 rules in a rule set (limits.ts), each name once: SES refuses the rest at deploy. */
function ruleErrors(rules: Array<Owned & { ruleName?: string }>): ReceivingProblem[] {
  const errors: ReceivingProblem[] = [];
  for (const inSet of groups(rules)) {
    if (inSet.length > SES_RULES_PER_RULE_SET) {
      errors.push(on(inSet[SES_RULES_PER_RULE_SET], `The ${inSet[0].label} would hold ${inSet.length} receipt rules (${owners(inSet)}); SES allows at most ${SES_RULES_PER_RULE_SET} `
        + 'per rule set, and only one set is active per account and region. Receive for fewer domains in this account and region'));
    }
    const named = inSet.filter((r) => r.ruleName !== undefined).map((r) => ({ ...r, key: r.ruleName! }));
    for (const same of groups(named).filter((g) => g.length > 1)) {
      errors.push(on(same[1], `The receipt rule ${same[0].ruleName} of the ${same[0].label} would be created ${createdBy(same)}; `
        + 'SES refuses the second. Give the rules different names'));
    }
  }
  return errors;
}

/**
 * SES has one active rule set per account and region: a second activation fails the deploy naming the
 * first (or, with replaceActive, stops the first set's mail), so two in one environment are an error.
 */
function activationErrors(activations: Owned[]): ReceivingProblem[] {
  return groups(activations).filter((g) => g.length > 1).map((same) => on(same[1],
    `Receipt rule sets would be activated ${same.length} times in ${same[0].label} (${owners(same)}), but SES has one active rule set `
    + 'per account and region. Give every domain of a stack the same ReceiptRuleSetChoice.create({ ruleSetName }), and in other stacks '
    + 'add the domains to it with ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(this, \'RuleSet\', ruleSetName))'
    // A domain's DMARC reports make a set of their own when the domain receives with no set of the stack's.
    + (same.some((a) => /\/DmarcReports(\/|$)/.test(a.owner))
      ? '; for dmarcReports, give DmarcReports.receive({ ruleSet }) that set too, or let one domain receive the reports for all with DmarcReports.sharedWith(mailbox)'
      : '')));
}

function on(item: Owned, message: string): ReceivingProblem {
  return { subject: item.construct, message };
}
