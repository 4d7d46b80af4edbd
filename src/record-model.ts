// The record model the construct and the command share, without aws-cdk-lib: what a record is (RecordKind), a record
// set as plain data (RecordData), and absolute names. The construct's public MailDnsRecord (records.ts) has this shape,
// with Route53's RecordType as its type.

/** What a record is, for the parts that select records (the waiter, the checks, the command). */
export enum RecordKind {
  DKIM = 'dkim',
  MAIL_FROM_MX = 'mailFromMx',
  MAIL_FROM_SPF = 'mailFromSpf',
  DOMAIN_TXT = 'domainTxt',
  DMARC = 'dmarc',
  DMARC_REPORT_AUTHORIZATION = 'dmarcReportAuthorization',
  INBOUND_MX = 'inboundMx',
  DMARC_REPORTS_MX = 'dmarcReportsMx',
}

/**
 * One record set as plain data. Values in presentation form: an MX value is `<priority> <host>`, a CNAME value the
 * target host (both hosts without a trailing dot), a TXT value the whole unquoted text.
 */
export interface RecordData {
  /** The name, with its trailing dot. */
  readonly name: string;
  /** CNAME, MX or TXT. */
  readonly type: string;
  /** Time to live in seconds. */
  readonly ttl: number;
  /** The values, one per record of the set. */
  readonly values: string[];
}

/** A name made absolute, with its trailing dot (as Route53 names and zone files need). */
export function fqdn(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}
