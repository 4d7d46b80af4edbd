import { adoptionAdvice } from '../../../src/command/check/advice';
import { RecordKind } from '../../../src/record-model';

// Before the first deploy, a record set that exists outside the stack: the props that reproduce it, then what to delete.

const THEN = (type: string, name: string) => `then delete the existing ${type} record set ${name} and run cdk deploy at once`;

test.each<[string, RecordKind, string, string[], string]>([
  ['an SPF record and another string at the domain', RecordKind.DOMAIN_TXT, 'TXT',
    ['v=spf1 include:amazonses.com include:_spf.google.com ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx -exists:%{i}.x.example.org ~all', 'site-verification=1'],
    "spf: Spf.publish({ include: ['_spf.google.com'], ip4: ['192.0.2.0/24'], ip6: ['2001:db8::/32'], a: true, mx: true, terms: ['-exists:%{i}.x.example.org'] }), "
    + `domainTxtValues: ['site-verification=1']; ${THEN('TXT', 'example.org.')}`],
  ['an SPF record of SES alone', RecordKind.DOMAIN_TXT, 'TXT', ['v=spf1 include:amazonses.com -all'], `spf: Spf.publish(); ${THEN('TXT', 'example.org.')}`],
  ['qualified terms, named a and mx, an include with a macro: as terms; a modifier left out', RecordKind.DOMAIN_TXT, 'TXT',
    ['v=spf1 +ip4:192.0.2.1 -include:_spf.example.net ~ip4:192.0.2.2 ?ip6:2001:db8::1 -a -mx a:mail.example.net mx:mail.example.net include:%{d}.example.net redirect=_spf.example.net'],
    "spf: Spf.publish({ ip4: ['192.0.2.1'], terms: ['-include:_spf.example.net', '~ip4:192.0.2.2', '?ip6:2001:db8::1', '-a', '-mx', "
    + `'a:mail.example.net', 'mx:mail.example.net', 'include:%{d}.example.net'] }); ${THEN('TXT', 'example.org.')}`],
  ['an SPF record that does not parse', RecordKind.DOMAIN_TXT, 'TXT', ['v=spf1 include:'],
    `spf: Spf.publish({ ... }) with the senders of the existing SPF record, which does not parse; ${THEN('TXT', 'example.org.')}`],
  ['strings without SPF', RecordKind.DOMAIN_TXT, 'TXT', ['a=1', 'b=2'], `domainTxtValues: ['a=1', 'b=2']; ${THEN('TXT', 'example.org.')}`],
  ['a DMARC record', RecordKind.DMARC, 'TXT', ['v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@example.org; ruf=mailto:f@example.org'],
    "dmarc: Dmarc.publish({ policy: DmarcPolicy.REJECT, subdomainPolicy: DmarcPolicy.QUARANTINE, aggregateReportAddresses: ['d@example.org'], "
    + `failureReportAddresses: ['f@example.org'] }), or Dmarc.none() to keep managing it outside the stack; ${THEN('TXT', 'example.org.')}`],
  ['a DMARC record with p alone', RecordKind.DMARC, 'TXT', ['v=DMARC1; p=none'],
    `dmarc: Dmarc.publish({ policy: DmarcPolicy.NONE }), or Dmarc.none() to keep managing it outside the stack; ${THEN('TXT', 'example.org.')}`],
  ['a DMARC record after another string, with an https report URI (not an address)', RecordKind.DMARC, 'TXT',
    ['site-verification=1', 'v=DMARC1; p=reject; rua=mailto:d@example.org,https://reports.example.net/dmarc'],
    "dmarc: Dmarc.publish({ policy: DmarcPolicy.REJECT, aggregateReportAddresses: ['d@example.org'] }), "
    + `or Dmarc.none() to keep managing it outside the stack; ${THEN('TXT', 'example.org.')}`],
  ['a DMARC record without p', RecordKind.DMARC, 'TXT', ['v=DMARC1; ruf=mailto:f@example.org'],
    "dmarc: Dmarc.publish({ failureReportAddresses: ['f@example.org'] }), "
    + `or Dmarc.none() to keep managing it outside the stack; ${THEN('TXT', 'example.org.')}`],
  ['a DMARC record that does not parse', RecordKind.DMARC, 'TXT', ['v=DMARC1; p=maybe'],
    `dmarc: Dmarc.publish({ ... }) with the tags of the existing record, which does not parse as DMARC, or Dmarc.none() to keep managing it outside the stack; ${THEN('TXT', 'example.org.')}`],
  ['an inbound MX', RecordKind.INBOUND_MX, 'MX', ['10 mx1.example.net', '20 mx2.example.net'],
    `inboundMail: InboundMail.servers([{ host: 'mx1.example.net', priority: 10 }, { host: 'mx2.example.net', priority: 20 }]); ${THEN('MX', 'example.org.')}`],
  ['an MX at the MAIL FROM domain', RecordKind.MAIL_FROM_MX, 'MX', ['10 mx.example.net'],
    "the MAIL FROM domain must hold only SES's records: delete the existing MX record set example.org., or choose another mailFromSubdomain"],
  ['a TXT at the MAIL FROM domain', RecordKind.MAIL_FROM_SPF, 'TXT', ['v=spf1 -all'],
    "the MAIL FROM domain must hold only SES's records: delete the existing TXT record set example.org., or choose another mailFromSubdomain"],
  ['an MX at the DMARC reports domain', RecordKind.DMARC_REPORTS_MX, 'MX', ['10 mx.example.net'],
    "the reports domain must hold only SES's MX: delete the existing MX record set example.org., or choose another dmarcReports subdomain"],
  ['another kind', RecordKind.DKIM, 'CNAME', ['x.example.net'],
    "delete the existing CNAME record set example.org., or change the construct's options so it writes another name"],
])('%s', (_, kind, type, found, advice) => {
  expect(adoptionAdvice(kind, 'example.org.', type, found)).toBe(advice);
});
