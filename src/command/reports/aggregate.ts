import { isIP } from 'net';
import { SaxesParser } from 'saxes';

// The one reader of DMARC aggregate reports (XML): RFC 7489 appendix C and its successor RFC 9990 (DMARCbis
// aggregate reporting, namespace urn:ietf:params:xml:ns:dmarc-2.0), with or without a namespace or prefix. It takes
// text that is already decoded and checked as UTF-8 (unpack.ts) and returns the report as data, or throws an Error
// whose message names what is wrong in one line. Values are read case-insensitively (`Pass` is `pass`); optional
// elements may be missing; a DOCTYPE is refused, so no entity is ever declared or resolved.

/** One DKIM or SPF result as the receiver saw it (`auth_results`). */
export interface AuthResult {
  readonly domain: string;
  readonly result: string;
  /** DKIM only: the selector, when the report names it. */
  readonly selector?: string;
  /** SPF only: `mfrom` or `helo`, when the report names it. */
  readonly scope?: string;
}

/** One row of a report: mail from one source IP with the same identifiers and results. */
export interface ReportRecord {
  readonly sourceIp: string;
  readonly count: number;
  readonly headerFrom: string;
  readonly envelopeFrom?: string;
  readonly envelopeTo?: string;
  /** What the receiver did: none, quarantine or reject. */
  readonly disposition: string;
  /** The DMARC-aligned DKIM result (policy_evaluated): pass or fail. */
  readonly dkim: string;
  /** The DMARC-aligned SPF result (policy_evaluated): pass or fail. */
  readonly spf: string;
  /** Why the receiver overrode the policy (forwarded, mailing_list, local_policy, ...), with its comment. */
  readonly reasons: { readonly type: string; readonly comment?: string }[];
  readonly authResults: { readonly dkim: AuthResult[]; readonly spf: AuthResult[] };
}

/** The DMARC record the receiver found (`policy_published`). */
export interface PublishedPolicy {
  readonly domain: string;
  readonly p: string;
  readonly sp?: string;
  readonly np?: string;
  readonly adkim?: string;
  readonly aspf?: string;
  /** RFC 7489's sampling rate; RFC 9990 reports have `testing` instead. */
  readonly pct?: number;
  /** RFC 9990: `y` when the record had t=y. */
  readonly testing?: string;
  readonly fo?: string;
}

/** One aggregate report. */
export interface AggregateReport {
  readonly orgName: string;
  readonly email?: string;
  readonly reportId: string;
  readonly begin: Date;
  readonly end: Date;
  readonly policy: PublishedPolicy;
  readonly records: ReportRecord[];
}

/** The elements that may repeat, by their path below the root (namespace prefixes removed). */
const REPEATED = new Set(['feedback/record', 'feedback/record/auth_results/dkim', 'feedback/record/auth_results/spf',
  'feedback/record/row/policy_evaluated/reason', 'feedback/report_metadata/error']);

/** Elements nest no deeper than this in a report (five levels are used); deeper input is refused. */
const MAX_DEPTH = 16;

type Node = Record<string, unknown>;

/** An element being read: what it holds so far, its name and path, and its text. */
interface Frame {
  readonly node: Node;
  readonly name: string;
  readonly path: string;
  text: string;
  children: boolean;
}

/**
 * The document as nested objects, element names without prefixes, text trimmed, read by saxes: a strict XML 1.0
 * parser (well-formedness errors are errors, not guesses), which reads only the five predefined entities and
 * character references, and which reports a DOCTYPE to us before anything in it is used.
 */
function tree(text: string): Node {
  const parser = new SaxesParser();
  const root: Node = {};
  const stack: Frame[] = [{ node: root, name: '', path: '', text: '', children: false }];
  const fail = (message: string): never => {
    throw new Error(`malformed XML at line ${parser.line}: ${message}`);
  };
  // saxes writes `LINE:COLUMN: what.`; the line is told as ours are.
  parser.on('error', (e) => fail(e.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '')));
  parser.on('doctype', () => {
    throw new Error('XML with a DOCTYPE is refused: a DMARC report has none, and its entities are never resolved');
  });
  parser.on('opentag', (tag) => {
    if (stack.length > MAX_DEPTH) fail(`elements nest deeper than ${MAX_DEPTH}`);
    const parent = stack[stack.length - 1];
    parent.children = true;
    const name = tag.name.slice(tag.name.indexOf(':') + 1);
    stack.push({ node: {}, name, path: parent.path === '' ? name : `${parent.path}/${name}`, text: '', children: false });
  });
  const onText = (t: string) => { stack[stack.length - 1].text += t; };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const frame = stack.pop()!;
    const parent = stack[stack.length - 1].node;
    const value = frame.children ? frame.node : frame.text.trim();
    if (REPEATED.has(frame.path)) ((parent[frame.name] ??= []) as unknown[]).push(value);
    else if (!(frame.name in parent)) parent[frame.name] = value; // a repeated single element: the first counts
  });
  parser.write(text).close();
  return root;
}

/** True when the text's root element is a DMARC aggregate report's (`feedback`, any namespace prefix). */
export function isAggregateXml(text: string): boolean {
  return /^<(?:[A-Za-z_][\w.-]*:)?feedback[\s>/]/.test(text.slice(rootStart(text)));
}

/** Where the root element starts: the first `<` that is not a declaration, comment or processing instruction. */
function rootStart(text: string): number {
  const match = /<[A-Za-z_]/.exec(text);
  return match ? match.index : text.length;
}

/** The report in `text`; throws with a one-line message when it is not a well-formed, complete aggregate report. */
export function parseAggregate(text: string): AggregateReport {
  const root = tree(text).feedback;
  if (!isNode(root)) throw new Error('not a DMARC aggregate report: the root element is not <feedback>');
  const metadata = child(root, 'report_metadata', 'feedback');
  const range = child(metadata, 'date_range', 'report_metadata');
  const published = child(root, 'policy_published', 'feedback');
  const records = (root.record as unknown[] | undefined) ?? [];
  const begin = date(range, 'begin');
  const end = date(range, 'end');
  if (begin > end) throw new Error(`<date_range> <begin> ${begin.toISOString()} is after <end> ${end.toISOString()}`);
  return {
    orgName: text1(metadata, 'org_name', 'report_metadata'),
    email: optional(metadata, 'email'),
    reportId: text1(metadata, 'report_id', 'report_metadata'),
    begin,
    end,
    policy: policyOf(published),
    records: records.map((r, i) => recordOf(r, i + 1)),
  };
}

const POLICIES = ['none', 'quarantine', 'reject'];

/** A policy tag's value, one of POLICIES, or undefined when the element is missing and may be. */
function policyValue(node: Node, name: string, required: boolean): string | undefined {
  const value = required ? lower(node, name, 'policy_published') : optionalLower(node, name);
  if (value !== undefined && !POLICIES.includes(value)) throw new Error(`<policy_published> <${name}> is '${value}', expected ${POLICIES.join(', ')}`);
  return value;
}

function policyOf(node: Node): PublishedPolicy {
  const pct = optional(node, 'pct');
  if (pct !== undefined && !/^\d{1,3}$/.test(pct)) throw new Error(`<policy_published> <pct> is '${pct}', expected a whole number`);
  return {
    domain: domainOf(text1(node, 'domain', 'policy_published')),
    p: policyValue(node, 'p', true)!,
    sp: policyValue(node, 'sp', false),
    np: policyValue(node, 'np', false),
    adkim: optionalLower(node, 'adkim'),
    aspf: optionalLower(node, 'aspf'),
    pct: pct === undefined ? undefined : Number(pct),
    testing: optionalLower(node, 'testing'),
    fo: optional(node, 'fo'),
  };
}

function recordOf(value: unknown, n: number): ReportRecord {
  const where = `record ${n}`;
  if (!isNode(value)) throw new Error(`${where} is empty`);
  const row = child(value, 'row', where);
  const evaluated = child(row, 'policy_evaluated', `${where} <row>`);
  const identifiers = child(value, 'identifiers', where);
  // IPv6 in lower case, so one source is one key however a reporter writes it; no zone index (`%eth0`).
  const sourceIp = text1(row, 'source_ip', `${where} <row>`).toLowerCase();
  if (isIP(sourceIp) === 0 || sourceIp.includes('%')) throw new Error(`${where}: <source_ip> '${sourceIp}' is not an IP address`);
  const count = text1(row, 'count', `${where} <row>`);
  if (!/^\d{1,15}$/.test(count)) throw new Error(`${where}: <count> '${count}' is not a whole number below 10^15`);
  const auth = isNode(value.auth_results) ? value.auth_results : {};
  return {
    sourceIp,
    count: Number(count),
    headerFrom: domainOf(text1(identifiers, 'header_from', `${where} <identifiers>`)),
    envelopeFrom: optionalLower(identifiers, 'envelope_from'),
    envelopeTo: optionalLower(identifiers, 'envelope_to'),
    disposition: lower(evaluated, 'disposition', `${where} <policy_evaluated>`),
    dkim: lower(evaluated, 'dkim', `${where} <policy_evaluated>`),
    spf: lower(evaluated, 'spf', `${where} <policy_evaluated>`),
    reasons: ((evaluated.reason as unknown[] | undefined) ?? []).filter(isNode).map((r) => ({
      type: lower(r, 'type', `${where} <reason>`),
      comment: optional(r, 'comment'),
    })),
    authResults: {
      dkim: list(auth.dkim).map((d) => ({ ...result(d, `${where} <auth_results> <dkim>`), selector: optional(d, 'selector') })),
      spf: list(auth.spf).map((s) => ({ ...result(s, `${where} <auth_results> <spf>`), scope: optionalLower(s, 'scope') })),
    },
  };
}

/** A DKIM or SPF result; its domain may be empty (some reporters leave it out for an SPF `helo` result). */
function result(node: Node, where: string): { domain: string; result: string } {
  return { domain: domainOf(optional(node, 'domain') ?? ''), result: lower(node, 'result', where) };
}

/** A domain name as the reports are compared by: lower case, no trailing dot. */
export const domainOf = (name: string) => name.toLowerCase().replace(/\.$/, '');

// The tree holds objects, arrays and strings only.
const isNode = (v: unknown): v is Node => typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): Node[] => (Array.isArray(v) ? v.filter(isNode) : []);

function child(node: Node, name: string, where: string): Node {
  const value = node[name];
  if (!isNode(value)) throw new Error(`<${where}> has no <${name}>`);
  return value;
}

/** An element's text, or undefined when it is missing or empty. */
function optional(node: Node, name: string): string | undefined {
  const value = node[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const optionalLower = (node: Node, name: string) => optional(node, name)?.toLowerCase();

function text1(node: Node, name: string, where: string): string {
  const value = optional(node, name);
  if (value === undefined) throw new Error(`<${where}> has no <${name}>`);
  return value;
}

const lower = (node: Node, name: string, where: string) => text1(node, name, where).toLowerCase();

/** A date_range bound: seconds since 1970 (UTC). */
function date(node: Node, name: string): Date {
  const value = text1(node, name, 'date_range');
  if (!/^\d{1,12}$/.test(value)) throw new Error(`<date_range> <${name}> '${value}' is not seconds since 1970`);
  return new Date(Number(value) * 1000);
}
