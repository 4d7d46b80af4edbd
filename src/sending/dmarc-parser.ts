import { DNS_NAME_MAX } from '../limits';

// The project's one DMARC record parser: the formal definition of RFC 9989 (which obsoletes RFC 7489), plus the
// tag-list rules it inherits from DKIM (RFC 6376 section 3.2). Section numbers are those of draft-ietf-dmarc-dmarcbis-41,
// the text that became RFC 9989. It checks syntax only and looks nothing up. Internal (not exported from index.ts).
//
// Choices, where the RFC leaves room or receivers are more lenient than the grammar:
// - Strict: any syntax error throws, although receivers ignore a bad tag other than v (section 4.8). The parser serves
//   the construct's own records and checks of live DNS, where a bad tag is a mistake worth reporting.
// - `v` must be the first tag with the exact, case-sensitive value DMARC1 (`%s"DMARC1"`). Tag names and keyword values
//   are ABNF literals, so case-insensitive: `P=Reject` is read as p=reject. Tag names are reported in lower case.
// - Whitespace (space, tab) is allowed around tags, `=`, `;` and the commas of a URI list, and at either end of the
//   record (the DKIM tag-list allows it before the first tag). One trailing `;` is allowed; an empty tag (`;;`) is not.
// - A value must not be empty, for unknown tags too (`1*dmarc-value`). A repeated tag is an error (RFC 6376 section 3.2).
// - What a receiver still accepts but this project never writes goes into `problems` or `obsolete`, not an error:
//   a missing `p` (section 4.10.1), `p` not right after `v` (RFC 7489 order), a URI that is not mailto:, a `!size`
//   suffix (obs-dmarc-report-size), and the historic tags pct, rf and ri (accepted with any non-empty value).

/** A policy (`p`, `sp`, `np`): what receivers do with mail that fails DMARC. */
export type DmarcPolicyValue = 'none' | 'quarantine' | 'reject';

/** An identifier alignment mode (`adkim`, `aspf`): `r` relaxed, `s` strict. */
export type DmarcAlignmentValue = 'r' | 's';

/** One `name=value` tag of a record. */
export interface DmarcTag {
  /** The tag name, lower case. */
  readonly name: string;
  /** The value as written, without the whitespace around it. */
  readonly value: string;
}

/** A parsed DMARC record. Keyword values are lower case; absent tags take their RFC 9989 defaults where they have one. */
export interface DmarcRecord {
  /** Every tag in order, `v` first. */
  readonly tags: ReadonlyArray<DmarcTag>;
  /** `p`; absent when the record has none (see `problems`). */
  readonly policy?: DmarcPolicyValue;
  /** `sp`; absent when not written (receivers then use `p`). */
  readonly subdomainPolicy?: DmarcPolicyValue;
  /** `np`; absent when not written (receivers then use `sp`, else `p`). */
  readonly nonExistentPolicy?: DmarcPolicyValue;
  /** `adkim`; `r` when not written. */
  readonly dkimAlignment: DmarcAlignmentValue;
  /** `aspf`; `r` when not written. */
  readonly spfAlignment: DmarcAlignmentValue;
  /** `fo` values in the order written, lower case; `['0']` when not written. */
  readonly failureOptions: string[];
  /** `rua` URIs in order, without any obsolete `!size` suffix. */
  readonly aggregateUris: string[];
  /** `ruf` URIs in order, without any obsolete `!size` suffix. */
  readonly failureUris: string[];
  /** True for `t=y` (testing: receivers apply the policy one step lighter). */
  readonly testing: boolean;
  /** Names of the tags RFC 9989 made historic (`pct`, `rf`, `ri`), in order; receivers ignore them. */
  readonly obsolete: string[];
  /** Names of the tags DMARC does not define, in order; receivers ignore them. */
  readonly unknown: string[];
  /**
   * What receivers accept but handle worse than intended, one sentence each: a missing `p`, `p` not right after `v`,
   * a report URI that is not mailto:, an obsolete `!size` suffix. Empty for every record the construct writes.
   * A report authorization record (`v=DMARC1` alone) has the missing-`p` problem, which does not apply to it.
   */
  readonly problems: string[];
}

/** Thrown by the parser; `reason` is a short lower-case phrase saying what is wrong, e.g. "p must be none, quarantine or reject, got 'block'". */
export class DmarcSyntaxError extends Error {
  /** `record` is the whole text given to the parser; `reason` says what is wrong with it. */
  constructor(public readonly record: string, public readonly reason: string) {
    super(`'${record}' is not a valid DMARC record: ${reason}`);
    this.name = 'DmarcSyntaxError';
  }
}

/** dmarc-version at the start, after optional whitespace, ended by `;`, whitespace or the end of the record. */
const VERSION = /^[ \t]*[vV][ \t]*=[ \t]*DMARC1[ \t]*(;|$)/;
const WSP = /^[ \t]+|[ \t]+$/g;
const POLICIES = ['none', 'quarantine', 'reject'];
const KEYWORDS: Record<string, string[]> = {
  p: POLICIES, sp: POLICIES, np: POLICIES, adkim: ['r', 's'], aspf: ['r', 's'], t: ['y', 'n'], psd: ['y', 'n', 'u'],
};
const OBSOLETE = new Set(['pct', 'rf', 'ri']);
const KNOWN = new Set(['v', 'fo', 'rua', 'ruf', ...Object.keys(KEYWORDS)]);
/** URI = scheme ":" hier-part ["?" query] ["#" fragment] (RFC 3986); in DMARC ',' and '!' must be percent-encoded. */
const URI = /^[a-z][a-z0-9+.-]*:(?:[a-z0-9\-._~:/?#[\]@$&'()*+=]|%[0-9a-f]{2})+$/i;
/** obs-dmarc-report-size = "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] */
const REPORT_SIZE = /^!\d+[kmgt]?$/i;
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST_NAME = new RegExp(`^(?=.{1,${DNS_NAME_MAX}}$)${LABEL}(?:\\.${LABEL})+$`, 'i');

/**
 * True when the TXT record text starts with `v=DMARC1` (after optional whitespace, `v` in any case, spaces allowed
 * around `=`), followed by `;`, whitespace or the end: how receivers pick the DMARC record among the TXT records at
 * `_dmarc.<domain>` (RFC 9989 section 4.10, step 2). Whether the rest is valid is `parseDmarcRecord`'s business.
 */
export function isDmarcRecord(text: string): boolean {
  return VERSION.test(text);
}

/**
 * The domain of a mailto: URI's (first) address, lower case without a trailing dot:
 * `mailto:a@Reports.Example.org` gives `reports.example.org`. Undefined for any other scheme or no domain.
 * Header fields (`?subject=...`) and an obsolete `!size` suffix are ignored.
 */
export function mailtoDomain(uri: string): string | undefined {
  if (!/^mailto:/i.test(uri)) return undefined;
  const address = uri.slice('mailto:'.length).split(/[?!]/)[0];
  const at = address.lastIndexOf('@');
  const domain = at < 0 ? '' : address.slice(at + 1).replace(/\.$/, '').toLowerCase();
  return domain === '' ? undefined : domain;
}

/**
 * Parses a DMARC record (the TXT strings at `_dmarc.<domain>` joined without spaces).
 * Throws a DmarcSyntaxError naming the first problem; see the file comment for the rules.
 */
export function parseDmarcRecord(text: string): DmarcRecord {
  const fail = (reason: string): never => {
    throw new DmarcSyntaxError(text, reason);
  };
  const bad = /[^\x20-\x7e\t]/.exec(text);
  if (bad) fail(`the character ${JSON.stringify(bad[0])} is not allowed (only printable ASCII)`);
  const parts = text.split(';');
  if (parts.length > 1 && parts[parts.length - 1].replace(WSP, '') === '') parts.pop();
  const tags = parts.map((part, i) => splitTag(part, i, fail));
  if (tags[0]?.name !== 'v') fail('the record must start with v=DMARC1');
  if (tags[0].value !== 'DMARC1') {
    fail(`the version must be exactly DMARC1 (case-sensitive), got '${tags[0].value}'${/\s/.test(tags[0].value) ? " (is a ';' missing?)" : ''}`);
  }
  const seen = new Set<string>();
  for (const tag of tags) {
    if (seen.has(tag.name)) fail(`the tag ${tag.name} appears more than once; each tag is allowed once (RFC 6376 section 3.2)`);
    seen.add(tag.name);
  }
  const value = (name: string): string | undefined => tags.find((t) => t.name === name)?.value;
  const keyword = (name: string): string | undefined => {
    const v = value(name)?.toLowerCase();
    if (v !== undefined && !KEYWORDS[name].includes(v)) fail(`${name} must be ${orList(KEYWORDS[name])}, got '${value(name)}'`);
    return v;
  };
  const [p, sp, np] = [keyword('p'), keyword('sp'), keyword('np')] as Array<DmarcPolicyValue | undefined>;
  const adkim = (keyword('adkim') ?? 'r') as DmarcAlignmentValue;
  const aspf = (keyword('aspf') ?? 'r') as DmarcAlignmentValue;
  const testing = keyword('t') === 'y';
  keyword('psd');
  const failureOptions = parseFailureOptions(value('fo'), fail);
  const problems: string[] = [];
  const aggregateUris = parseUriList('rua', value('rua'), fail, problems);
  const failureUris = parseUriList('ruf', value('ruf'), fail, problems);
  if (p === undefined) {
    problems.unshift(aggregateUris.length > 0
      ? 'p is missing: RFC 9989 receivers act as if p=none because rua is valid (section 4.10.1), and RFC 7489 requires p'
      : 'p is missing and there is no rua: receivers apply no DMARC policy (RFC 9989 section 4.10.1)');
  } else if (tags[1].name !== 'p') {
    problems.unshift('p is not right after v: RFC 7489 requires the record to start v=DMARC1; p=...');
  }
  return {
    tags,
    ...(p === undefined ? {} : { policy: p }),
    ...(sp === undefined ? {} : { subdomainPolicy: sp }),
    ...(np === undefined ? {} : { nonExistentPolicy: np }),
    dkimAlignment: adkim,
    spfAlignment: aspf,
    failureOptions,
    aggregateUris,
    failureUris,
    testing,
    obsolete: tags.filter((t) => OBSOLETE.has(t.name)).map((t) => t.name),
    unknown: tags.filter((t) => !KNOWN.has(t.name) && !OBSOLETE.has(t.name)).map((t) => t.name),
    problems,
  };
}

/** dmarc-tag = 1*ALPHA equals 1*dmarc-value, with whitespace around it trimmed. */
function splitTag(part: string, index: number, fail: (reason: string) => never): DmarcTag {
  const tag = part.replace(WSP, '');
  if (tag === '') fail(index === 0 ? 'the record must start with v=DMARC1' : "a tag is empty (two ';' in a row, or a ';' first)");
  const eq = tag.indexOf('=');
  if (eq < 0) fail(`'${tag}' has no '=' (a tag is written name=value)`);
  const name = tag.slice(0, eq).replace(WSP, '');
  if (!/^[a-z]+$/i.test(name)) fail(`'${name}' is not a valid tag name (letters only)`);
  const value = tag.slice(eq + 1).replace(WSP, '');
  if (value === '') fail(`${name.toLowerCase()} has an empty value`);
  if (value.includes('\t') && !/^ru[af]$/i.test(name)) fail(`${name.toLowerCase()} has a tab inside its value (only spaces are allowed there)`);
  return { name: name.toLowerCase(), value };
}

/** dmarc-fo: 0, 1, d and s separated by ':', each at most once, and not both 0 and 1 (RFC 9989 section 4.7). */
function parseFailureOptions(value: string | undefined, fail: (reason: string) => never): string[] {
  if (value === undefined) return ['0'];
  const options = value.toLowerCase().split(':');
  for (const [i, option] of options.entries()) {
    if (!['0', '1', 'd', 's'].includes(option)) fail(`fo must be 0, 1, d or s, separated by ':', got '${value}'`);
    if (options.indexOf(option) !== i) fail(`fo holds ${option} twice, got '${value}'`);
  }
  if (options.includes('0') && options.includes('1')) fail(`fo must not hold both 0 and 1 (RFC 9989), got '${value}'`);
  return options;
}

/** dmarc-urilist: URIs separated by ',' (whitespace allowed around it), each with an optional obsolete size. */
function parseUriList(name: string, value: string | undefined, fail: (reason: string) => never, problems: string[]): string[] {
  if (value === undefined) return [];
  return value.split(',').map((entry) => {
    const written = entry.replace(WSP, '');
    if (written === '') fail(`${name} has an empty URI (a stray ',')`);
    const bang = written.indexOf('!');
    const uri = bang < 0 ? written : written.slice(0, bang);
    const size = bang < 0 ? '' : written.slice(bang);
    if (!URI.test(uri)) {
      const hint = /^[^:]*@/.test(uri) ? ` (write mailto:${uri})` : '';
      fail(`'${uri}' in ${name} is not a URI${hint}; ',' and '!' inside a URI must be percent-encoded`);
    }
    if (size !== '' && !REPORT_SIZE.test(size)) fail(`'${size}' after '${uri}' in ${name} is not a size limit (!<digits>[k|m|g|t])`);
    const domain = mailtoDomain(uri);
    if (domain !== undefined) {
      const address = uri.slice('mailto:'.length).split('?')[0];
      const at = address.indexOf('@');
      if (at <= 0 || at !== address.lastIndexOf('@') || !HOST_NAME.test(domain)) {
        fail(`'${uri}' in ${name} is not a mail address (mailto:<local part>@<domain name>)`);
      }
    } else if (/^mailto:/i.test(uri)) {
      fail(`'${uri}' in ${name} is not a mail address (mailto:<local part>@<domain name>)`);
    } else {
      problems.push(`'${uri}' in ${name} is not a mailto: URI; receivers need only support mailto: (RFC 9989 section 4.7)`);
    }
    if (size !== '') problems.push(`the size limit '${size}' on '${uri}' in ${name} is obsolete (RFC 9989); receivers ignore it`);
    return uri;
  });
}

function orList(values: string[]): string {
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
