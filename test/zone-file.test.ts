import { RecordData, RecordKind } from '../src/record-model';
import { readDomainBlock, readTxtValue, readZoneFileLine, txtStrings, writeDomainBlock, writeTxtValue, writeZoneFileLines } from '../src/zone-file';

// The one zone-file writer and its reader: every line the writer writes reads back as the record it came from, for
// every record kind the construct makes and for TXT texts that need care (quotes, backslashes, 255-character splits).

const TXT = (name: string, text: string): RecordData => ({ name, type: 'TXT', ttl: 1800, values: [text] });

/** One record set of each kind, in the model's form (hosts without their trailing dot). */
const EACH_KIND: Array<[RecordKind, RecordData]> = [
  [RecordKind.DKIM, { name: 'tok1._domainkey.example.org.', type: 'CNAME', ttl: 1800, values: ['tok1.dkim.amazonses.com'] }],
  [RecordKind.MAIL_FROM_MX, { name: 'bounce.example.org.', type: 'MX', ttl: 1800, values: ['10 feedback-smtp.eu-west-1.amazonses.com'] }],
  [RecordKind.MAIL_FROM_SPF, TXT('bounce.example.org.', 'v=spf1 include:amazonses.com ~all')],
  [RecordKind.DOMAIN_TXT, { name: 'example.org.', type: 'TXT', ttl: 300, values: ['v=spf1 include:amazonses.com ~all', 'google-site-verification=abc'] }],
  [RecordKind.DMARC, TXT('_dmarc.example.org.', 'v=DMARC1; p=none; rua=mailto:dmarc@example.org')],
  [RecordKind.DMARC_REPORT_AUTHORIZATION, TXT('example.org._report._dmarc.example.net.', 'v=DMARC1')],
  [RecordKind.INBOUND_MX, { name: 'example.org.', type: 'MX', ttl: 1800, values: ['10 inbound-smtp.eu-west-1.amazonaws.com', '20 mx2.example.net'] }],
  [RecordKind.DMARC_REPORTS_MX, { name: 'dmarc-reports.example.org.', type: 'MX', ttl: 1800, values: ['10 inbound-smtp.eu-west-1.amazonaws.com'] }],
];

test('the table has one record of every kind', () => {
  expect(EACH_KIND.map(([kind]) => kind).sort()).toEqual(Object.values(RecordKind).sort());
});

test.each(EACH_KIND)('%s: each line reads back as one value of the record set', (_, record) => {
  const lines = writeZoneFileLines(record);
  expect(lines.map(readZoneFileLine)).toEqual(record.values.map((value) => ({ ...record, values: [value] })));
});

test('the writer writes hosts absolute and TXT quoted', () => {
  expect(EACH_KIND.flatMap(([, record]) => writeZoneFileLines(record))).toEqual([
    'tok1._domainkey.example.org. 1800 IN CNAME tok1.dkim.amazonses.com.',
    'bounce.example.org. 1800 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.',
    'bounce.example.org. 1800 IN TXT "v=spf1 include:amazonses.com ~all"',
    'example.org. 300 IN TXT "v=spf1 include:amazonses.com ~all"',
    'example.org. 300 IN TXT "google-site-verification=abc"',
    '_dmarc.example.org. 1800 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.org"',
    'example.org._report._dmarc.example.net. 1800 IN TXT "v=DMARC1"',
    'example.org. 1800 IN MX 10 inbound-smtp.eu-west-1.amazonaws.com.',
    'example.org. 1800 IN MX 20 mx2.example.net.',
    'dmarc-reports.example.org. 1800 IN MX 10 inbound-smtp.eu-west-1.amazonaws.com.',
  ]);
});

test('a null MX (RFC 7505) is written and read as 0 .', () => {
  const record: RecordData = { name: 'example.org.', type: 'MX', ttl: 1800, values: ['0 .'] };
  expect(writeZoneFileLines(record)).toEqual(['example.org. 1800 IN MX 0 .']);
  expect(readZoneFileLine('example.org. 1800 IN MX 0 .')).toEqual(record);
});

test.each<[string, string, string]>([
  ['quotes', 'say "hi"', '"say \\"hi\\""'],
  ['backslashes', 'a\\b\\\\c', '"a\\\\b\\\\\\\\c"'],
  ['a quote and a backslash at the end', 'end\\"', '"end\\\\\\""'],
  ['spaces only', '   ', '"   "'],
  ['empty', '', '""'],
  ['exactly 255 characters', 'a'.repeat(255), `"${'a'.repeat(255)}"`],
  ['256 characters: split at 255', 'a'.repeat(256), `"${'a'.repeat(255)}" "a"`],
  ['600 characters: three strings', 'x'.repeat(600), `"${'x'.repeat(255)}" "${'x'.repeat(255)}" "${'x'.repeat(90)}"`],
  ['a quote just past the split', `${'q'.repeat(255)}"`, `"${'q'.repeat(255)}" "\\""`],
  ['a backslash at the split', `${'b'.repeat(254)}\\c`, `"${'b'.repeat(254)}\\\\" "c"`],
  ['a space at the split', `${'s'.repeat(255)} t`, `"${'s'.repeat(255)}" " t"`],
])('TXT with %s: written exactly, read back whole', (_, text, written) => {
  expect(writeTxtValue(text)).toBe(written);
  expect(readTxtValue(written)).toBe(text);
  const record = TXT('t.example.org.', text);
  expect(writeZoneFileLines(record)).toEqual([`t.example.org. 1800 IN TXT ${written}`]);
  expect(readZoneFileLine(writeZoneFileLines(record)[0])).toEqual(record);
});

test('txtStrings splits at 255 and keeps an empty text as one empty string', () => {
  expect(txtStrings('a'.repeat(510)).map((s) => s.length)).toEqual([255, 255]);
  expect(txtStrings('')).toEqual(['']);
});

test('a TXT quoter of the caller\'s (one that keeps a token whole) is used for TXT values only', () => {
  const whole = (text: string) => `"${text}"`;
  expect(writeZoneFileLines({ name: 'a.example.org', type: 'TXT', ttl: 60, values: ['x'.repeat(300)] }, whole))
    .toEqual([`a.example.org. 60 IN TXT "${'x'.repeat(300)}"`]);
});

test.each([
  ['not quoted', 'a.example.org. 60 IN TXT v=spf1'],
  ['a quote left open', 'a.example.org. 60 IN TXT "v=spf1'],
  ['text between strings', 'a.example.org. 60 IN TXT "a"x"b"'],
  ['a relative CNAME target', 'a.example.org. 60 IN CNAME target.example.net'],
  ['an MX without a priority', 'a.example.org. 60 IN MX mx.example.net.'],
  ['no TTL', 'a.example.org. IN TXT "x"'],
  ['no class', 'a.example.org. 60 TXT "x"'],
  ['a comment', '; example.org'],
  ['two strings without a space between', 'a.example.org. 60 IN TXT "a""b"'],
  ['text after the last string', 'a.example.org. 60 IN TXT "a" b'],
  ['a space before the first string', 'a.example.org. 60 IN TXT  "a"'],
  ['a CNAME target of two words', 'a.example.org. 60 IN CNAME two words.'],
  ['a relative MX host', 'a.example.org. 60 IN MX 10 mx.example.net'],
  ['an MX priority that is not a number', 'a.example.org. 60 IN MX ten mx.example.net.'],
  ['an MX priority after other text', 'a.example.org. 60 IN MX x10 mx.example.net.'],
  ['a second line', 'a.example.org. 60 IN TXT "x"\nb.example.org. 60 IN TXT "y"'],
  ['a TTL that is not a number', 'a.example.org. 1h IN TXT "x"'],
  ['text before the name', ' a.example.org. 60 IN TXT "x"'],
])('a line that is not in the writer\'s form is not read: %s', (_, line) => {
  expect(readZoneFileLine(line)).toBeUndefined();
});

test('a record type the writer does not know is written and read as it is; the type is read in any case', () => {
  const record: RecordData = { name: 'a.example.org.', type: 'A', ttl: 60, values: ['192.0.2.1'] };
  expect(writeZoneFileLines(record)).toEqual(['a.example.org. 60 IN A 192.0.2.1']);
  expect(readZoneFileLine('a.example.org. 60 IN A 192.0.2.1')).toEqual(record);
  expect(readZoneFileLine('a.example.org. 60 IN txt "x"')).toEqual({ name: 'a.example.org.', type: 'TXT', ttl: 60, values: ['x'] });
  expect(readZoneFileLine('a.example.org. 60 IN cname t.example.net.')).toEqual({ name: 'a.example.org.', type: 'CNAME', ttl: 60, values: ['t.example.net'] });
});

test('an escaped character other than a quote or backslash reads as itself', () => {
  expect(readTxtValue('"a\\bc"')).toBe('abc');
});

test('a domain block is written as `; <domain>` then its lines, and read back up to the next block', () => {
  const one = EACH_KIND[0][1];
  const two = EACH_KIND[4][1];
  const text = [...writeDomainBlock('a.example.org', writeZoneFileLines(one)), ...writeDomainBlock('b.example.org', writeZoneFileLines(two))].join('\n');
  expect(text).toBe('; a.example.org\ntok1._domainkey.example.org. 1800 IN CNAME tok1.dkim.amazonses.com.\n'
    + '; b.example.org\n_dmarc.example.org. 1800 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.org"');
  expect(readDomainBlock(text, 'a.example.org')).toEqual({ records: [one], unread: [] });
  expect(readDomainBlock(text, 'b.example.org')).toEqual({ records: [two], unread: [] });
  expect(readDomainBlock(text, 'c.example.org')).toBeUndefined();
  expect(readDomainBlock('; a.example.org\nnot a record\n\n', 'a.example.org')).toEqual({ records: [], unread: ['not a record'] });
});
