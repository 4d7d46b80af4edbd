import { Token } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { entry, RecordContext, RecordEntry, RecordKind } from '../context';
import { Spf } from './spf';
import { isSpfRecord } from './spf-parser';
import { checkPrintableAscii } from '../validation';

/**
 * SPF and any other TXT strings at the domain, in one record set: Route53 holds one TXT set per name,
 * and a name may hold only one SPF record (RFC 7208 section 3.2).
 */
export function domainTxtRecords(ctx: RecordContext, spf: Spf, others: string[]): RecordEntry[] {
  others.forEach((v, i) => {
    checkPrintableAscii(`domainTxtValues[${i}]`, v);
    // The project's one SPF record test (spf-parser.ts); after checkPrintableAscii the only blank left is a space.
    if (!Token.isUnresolved(v) && isSpfRecord(v)) {
      throw new Error(`domainTxtValues[${i}] is an SPF record ('${v}'); a name may hold only one, and the construct writes it: use the spf prop (Spf.publish or Spf.none)`);
    }
  });
  const spfText = spf._text(ctx);
  const unique = [...new Set(others)];
  const values = [...(spfText === undefined ? [] : [spfText]), ...unique];
  if (values.length === 0) return [];
  const valuesFrom = [...(spfText === undefined ? [] : ['spf']), ...unique.map((v) => `domainTxtValues[${others.indexOf(v)}]`)];
  const purpose = spfText === undefined ? 'TXT strings at the domain' : 'SPF of the domain';
  return [entry(ctx, 'DomainTxt', ctx.domainName, route53.RecordType.TXT, values, purpose, { kind: RecordKind.DOMAIN_TXT, name: 'domainName', values: valuesFrom })];
}
