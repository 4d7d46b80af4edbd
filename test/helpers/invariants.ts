// Invariants every synthesized template of the suite must hold: the DNS, Route53 and CloudFormation
// limits the construct promises to check at synth. `test/setup.ts` runs them on every template that
// `Template.fromStack` returns, so each test checks them without asking.
import { templateRecordSets } from './template-records';
import { CFN_MAX_OUTPUTS, DNS_NAME_MAX, ROUTE53_RECORD_SET_MAX, ROUTE53_VALUE_MAX } from '../../src/limits';

/** One record set as the invariants compare it. */
interface CheckedRecordSet {
  readonly where: string;
  readonly zone: string;
  readonly name: unknown;
  readonly type: string;
  readonly setIdentifier?: unknown;
  readonly values: unknown[];
}

/** The template's record sets as the checks compare them: where, zone, name, type, set identifier, values. */
function recordSetsOf(template: any): CheckedRecordSet[] {
  return templateRecordSets(template).map((s) => ({
    where: s.key,
    zone: JSON.stringify(s.HostedZoneId ?? s.HostedZoneName),
    name: s.Name,
    type: s.Type,
    setIdentifier: s.SetIdentifier,
    values: s.ResourceRecords,
  }));
}

/** The character-strings of a rendered TXT value: `"a" "b"` -> ['a', 'b'] (escapes counted as one character). */
export function txtStrings(value: string): string[] {
  const strings = [...value.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].replace(/\\(.)/g, '$1'));
  if (strings.length === 0) throw new Error(`TXT value ${value} is not quoted`);
  return strings;
}

/** Every broken invariant of a template, one message each; [] when all hold. */
export function templateViolations(template: any): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const typesAtName = new Map<string, Set<string>>();
  for (const set of recordSetsOf(template)) {
    const literalName = typeof set.name === 'string' ? set.name.toLowerCase().replace(/\.$/, '') : undefined;
    if (literalName !== undefined && literalName.length > DNS_NAME_MAX) problems.push(`${set.where}: name ${literalName.length} characters`);
    let total = 0;
    for (const value of set.values) {
      if (typeof value !== 'string') continue;
      total += value.length;
      if (value.length > ROUTE53_VALUE_MAX) problems.push(`${set.where}: value of ${value.length} characters`);
      if (set.type === 'TXT') {
        for (const s of txtStrings(value)) if (s.length > 255) problems.push(`${set.where}: TXT string of ${s.length} characters`);
      }
    }
    if (total > ROUTE53_RECORD_SET_MAX) problems.push(`${set.where}: record set of ${total} characters`);
    const name = literalName ?? JSON.stringify(set.name);
    const key = `${set.zone} ${name} ${set.type} ${JSON.stringify(set.setIdentifier ?? '')}`;
    if (seen.has(key)) problems.push(`${set.where}: ${set.type} ${name} also made by ${seen.get(key)}`);
    seen.set(key, set.where);
    const nameKey = `${set.zone} ${name}`;
    typesAtName.set(nameKey, new Set([...typesAtName.get(nameKey) ?? [], set.type]));
  }
  for (const [nameKey, types] of typesAtName) {
    if (types.has('CNAME') && types.size > 1) problems.push(`${nameKey}: CNAME beside ${[...types].join(', ')}`);
  }
  const outputs = Object.keys(template.Outputs ?? {}).length;
  if (outputs > CFN_MAX_OUTPUTS) problems.push(`${outputs} outputs`);
  const resources = Object.keys(template.Resources ?? {}).length;
  if (resources > 500) problems.push(`${resources} resources`);
  return problems;
}
