import { VerifiedMailDomain } from '../src';
import { fqdn, RecordData, RecordKind } from '../src/record-model';
import { zoneStack } from './helpers/util';

// The record model the construct and the command share: RecordKind's values are what the cloud assembly carries to
// the command, and the construct's public records have the model's shape.

test('RecordKind values, as the metadata carries them to the command', () => {
  expect(Object.entries(RecordKind)).toEqual([
    ['DKIM', 'dkim'], ['MAIL_FROM_MX', 'mailFromMx'], ['MAIL_FROM_SPF', 'mailFromSpf'], ['DOMAIN_TXT', 'domainTxt'],
    ['DMARC', 'dmarc'], ['DMARC_REPORT_AUTHORIZATION', 'dmarcReportAuthorization'], ['INBOUND_MX', 'inboundMx'], ['DMARC_REPORTS_MX', 'dmarcReportsMx'],
  ]);
});

test('the construct\'s records are RecordData', () => {
  const { stack, zone } = zoneStack();
  const mail = new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
  // Typed as the model: this line compiles only while MailDnsRecord has RecordData's shape.
  const data: RecordData[] = mail.records;
  expect(data.filter((r) => !r.name.includes('${')).map((r) => `${r.name} ${r.type} ${r.ttl} ${r.values.join(' | ')}`)).toEqual([
    'bounce.example.org. MX 1800 10 feedback-smtp.eu-west-1.amazonses.com',
    'bounce.example.org. TXT 1800 v=spf1 include:amazonses.com ~all',
    'example.org. TXT 1800 v=spf1 include:amazonses.com ~all',
    '_dmarc.example.org. TXT 1800 v=DMARC1; p=none',
  ]);
});

test.each([['example.org', 'example.org.'], ['example.org.', 'example.org.'], ['.', '.']])('fqdn(%j) is %j', (name, absolute) => {
  expect(fqdn(name)).toBe(absolute);
});
