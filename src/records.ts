import { Token } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { quoteTxtStrings, writeTxtValue, writeZoneFileLines } from './zone-file';

// The construct's records: the public MailDnsRecord (record-model.ts RecordData with Route53's RecordType) and how
// it is rendered for Route53 and zone files, tokens kept whole.

/**
 * One DNS record set the mail domain needs: the same data is rendered to Route53 and listed for
 * other DNS providers.
 */
export interface MailDnsRecord {
  /**
   * Fully qualified name with a trailing dot, e.g. `_dmarc.example.com.`.
   *
   * Easy DKIM names are known only after deploy; they are tokens of the
   * `AWS::SES::EmailIdentity` attributes `DkimDNSTokenName1..3`.
   */
  readonly name: string;
  /** Record type: CNAME, MX or TXT. */
  readonly type: route53.RecordType;
  /**
   * The values in presentation form, one per record in the set: an MX value is `<priority> <host>`,
   * a CNAME value is the target host, a TXT value is the whole unquoted text (split into
   * 255-character strings and quoted only when rendered).
   */
  readonly values: string[];
  /** Time to live in seconds. */
  readonly ttl: number;
  /** What the record is for, e.g. `DMARC policy`. */
  readonly purpose: string;
}

/**
 * Splits a TXT value into strings of at most 255 characters and renders them quoted, separated by
 * a space, as Route53 and zone files expect: `"first 255" "rest"`. Quotes and backslashes are
 * escaped. A token is quoted whole: its length is unknown at synth time.
 */
export function renderTxtValue(text: string): string {
  return Token.isUnresolved(text) ? quoteTxtStrings([text]) : writeTxtValue(text);
}

/** The values of a record as Route53 `ResourceRecords`. */
export function renderRoute53Values(record: MailDnsRecord): string[] {
  return record.type === route53.RecordType.TXT ? record.values.map(renderTxtValue) : record.values;
}

/** The lines of one record in BIND zone-file syntax: `<name> <ttl> IN <type> <value>`, one per value (zone-file.ts). */
export function renderZoneFileLines(record: MailDnsRecord): string[] {
  return writeZoneFileLines(record, renderTxtValue);
}
