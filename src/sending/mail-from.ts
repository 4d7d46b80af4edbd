import { Token } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { entry, RecordContext, RecordEntry, RecordKind } from '../context';
import { DNS_NAME_MAX } from '../limits';
import { normalizeLabel } from '../validation';

// The custom MAIL FROM domain: the envelope sender (Return-Path) that SPF checks, a subdomain of the
// identity so that SPF aligns under DMARC's relaxed alignment.

/** The MAIL FROM domain `<label>.<domain>`, or undefined without a custom MAIL FROM. */
export function mailFromDomainOf(domainName: string, customMailFrom: boolean, subdomain: string | undefined, defaultLabel = 'bounce'): string | undefined {
  if (!customMailFrom) {
    if (subdomain !== undefined) {
      throw new Error(`mailFromSubdomain ('${subdomain}') is set but customMailFrom is false; remove one of them`);
    }
    return undefined;
  }
  const label = normalizeLabel('mailFromSubdomain', subdomain ?? defaultLabel);
  const domain = `${label}.${domainName}`;
  // RFC 1035 section 2.3.4; SES refuses a longer MAIL FROM domain too.
  if (!Token.isUnresolved(domain) && domain.length > DNS_NAME_MAX) {
    throw new Error(`mailFromSubdomain makes the MAIL FROM domain '${domain}' ${domain.length} characters long; at most ${DNS_NAME_MAX} are allowed`);
  }
  return domain;
}

/** Exactly one MX to SES's feedback endpoint of the region, and the SPF of the envelope sender. */
export function mailFromRecords(ctx: RecordContext): RecordEntry[] {
  const domain = ctx.mailFromDomain;
  if (!domain) return [];
  const sources = { name: 'mailFromSubdomain', values: 'the stack region' };
  const { MAIL_FROM_MX, MAIL_FROM_SPF } = RecordKind;
  return [
    entry(ctx, 'MailFromMx', domain, route53.RecordType.MX,
      [`10 feedback-smtp.${ctx.region}.amazonses.com`], 'custom MAIL FROM: SES bounce and complaint feedback (MX)', { ...sources, kind: MAIL_FROM_MX }),
    entry(ctx, 'MailFromSpf', domain, route53.RecordType.TXT,
      ['v=spf1 include:amazonses.com ~all'], 'custom MAIL FROM: SPF of the envelope sender', { ...sources, kind: MAIL_FROM_SPF }),
  ];
}
