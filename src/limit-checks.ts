import { Annotations, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { RecordEntry } from './context';
import { DNS_NAME_MAX, EASY_DKIM_TOKEN_LENGTH, ROUTE53_RECORD_SET_MAX, ROUTE53_VALUE_MAX } from './limits';
import { renderRoute53Values } from './records';

// The synth-time checks of a record against the DNS and Route53 limits of limits.ts. Every check lets tokens
// through: their length is known only at deploy time.

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
