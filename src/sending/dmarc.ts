import { Annotations, Token } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { entry, RecordContext, RecordEntry, RecordKind } from '../context';
import { parseDmarcRecord } from './dmarc-parser';
import { parseMailAddress } from '../mail-address';
import { checkKnownKeys, checkOneOf, checkOptions, enumListOf, enumValues, isWithin, knownKeys, listOf, optionalBoolean } from '../validation';

/** What receivers do with mail that fails DMARC (`p`, `sp`, `np`). */
export enum DmarcPolicy {
  /** Deliver as usual and only report: monitoring. */
  NONE = 'none',
  /** Treat as suspicious, e.g. deliver to the spam folder. */
  QUARANTINE = 'quarantine',
  /** Reject the message during the SMTP transaction. */
  REJECT = 'reject',
}

/** How closely the SPF or DKIM domain must match the From domain (`adkim`, `aspf`). */
export enum DmarcAlignment {
  /** The same organizational domain is enough (subdomains align). */
  RELAXED = 'r',
  /** The domains must be identical. */
  STRICT = 's',
}

/** When receivers send failure reports (`fo`). Meaningful only with failure report addresses. */
export enum DmarcFailureReportOption {
  /** `0`: when both SPF and DKIM fail to produce an aligned pass. */
  ALL_FAIL = '0',
  /** `1`: when either SPF or DKIM fails to produce an aligned pass. */
  ANY_FAIL = '1',
  /** `d`: when the DKIM signature fails to verify. */
  DKIM_FAIL = 'd',
  /** `s`: when SPF evaluation fails. */
  SPF_FAIL = 's',
}

/** The DMARC policy record (RFC 9989 tags; `pct`, `rf` and `ri` are obsolete and never written). */
export interface DmarcOptions {
  /**
   * Policy for mail from the domain that fails DMARC (`p`).
   * @default DmarcPolicy.NONE
   */
  readonly policy?: DmarcPolicy;
  /**
   * Policy for subdomains (`sp`).
   * @default - the same as `policy` (tag not written)
   */
  readonly subdomainPolicy?: DmarcPolicy;
  /**
   * Policy for subdomains that do not exist in DNS (`np`, RFC 9989).
   * @default - the subdomain policy (tag not written)
   */
  readonly nonExistentSubdomainPolicy?: DmarcPolicy;
  /**
   * Addresses that receive aggregate reports (`rua`): `dmarc@example.com` or `mailto:dmarc@example.com`.
   * Reports to another domain need that domain's consent: see the README.
   * @default - no aggregate reports
   */
  readonly aggregateReportAddresses?: string[];
  /**
   * Addresses that receive failure reports (`ruf`), written like `aggregateReportAddresses`.
   * @default - no failure reports
   */
  readonly failureReportAddresses?: string[];
  /**
   * DKIM alignment mode (`adkim`).
   * @default - relaxed (tag not written)
   */
  readonly dkimAlignment?: DmarcAlignment;
  /**
   * SPF alignment mode (`aspf`). Strict alignment never passes with SES, whose MAIL FROM is a subdomain.
   * @default - relaxed (tag not written)
   */
  readonly spfAlignment?: DmarcAlignment;
  /**
   * When failure reports are sent (`fo`).
   * @default - `0` (tag not written)
   */
  readonly failureReportOptions?: DmarcFailureReportOption[];
  /**
   * Testing mode (`t=y`, RFC 9989): receivers apply the policy one step lighter.
   * @default false
   */
  readonly testing?: boolean;
}

/** The props of DmarcOptions, for checkKnownKeys. */
const DMARC_OPTION_KEYS = knownKeys<DmarcOptions>({
  policy: true,
  subdomainPolicy: true,
  nonExistentSubdomainPolicy: true,
  aggregateReportAddresses: true,
  failureReportAddresses: true,
  dkimAlignment: true,
  spfAlignment: true,
  failureReportOptions: true,
  testing: true,
});

/** A report address split into its parts. */
interface ReportAddress {
  readonly uri: string;
  readonly domain: string;
}

/** The DMARC record at `_dmarc.<domain>`. */
export abstract class Dmarc {
  /** Publish a DMARC record; with no options `v=DMARC1; p=none`. */
  public static publish(options: DmarcOptions = {}): Dmarc {
    // A record's text here (`Dmarc.publish('p=reject')`) would publish p=none, weaker than asked.
    checkOptions('Dmarc.publish', options, "{ policy: DmarcPolicy.REJECT, aggregateReportAddresses: ['dmarc@example.com'] }");
    checkKnownKeys('Dmarc.publish', options, DMARC_OPTION_KEYS);
    return new PublishedDmarc(options);
  }

  /** Publish no DMARC record (e.g. it is managed elsewhere). */
  public static none(): Dmarc {
    return new NoDmarc();
  }

  /** The DMARC record and report authorization records. @internal */
  public abstract _records(ctx: RecordContext): RecordEntry[];

  /**
   * The same policy with the reports address of `dmarcReports` added to `rua` (and `ruf`); `authorizedElsewhere`
   * when no consent record is needed here: the stack's own mailbox (inside the domain), or one whose domain
   * publishes the consent record itself. @internal
   */
  public abstract _withReports(address: string, failureReports: boolean, authorizedElsewhere: boolean): Dmarc;
}

class NoDmarc extends Dmarc {
  public _records(): RecordEntry[] {
    return [];
  }

  public _withReports(address: string): Dmarc {
    throw new Error(`dmarcReports receives reports at ${address}, which only a DMARC record can name, and dmarc is Dmarc.none(): `
      + 'use Dmarc.publish(...) (the policy stays yours to choose), or leave dmarcReports out');
  }
}

const POLICIES = enumValues('DmarcPolicy', DmarcPolicy);
const ALIGNMENTS = enumValues('DmarcAlignment', DmarcAlignment);

class PublishedDmarc extends Dmarc {
  private readonly rua: ReportAddress[];
  private readonly ruf: ReportAddress[];
  private readonly fo: string[];

  /** @param authorizedElsewhere report URIs that need no consent record here (see _withReports) */
  constructor(private readonly options: DmarcOptions, private readonly authorizedElsewhere: string[] = []) {
    super();
    checkOneOf('dmarc.policy', options.policy, POLICIES);
    checkOneOf('dmarc.subdomainPolicy', options.subdomainPolicy, POLICIES);
    checkOneOf('dmarc.nonExistentSubdomainPolicy', options.nonExistentSubdomainPolicy, POLICIES);
    checkOneOf('dmarc.dkimAlignment', options.dkimAlignment, ALIGNMENTS);
    checkOneOf('dmarc.spfAlignment', options.spfAlignment, ALIGNMENTS);
    optionalBoolean('dmarc.testing', options.testing);
    this.rua = listOf('dmarc.aggregateReportAddresses', options.aggregateReportAddresses)
      .map((a) => parseReportAddress('dmarc.aggregateReportAddresses', a));
    this.ruf = listOf('dmarc.failureReportAddresses', options.failureReportAddresses)
      .map((a) => parseReportAddress('dmarc.failureReportAddresses', a));
    this.rua = uniqueUris(this.rua);
    this.ruf = uniqueUris(this.ruf);
    // Each entry first: a stray `[undefined]` from JavaScript would otherwise reach the parser as `fo=`.
    this.fo = [...new Set(enumListOf('dmarc.failureReportOptions', options.failureReportOptions,
      enumValues('DmarcFailureReportOption', DmarcFailureReportOption)))];
    if (this.fo.includes(DmarcFailureReportOption.ALL_FAIL) && this.fo.includes(DmarcFailureReportOption.ANY_FAIL)) {
      throw new Error('dmarc.failureReportOptions must not hold both ALL_FAIL (0) and ANY_FAIL (1) (RFC 9989), got 0:1');
    }
  }

  public _withReports(address: string, failureReports: boolean, authorizedElsewhere: boolean): Dmarc {
    const o = this.options;
    return new PublishedDmarc({
      ...o,
      aggregateReportAddresses: [...(o.aggregateReportAddresses ?? []), address],
      failureReportAddresses: failureReports ? [...(o.failureReportAddresses ?? []), address] : o.failureReportAddresses,
    }, authorizedElsewhere ? [`mailto:${address}`] : []);
  }

  public _records(ctx: RecordContext): RecordEntry[] {
    const o = this.options;
    const tags = [
      'v=DMARC1',
      `p=${o.policy ?? DmarcPolicy.NONE}`,
      ...(o.subdomainPolicy ? [`sp=${o.subdomainPolicy}`] : []),
      ...(o.nonExistentSubdomainPolicy ? [`np=${o.nonExistentSubdomainPolicy}`] : []),
      ...(o.dkimAlignment ? [`adkim=${o.dkimAlignment}`] : []),
      ...(o.spfAlignment ? [`aspf=${o.spfAlignment}`] : []),
      ...(this.fo.length > 0 ? [`fo=${this.fo.join(':')}`] : []),
      ...(this.rua.length > 0 ? [`rua=${this.rua.map((a) => a.uri).join(',')}`] : []),
      ...(this.ruf.length > 0 ? [`ruf=${this.ruf.map((a) => a.uri).join(',')}`] : []),
      ...(o.testing ? ['t=y'] : []),
    ];
    this.warn(ctx);
    const text = tags.join('; ');
    // The record the construct writes, read by the one DMARC parser (the check reads live records with it).
    if (!Token.isUnresolved(text)) parseDmarcRecord(text);
    return [
      entry(ctx, 'Dmarc', `_dmarc.${ctx.domainName}`, route53.RecordType.TXT, [text], 'DMARC policy',
        { kind: RecordKind.DMARC, name: 'domainName', values: 'dmarc' }),
      ...this.reportAuthorizations(ctx),
    ];
  }

  private warn(ctx: RecordContext): void {
    const annotations = Annotations.of(ctx.scope);
    if (this.fo.length > 0 && this.ruf.length === 0) {
      annotations.addWarningV2('cdk-verified-mail-domain:dmarcFoWithoutRuf',
        `dmarc.failureReportOptions (fo=${this.fo.join(':')}) has no effect without dmarc.failureReportAddresses`);
    }
    if (this.options.spfAlignment === DmarcAlignment.STRICT) {
      annotations.addWarningV2('cdk-verified-mail-domain:dmarcStrictSpf',
        `dmarc.spfAlignment is STRICT, but SES mail's envelope (MAIL FROM) is ${ctx.mailFromDomain ?? 'amazonses.com'}, never exactly ${ctx.domainName}: SPF can never align, so DMARC rests on DKIM alone. Use RELAXED.`);
    }
  }

  /**
   * Reports sent to another domain need that domain's consent, a TXT `v=DMARC1` at
   * `<domain>._report._dmarc.<report-domain>` (RFC 9989 External Destination Verification).
   * A report domain in the same hosted zone gets the record; any other gets a warning showing it.
   */
  private reportAuthorizations(ctx: RecordContext): RecordEntry[] {
    const domain = ctx.domainName;
    const addresses = [...this.rua, ...this.ruf].filter((a) => !this.authorizedElsewhere.includes(a.uri));
    // A token domain name, or a report address that is a token, cannot be told inside or outside: a warning, and the
    // literal addresses are still checked (with a token domain name no consent record can be named at all).
    const tokens = addresses.filter((a) => Token.isUnresolved(a.domain));
    const unknown = Token.isUnresolved(domain) ? 'the domain name is a token' : tokens.length > 0 ? 'a report address is a token' : undefined;
    if (unknown && addresses.length > 0) {
      Annotations.of(ctx.scope).addWarningV2('cdk-verified-mail-domain:dmarcReportsDomainUnknown',
        `DMARC report addresses are set, but ${unknown}, so the construct cannot tell whether they lie in another domain: `
        + 'a report domain outside the sending domain must publish TXT "v=DMARC1" at <domain>._report._dmarc.<report domain>, or receivers will not send the reports');
    }
    if (Token.isUnresolved(domain)) return [];
    const external = [...new Set(addresses.filter((a) => !tokens.includes(a)).map((a) => a.domain))]
      .filter((d) => !isWithin(domain, d) && !isWithin(d, domain));
    const entries: RecordEntry[] = [];
    for (const reportDomain of external) {
      const name = reportConsentName(domain, reportDomain);
      if (ctx.zoneName !== undefined && isWithin(reportDomain, ctx.zoneName)) {
        entries.push(reportConsentEntry(ctx, `DmarcReportAuthorization-${reportDomain}`, domain, reportDomain, 'dmarc'));
      } else {
        Annotations.of(ctx.scope).addWarningV2(`cdk-verified-mail-domain:dmarcExternalReports:${reportDomain}`,
          `DMARC reports for ${domain} go to ${reportDomain}, which is outside this hosted zone: ${reportDomain} must publish TXT "v=DMARC1" at ${name}. or receivers will not send the reports`);
      }
    }
    return entries;
  }
}

/** Where `reportDomain` consents to receive the DMARC reports of `domain` (RFC 9989). */
const reportConsentName = (domain: string, reportDomain: string) => `${domain}._report._dmarc.${reportDomain}`;

/**
 * The consent record of `reportDomain` to receive `domain`'s DMARC reports: TXT `v=DMARC1` at
 * `<domain>._report._dmarc.<reportDomain>`, for the prop `prop` (`dmarc`, or `dmarcReports` for a shared mailbox).
 */
export function reportConsentEntry(ctx: RecordContext, id: string, domain: string, reportDomain: string, prop: string): RecordEntry {
  return entry(ctx, id, reportConsentName(domain, reportDomain), route53.RecordType.TXT, ['v=DMARC1'],
    `consent of ${reportDomain} to receive DMARC reports for ${domain}`,
    { kind: RecordKind.DMARC_REPORT_AUTHORIZATION, name: 'domainName with a dmarc report address domain', values: prop });
}

function uniqueUris(addresses: ReportAddress[]): ReportAddress[] {
  return addresses.filter((a, i) => addresses.findIndex((b) => b.uri === a.uri) === i);
}

/** Accepts `user@domain` or `mailto:user@domain`; returns the `mailto:` URI and the normalized domain. */
function parseReportAddress(prop: string, value: string): ReportAddress {
  if (Token.isUnresolved(value)) {
    return { uri: value.startsWith('mailto:') ? value : `mailto:${value}`, domain: value };
  }
  const scheme = value.match(/^([a-z][a-z0-9+.-]*):/i);
  if (scheme && scheme[1].toLowerCase() !== 'mailto') {
    throw new Error(`${prop} entries must be e-mail addresses or mailto: URIs (receivers send reports only by mail), got '${value}'`);
  }
  const address = scheme ? value.slice(scheme[0].length) : value;
  // RFC 9989: ',' separates the URIs of rua and ruf, and '!' began the size suffix of RFC 7489.
  if (/[,!]/.test(address.slice(0, address.lastIndexOf('@')))) {
    throw new Error(`${prop} entries must not contain a raw ',' or '!' (they separate URIs and sizes in DMARC); percent-encode them as %2C and %21, got '${value}'`);
  }
  const { localPart, domain } = parseMailAddress(prop, address, { example: 'dmarc@example.com', entries: true, shown: value });
  return { uri: `mailto:${localPart}@${domain}`, domain };
}
