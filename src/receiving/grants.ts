import { Annotations, Aws, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct, IConstruct, IDependable } from 'constructs';

// What receiving grants SES: resource-policy statements for ses.amazonaws.com limited to this account
// and this receipt rule (aws:SourceAccount, aws:SourceArn), as the SES developer guide's examples are
// ("Giving permissions to Amazon SES for email receiving"). Internal.

export const SES = new iam.ServicePrincipal('ses.amazonaws.com');

/** The receipt rule the grants (and the actions) are for. */
export interface RuleTarget {
  /** The stack of the rule. */
  readonly stack: Stack;
  /** The rule set's name as the rule gives it (a reference to a set made in the stack, or a string). */
  readonly ruleSetName: string;
  /** The rule set's name as a literal, when known (needed for a grant in another stack). */
  readonly literalRuleSetName?: string;
  /** The rule's name (a literal: ruleNameFor). */
  readonly ruleName: string;
  /** The user's override of the region rule, for the resources' regions. */
  readonly allowUnlistedRegion?: boolean;
}

/**
 * The conditions of a grant on `resource`. In the rule's stack they name the rule by reference. In
 * another stack of the app (a storage stack the mail stack reads its bucket from) a reference back to
 * the rule's stack would make the two stacks depend on each other, which CloudFormation cannot deploy,
 * so the rule's ARN is made of strings only: the account and region of the rule's stack (its pseudo
 * parameters when those are not known), the set's literal name or `*` for a set whose name only the
 * rule's stack knows, and the rule's name, which is literal and unique (ArnLike matches `*`).
 */
export function conditionsFor(rule: RuleTarget, resource: IConstruct): Record<string, Record<string, unknown>> {
  const local = Stack.of(resource) === rule.stack;
  const account = local || Token.isUnresolved(rule.stack.account) ? Aws.ACCOUNT_ID : rule.stack.account;
  const region = local || Token.isUnresolved(rule.stack.region) ? Aws.REGION : rule.stack.region;
  const literal = rule.literalRuleSetName !== undefined && !Token.isUnresolved(rule.literalRuleSetName) ? rule.literalRuleSetName : '*';
  const set = local ? rule.ruleSetName : literal;
  return {
    StringEquals: { 'aws:SourceAccount': account },
    ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:ses:${region}:${account}:receipt-rule-set/${set}:receipt-rule/${rule.ruleName}` },
  };
}

/**
 * Adds SES's grant to a resource policy (a bucket's, a topic's or a key's) and returns what the rule
 * must wait for. An imported resource has no policy the construct can add to: SES refuses to create a
 * rule it cannot deliver for (and a key it may not use fails every message), so a warning gives the
 * exact statement to add.
 */
export function grantToSes(scope: Construct, what: string, resource: iam.IResourceWithPolicy, statement: iam.PolicyStatement): IDependable[] {
  const result = resource.addToResourcePolicy(statement);
  const isKey = typeof (resource as Partial<kms.IKey>).keyArn === 'string';
  if (!result.statementAdded) warnGrantNotAdded(scope, what, isKey, statement);
  // A key policy is part of the key resource, which the rule already depends on through its ARN.
  return result.policyDependable && !isKey ? [result.policyDependable] : [];
}

/** The warning for a grant the construct could not add, with the exact statement to add. */
export function warnGrantNotAdded(scope: Construct, what: string, isKey: boolean, statement: iam.PolicyStatement): void {
  const stack = Stack.of(scope);
  Annotations.of(scope).addWarningV2(`cdk-verified-mail-domain:${isKey ? 'receivingKeyGrantNotAdded' : 'receivingGrantNotAdded'}`,
    `The ${what} is imported, so the construct cannot add to its ${isKey ? 'key ' : ''}policy: allow ses.amazonaws.com ${statement.actions.join(', ')} there, `
    + `with the conditions aws:SourceAccount (this account) and aws:SourceArn (this receipt rule), or ${isKey ? 'every message fails (SES may not use the key)' : 'SES refuses to create the rule'}. `
    + `Add this statement: ${JSON.stringify(readable(stack, stack.resolve(statement.toStatementJson())))}`);
}

/** The AWS managed key a key is, by its alias (`aws/sns` for `alias/aws/sns`), if that can be told. */
export function awsManagedAlias(key: kms.IKey): string | undefined {
  const k = key as Partial<kms.IKey & kms.IAlias>;
  return [k.aliasName, k.keyId, k.keyArn].map(awsManagedAliasOf).find((a) => a !== undefined);
}

/** `aws/sns` for a key id or ARN naming the alias `alias/aws/sns`; undefined for anything else or a token. */
export function awsManagedAliasOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || Token.isUnresolved(value)) return undefined;
  return /(?:^|:)alias\/(aws\/[A-Za-z0-9/_-]+)$/.exec(value)?.[1];
}

/**
 * A resolved policy statement as the user would write it: pseudo parameters replaced by the stack's
 * literal account, region and partition where known, joins joined, other references as `<logical id>`.
 */
function readable(stack: Stack, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => readable(stack, v));
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Record<string, unknown>;
  const [only, ...more] = Object.keys(o);
  if (more.length === 0 && only === 'Ref') return pseudo(stack, String(o.Ref));
  if (more.length === 0 && only === 'Fn::GetAtt') return `<${(o[only] as string[]).join('.')}>`;
  if (more.length === 0 && only === 'Fn::Join') {
    const [separator, parts] = o[only] as [string, unknown[]];
    return parts.map((p) => readable(stack, p)).map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(separator);
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, readable(stack, v)]));
}

function pseudo(stack: Stack, ref: string): string {
  const region = Token.isUnresolved(stack.region) ? undefined : stack.region;
  if (ref === 'AWS::AccountId' && !Token.isUnresolved(stack.account)) return stack.account;
  if (ref === 'AWS::Region' && region) return region;
  if (ref === 'AWS::Partition' && region) return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return `<${ref}>`;
}
