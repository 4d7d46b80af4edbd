import { Annotations, Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IDependable } from 'constructs';
import { DmarcReportsMailbox, ReportsMailbox } from './mailbox';
import { receiveReports } from './reports-receiving';
import { entry, RecordContext, RecordEntry, RecordKind } from '../context';
import { InboundMail } from '../inbound-mail';
import { checkRecordLimits } from '../limit-checks';
import { checkOptionsObject } from '../receiving/kinds';
import { checkReceivingRegion } from '../receiving/receiving-regions';
import { ReceiptRuleSetChoice } from '../receiving/rule-sets';
import { RecordRendering, renderRecords } from '../route53-render';
import { reportConsentEntry } from '../sending/dmarc';
import { checkConstruct, checkDuration, checkKind, checkKnownKeys, isWithin, knownKeys, normalizeDomainName, normalizeLabel, optionalBoolean, optionalString } from '../validation';

// DMARC reports received by the stack: the DMARC record names an address at a subdomain of the domain
// (the same organizational domain, so receivers need no authorization record), whose own MX is SES's
// receiving endpoint of the stack's region, and a receipt rule stores every message there in S3. No Lambda.

/** Where the stack receives the domain's DMARC reports, and for how long it keeps them. */
export interface DmarcReportsOptions {
  /**
   * The label of the subdomain that receives the reports: the DMARC record names `dmarc@<label>.<domain>`,
   * and `<label>.<domain>` gets an MX to SES's receiving endpoint of the stack's region.
   * @default 'dmarc-reports'
   */
  readonly subdomain?: string;
  /**
   * The bucket the reports are stored in, one object per message (SES names it by the message id).
   * @default - a new bucket: SSE-S3 encryption, public access blocked, SSL only, objects expiring after `expiration`
   */
  readonly bucket?: s3.IBucket;
  /**
   * The key prefix of the stored messages.
   * @default 'dmarc/'
   */
  readonly objectKeyPrefix?: string;
  /**
   * How long the new bucket keeps a report (whole days, at least one). Only with the bucket the construct makes:
   * a bucket of yours keeps its own lifecycle rules.
   * @default Duration.days(400)
   */
  readonly expiration?: Duration;
  /**
   * The receipt rule set that holds the reports' rule.
   * @default - the rule set of `inboundMail` when it is `InboundMail.ses({ ruleSet, ... })` (SES receives only
   * through the one active set of a region), else `ReceiptRuleSetChoice.create()`
   */
  readonly ruleSet?: ReceiptRuleSetChoice;
  /**
   * Ask for failure reports too (`ruf`, RFC 6591 messages about single failing messages) at the same
   * address. Few mailbox providers send them, and those that do may include the failing message's headers.
   * @default false
   */
  readonly failureReports?: boolean;
  /**
   * Allow a region not on the list of regions where SES receives mail (a region added after this release).
   * @default false
   */
  readonly allowUnlistedRegion?: boolean;
}

/** The props of DmarcReportsOptions, for checkKnownKeys. */
const OPTION_KEYS = knownKeys<DmarcReportsOptions>({
  subdomain: true, bucket: true, objectKeyPrefix: true, expiration: true, ruleSet: true, failureReports: true, allowUnlistedRegion: true,
});

/** The local part of the reports address, the one address the reports rule takes. */
const LOCAL_PART = 'dmarc';
const FACTORY = 'DmarcReports.receive()';

/** What the reports' receipt rule needs from the domain. */
export interface ReportsBinding {
  /** The domain's own inbound mail: its SES rule set, if any, is the default for the reports' rule. */
  readonly inboundMail?: InboundMail;
  /** The resources the rule must come after (the identity, the record sets). */
  readonly dependsOn: IDependable[];
}

/** DMARC reports about the domain, received by the stack (`dmarcReports`). */
export abstract class DmarcReports {
  /**
   * Receive the domain's DMARC aggregate reports (and, with `failureReports`, failure reports) with SES
   * in the stack's region and store them in S3: the DMARC record names `dmarc@dmarc-reports.<domain>`,
   * whose MX is SES's receiving endpoint, and a receipt rule delivers each report to the bucket. Works
   * whatever the domain's own MX is. Needs a DMARC record (`dmarc` not `Dmarc.none()`) and a region
   * where SES receives mail.
   */
  public static receive(options: DmarcReportsOptions = {}): DmarcReports {
    checkOptionsObject('DmarcReports.receive options', options, 'an object of DmarcReportsOptions ({ bucket?, expiration?, ruleSet?, ... })');
    checkKnownKeys('DmarcReports.receive', options, OPTION_KEYS);
    return new ReceivedReports(options);
  }

  /**
   * Send the domain's DMARC reports to another domain's mailbox (several brands, one bucket): the DMARC
   * record names `mailbox.address`, and the consent record receivers look for,
   * `<domain>._report._dmarc.<mailbox domain>` TXT `v=DMARC1`, is published in the mailbox domain's hosted
   * zone (in its stack), or in this domain's zone when the mailbox domain lies in it.
   * @param mailbox `dmarcReportsMailbox` of a VerifiedMailDomain with `dmarcReports: DmarcReports.receive()`
   */
  public static sharedWith(mailbox: DmarcReportsMailbox): DmarcReports {
    checkKind('DmarcReports.sharedWith mailbox', mailbox, mailbox instanceof DmarcReportsMailbox,
      'the dmarcReportsMailbox of a VerifiedMailDomain with dmarcReports: DmarcReports.receive() (mail.dmarcReportsMailbox)');
    return new SharedReports(mailbox);
  }

  /** The reports address of the domain, checked. @internal */
  public abstract _mailbox(ctx: RecordContext): ReportsMailbox;

  /** The MX of the reports domain. @internal */
  public abstract _records(ctx: RecordContext): RecordEntry[];

  /** The bucket and the receipt rule. @internal */
  public abstract _bind(scope: Construct, ctx: RecordContext, binding: ReportsBinding): void;

  /** The mailbox other domains may share, for `dmarcReportsMailbox`. @internal */
  public _shareable(_owner: Construct, _ctx: RecordContext, _zone: route53.IHostedZone | undefined,
    _removalPolicy?: RemovalPolicy): DmarcReportsMailbox | undefined {
    return undefined;
  }
}

class ReceivedReports extends DmarcReports {
  private readonly label: string;

  constructor(private readonly options: DmarcReportsOptions) {
    super();
    const prop = 'dmarcReports';
    const label = optionalString(`${prop} subdomain`, options.subdomain, "'dmarc-reports'") ?? 'dmarc-reports';
    this.label = normalizeLabel(`${prop} subdomain`, label);
    if (options.bucket !== undefined) {
      checkConstruct(`${prop} bucket`, options.bucket, ['bucketName', 'bucketArn'], "an s3.IBucket (new s3.Bucket(...) or s3.Bucket.fromBucketName(this, 'Reports', name))");
      if (options.expiration !== undefined) {
        throw new Error(`${prop} expiration applies only to the bucket the construct makes, and bucket is given (${describeBucket(options.bucket)}): `
          + 'set the expiry in that bucket\'s own lifecycle rules, or leave bucket out');
      }
    }
    if (options.expiration !== undefined) checkDuration(`${prop} expiration`, options.expiration);
    if (options.ruleSet !== undefined) {
      checkKind(`${prop} ruleSet`, options.ruleSet, options.ruleSet instanceof ReceiptRuleSetChoice,
        'ReceiptRuleSetChoice.fromReceiptRuleSet(ruleSet) or ReceiptRuleSetChoice.create()');
    }
    optionalBoolean(`${prop} failureReports`, options.failureReports);
    optionalBoolean(`${prop} allowUnlistedRegion`, options.allowUnlistedRegion);
  }

  public _mailbox(ctx: RecordContext): ReportsMailbox {
    const domain = `${this.label}.${ctx.domainName}`;
    // Equal strings are the same name, tokens and all.
    if (domain === ctx.mailFromDomain) {
      throw new Error(`dmarcReports subdomain '${this.label}' is the MAIL FROM domain ${ctx.mailFromDomain}, whose MX is SES's feedback endpoint, `
        + 'which takes bounces only: reports sent there are lost. Choose another subdomain, or another mailFromSubdomain');
    }
    // The reports domain is a name of its own (253 characters at most, RFC 1035), made of the label and the domain.
    normalizeDomainName('dmarcReports subdomain', domain);
    return { domain, address: `${LOCAL_PART}@${domain}`, failureReports: this.options.failureReports ?? false };
  }

  public _records(ctx: RecordContext): RecordEntry[] {
    const { domain } = this._mailbox(ctx);
    // One region rule for the MX, the rule and the bucket (receiving/receiving-regions.ts).
    checkReceivingRegion(`dmarcReports is ${FACTORY}, whose MX ${domain} -> inbound-smtp.${ctx.region}.amazonaws.com and receipt rule work only if SES receives mail in`,
      ctx.region, this.options.allowUnlistedRegion,
      'receive the reports in a stack of one of them (a VerifiedMailDomain there with dmarcReports), or name an address of your own in dmarc aggregateReportAddresses',
      'set dmarcReports allowUnlistedRegion: true');
    return [entry(ctx, 'DmarcReportsMx', domain, route53.RecordType.MX, [`10 inbound-smtp.${ctx.region}.amazonaws.com`], 'DMARC reports (MX)',
      { kind: RecordKind.DMARC_REPORTS_MX, name: 'domainName with dmarcReports subdomain', values: 'dmarcReports' })];
  }

  public _bind(scope: Construct, ctx: RecordContext, binding: ReportsBinding): void {
    const { domain, address } = this._mailbox(ctx);
    warnInboundRuleCovers(scope, binding.inboundMail, domain, address);
    receiveReports(scope, { domainName: domain, region: ctx.region }, address, {
      bucket: this.options.bucket,
      objectKeyPrefix: this.options.objectKeyPrefix ?? 'dmarc/',
      expiration: this.options.expiration ?? Duration.days(400),
      ruleSet: this.ruleSetFor(binding),
      allowUnlistedRegion: this.options.allowUnlistedRegion,
    }, binding.dependsOn);
  }

  /**
   * The reports' rule set: the option, else the domain's own rule's, else a new one the stack activates; but
   * a domain whose MX is SES's with rules of the user's already has an active set, which a new one would not replace.
   */
  private ruleSetFor(binding: ReportsBinding): ReceiptRuleSetChoice {
    const chosen = this.options.ruleSet ?? binding.inboundMail?._ruleSet();
    if (chosen) return chosen;
    const sesWithoutRule = binding.inboundMail?._sesWithoutRule();
    if (sesWithoutRule) {
      throw new Error(`dmarcReports has no ruleSet, and inboundMail is ${sesWithoutRule}, whose receipt rules are yours: a rule set of yours is active `
        + 'in this account and region, and a new one the stack activated would be refused at deploy. Give dmarcReports ruleSet: '
        + "ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', '<your active rule set>'))");
    }
    return ReceiptRuleSetChoice.create();
  }

  public _shareable(owner: Construct, ctx: RecordContext, zone: route53.IHostedZone | undefined, removalPolicy?: RemovalPolicy): DmarcReportsMailbox {
    return DmarcReportsMailbox._make(owner, ctx.domainName, this._mailbox(ctx), zone, ctx.ttl, removalPolicy);
  }
}

class SharedReports extends DmarcReports {
  constructor(private readonly mailbox: DmarcReportsMailbox) {
    super();
  }

  public _mailbox(ctx: RecordContext): ReportsMailbox {
    const m = this.mailbox;
    if (ctx.domainName === m._ownerDomain) {
      throw new Error(`dmarcReports is DmarcReports.sharedWith the mailbox of ${m._ownerDomain} itself (${m.address}): use DmarcReports.receive() on the domain that receives them`);
    }
    // Not published by the owner: Dmarc publishes the consent record in this zone, or warns with the record (or of a token name).
    return { domain: m.domainName, address: m.address, failureReports: m._failureReports, authorizedElsewhere: this.publishedByOwner(ctx) };
  }

  public _records(): RecordEntry[] {
    return []; // the mailbox's domain publishes the MX
  }

  /** The consent record in the mailbox domain's zone, made in its construct (so in its stack). */
  public _bind(_scope: Construct, ctx: RecordContext): void {
    if (!this.publishedByOwner(ctx)) return; // Dmarc publishes it in this zone, or warns with the record
    const m = this.mailbox;
    const e = reportConsentEntry({ ...ctx, scope: m._owner, ttl: m._ttl }, `SharedDmarcReportAuthorization-${ctx.domainName}`, ctx.domainName, m.domainName, 'dmarcReports');
    checkRecordLimits(m._owner, e);
    renderRecords(m._owner, m._zone!, [e], RecordRendering.RECORD_SET_PER_RECORD, m._removalPolicy);
  }

  /** True when the mailbox domain's zone gets the consent record: it has one, and this domain's zone does not hold the name. */
  private publishedByOwner(ctx: RecordContext): boolean {
    const m = this.mailbox;
    if (m._zone === undefined || Token.isUnresolved(ctx.domainName) || Token.isUnresolved(m.domainName)) return false;
    return ctx.zoneName === undefined || !isWithin(m.domainName, ctx.zoneName);
  }
}

/**
 * SES applies every rule of the active set whose recipients match, in order, until a Stop action: a rule
 * of the domain that also matches the reports address (`.<domain>`, the reports domain, or the address)
 * gets the reports too, and a Stop or Bounce action in it may keep them from the bucket.
 */
function warnInboundRuleCovers(scope: Construct, inbound: InboundMail | undefined, domain: string, address: string): void {
  const recipients = inbound?._recipients();
  if (recipients === undefined) return;
  // The domain's rule has checked its recipients (strings, or tokens, which match nothing here).
  const covering = recipients.filter((r) => {
    const value = r.toLowerCase().replace(/\.$/, '');
    return value === address || value === domain || (value.startsWith('.') && domain.endsWith(value));
  });
  if (covering.length === 0) return;
  Annotations.of(scope).addWarningV2('cdk-verified-mail-domain:dmarcReportsInInboundRule',
    `inboundMail receiving recipients ${covering.map((r) => `'${r}'`).join(', ')} also match ${address}, the DMARC reports address: SES applies every `
    + 'matching rule, so the domain\'s rule gets the reports too, and a Stop or Bounce action there may keep them from the reports bucket. '
    + 'List the domain\'s own addresses or subdomains instead, or acknowledge this warning');
}

function describeBucket(bucket: s3.IBucket): string {
  return Token.isUnresolved(bucket.bucketName) ? bucket.node.path : bucket.bucketName;
}
