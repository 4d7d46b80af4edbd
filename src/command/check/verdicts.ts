import { adoptionAdvice } from './advice';
import { AppDomain, DeployOutputs, outputRecords } from './assembly';
import { Answer, DnsLookup, MxRecord } from './dns';
import { dmarcDifferences, spfDifferences } from './equivalence';
import { evaluateSpf } from './spf-eval';
import { SPF_MAX_LOOKUPS, SPF_MAX_VOID_LOOKUPS } from '../../limits';
import { RecordKind } from '../../record-model';
import { isDmarcRecord } from '../../sending/dmarc-parser';
import { isSpfRecord } from '../../sending/spf-parser';

// Compares each record the construct expects with what DNS answers, one row a record.

/** What a row says about its record. `pending`: known only after deploy; `unreachable`: DNS gave no answer. */
export type Verdict = 'ok' | 'missing' | 'different' | 'conflict' | 'pending' | 'invalid' | 'unreachable';

/** One expected record (or SPF evaluation) and what was found. */
export interface Row {
  readonly domain: string;
  /** The stack that holds the domain's identity (one a region, when the domain sends from several). */
  readonly stack: string;
  readonly purpose: string;
  readonly name: string;
  readonly type: string;
  readonly expected: string[];
  readonly found: string[];
  readonly verdict: Verdict;
  readonly detail?: string;
  readonly advice?: string;
}

/** A record the construct expects, in presentation form (TXT unquoted, hosts without trailing dot). */
export interface Expected {
  readonly kind: RecordKind;
  readonly purpose: string;
  readonly name?: string;
  readonly type: string;
  readonly values?: string[];
}

/** An expected record with the row the check made for it. */
export interface CheckedRecord {
  readonly expected: Expected;
  readonly row: Row;
}

/** A domain's expected records, each with its row, and the rows of the SPF evaluations, which belong to no one record. */
export interface DomainCheck {
  readonly records: CheckedRecord[];
  readonly evaluations: Row[];
}

const host = (name: string) => name.toLowerCase().replace(/\.$/, '');
/** An MX or CNAME value in presentation form: lower case, the host without its trailing dot; a null MX stays `0 .`. */
const presented = (value: string) => value.replace(/(\S)\.$/, '$1').toLowerCase();
const show = (name: string) => `${host(name)}.`;

/**
 * The records `d` expects, DKIM names and values from the deployed outputs when known. `deployed`: true
 * when its stack is in the outputs, false when outputs are given without it (before the first deploy),
 * undefined without outputs (unknown).
 */
export function expectedRecords(d: AppDomain, outputs?: DeployOutputs): { records: Expected[]; deployed?: boolean } {
  const stackOutputs = outputs?.[d.stackName];
  const fromOutput = d.metadata.output && stackOutputs?.[d.metadata.output]
    ? (outputRecords(stackOutputs[d.metadata.output], d.metadata.domain) ?? []).filter((r) => r.type === 'CNAME') : [];
  let deployTime = 0;
  const records = d.metadata.records.map((r): Expected => {
    const literal = typeof r.name === 'string' && r.values.every((v) => typeof v === 'string');
    if (literal) {
      const values = (r.values as string[]).map((v) => (r.type === 'TXT' ? v : presented(v)));
      return { kind: r.kind, purpose: r.purpose, name: host(r.name as string), type: r.type, values };
    }
    const known = fromOutput[deployTime++];
    return known
      ? { kind: r.kind, purpose: r.purpose, name: host(known.name), type: r.type, values: known.values.map(host) }
      : { kind: r.kind, purpose: r.purpose, type: r.type };
  });
  return { records, deployed: outputs === undefined ? undefined : stackOutputs !== undefined };
}

/**
 * Checks every expected record of a domain against DNS (`lookup`, the domain's own servers); the SPF
 * trees are walked with `spfLookup`, which can answer for other domains' includes. Queries run in parallel.
 */
export async function checkDomain(
  d: AppDomain, expected: Expected[], deployed: boolean | undefined, lookup: DnsLookup, spfLookup: DnsLookup,
): Promise<DomainCheck> {
  // Route53 refuses to create what exists: before the first deploy every existing record set collides;
  // when it is unknown whether the stack is deployed, only one that differs from what the stack writes.
  const managed = d.metadata.hostedZone !== undefined;
  const collide: Collide = !managed || deployed === true ? 'never' : deployed === false ? 'always' : 'ifDifferent';
  const where = { domain: d.metadata.domain, stack: d.stackName };
  const pending = deployed === false
    ? `Easy DKIM names and values are known only after deploy, and stack ${d.stackName} is not in --outputs yet: after cdk deploy, give the outputs file it writes`
    : 'Easy DKIM names and values are known only after deploy: give --outputs with the file cdk deploy --outputs-file writes';
  // Each row is made for its record and kept with it: nothing depends on the order the answers arrive in.
  const records = await Promise.all(expected.map(async (e) => ({ expected: e, row: await checkRecord(where, e, lookup, collide, pending) })));
  const spf = expected.filter((e) => e.name && e.type === 'TXT' && e.values?.some(isSpfRecord));
  const evaluations = await Promise.all(spf.map((e) => spfRow(where, e.name!, spfLookup)));
  return { records, evaluations: evaluations.filter((r): r is Row => r !== undefined) };
}

type Collide = 'never' | 'always' | 'ifDifferent';

/** Which domain, in which stack, a row belongs to. */
interface Where {
  readonly domain: string;
  readonly stack: string;
}

/** One expected record against DNS; `pending` is the detail of a record known only after deploy. */
async function checkRecord(where: Where, e: Expected, lookup: DnsLookup, collide: Collide, pending: string): Promise<Row> {
  const base = { ...where, purpose: e.purpose, type: e.type, expected: e.values ?? [] };
  if (!e.name || !e.values) return { ...base, name: '(after deploy)', found: [], verdict: 'pending', detail: pending };
  const row = { ...base, name: show(e.name) };
  if (e.type !== 'CNAME') {
    const alias = await lookup.cname(e.name);
    if (alias.status === 'ok') {
      return { ...row, found: alias.records.map((r) => `CNAME ${show(r)}`), verdict: 'conflict', detail: `a CNAME is at ${row.name}, where a ${e.type} record is needed; a CNAME must be alone at its name` };
    }
  }
  const answer = await query(lookup, e);
  if (answer.status === 'timeout' || answer.status === 'error') {
    return { ...row, found: [], verdict: 'unreachable', detail: `${answer.status}: ${answer.detail}` };
  }
  const found = answer.records;
  const problem = found.length > 0 ? compare(e, found) : undefined;
  if (found.length > 0 && (collide === 'always' || (collide === 'ifDifferent' && problem))) {
    return {
      ...row,
      found,
      verdict: 'conflict',
      detail: `${row.name} ${e.type} exists outside the stack: Route53 refuses to create a record set that already exists`,
      advice: adoptionAdvice(e.kind, row.name, e.type, found),
    };
  }
  if (found.length === 0) return { ...row, found, verdict: 'missing' };
  return problem ? { ...row, found, ...problem } : { ...row, found, verdict: 'ok' };
}

/** The answer as presentation strings: TXT texts, `priority host` for MX, hosts for CNAME. */
async function query(lookup: DnsLookup, e: Expected): Promise<Answer<string>> {
  const name = e.name!;
  if (e.type === 'MX') {
    const mx = await lookup.mx(name);
    const sorted = [...mx.records].sort((x: MxRecord, y: MxRecord) => x.priority - y.priority || x.exchange.localeCompare(y.exchange));
    return { ...mx, records: sorted.map((m) => `${m.priority} ${m.exchange === '' ? '.' : host(m.exchange)}`) };
  }
  if (e.type === 'CNAME') {
    const cname = await lookup.cname(name);
    return { ...cname, records: cname.records.map(host) };
  }
  const txt = await lookup.txt(name);
  // Sorted, so the same records read the same whatever order the server answers in.
  return { ...txt, records: [...txt.records].sort() };
}

/** What is wrong with a record found. */
interface Problem {
  readonly verdict: Verdict;
  readonly detail: string;
}

/** What is wrong, or undefined when the found records hold the expected ones (by meaning for SPF and DMARC). */
function compare(e: Expected, found: string[]): Problem | undefined {
  const expected = e.values!;
  if (e.type === 'TXT') {
    const spf = found.filter(isSpfRecord);
    if (expected.some(isSpfRecord) && spf.length > 1) {
      return { verdict: 'conflict', detail: `${spf.length} SPF records at the name: receivers treat that as a permerror and ignore both (RFC 7208 section 3.2)` };
    }
    if (e.kind === RecordKind.DMARC) return compareDmarc(expected[0], found);
    const problems = expected.map((v) => (isSpfRecord(v) ? compareSpf(v, spf[0], e.name!)
      : (found.includes(v) ? undefined : { verdict: 'different' as const, detail: `not found: ${JSON.stringify(v)}` })));
    const failing = problems.filter((p): p is Problem => p !== undefined);
    if (failing.length === 0) return undefined;
    return { verdict: failing.find((p) => p.verdict === 'invalid')?.verdict ?? 'different', detail: failing.map((p) => p.detail).join('; ') };
  }
  const same = expected.length === found.length && expected.every((v) => found.includes(v));
  if (same) return undefined;
  if (e.kind === RecordKind.MAIL_FROM_MX) {
    return { verdict: 'conflict', detail: 'the MAIL FROM domain must have exactly one MX, SES\'s feedback endpoint; an MX pointing elsewhere takes its bounces' };
  }
  return { verdict: 'different', detail: `expected ${expected.join(', ')}` };
}

/** Undefined when the one SPF record found at `name` means `expected`; else what is wrong ('invalid' when it does not parse). */
function compareSpf(expected: string, found: string | undefined, name: string): Problem | undefined {
  const notFound = `not found: ${JSON.stringify(expected)}`;
  if (found === undefined) return { verdict: 'different', detail: `${notFound} (no SPF record at the name)` };
  try {
    const differences = spfDifferences(expected, found, name);
    return differences.length === 0 ? undefined
      : { verdict: 'different', detail: `${notFound}; the SPF record found means something else: ${differences.join('; ')}` };
  } catch (err) {
    return { verdict: 'invalid', detail: (err as Error).message };
  }
}

function compareDmarc(expected: string, found: string[]): Problem | undefined {
  const dmarc = found.filter(isDmarcRecord);
  if (dmarc.length > 1) {
    return { verdict: 'conflict', detail: `${dmarc.length} DMARC records at the name: receivers ignore both (RFC 9989)` };
  }
  if (dmarc.length === 0) return { verdict: 'different', detail: 'no record starting with v=DMARC1' };
  let differences: string[];
  try {
    differences = dmarcDifferences(expected, dmarc[0]);
  } catch (err) {
    return { verdict: 'invalid', detail: (err as Error).message };
  }
  return differences.length === 0 ? undefined
    : { verdict: 'different', detail: `expected ${expected}; the record found means something else: ${differences.join('; ')}` };
}

/** The live SPF tree of `name`, when it has an SPF record: lookups and void lookups across includes and redirects. */
async function spfRow(where: Where, name: string, lookup: DnsLookup): Promise<Row | undefined> {
  const txt = await lookup.txt(name);
  if (txt.status !== 'ok' || !txt.records.some(isSpfRecord)) return undefined;
  const evaluation = await evaluateSpf(name, lookup);
  const ok = evaluation.problems.length === 0;
  const steps = evaluation.steps.map((s) => `${'  '.repeat(s.depth)}${s.domain}: ${s.record ?? s.note} (${s.lookups} lookups)`);
  return {
    ...where,
    purpose: 'SPF evaluated across includes',
    name: show(name),
    type: 'SPF',
    expected: [`at most ${SPF_MAX_LOOKUPS} DNS lookups, at most ${SPF_MAX_VOID_LOOKUPS} void lookups, no loop`],
    found: [`${evaluation.lookups} lookups, ${evaluation.voidLookups} void`],
    verdict: ok ? 'ok' : 'invalid',
    detail: ok ? undefined : [...evaluation.problems, 'steps:', ...steps].join('\n'),
  };
}
