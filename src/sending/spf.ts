import { Annotations, Token } from 'aws-cdk-lib';
import { RecordContext } from '../context';
import { SPF_MAX_LOOKUPS, SPF_WARN_LENGTH } from '../limits';
import { countsLookup, parseSpfRecord, parseSpfTerm, SpfSyntaxError, SpfTerm, targetDomain } from './spf-parser';
import { checkKnownKeys, checkOneOf, checkOptions, checkPrintableAscii, enumValues, knownKeys, listOf, NameKind, normalizeDomainName, optionalBoolean } from '../validation';

/** What receivers do with mail from a host the SPF record does not list: the qualifier of `all`. */
export enum SpfAll {
  /** `~all`: accept but mark (soft fail). The usual choice while DMARC does the enforcing. */
  SOFTFAIL = '~all',
  /** `-all`: fail; receivers may reject the message. */
  FAIL = '-all',
  /** `?all`: no statement (neutral). */
  NEUTRAL = '?all',
}

/** The senders the domain's SPF record allows besides Amazon SES. */
export interface SpfOptions {
  /**
   * Domains whose SPF records are included (`include:<domain>`), e.g. `_spf.google.com`.
   * Each costs at least one of the 10 DNS lookups SPF allows.
   * @default - none
   */
  readonly include?: string[];
  /**
   * IPv4 addresses or CIDR ranges allowed to send (`ip4:`), e.g. `192.0.2.0/24`.
   * @default - none
   */
  readonly ip4?: string[];
  /**
   * IPv6 addresses or CIDR ranges allowed to send (`ip6:`), e.g. `2001:db8::/32`.
   * @default - none
   */
  readonly ip6?: string[];
  /**
   * Allow the hosts the domain's A/AAAA records point to (`a`). Costs one DNS lookup.
   * @default false
   */
  readonly a?: boolean;
  /**
   * Allow the domain's MX hosts (`mx`). Costs one DNS lookup.
   * @default false
   */
  readonly mx?: boolean;
  /**
   * Further terms written as in the record, for what the typed options do not cover, e.g.
   * `a:mail.example.com/24` or `exists:%{i}._spf.example.com`. `ptr`, `all` and `redirect=` are refused:
   * `ptr` is deprecated (RFC 7208), and the record always ends with the `all` option.
   * @default - none
   */
  readonly terms?: string[];
  /**
   * The final `all` term.
   * @default SpfAll.SOFTFAIL
   */
  readonly all?: SpfAll;
}

/** The props of SpfOptions, for checkKnownKeys. */
const SPF_OPTION_KEYS = knownKeys<SpfOptions>({ include: true, ip4: true, ip6: true, a: true, mx: true, terms: true, all: true });

/** The SPF record published at the domain itself. */
export abstract class Spf {
  /** Publish `v=spf1 include:amazonses.com ... ~all` with the given extra senders. */
  public static publish(options: SpfOptions = {}): Spf {
    // A list here (`Spf.publish(['_spf.google.com'])`) would publish no include at all.
    checkOptions('Spf.publish', options, "{ include: ['_spf.google.com'] }");
    checkKnownKeys('Spf.publish', options, SPF_OPTION_KEYS);
    return new PublishedSpf(options);
  }

  /** Publish no SPF record at the domain (e.g. it is managed elsewhere). */
  public static none(): Spf {
    return new NoSpf();
  }

  /** The record text, or undefined when none is published. @internal */
  public abstract _text(ctx: RecordContext): string | undefined;
}

class NoSpf extends Spf {
  public _text(): string | undefined {
    return undefined;
  }
}

class PublishedSpf extends Spf {
  private readonly terms: string[];
  private readonly all: SpfAll;

  constructor(options: SpfOptions) {
    super();
    this.terms = [
      ...listOf('spf.ip4', options.ip4).map((v) => checkIp('spf.ip4', v, 4)),
      ...listOf('spf.ip6', options.ip6).map((v) => checkIp('spf.ip6', v, 6)),
      ...(optionalBoolean('spf.a', options.a) ? ['a'] : []),
      ...(optionalBoolean('spf.mx', options.mx) ? ['mx'] : []),
      'include:amazonses.com',
      ...listOf('spf.include', options.include).map(checkInclude),
      ...listOf('spf.terms', options.terms).map(checkTerm),
    ].filter((term, i, all) => all.indexOf(term) === i);
    const exp = this.terms.filter((t) => !Token.isUnresolved(t) && /^exp=/i.test(t));
    if (exp.length > 1) {
      throw new Error(`spf.terms may hold the exp= modifier once (RFC 7208), got ${exp.length}: ${exp.join(', ')}`);
    }
    this.all = options.all ?? SpfAll.SOFTFAIL;
    checkOneOf('spf.all', this.all, enumValues('SpfAll', SpfAll));
  }

  public _text(ctx: RecordContext): string {
    const text = ['v=spf1', ...this.terms, this.all].join(' ');
    if (Token.isUnresolved(text)) return text;
    // The whole record through the one SPF parser: what receivers will read.
    const terms = parseSpfRecord(text).terms;
    const lookups = terms.filter(countsLookup).length;
    if (lookups > SPF_MAX_LOOKUPS) {
      throw new Error(`spf needs ${lookups} DNS lookups in its own terms (include, a, mx, exists; include:amazonses.com counts), but SPF allows at most ${SPF_MAX_LOOKUPS}, and lookups inside included records count too: drop or flatten some includes`);
    }
    checkNoSelfReference(ctx.domainName, terms);
    if (text.length > SPF_WARN_LENGTH) {
      Annotations.of(ctx.scope).addWarningV2('cdk-verified-mail-domain:spfTooLong',
        `The SPF record of ${ctx.domainName} is ${text.length} characters; past ${SPF_WARN_LENGTH} the DNS answer may exceed 512 octets and some receivers fail it. Use fewer terms or ranges.`);
    }
    return text;
  }
}

/**
 * `include:<the domain itself>` or `redirect=<the domain itself>` makes receivers evaluate the same
 * record again and again until the 10-lookup limit: a permerror for every message (RFC 7208 section 4.6.4).
 */
function checkNoSelfReference(domainName: string, terms: SpfTerm[]): void {
  if (Token.isUnresolved(domainName)) return;
  // redirect= never gets here: spf.terms refuses it (checkTerm), so an include is the only way back to the record.
  const self = terms.find((t) => t.kind === 'mechanism' && t.name === 'include' && targetDomain(t) === domainName);
  if (self) {
    throw new Error(`spf must not include the domain's own record ('${self.text}' in the SPF of ${domainName}): receivers would evaluate it again and again until `
      + `the ${SPF_MAX_LOOKUPS}-lookup limit, a permerror for all mail (RFC 7208 section 4.6.4); list the other senders themselves`);
  }
}

/** Parses one term; on a syntax error throws `message` with the parser's reason. */
function parsed(term: string, message: string): SpfTerm {
  try {
    return parseSpfTerm(term);
  } catch (e) {
    if (e instanceof SpfSyntaxError) throw new Error(`${message}: ${e.reason}`);
    throw e;
  }
}

/** An `ip4:`/`ip6:` term from an address or range, checked by the SPF grammar (no leading zeros). */
function checkIp(prop: string, value: string, version: 4 | 6): string {
  if (Token.isUnresolved(value)) return `ip${version}:${value}`;
  const raw = value.replace(new RegExp(`^ip${version}:`, 'i'), '').toLowerCase();
  const maxLength = version === 4 ? 32 : 128;
  const message = `${prop} entries must be IPv${version} addresses with an optional /0-${maxLength} prefix length, got '${value}'`;
  if (/\s/.test(raw)) throw new Error(message);
  parsed(`ip${version}:${raw}`, message);
  return `ip${version}:${raw}`;
}

function checkInclude(value: string): string {
  if (Token.isUnresolved(value)) return `include:${value}`;
  const domain = normalizeDomainName('spf.include', value.replace(/^include:/i, ''), NameKind.DNS);
  parsed(`include:${domain}`, `spf.include entries must be domain names such as '_spf.example.com', got '${value}'`);
  return `include:${domain}`;
}

function checkTerm(term: string): string {
  if (Token.isUnresolved(term)) return term;
  checkPrintableAscii('spf.terms', term);
  const message = `spf.terms entries must each be one SPF mechanism (include, a, mx, ip4, ip6, exists) or modifier (exp=), got '${term}'`;
  if (/\s/.test(term)) throw new Error(`${message}: one term per entry, without spaces`);
  const t = parsed(term, message);
  if (t.kind === 'mechanism' && t.name === 'ptr') {
    throw new Error(`spf.terms must not use 'ptr' (RFC 7208 says it SHOULD NOT be used; many receivers ignore it), got '${term}'; list the hosts with a, ip4 or ip6 instead`);
  }
  if (t.kind === 'mechanism' && t.name === 'all') {
    throw new Error(`spf.terms must not contain 'all' (got '${term}'): the record ends with the spf.all option, and one all is allowed`);
  }
  if (t.kind === 'modifier' && t.name === 'redirect') {
    throw new Error(`spf.terms must not contain 'redirect=' (got '${term}'): it is ignored when the record has 'all', which this record always has`);
  }
  if (t.kind === 'modifier' && t.name !== 'exp') {
    throw new Error(`${message}: '${t.name}=' is not a modifier of RFC 7208, and receivers ignore unknown modifiers`);
  }
  return term;
}
