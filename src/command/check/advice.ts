import { RecordKind } from '../../record-model';
import { isDmarcRecord, mailtoDomain, parseDmarcRecord } from '../../sending/dmarc-parser';
import { isSpfRecord, parseSpfRecord, targetDomain } from '../../sending/spf-parser';

// Before the first deploy: how to adopt a record that already exists in the zone, as the props that
// reproduce it, then the record set to delete so that CloudFormation can create its own.

const quote = (values: string[]) => `[${values.map((v) => `'${v}'`).join(', ')}]`;
/** The options of a factory call: `({ a, b })`, or `()` when there are none. */
const call = (options: string[]) => (options.length ? `({ ${options.join(', ')} })` : '()');

/** The advice for an existing record set at `name` of `type` that the stack would create. */
export function adoptionAdvice(kind: RecordKind, name: string, type: string, found: string[]): string {
  const then = `then delete the existing ${type} record set ${name} and run cdk deploy at once`;
  switch (kind) {
    case RecordKind.DOMAIN_TXT: return `${txtProps(found)}; ${then}`;
    case RecordKind.DMARC: return `${dmarcProps(found)}, or Dmarc.none() to keep managing it outside the stack; ${then}`;
    case RecordKind.INBOUND_MX: return `inboundMail: InboundMail.servers([${found.map(mxServer).join(', ')}]); ${then}`;
    case RecordKind.DMARC_REPORTS_MX:
      return `the reports domain must hold only SES's MX: delete the existing ${type} record set ${name}, or choose another dmarcReports subdomain`;
    case RecordKind.MAIL_FROM_MX:
    case RecordKind.MAIL_FROM_SPF:
      return `the MAIL FROM domain must hold only SES's records: delete the existing ${type} record set ${name}, or choose another mailFromSubdomain`;
    default: return `delete the existing ${type} record set ${name}, or change the construct's options so it writes another name`;
  }
}

/** `spf: Spf.publish({...})` for the senders of an existing SPF record, and `domainTxtValues` for the other strings. */
function txtProps(found: string[]): string {
  const props: string[] = [];
  const spf = found.find(isSpfRecord);
  if (spf) {
    try {
      const options: string[] = [];
      const include: string[] = [];
      const ip4: string[] = [];
      const ip6: string[] = [];
      const terms: string[] = [];
      let a = false;
      let mx = false;
      for (const term of parseSpfRecord(spf).terms) {
        if (term.kind === 'modifier' || term.name === 'all') continue;
        const plain = term.qualifier === '+';
        if (plain && term.name === 'include' && targetDomain(term)) {
          if (targetDomain(term) !== 'amazonses.com') include.push(targetDomain(term)!);
        } else if (plain && term.name === 'ip4') {ip4.push(term.text.replace(/^\+?ip4:/i, ''));} else if (plain && term.name === 'ip6') {ip6.push(term.text.replace(/^\+?ip6:/i, ''));} else if (plain && term.text.toLowerCase() === 'a') {a = true;} else if (plain && term.text.toLowerCase() === 'mx') {mx = true;} else {terms.push(term.text);}
      }
      if (include.length) options.push(`include: ${quote(include)}`);
      if (ip4.length) options.push(`ip4: ${quote(ip4)}`);
      if (ip6.length) options.push(`ip6: ${quote(ip6)}`);
      if (a) options.push('a: true');
      if (mx) options.push('mx: true');
      if (terms.length) options.push(`terms: ${quote(terms)}`);
      props.push(`spf: Spf.publish${call(options)}`);
    } catch {
      props.push('spf: Spf.publish({ ... }) with the senders of the existing SPF record, which does not parse');
    }
  }
  const others = found.filter((v) => v !== spf);
  if (others.length) props.push(`domainTxtValues: ${quote(others)}`);
  return props.join(', ');
}

/** `dmarc: Dmarc.publish({...})` reproducing an existing DMARC record. */
function dmarcProps(found: string[]): string {
  try {
    const record = parseDmarcRecord(found.find(isDmarcRecord) ?? found[0]);
    const options: string[] = [];
    const policy = (p?: string) => `DmarcPolicy.${p!.toUpperCase()}`;
    if (record.policy) options.push(`policy: ${policy(record.policy)}`);
    if (record.subdomainPolicy) options.push(`subdomainPolicy: ${policy(record.subdomainPolicy)}`);
    const addresses = (uris: string[]) => quote(uris.filter((u) => mailtoDomain(u)).map((u) => u.replace(/^mailto:/i, '')));
    if (record.aggregateUris.length) options.push(`aggregateReportAddresses: ${addresses(record.aggregateUris)}`);
    if (record.failureUris.length) options.push(`failureReportAddresses: ${addresses(record.failureUris)}`);
    return `dmarc: Dmarc.publish${call(options)}`;
  } catch {
    return 'dmarc: Dmarc.publish({ ... }) with the tags of the existing record, which does not parse as DMARC';
  }
}

function mxServer(value: string): string {
  const [priority, mxHost] = value.split(' ');
  return `{ host: '${mxHost}', priority: ${priority} }`;
}
