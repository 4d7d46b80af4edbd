import { Aspects, CfnOutput, IAspect, Stack, Stage, Token } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { IConstruct } from 'constructs';
import { AppProblem, identityOf, rootCauses } from './app-domains';
import { DomainMark, domainMarkOf, isOurs, markDomain } from './app-marks';
import { recordSetClaims, recordSetCollisions } from './app-records';
import { guardrailAppErrors } from './guardrails/app-checks';
import { CFN_MAX_OUTPUTS, CFN_MAX_TEMPLATE_BYTES, DOMAINS_PER_OUTPUT } from './limits';
import { isReceivingSubject, receivingAppErrors } from './receiving/app-checks';
import { mailFromRecipientErrors } from './receiving/mail-from-recipients';

export { markPurpose } from './app-marks';

// Checks that need the whole app: they run once the construct tree is complete (at validation), read
// every construct of the app, the construct's own and the user's, and keep no state between synths.
// Each message is reported on the construct it is about (the second record set, the second identity,
// the stack, the construct that lacks primary), so CDK prints its path; one computation per
// synth serves them all. The root reports what has no such construct (and what lies where the checks'
// aspect does not reach, inside a Stage without a VerifiedMailDomain).

/** Marks a root (or stage) that already carries the checks. */
const CHECKS_ADDED = Symbol.for('cdk-verified-mail-domain.appChecks');
/** On the root: this synth's problems by construct, computed at the first validation that needs them. */
const PROBLEMS = Symbol.for('cdk-verified-mail-domain.appProblems');
/** Marks a construct that reports its own app-wide problems (it has the validation). */
const REPORTS = Symbol.for('cdk-verified-mail-domain.reportsAppProblems');

/** Marks `domain` with what the checks need to know of it, and adds the app-wide checks to its app, once. */
export function addAppChecks(domain: IConstruct, mark: DomainMark): void {
  markDomain(domain, mark);
  const root = domain.node.root as any;
  reportOn(root, domain);
  for (const host of new Set<IConstruct>([root, Stage.of(domain) ?? root])) {
    if ((host as any)[CHECKS_ADDED]) continue;
    (host as any)[CHECKS_ADDED] = true;
    if (host === root) root.node.addValidation({ validate: () => problemsOf(root).get(root) ?? [] });
    // Before validation, on every synth: forget the last synth's problems, and let each construct a
    // problem can be about report its own.
    const aspect: IAspect = {
      visit: (node) => {
        if (node === host) root[PROBLEMS] = undefined;
        if (Stack.isStack(node) || node instanceof ses.CfnEmailIdentity
          || node instanceof route53.CfnRecordSet || node instanceof route53.CfnRecordSetGroup || isReceivingSubject(node)) reportOn(root, node);
      },
    };
    Aspects.of(host).add(aspect);
  }
}

function reportOn(root: any, construct: IConstruct): void {
  if ((construct as any)[REPORTS]) return;
  (construct as any)[REPORTS] = true;
  construct.node.addValidation({ validate: () => problemsOf(root).get(construct) ?? [] });
}

/** This synth's problems by the construct that reports them, in order: root causes first. */
function problemsOf(root: any): Map<IConstruct, string[]> {
  if (root[PROBLEMS]) return root[PROBLEMS];
  const byConstruct = new Map<IConstruct, string[]>();
  for (const { subject, message } of appProblems(root)) {
    const reporter = (subject as any)[REPORTS] ? subject : root;
    byConstruct.set(reporter, [...byConstruct.get(reporter) ?? [], message]);
  }
  root[PROBLEMS] = byConstruct;
  return byConstruct;
}

/** Every problem the whole app has, one message each, with the construct it is about. */
export function appProblems(root: IConstruct): AppProblem[] {
  const all = root.node.findAll();
  const identities: Array<NonNullable<ReturnType<typeof identityOf>>> = [];
  const outputs = new Map<Stack, { total: number; ours: number }>();
  const recordBytes = new Map<Stack, number>();
  for (const c of all) {
    if (c instanceof route53.CfnRecordSet) {
      if (isOurs(c)) addBytes(recordBytes, c, [c], RECORD_SET_OVERHEAD_BYTES);
    } else if (c instanceof route53.CfnRecordSetGroup) {
      const sets = Array.isArray(c.recordSets) ? c.recordSets as route53.CfnRecordSetGroup.RecordSetProperty[] : [];
      if (isOurs(c)) addBytes(recordBytes, c, sets, GROUP_ENTRY_OVERHEAD_BYTES);
    } else if (c instanceof ses.CfnEmailIdentity) {
      const identity = identityOf(c);
      if (identity) identities.push(identity);
    } else if (c instanceof CfnOutput) {
      const stack = Stack.of(c);
      const count = outputs.get(stack) ?? { total: 0, ours: 0 };
      outputs.set(stack, { total: count.total + 1, ours: count.ours + (isOurs(c) ? 1 : 0) });
    }
  }
  const collisions = recordSetCollisions(recordSetClaims(all));
  const domains = all.filter((c) => domainMarkOf(c) !== undefined);
  const { problems, explained } = rootCauses(identities, domains, collisions);
  return [
    ...problems,
    ...collisions.filter((c) => !explained.has(c)),
    ...outputErrors(outputs),
    ...templateSizeErrors(recordBytes),
    ...receivingAppErrors(all),
    ...mailFromRecipientErrors(all),
    ...guardrailAppErrors(root, all),
  ];
}

/** CloudFormation quotas: at most 200 outputs per template. */
function outputErrors(outputs: Map<Stack, { total: number; ours: number }>): AppProblem[] {
  const errors: AppProblem[] = [];
  for (const [stack, { total, ours }] of outputs) {
    if (total > CFN_MAX_OUTPUTS && ours > 0) {
      errors.push({
        subject: stack,
        message: `Stack ${stack.node.path} has ${total} outputs, ${ours} of them VerifiedMailDomain record outputs (one per ${DOMAINS_PER_OUTPUT} domains); `
        + `CloudFormation allows at most ${CFN_MAX_OUTPUTS} per template. Remove some of the stack's other outputs, or spread the domains over more stacks`,
      });
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
function templateSizeErrors(recordBytes: Map<Stack, number>): AppProblem[] {
  return [...recordBytes].filter(([, n]) => n > CFN_MAX_TEMPLATE_BYTES).map(([stack, n]) => ({
    subject: stack,
    message: `The VerifiedMailDomain record sets of stack ${stack.node.path} take at least ${n} bytes of its template, more than the ${CFN_MAX_TEMPLATE_BYTES} bytes `
    + 'CloudFormation accepts for a whole template (1 MB, from S3); spread the domains over more stacks or shorten domainTxtValues and SPF',
  }));
}
