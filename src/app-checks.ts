import { CfnOutput, Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { IConstruct } from 'constructs';
import { environmentOf, expressionKey, referenceOf } from './app-keys';
import { guardrailAppErrors } from './guardrails/app-checks';
import { CFN_MAX_OUTPUTS, CFN_MAX_TEMPLATE_BYTES, DOMAINS_PER_OUTPUT } from './limits';
import { receivingAppErrors } from './receiving/app-checks';
import { fqdn } from './records';

// Checks that need the whole app: they run once the construct tree is complete (a validation on the
// root, added once per app), read every construct of the app, the construct's own and the user's,
// and keep no state between synths.

/** Marks a root that already carries the checks; a symbol on the tree, not module state. */
const CHECKS_ADDED = Symbol.for('cdk-verified-mail-domain.appChecks');

/** Who owns a record set or identity, for messages: the construct path and, for ours, what it is for. */
const PURPOSE = Symbol.for('cdk-verified-mail-domain.purpose');

/**
 * Marks a CloudFormation resource or output made by a VerifiedMailDomain with what it is for: one
 * purpose, or one per record set of a record-set group.
 */
export function markPurpose(construct: IConstruct, purpose: string | string[]): void {
  (construct as any)[PURPOSE] = Array.isArray(purpose) ? purpose : [purpose];
}

/** Adds the app-wide checks to the root of `scope`'s tree, once. */
export function addAppChecks(scope: IConstruct): void {
  const root = scope.node.root as any;
  if (root[CHECKS_ADDED]) return;
  root[CHECKS_ADDED] = true;
  root.node.addValidation({ validate: () => appErrors(root) });
}

/** One record set as Route53 keys it, with the construct that makes it. */
interface RecordSetClaim {
  readonly zone: string;
  readonly zoneLabel: string;
  readonly name: string;
  readonly type: string;
  readonly setIdentifier: string;
  readonly owner: string;
  /** The stack's region (a token when environment-agnostic). */
  readonly region: string;
}

/** Every problem the whole app has, one message each. */
export function appErrors(root: IConstruct): string[] {
  const claims: RecordSetClaim[] = [];
  const identities: Array<{ key: string; owner: string; label: string }> = [];
  const outputs = new Map<Stack, { total: number; ours: number }>();
  const recordBytes = new Map<Stack, number>();
  const all = root.node.findAll();
  for (const c of all) {
    if (c instanceof route53.CfnRecordSet) {
      if ((c as any)[PURPOSE]) addBytes(recordBytes, c, [c], RECORD_SET_OVERHEAD_BYTES);
      claims.push(claimOf(c, 0, c.hostedZoneId, c.hostedZoneName, c.name, c.type, c.setIdentifier));
    } else if (c instanceof route53.CfnRecordSetGroup) {
      const stack = Stack.of(c);
      const sets = Array.isArray(c.recordSets) ? c.recordSets : stack.resolve(c.recordSets);
      // L1 property objects (camelCase); an element may itself be a token.
      const list = (Array.isArray(sets) ? sets : []).map((raw: unknown) => (Tokenization.isResolvable(raw) ? stack.resolve(raw) : raw));
      list.forEach((set: any, i: number) => {
        claims.push(claimOf(c, i, set.hostedZoneId ?? c.hostedZoneId, set.hostedZoneName ?? c.hostedZoneName, set.name, set.type, set.setIdentifier));
      });
      if ((c as any)[PURPOSE]) addBytes(recordBytes, c, list, GROUP_ENTRY_OVERHEAD_BYTES);
    } else if (c instanceof ses.CfnEmailIdentity) {
      const identity = identityKey(c);
      if (identity) identities.push({ ...identity, owner: ownerOf(c) });
    } else if (c instanceof CfnOutput) {
      const stack = Stack.of(c);
      const count = outputs.get(stack) ?? { total: 0, ours: 0 };
      outputs.set(stack, { total: count.total + 1, ours: count.ours + ((c as any)[PURPOSE] ? 1 : 0) });
    }
  }
  return [
    ...recordSetErrors(claims), ...identityErrors(identities), ...outputErrors(outputs), ...templateSizeErrors(recordBytes),
    ...receivingAppErrors(all), ...guardrailAppErrors(all),
  ];
}

function claimOf(
  construct: IConstruct, index: number, zoneId: unknown, zoneName: unknown, name: unknown, type: unknown, setIdentifier: unknown,
): RecordSetClaim {
  const stack = Stack.of(construct);
  const zone = zoneKey(stack, zoneId, zoneName);
  return {
    zone: zone.key,
    zoneLabel: zone.label,
    name: nameKey(stack, name),
    type: String(type).toUpperCase(),
    setIdentifier: setIdentifier === undefined ? '' : expressionKey(stack, setIdentifier),
    owner: ownerOf(construct, index),
    region: stack.region,
  };
}

/**
 * A hosted zone as a comparable key: a literal id (without `/hostedzone/`), the zone construct a
 * reference points to (so the same zone is recognised across stacks), or the resolved expression.
 */
function zoneKey(stack: Stack, zoneId: unknown, zoneName: unknown): { key: string; label: string } {
  if (zoneId === undefined || zoneId === null) {
    const name = typeof zoneName === 'string' && !Token.isUnresolved(zoneName) ? nameKey(stack, zoneName) : JSON.stringify(stack.resolve(zoneName));
    return { key: `name:${name}`, label: `hosted zone ${name}` };
  }
  if (typeof zoneId === 'string' && !Token.isUnresolved(zoneId)) {
    const id = zoneId.replace(/^\/?hostedzone\//, '');
    return { key: `id:${id}`, label: `hosted zone ${id}` };
  }
  const target = referenceOf(zoneId)?.target;
  if (target) {
    const targetName = target instanceof route53.CfnHostedZone ? target.name : undefined;
    const name = targetName && !Token.isUnresolved(targetName) ? `${targetName.replace(/\.$/, '')} ` : '';
    return { key: `ref:${expressionKey(stack, zoneId)}`, label: `hosted zone ${name}(${target.node.scope?.node.path ?? target.node.path})` };
  }
  const key = expressionKey(stack, zoneId);
  return { key: `expr:${key}`, label: `hosted zone ${key}` };
}

/** A record name as Route53 compares it: lower case with one trailing dot; an expression as resolved. */
function nameKey(stack: Stack, name: unknown): string {
  if (typeof name === 'string' && !Token.isUnresolved(name)) {
    return fqdn(name.toLowerCase());
  }
  return expressionKey(stack, name);
}

/** The construct path and, for the construct's own resources, what the record set (or the `index`th of a group) is for. */
function ownerOf(construct: IConstruct, index = 0): string {
  const purpose = (construct as any)[PURPOSE]?.[index];
  return purpose ? `${construct.node.path} (${purpose})` : construct.node.path;
}

/**
 * Route53 holds one record set per zone, name and type: CloudFormation fails the deploy halfway on a
 * second one. Record sets with routing policies share a name and type only with distinct set
 * identifiers, and never beside a plain record set. A CNAME must be the only record at its name
 * (RFC 1034 section 3.6.2; Route53 refuses the change).
 */
function recordSetErrors(claims: RecordSetClaim[]): string[] {
  const errors: string[] = [];
  const bySet = new Map<string, RecordSetClaim[]>();
  const byName = new Map<string, RecordSetClaim[]>();
  for (const claim of claims) {
    const setKey = `${claim.zone} ${claim.name} ${claim.type}`;
    const earlier = bySet.get(setKey) ?? [];
    const previous = earlier.find((e) => e.setIdentifier === claim.setIdentifier || e.setIdentifier === '' || claim.setIdentifier === '');
    if (previous) {
      // Two constructs for one domain in two regions meet first at the MAIL FROM domain.
      const regions = claim.type === 'MX' && [claim, previous].every((c) => c.owner.includes('(custom MAIL FROM'))
        && !Token.isUnresolved(claim.region) && !Token.isUnresolved(previous.region) && claim.region !== previous.region
        ? `; for the same domain in another region, give the second construct primaryRegion: the first (${previous.owner.split(' ')[0].replace(/\/[^/]*$/, '')})` : '';
      errors.push(`${claim.type} record set ${claim.name} would be created twice in ${claim.zoneLabel}: by ${claim.owner} and by ${previous.owner}. `
        + `Route53 holds one set per name and type; change the domain names or options so they differ${regions}`);
      continue;
    }
    bySet.set(setKey, [...earlier, claim]);
    const nameKeyOfClaim = `${claim.zone} ${claim.name}`;
    byName.set(nameKeyOfClaim, [...byName.get(nameKeyOfClaim) ?? [], claim]);
  }
  for (const atName of byName.values()) {
    const cname = atName.find((c) => c.type === 'CNAME');
    const others = atName.filter((c) => c.type !== 'CNAME');
    if (cname && others.length > 0) {
      const list = others.map((o) => `the ${o.type} record set of ${o.owner}`).join(' and ');
      errors.push(`CNAME record set ${cname.name} (by ${cname.owner}) shares its name with ${list} in ${cname.zoneLabel}. `
        + 'A CNAME must be the only record at its name (RFC 1034 section 3.6.2) and Route53 refuses the change; move one of them to another name');
    }
  }
  return errors;
}

/**
 * The SES identity as a key: one identity per name in an account and region (SES refuses the second).
 * An environment-agnostic stack's account or region is unknown, so its identities are compared only
 * within that stack.
 */
function identityKey(c: ses.CfnEmailIdentity): { key: string; label: string } | undefined {
  const name = c.emailIdentity;
  if (Token.isUnresolved(name)) return undefined;
  const normalized = name.toLowerCase().replace(/\.$/, '');
  const env = environmentOf(Stack.of(c));
  return { key: `${env.key} ${normalized}`, label: `${normalized} in ${env.label}` };
}

function identityErrors(identities: Array<{ key: string; owner: string; label: string }>): string[] {
  const seen = new Map<string, string>();
  const errors: string[] = [];
  for (const { key, owner, label } of identities) {
    const previous = seen.get(key);
    if (previous) {
      errors.push(`The SES identity ${label} would be created twice: by ${owner} and by ${previous}. `
        + 'SES holds one identity per domain in an account and region and refuses the second at deploy; use one construct per domain and region');
    } else {
      seen.set(key, owner);
    }
  }
  return errors;
}

/** CloudFormation quotas: at most 200 outputs per template. */
function outputErrors(outputs: Map<Stack, { total: number; ours: number }>): string[] {
  const errors: string[] = [];
  for (const [stack, { total, ours }] of outputs) {
    if (total > CFN_MAX_OUTPUTS && ours > 0) {
      errors.push(`Stack ${stack.node.path} has ${total} outputs, ${ours} of them VerifiedMailDomain record outputs (one per ${DOMAINS_PER_OUTPUT} domains); `
        + `CloudFormation allows at most ${CFN_MAX_OUTPUTS} per template. Remove some of the stack's other outputs, or spread the domains over more stacks`);
    }
  }
  return errors;
}

/**
 * What a record set adds to its template besides its values and name, measured on compact JSON and
 * rounded down: as a resource (logical id, type, zone, TTL, keys) 145 to 150 bytes with the shortest
 * ids; inside a record-set group (TTL, type, keys) 55.
 */
const RECORD_SET_OVERHEAD_BYTES = 140;
const GROUP_ENTRY_OVERHEAD_BYTES = 50;

/** Adds the bytes the record sets take at least in their template JSON: literal values (quotes escaped), names and fixed parts. */
function addBytes(bytes: Map<Stack, number>, scope: IConstruct, sets: Array<{ name: unknown; resourceRecords?: unknown[] }>, overhead: number): void {
  const stack = Stack.of(scope);
  const literal = (v: unknown): v is string => typeof v === 'string' && !Token.isUnresolved(v);
  const total = sets.reduce((n, set) => {
    const name = literal(set.name) ? set.name.length : 0;
    return n + JSON.stringify((set.resourceRecords ?? []).filter(literal)).length + name + overhead;
  }, 0);
  bytes.set(stack, (bytes.get(stack) ?? 0) + total);
}

/**
 * CloudFormation quotas: a template body of at most 1 MB from S3. The construct's record sets are where
 * it can dominate a template (long TXT sets), so their share alone, a lower bound of the template's
 * size, is checked: past the limit the template certainly is too.
 */
function templateSizeErrors(recordBytes: Map<Stack, number>): string[] {
  return [...recordBytes].filter(([, n]) => n > CFN_MAX_TEMPLATE_BYTES).map(([stack, n]) =>
    `The VerifiedMailDomain record sets of stack ${stack.node.path} take at least ${n} bytes of its template, more than the ${CFN_MAX_TEMPLATE_BYTES} bytes `
    + 'CloudFormation accepts for a whole template (1 MB, from S3); spread the domains over more stacks or shorten domainTxtValues and SPF');
}
