import { isIPv6 } from 'net';
import { DNS_LABEL_MAX, DNS_NAME_MAX } from '../limits';

// The project's one SPF parser: the ABNF of RFC 7208 section 12, plus the DNS length limits for literal names.
// It checks syntax only and looks nothing up. Internal (not exported from index.ts), so it uses union types.

/** A directive's qualifier (RFC 7208 section 4.6.2): `+` pass (the default), `-` fail, `~` softfail, `?` neutral. */
export type SpfQualifier = '+' | '-' | '~' | '?';

/** The mechanisms of RFC 7208 section 5, in lower case. */
export type SpfMechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

/** A directive: a qualifier and a mechanism with its arguments (RFC 7208 section 5). */
export interface SpfMechanism {
  /** Tells a mechanism from a modifier. */
  readonly kind: 'mechanism';
  /** The term as written. */
  readonly text: string;
  /** The qualifier; `+` when none is written. */
  readonly qualifier: SpfQualifier;
  /** The mechanism, lower case. */
  readonly name: SpfMechanismName;
  /** The domain-spec of include, exists, a, mx or ptr as written (macros unexpanded); absent when none is written. */
  readonly domainSpec?: string;
  /** The address of ip4 or ip6 as written, without its prefix length. */
  readonly network?: string;
  /** The IPv4 prefix length of ip4, a or mx; absent when none is written. */
  readonly ip4Prefix?: number;
  /** The IPv6 prefix length of ip6, a or mx; absent when none is written. */
  readonly ip6Prefix?: number;
}

/** A modifier `name=value` (RFC 7208 section 6): `redirect=`, `exp=` or an unknown one, which receivers ignore. */
export interface SpfModifier {
  /** Tells a modifier from a mechanism. */
  readonly kind: 'modifier';
  /** The term as written. */
  readonly text: string;
  /** The modifier name, lower case. */
  readonly name: string;
  /** The text after `=` as written (a domain-spec for redirect and exp, a macro-string otherwise). */
  readonly value: string;
}

/** One term of an SPF record. */
export type SpfTerm = SpfMechanism | SpfModifier;

/** A parsed SPF record: its terms in order, without the `v=spf1` version. */
export interface SpfRecord {
  /** The terms, left to right. */
  readonly terms: SpfTerm[];
}

/** Thrown by the parser; `reason` is a short lower-case phrase without the offending text, e.g. "include needs a domain (include:<domain>)". */
export class SpfSyntaxError extends Error {
  /** `term` is the bad term, or the whole record when `what` is 'record'; `reason` says what is wrong with it. */
  constructor(public readonly term: string, public readonly reason: string, what: 'term' | 'record' = 'term') {
    super(`'${term}' is not a valid SPF ${what}: ${reason}`);
    this.name = 'SpfSyntaxError';
  }
}

/** The terms that cost a DNS lookup (RFC 7208 section 4.6.4); `redirect` is a modifier, the rest mechanisms. */
export const SPF_LOOKUP_MECHANISMS: ReadonlySet<string> = new Set(['include', 'a', 'mx', 'ptr', 'exists', 'redirect']);

const QUALIFIERS = ['+', '-', '~', '?'];
const MECHANISMS: ReadonlySet<string> = new Set(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);
/** name = ALPHA *(ALPHA / DIGIT / "-" / "_" / ".") */
const MODIFIER_NAME = /^[a-z][a-z0-9\-_.]*$/i;
/** The inside of `%{...}`: macro-letter transformers *delimiter, transformers = *DIGIT ["r"]. */
const MACRO_BODY = /^([slodiphcrtv])(\d*)(r?)([.\-+,/_=]*)$/i;
/** Every macro-expand of a well-formed macro-string, left to right. */
const MACRO_EXPAND = /%(?:\{[^}]*\}|[%_-])/g;
/** qnum = "0" / 1-9 / 10-99 / 100-199 / 200-249 / 250-255, so no leading zeros. */
const QNUM = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IP4_NETWORK = new RegExp(`^${QNUM}(?:\\.${QNUM}){3}$`);
/** dual-cidr-length = [ip4-cidr-length] ["/" ip6-cidr-length], digits checked later. */
const DUAL_CIDR = /^(?:\/(\d*))?(?:\/\/(\d*))?$/;

/** The version term every SPF record starts with (RFC 7208 section 4.5). */
const SPF_VERSION = 'v=spf1';

/**
 * Why the TXT record text is not an SPF record, or undefined when it is one: it must start with `v=spf1` (any case)
 * followed by a space or the end (RFC 7208 section 4.5, how receivers pick the SPF record among a name's TXT records).
 */
function versionProblem(text: string): string | undefined {
  if (text.slice(0, SPF_VERSION.length).toLowerCase() !== SPF_VERSION) return `the record must start with ${SPF_VERSION}`;
  if (text.length > SPF_VERSION.length && text[SPF_VERSION.length] !== ' ') {
    return `the version ${SPF_VERSION} must be followed by a space or the end of the record`;
  }
  return undefined;
}

/**
 * True when the TXT record text is an SPF record: the project's one test, used by the construct (domain-txt.ts), the
 * parser and the command (verdicts, advice, spf-eval). Whether the rest is valid is `parseSpfRecord`'s business.
 */
export function isSpfRecord(text: string): boolean {
  return versionProblem(text) === undefined;
}

/** True when a domain-spec (or any macro-string) holds a macro; such a name is known only when a receiver expands it. */
export function hasMacro(domainSpec: string): boolean {
  return domainSpec.includes('%');
}

/** True when the term costs one of the 10 DNS lookups: the include, a, mx, ptr and exists mechanisms and redirect=. */
export function countsLookup(term: SpfTerm): boolean {
  return term.kind === 'mechanism' ? SPF_LOOKUP_MECHANISMS.has(term.name) : term.name === 'redirect';
}

/**
 * The literal domain an include, redirect=, a, mx, exists or ptr term names: lower case, trailing dot removed.
 * Undefined when the term names none (e.g. a bare `a`, which means the checked domain) or the name holds a macro.
 */
export function targetDomain(term: SpfTerm): string | undefined {
  const spec = term.kind === 'mechanism' ? term.domainSpec : (term.name === 'redirect' ? term.value : undefined);
  if (spec === undefined || hasMacro(spec)) return undefined;
  return spec.toLowerCase().replace(/\.$/, '');
}

/**
 * Parses a whole record: `v=spf1` (any case) then terms separated by one or more spaces, trailing spaces allowed.
 * Throws an SpfSyntaxError naming the bad term, or the record for a missing version or a repeated redirect=/exp=.
 */
export function parseSpfRecord(text: string): SpfRecord {
  const problem = versionProblem(text);
  if (problem !== undefined) throw new SpfSyntaxError(text, problem, 'record');
  const terms = text.slice(SPF_VERSION.length).split(' ').filter((t) => t !== '').map((t) => parseSpfTerm(t));
  for (const name of ['redirect', 'exp']) {
    const count = terms.filter((t) => t.kind === 'modifier' && t.name === name).length;
    if (count > 1) {
      throw new SpfSyntaxError(text, `${name}= appears ${count} times; at most once is allowed (RFC 7208 section 6)`, 'record');
    }
  }
  return { terms };
}

/** Parses one term (a directive or a modifier, no spaces); throws an SpfSyntaxError saying what is wrong. */
export function parseSpfTerm(text: string): SpfTerm {
  check(text, characterProblem(text));
  const qualified = QUALIFIERS.includes(text[0]);
  const body = qualified ? text.slice(1) : text;
  const eq = body.indexOf('=');
  if (eq >= 0 && !/[:/]/.test(body.slice(0, eq))) {
    check(text, qualified ? 'a modifier takes no qualifier (only mechanisms do)' : undefined);
    return parseModifier(text, body.slice(0, eq), body.slice(eq + 1));
  }
  return parseMechanism(text, (qualified ? text[0] : '+') as SpfQualifier, body);
}

function check(term: string, reason: string | undefined): void {
  if (reason !== undefined) throw new SpfSyntaxError(term, reason);
}

/** Terms are printable ASCII without spaces (macro-literal = %x21-24 / %x26-7E, plus "%" for macros). */
function characterProblem(text: string): string | undefined {
  if (text === '') return 'a term must not be empty';
  if (text.includes(' ')) return 'a term cannot contain a space (spaces separate terms)';
  const bad = /[^\x21-\x7e]/.exec(text);
  return bad ? `the character ${JSON.stringify(bad[0])} is not allowed (only printable ASCII)` : undefined;
}

function parseModifier(text: string, rawName: string, value: string): SpfModifier {
  check(text, rawName === '' ? "a modifier needs a name before '='" : undefined);
  check(text, MODIFIER_NAME.test(rawName) ? undefined : `'${rawName}' is not a valid modifier name (a letter, then letters, digits, '-', '_' or '.')`);
  const name = rawName.toLowerCase();
  if (name === 'redirect' || name === 'exp') {
    check(text, value === '' ? `${name} needs a domain (${name}=<domain>)` : domainSpecProblem(value, name === 'exp'));
  } else {
    check(text, macroProblem(value, false));
  }
  return { kind: 'modifier', text, name, value };
}

type MechanismArgs = Pick<SpfMechanism, 'domainSpec' | 'network' | 'ip4Prefix' | 'ip6Prefix'>;

function parseMechanism(text: string, qualifier: SpfQualifier, body: string): SpfMechanism {
  check(text, body === '' ? 'a qualifier must be followed by a mechanism' : undefined);
  const split = body.search(/[:/]/);
  const rawName = split < 0 ? body : body.slice(0, split);
  const rest = split < 0 ? '' : body.slice(split);
  const name = rawName.toLowerCase();
  if (name === 'redirect' || name === 'exp') check(text, `${name} is a modifier: write ${name}=<domain>`);
  check(text, MECHANISMS.has(name) ? undefined : `'${rawName}' is not an SPF mechanism or modifier`);
  let args: MechanismArgs = {};
  if (name === 'all') {
    check(text, rest === '' ? undefined : 'all takes no domain or prefix length');
  } else if (name === 'include' || name === 'exists' || name === 'ptr') {
    args = domainArgs(text, name, rest);
  } else if (name === 'a' || name === 'mx') {
    args = hostArgs(text, name, rest);
  } else {
    args = networkArgs(text, name, rest);
  }
  return { kind: 'mechanism', text, qualifier, name: name as SpfMechanismName, ...args };
}

/** include ":" domain-spec, exists ":" domain-spec, ptr [":" domain-spec]: no prefix lengths. */
function domainArgs(text: string, name: string, rest: string): MechanismArgs {
  if (name === 'ptr' && rest === '') return {};
  check(text, rest === '' || (rest === ':' && name !== 'ptr') ? `${name} needs a domain (${name}:<domain>)` : undefined);
  check(text, rest.startsWith('/') ? `${name} takes no prefix length` : undefined);
  const domainSpec = rest.slice(1);
  check(text, domainSpec === '' ? `the domain after '${name}:' is empty (write ${name} or ${name}:<domain>)` : undefined);
  const problem = domainSpecProblem(domainSpec, false);
  check(text, problem && /\/\d*$/.test(domainSpec) ? `${name} takes no prefix length` : problem);
  return { domainSpec };
}

/** a / mx [":" domain-spec] [dual-cidr-length]. The prefix lengths are the longest suffix of that form. */
function hostArgs(text: string, name: string, rest: string): MechanismArgs {
  let start = rest.length - /[/\d]*$/.exec(rest)![0].length;
  while (!DUAL_CIDR.test(rest.slice(start))) start++;
  const domainPart = rest.slice(0, start);
  const [, ip4, ip6] = DUAL_CIDR.exec(rest.slice(start))!;
  const badCidr = `the prefix length '${rest.slice(rest.search(/\/[/\d]*$/))}' must be /<0-32>, //<0-128> or /<0-32>//<0-128>`;
  check(text, domainPart.startsWith('/') ? badCidr : undefined);
  const domainSpec = domainPart === '' ? undefined : domainPart.slice(1);
  if (domainSpec !== undefined) {
    check(text, domainSpec === '' ? `the domain after '${name}:' is empty (write ${name} or ${name}:<domain>)` : undefined);
    const problem = domainSpecProblem(domainSpec, false);
    check(text, problem && /\/\d*$/.test(domainSpec) ? badCidr : problem);
  }
  check(text, ip4 === undefined ? undefined : prefixProblem(`/${ip4}`, ip4, 32));
  check(text, ip6 === undefined ? undefined : prefixProblem(`//${ip6}`, ip6, 128));
  return {
    ...(domainSpec === undefined ? {} : { domainSpec }),
    ...(ip4 === undefined ? {} : { ip4Prefix: Number(ip4) }),
    ...(ip6 === undefined ? {} : { ip6Prefix: Number(ip6) }),
  };
}

/** ip4 ":" ip4-network [ip4-cidr-length], ip6 ":" ip6-network [ip6-cidr-length]. */
function networkArgs(text: string, name: string, rest: string): MechanismArgs {
  const slash = rest.indexOf('/');
  const network = rest.startsWith(':') ? rest.slice(1, slash < 0 ? undefined : slash) : '';
  check(text, network === '' ? `${name} needs an address (${name}:<network>)` : undefined);
  const v6 = name === 'ip6';
  check(text, v6 ? ip6Problem(network) : ip4Problem(network));
  const prefix = slash < 0 ? undefined : rest.slice(slash);
  if (prefix === undefined) return { network };
  check(text, prefixProblem(prefix, prefix.slice(1), v6 ? 128 : 32));
  return v6 ? { network, ip6Prefix: Number(prefix.slice(1)) } : { network, ip4Prefix: Number(prefix.slice(1)) };
}

function ip4Problem(network: string): string | undefined {
  return IP4_NETWORK.test(network) ? undefined : `the ip4 address '${network}' is not a dotted quad of 0-255 without leading zeros`;
}

/** RFC 4291 section 2.2 text forms; a zone id (`%eth0`, RFC 4007) is not part of ip6-network. */
function ip6Problem(network: string): string | undefined {
  if (network.includes('%')) return `the ip6 address '${network}' must not have a zone id`;
  return isIPv6(network) ? undefined : `the ip6 address '${network}' is not an IPv6 address (RFC 4291 section 2.2)`;
}

/** A prefix length: "0" or a digit 1-9 then digits (no leading zeros), at most `max`. */
function prefixProblem(written: string, digits: string, max: number): string | undefined {
  const ok = /^(0|[1-9]\d*)$/.test(digits) && Number(digits) <= max;
  return ok ? undefined : `the prefix length '${written}' must be 0-${max} without leading zeros`;
}

/**
 * domain-spec = macro-string domain-end; domain-end = ("." toplabel ["."]) / macro-expand.
 * Literal names (no macro) must also fit DNS: no empty label, labels of 1-63 characters, at most 253 characters.
 */
function domainSpecProblem(spec: string, inExp: boolean): string | undefined {
  const macro = macroProblem(spec, inExp);
  if (macro !== undefined) return macro;
  let end = 0;
  for (const m of spec.matchAll(MACRO_EXPAND)) end = (m.index ?? 0) + m[0].length;
  const tail = spec.slice(end);
  if (tail === '') return undefined;
  const name = tail.endsWith('.') ? tail.slice(0, -1) : tail;
  if (!name.includes('.') || !isTopLabel(name.slice(name.lastIndexOf('.') + 1))) {
    return `the domain '${spec}' must end in a top-level label of letters (a name such as example.com)`;
  }
  return hasMacro(spec) ? undefined : dnsLimitProblem(spec);
}

/** toplabel = (*alphanum ALPHA *alphanum) / (1*alphanum "-" *(alphanum / "-") alphanum): not all digits, inner hyphens. */
function isTopLabel(label: string): boolean {
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i.test(label) && /[a-z-]/i.test(label);
}

/** RFC 1035 limits on a literal name (limits.ts): labels 1-63 characters, at most 253 characters without the trailing dot. */
function dnsLimitProblem(spec: string): string | undefined {
  const name = spec.endsWith('.') ? spec.slice(0, -1) : spec;
  const labels = name.split('.');
  if (labels.includes('')) return `the domain '${spec}' has an empty label (a leading dot or two dots in a row)`;
  const long = labels.find((label) => label.length > DNS_LABEL_MAX);
  if (long !== undefined) return `a label of the domain is ${long.length} characters long; at most ${DNS_LABEL_MAX} are allowed`;
  return name.length > DNS_NAME_MAX ? `the domain is ${name.length} characters long; at most ${DNS_NAME_MAX} are allowed` : undefined;
}

/**
 * macro-expand = ("%{" macro-letter transformers *delimiter "}") / "%%" / "%_" / "%-"; any other "%" is malformed.
 * The letters c, r and t are allowed only in exp= (RFC 7208 section 7.2).
 */
function macroProblem(spec: string, inExp: boolean): string | undefined {
  for (let i = spec.indexOf('%'); i >= 0; i = spec.indexOf('%', i)) {
    const next = spec[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      i += 2;
      continue;
    }
    const close = next === '{' ? spec.indexOf('}', i) : -1;
    const parts = close < 0 ? null : MACRO_BODY.exec(spec.slice(i + 2, close));
    if (!parts) {
      const macro = close >= 0 ? spec.slice(i, close + 1) : (next === '{' ? spec.slice(i) : spec.slice(i, i + 2));
      return `'${macro}' is a malformed macro`;
    }
    if (!inExp && /[crt]/i.test(parts[1])) return `the macro letter '${parts[1]}' is allowed only in exp=`;
    i = close + 1;
  }
  return undefined;
}
