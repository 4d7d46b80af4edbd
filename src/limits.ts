import { Annotations, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { RecordEntry } from './context';
import { renderRoute53Values } from './records';

// The limits AWS and DNS enforce at deploy time that the construct's records and outputs can reach,
// each with its source. Every check lets tokens through: their length is known only at deploy time.

/**
 * RFC 1035 section 2.3.4: a name is at most 255 octets on the wire, which is 253 characters in text
 * form without the trailing dot (Route53's own `Name` limit, 1,024, counts escapes and is looser).
 */
export const DNS_NAME_MAX = 253;
/** RFC 5321 section 4.5.3.1.1: the local part of a mail address (before '@') is at most 64 octets. */
export const MAIL_LOCAL_PART_MAX = 64;
/**
 * Route53 API reference, `ResourceRecord.Value`: "Maximum length of 4000" characters, the quotes and
 * spaces of a TXT value's strings included.
 */
export const ROUTE53_VALUE_MAX = 4000;
/**
 * Route53 developer guide, DNS limitations: "The sum of the number of characters (including spaces) in
 * all Value elements in a request cannot exceed 32,000 characters", and an UPSERT counts each character
 * twice. CloudFormation sends one record set per change request.
 */
export const ROUTE53_RECORD_SET_MAX = 32000;
/** Route53 developer guide, DNS limitations: at most 1,000 ResourceRecord elements in one change request. */
export const ROUTE53_MAX_RECORDS_PER_CHANGE = 1000;
/** Domains whose records share one record output: 500 domains (the resource limit) need 63 of the 200 outputs. */
export const DOMAINS_PER_OUTPUT = 8;
/** CloudFormation quotas, "Template body size in an Amazon S3 object": 1 MB. */
export const CFN_MAX_TEMPLATE_BYTES = 1000000;
/** CloudFormation quotas, "Outputs: maximum number of outputs that you can declare in your template": 200. */
export const CFN_MAX_OUTPUTS = 200;
/*
 * SES developer guide, "Service quotas in Amazon SES", email receiving quotas (none adjustable):
 * https://docs.aws.amazon.com/ses/latest/dg/quotas.html. Older editions of the guide said 100 recipients
 * per rule; the quotas page now says 500.
 */
/** Recipients (addresses and domains) of one receipt rule. */
export const SES_RECIPIENTS_PER_RULE = 500;
/** Actions of one receipt rule. */
export const SES_ACTIONS_PER_RULE = 10;
/** Receipt rules in one rule set. */
export const SES_RULES_PER_RULE_SET = 200;
/** Receipt rule sets of an account in one region. */
export const SES_RULE_SETS_PER_ACCOUNT = 40;
/**
 * An Easy DKIM token, the first label of `DkimDNSTokenName1..3`, is 32 characters: no AWS page states
 * the length, but every token SES issues and the AWS CLI reference's `verify-domain-dkim` example have 32.
 */
export const EASY_DKIM_TOKEN_LENGTH = 32;

/** Shortens a value for an error message. */
export function abbreviate(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max - 3)}...` : value;
}

/** A name's length without its trailing dot. */
function nameLength(name: string): number {
  return name.endsWith('.') ? name.length - 1 : name.length;
}

/**
 * Checks one record against the DNS and Route53 limits: its name (the prop that makes it is named),
 * each value as Route53 receives it and the whole record set.
 */
export function checkRecordLimits(scope: IConstruct, e: RecordEntry): void {
  const { record, nameFrom } = e;
  if (!Token.isUnresolved(record.name) && nameLength(record.name) > DNS_NAME_MAX) {
    throw new Error(`${nameFrom} makes the ${record.purpose} record name '${abbreviate(record.name)}' ${nameLength(record.name)} characters long; `
      + `DNS names hold at most ${DNS_NAME_MAX} (RFC 1035): use a shorter ${nameFrom}`);
  }
  const values = renderRoute53Values(record);
  let total = 0;
  values.forEach((value, i) => {
    if (Token.isUnresolved(value)) return;
    total += value.length;
    if (value.length > ROUTE53_VALUE_MAX) {
      const from = Array.isArray(e.valuesFrom) ? e.valuesFrom[i] : e.valuesFrom;
      throw new Error(`${from} makes value ${i + 1} of the ${record.purpose} record (${record.type} ${record.name}) ${value.length} characters long `
        + `as Route53 receives it ('${abbreviate(value)}'); Route53 allows at most ${ROUTE53_VALUE_MAX} characters per value`);
    }
  });
  if (total > ROUTE53_RECORD_SET_MAX) {
    const from = Array.isArray(e.valuesFrom) ? [...new Set(e.valuesFrom)].join(' and ') : e.valuesFrom;
    throw new Error(`The ${record.purpose} record set (${record.type} ${record.name}) is ${total} characters long in all, from ${from}; `
      + `Route53 allows at most ${ROUTE53_RECORD_SET_MAX} characters across the values of one record set`);
  }
  if (total > ROUTE53_RECORD_SET_MAX / 2) {
    Annotations.of(scope).addWarningV2('cdk-verified-mail-domain:recordSetUpsertLimit',
      `The ${record.purpose} record set (${record.type} ${record.name}) is ${total} characters long in all: it can be created, but Route53 counts `
      + `each character twice when a change UPSERTs it, so an update may pass its ${ROUTE53_RECORD_SET_MAX}-character limit. Keep it under ${ROUTE53_RECORD_SET_MAX / 2}`);
  }
}

/**
 * The Easy DKIM records are named `<32-character token>._domainkey.<domain>` by SES at deploy time;
 * their length is known at synth, so a domain too long for them fails here, not in Route53.
 */
export function checkEasyDkimNameLength(domainName: string): void {
  if (Token.isUnresolved(domainName)) return;
  const length = EASY_DKIM_TOKEN_LENGTH + '._domainkey.'.length + domainName.length;
  if (length > DNS_NAME_MAX) {
    throw new Error(`domainName '${abbreviate(domainName)}' (${domainName.length} characters) is too long for Easy DKIM: SES names its records `
      + `<${EASY_DKIM_TOKEN_LENGTH}-character token>._domainkey.<domain>, ${length} characters, and DNS names hold at most ${DNS_NAME_MAX}; `
      + `use a domain of at most ${DNS_NAME_MAX - EASY_DKIM_TOKEN_LENGTH - '._domainkey.'.length} characters or DkimSigning.byoDkim with a short selector`);
  }
}

/**
 * SES API reference, `ConfigurationSet.Name`: "Contain only letters (a-z, A-Z), numbers (0-9),
 * underscores (_), or dashes (-)" and "Contain 64 characters or fewer".
 */
export const SES_CONFIGURATION_SET_NAME_MAX = 64;
