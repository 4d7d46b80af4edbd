import { Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';

// Keys the app-wide checks compare resources by, across stacks: deploy-time values by the resource
// they reference, environments by account and region.

/** The reference a value is, if it is exactly one (`Ref` or `Fn::GetAtt` of a resource). */
export function referenceOf(value: unknown): Reference | undefined {
  let token: unknown;
  if (typeof value === 'string') {
    const fragments = Tokenization.reverseString(value);
    token = fragments.length === 1 ? fragments.firstToken : undefined;
  } else {
    token = Tokenization.reverse(value);
  }
  return Reference.isReference(token) ? token : undefined;
}

/**
 * A deploy-time value as a comparable key: a reference names its resource and attribute, so the same
 * resource is recognised from every stack; any other expression is compared only within its stack,
 * where the same text means the same value.
 */
export function expressionKey(stack: Stack, value: unknown): string {
  const reference = referenceOf(value);
  if (reference) return `${reference.target.node.path}.${reference.displayName}`;
  return `${JSON.stringify(stack.resolve(value))} in stack ${stack.node.path}`;
}

/**
 * Where two stacks are known to be in different environments: 'account' first, then 'region';
 * undefined when both are the same or either is not known (a token).
 */
export function environmentDifference(a: Stack, b: Stack): 'account' | 'region' | undefined {
  const differs = (x: string, y: string) => !Token.isUnresolved(x) && !Token.isUnresolved(y) && x !== y;
  if (differs(a.account, b.account)) return 'account';
  return differs(a.region, b.region) ? 'region' : undefined;
}

/**
 * An account and region as a key: SES identities and rule sets are per account and region. An
 * environment-agnostic stack's account or region is unknown, so its resources are compared only
 * within that stack.
 */
export function environmentOf(stack: Stack): { key: string; label: string } {
  const known = !Token.isUnresolved(stack.account) && !Token.isUnresolved(stack.region);
  return known
    ? { key: `${stack.account}/${stack.region}`, label: `account ${stack.account} in ${stack.region}` }
    : { key: `stack ${stack.node.path}`, label: `the environment of stack ${stack.stackName}` };
}

/**
 * An account as a key: Route53 zones belong to an account, and a stack writes record sets in its own.
 * An environment-agnostic stack's account is unknown, so its zones are compared only within that stack.
 */
export function accountOf(stack: Stack): { key: string; label: string } {
  return Token.isUnresolved(stack.account)
    ? { key: `stack ${stack.node.path}`, label: `the account of stack ${stack.node.path}` }
    : { key: stack.account, label: `account ${stack.account}` };
}
