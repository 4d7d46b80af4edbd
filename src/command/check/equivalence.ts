import { DmarcRecord, parseDmarcRecord } from '../../sending/dmarc-parser';
import { hasMacro, parseSpfRecord, SpfMechanism } from '../../sending/spf-parser';

// The check's one home for "does the record found mean what the construct expects": DMARC by its tags as a receiver
// reads them, SPF by its terms in order. Both are parsed with the project's one parser of each format.
// Internal (not exported from index.ts).
//
// DMARC (RFC 9989, and RFC 7489 for receivers that still follow it): spacing, a trailing `;`, the case of tag names and
// keyword values and the order of the tags after `v=DMARC1; p=...` do not matter. A tag left out equals the tag written
// with its default, because every receiver applies the default: adkim/aspf r, fo 0 (options as a set), t n, psd u, sp
// the value of p, np that of sp (else p; a receiver that does not know np uses sp, which is then the same value), and
// the historic tags read by RFC 7489 receivers pct 100, rf afrf, ri 86400. Tags DMARC does not define are ignored (as
// receivers do). Report URIs: a list in order (RFC 7489 receivers may send to the first ones only), scheme and mail
// domain in any case, a `!size` limit kept (RFC 7489 receivers read it). Not the same: a missing p (RFC 7489 receivers
// discard such a record) and p not right after v (RFC 7489 requires that order).
//
// SPF (RFC 7208): spacing, the case of mechanism and modifier names and of literal domains, a trailing dot on a domain,
// `+` written or not, a bare `a`/`mx`/`ptr` or one naming the record's own domain, a default prefix length written or
// not (`ip4:192.0.2.1/32`, `a//128`) and host bits below the prefix (`ip4:192.0.2.7/24` is `ip4:192.0.2.0/24`) do not
// matter. Mechanisms are compared in order, because receivers
// evaluate them left to right and stop at the first match; terms after `all` are never evaluated and redirect= is
// ignored when there is an `all` (sections 5.1, 6.1), so neither counts; redirect= and exp= may stand anywhere
// (section 6); unknown modifiers are ignored (section 6); a closing `?all` equals no `all` and no redirect= (both end
// neutral, section 4.7). Macros are compared as written.

/**
 * How the DMARC record `found` differs in meaning from `expected`, one phrase each (e.g. "p is none, expected
 * quarantine"); empty when a receiver reads both the same. Throws a DmarcSyntaxError when either does not parse.
 */
export function dmarcDifferences(expected: string, found: string): string[] {
  const [want, got] = [parseDmarcRecord(expected), parseDmarcRecord(found)];
  const [wantTags, gotTags] = [dmarcMeaning(want), dmarcMeaning(got)];
  // sp and np left out follow p (and sp): a difference there is reported only where one of the records writes the tag.
  const written = (tag: string) => [want, got].some((r) => r.tags.some((t) => t.name === tag));
  const differences = Object.keys(wantTags)
    .filter((tag) => wantTags[tag] !== gotTags[tag] && (!['sp', 'np'].includes(tag) || written(tag)))
    .map((tag) => `${tag} is ${gotTags[tag]}, expected ${wantTags[tag]}`);
  if (pFirst(want) && got.policy !== undefined && !pFirst(got)) differences.push('p is not right after v (RFC 7489 receivers require v=DMARC1; p=...)');
  return differences;
}

/**
 * How the SPF record `found` at `name` differs in meaning from `expected`: the first term where they part (e.g. "term 2
 * is -all, expected ~all"), then any difference of redirect= or exp=; empty when a receiver evaluates both the same.
 * A bare `a`, `mx` or `ptr` means the name itself (RFC 7208 section 4.8: the <domain> whose record it is), so `a` at
 * example.org equals `a:example.org`. Throws an SpfSyntaxError when either does not parse.
 */
export function spfDifferences(expected: string, found: string, name: string): string[] {
  const [want, got] = [spfMeaning(expected, name), spfMeaning(found, name)];
  const differences: string[] = [];
  const length = Math.max(want.mechanisms.length, got.mechanisms.length);
  for (let i = 0; i < length && differences.length === 0; i++) {
    const [w, g] = [want.mechanisms[i], got.mechanisms[i]];
    if (w?.key === g?.key) continue;
    if (g === undefined) differences.push(`term ${i + 1} ${w.text} is missing`);
    else if (w === undefined) differences.push(`term ${i + 1} ${g.text} is not expected`);
    else differences.push(`term ${i + 1} is ${g.text}, expected ${w.text}`);
  }
  for (const modifier of ['redirect', 'exp']) {
    const [w, g] = [want.modifiers.get(modifier), got.modifiers.get(modifier)];
    if (w?.key !== g?.key) differences.push(`${modifier}= is ${g?.text ?? 'none'}, expected ${w?.text ?? 'none'}`);
  }
  return differences;
}

/** Each DMARC tag as receivers apply it, defaults filled in, in a form where equal means equal. */
function dmarcMeaning(record: DmarcRecord): Record<string, string> {
  const raw = (name: string) => record.tags.find((t) => t.name === name)?.value;
  const number = (name: string, fallback: string) => {
    const v = raw(name);
    return v === undefined ? fallback : (/^\d+$/.test(v) ? String(Number(v)) : v);
  };
  const p = record.policy ?? 'absent';
  const sp = record.subdomainPolicy ?? record.policy ?? 'absent';
  return {
    p,
    sp,
    np: record.nonExistentPolicy ?? sp,
    adkim: record.dkimAlignment,
    aspf: record.spfAlignment,
    fo: [...record.failureOptions].sort().join(':'),
    rua: uriList(raw('rua')),
    ruf: uriList(raw('ruf')),
    t: record.testing ? 'y' : 'n',
    psd: raw('psd')?.toLowerCase() ?? 'u',
    pct: number('pct', '100'),
    rf: raw('rf')?.toLowerCase() ?? 'afrf',
    ri: number('ri', '86400'),
  };
}

function pFirst(record: DmarcRecord): boolean {
  return record.tags[1]?.name === 'p';
}

/** A rua/ruf value: URIs in order, the scheme and a mailto: address's domain lower case, whitespace dropped. */
function uriList(value: string | undefined): string {
  if (value === undefined) return 'none';
  return value.split(',').map((entry) => {
    const uri = entry.trim();
    const colon = uri.indexOf(':');
    const scheme = uri.slice(0, colon).toLowerCase();
    const rest = uri.slice(colon + 1);
    if (scheme !== 'mailto') return `${scheme}:${rest}`;
    const at = rest.lastIndexOf('@');
    const end = rest.slice(at).search(/[?!]/);
    const domainEnd = end < 0 ? rest.length : at + end;
    return `mailto:${rest.slice(0, at)}${rest.slice(at, domainEnd).toLowerCase()}${rest.slice(domainEnd)}`;
  }).join(',');
}

/** A term as written, and the key that is equal for every spelling a receiver evaluates the same. */
interface Term {
  readonly text: string;
  readonly key: string;
}

/** The mechanisms a receiver evaluates, in order, and the redirect= and exp= it applies. */
function spfMeaning(text: string, name: string): { mechanisms: Term[]; modifiers: Map<string, Term> } {
  const terms = parseSpfRecord(text).terms;
  const mechanisms: Term[] = [];
  let all = false;
  for (const term of terms) {
    if (term.kind !== 'mechanism' || all) continue;
    all = term.name === 'all';
    // A closing `?all` gives neutral, the result of a record with no `all` and no redirect= (section 4.7).
    if (all && term.qualifier === '?') continue;
    mechanisms.push({ text: term.text, key: mechanismKey(term, name) });
  }
  const modifiers = new Map<string, Term>();
  for (const term of terms) {
    if (term.kind !== 'modifier' || !['redirect', 'exp'].includes(term.name)) continue;
    if (term.name === 'redirect' && all) continue;
    modifiers.set(term.name, { text: term.text, key: domain(term.value) });
  }
  return { mechanisms, modifiers };
}

function mechanismKey(term: SpfMechanism, name: string): string {
  const head = `${term.qualifier}${term.name}`;
  const spec = `:${domain(term.domainSpec ?? name)}`;
  if (term.name === 'ip4' || term.name === 'ip6') {
    const v6 = term.name === 'ip6';
    const prefix = (v6 ? term.ip6Prefix : term.ip4Prefix) ?? (v6 ? 128 : 32);
    return `${head}:${network(term.network!, prefix, v6)}/${prefix}`;
  }
  if (term.name === 'a' || term.name === 'mx') return `${head}${spec}/${term.ip4Prefix ?? 32}//${term.ip6Prefix ?? 128}`;
  return `${head}${spec}`;
}

/** A literal domain lower case without a trailing dot; one with a macro as written (macro letters' case matters). */
function domain(spec: string): string {
  return hasMacro(spec) ? spec : spec.toLowerCase().replace(/\.$/, '');
}

/** The network an address and prefix length name, as a number in hex (the bits below the prefix cleared). */
function network(address: string, prefix: number, v6: boolean): string {
  const bits = v6 ? 128 : 32;
  const value = v6 ? ip6Value(address) : digits(address.split('.').map(Number), 256);
  const below = BigInt(2) ** BigInt(bits - prefix);
  return ((value / below) * below).toString(16);
}

/** An IPv6 address (already checked by the SPF parser) as a 128-bit number; the URL parser canonicalizes the text. */
function ip6Value(address: string): bigint {
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head, tail] = canonical.includes('::') ? canonical.split('::') : [canonical, undefined];
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = [...groups(head), ...(tail === undefined ? [] : Array(missing).fill('0')), ...groups(tail)];
  return digits(all.map((group) => parseInt(group, 16)), 65536);
}

/** The number written by `values` as digits in `base`, most significant first. */
function digits(values: number[], base: number): bigint {
  return values.reduce((n, v) => n * BigInt(base) + BigInt(v), BigInt(0));
}
