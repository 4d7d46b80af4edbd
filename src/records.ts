import { Token } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';

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

/** The longest character-string one TXT string may hold (RFC 1035 section 3.3). */
export const TXT_STRING_MAX = 255;

/**
 * Splits a TXT value into strings of at most 255 characters and renders them quoted, separated by
 * a space, as Route53 and zone files expect: `"first 255" "rest"`. Quotes and backslashes are
 * escaped. A token is quoted whole: its length is unknown at synth time.
 */
export function renderTxtValue(text: string): string {
  if (Token.isUnresolved(text)) return `"${text}"`;
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += TXT_STRING_MAX) {
    parts.push(text.slice(i, i + TXT_STRING_MAX));
  }
  if (parts.length === 0) parts.push('');
  return parts.map((part) => `"${part.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(' ');
}

/** The values of a record as Route53 `ResourceRecords`. */
export function renderRoute53Values(record: MailDnsRecord): string[] {
  return record.type === route53.RecordType.TXT ? record.values.map(renderTxtValue) : record.values;
}

/** A name made absolute, with its trailing dot (as Route53 names and zone files need). */
export function fqdn(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

/** One value in zone-file form: hosts made absolute, TXT split and quoted like Route53's. */
function zoneFileValue(type: route53.RecordType, value: string): string {
  switch (type) {
    case route53.RecordType.TXT:
      return renderTxtValue(value);
    case route53.RecordType.CNAME:
      return fqdn(value);
    case route53.RecordType.MX: {
      const space = value.indexOf(' ');
      return `${value.slice(0, space)} ${fqdn(value.slice(space + 1))}`;
    }
    default:
      return value;
  }
}

/** The lines of one record in BIND zone-file syntax: `<name> <ttl> IN <type> <value>`, one per value. */
export function renderZoneFileLines(record: MailDnsRecord): string[] {
  const name = fqdn(record.name);
  return record.values.map((value) => `${name} ${record.ttl} IN ${record.type} ${zoneFileValue(record.type, value)}`);
}
