import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct, IDependable } from 'constructs';
import { MetadataContactList, writeDomainMetadata } from './assembly-metadata';
import { RecordContext, RecordEntry, RecordKind } from './context';
import { DeliverabilityMetadata } from './guardrails/model';
import { InboundMail } from './inbound-mail';
import { checkRecordLimits } from './limit-checks';
import { PrimaryDomain, publishedByPrimary } from './primary-region';
import { addRecordOutput } from './record-outputs';
import { MailDnsRecord, renderZoneFileLines } from './records';
import { DmarcReports } from './reports/dmarc-reports';
import { RecordRendering, renderRecords } from './route53-render';
import { DkimSigning } from './sending/dkim';
import { Dmarc } from './sending/dmarc';
import { domainTxtRecords } from './sending/domain-txt';
import { mailFromRecords } from './sending/mail-from';
import { Spf } from './sending/spf';
import { checkOneOf, enumValues, listOf, optionalBoolean, wholeSeconds } from './validation';

// The records one VerifiedMailDomain publishes, made from the props that make records, and where they
// go besides the hosted zone: the stack's record outputs, the cloud-assembly metadata that
// `cdk-verified-mail-domain check` reads, the zone file and the waiter's failure message.

/** The props that make records, the DKIM signing resolved to its default. */
export interface RecordChoices {
  readonly dkim: DkimSigning;
  readonly spf?: Spf;
  readonly domainTxtValues?: string[];
  readonly dmarc?: Dmarc;
  readonly dmarcReports?: DmarcReports;
  readonly inboundMail?: InboundMail;
  /** The construct of the domain's primary region, when this one serves another region. */
  readonly primary?: PrimaryDomain;
}

/**
 * The domain's records in render order, each checked against the limits AWS enforces. With a primary,
 * only this region's: its DKIM (unless the primary publishes the very same record) and its MAIL FROM
 * domain; the primary publishes SPF, DMARC and the inbound MX once for every region.
 */
export function domainRecordEntries(ctx: RecordContext, choices: RecordChoices): RecordEntry[] {
  const { dkim, primary } = choices;
  const entries: RecordEntry[] = primary
    ? [...dkim._records(ctx), ...mailFromRecords(ctx)].filter((e) => !publishedByPrimary(e.record, primary))
    : [
      ...dkim._records(ctx),
      ...mailFromRecords(ctx),
      ...domainTxtRecords(ctx, choices.spf ?? Spf.publish(), listOf('domainTxtValues', choices.domainTxtValues)),
      ...dmarcOf(ctx, choices)._records(ctx),
      ...(choices.inboundMail ? choices.inboundMail._records(ctx) : []),
      ...(choices.dmarcReports ? choices.dmarcReports._records(ctx) : []),
    ];
  entries.forEach((e) => checkRecordLimits(ctx.scope, e));
  return entries;
}

/** What a feature gets to compute its records (RecordContext), for the domain of `scope`; the TTL checked. */
export function recordContextOf(scope: Construct,
  d: { domainName: string; mailFromDomain?: string; zoneName?: string; recordTtl?: Duration; identity: ses.EmailIdentity }): RecordContext {
  return {
    scope,
    domainName: d.domainName,
    mailFromDomain: d.mailFromDomain,
    region: Stack.of(scope).region,
    zoneName: d.zoneName,
    ttl: wholeSeconds('recordTtl', d.recordTtl ?? Duration.minutes(30), 0, 2147483647),
    identity: d.identity,
  };
}

/** The DMARC record as published: the `dmarc` prop, with the stack's own reports address when `dmarcReports` is set. */
function dmarcOf(ctx: RecordContext, choices: RecordChoices): Dmarc {
  const dmarc = choices.dmarc ?? Dmarc.publish();
  if (!choices.dmarcReports) return dmarc;
  const mailbox = choices.dmarcReports._mailbox(ctx);
  // The stack's own mailbox lies inside the domain; a shared one needs a consent record unless its domain publishes it.
  return dmarc._withReports(mailbox.address, mailbox.failureReports, mailbox.authorizedElsewhere ?? true);
}

/** What placeDomainRecords reads of the props and the identity's resources. */
interface Placement {
  readonly recordRendering?: RecordRendering;
  readonly removalPolicy?: RemovalPolicy;
  readonly recordOutputs?: boolean;
}

/**
 * The record sets in the zone (none without one), rendered as `recordRendering` says, and the records
 * published besides (publishDomainRecords); returns the record-set resources.
 */
export function placeDomainRecords(ctx: RecordContext, entries: RecordEntry[], zone: route53.IHostedZone | undefined, props: Placement,
  sending: { deliverability?: DeliverabilityMetadata; contactList?: MetadataContactList }): IDependable[] {
  const rendering = props.recordRendering ?? RecordRendering.RECORD_SET_GROUP;
  checkOneOf('recordRendering', rendering, enumValues('RecordRendering', RecordRendering));
  const resources = zone ? renderRecords(ctx.scope, zone, entries, rendering, props.removalPolicy) : [];
  publishDomainRecords(ctx, entries, optionalBoolean('recordOutputs', props.recordOutputs) ?? zone === undefined, sending.deliverability, sending.contactList);
  return resources;
}

/**
 * The records after deploy in the stack's record outputs, and the domain's metadata for the check:
 * every record when `allRecords` (no zone, or recordOutputs), else only those known only after deploy
 * (the Easy DKIM records), which the check reads with --outputs.
 */
export function publishDomainRecords(
  ctx: RecordContext, entries: RecordEntry[], allRecords: boolean, deliverability?: DeliverabilityMetadata, contactList?: MetadataContactList,
): void {
  const deployTime = (e: RecordEntry) => Token.isUnresolved(e.record.name) || e.record.values.some((v) => Token.isUnresolved(v));
  const outputRecords = entries.filter((e) => allRecords || deployTime(e)).map((e) => e.record);
  const output = outputRecords.length > 0 ? addRecordOutput(ctx.scope, ctx.domainName, outputRecords) : undefined;
  writeDomainMetadata(ctx.scope, {
    domain: ctx.domainName, mailFromDomain: ctx.mailFromDomain, region: ctx.region, hostedZone: ctx.zoneName, output, deliverability, contactList,
  }, entries);
}

/** The records in BIND zone-file syntax, each under a comment with its purpose. */
export function zoneFileOf(domainName: string, records: MailDnsRecord[]): string {
  const lines = records.flatMap((record) => [`; ${record.purpose}`, ...renderZoneFileLines(record)]);
  return [`; DNS records of the Amazon SES domain ${domainName}`, ...lines, ''].join('\n');
}

/** The DKIM and MAIL FROM MX records in zone-file lines, for the waiter's failure message. */
export function waiterRecords(entries: RecordEntry[]): { dkimRecords: string[]; mailFromRecords: string[] } {
  const linesOf = (kind: RecordKind) => entries.filter((e) => e.kind === kind).flatMap((e) => renderZoneFileLines(e.record));
  return { dkimRecords: linesOf(RecordKind.DKIM), mailFromRecords: linesOf(RecordKind.MAIL_FROM_MX) };
}
