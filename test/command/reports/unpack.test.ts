import { gzipSync } from 'zlib';
import { zipSync } from 'fflate';
import { failureReport, googleShaped, mail, microsoftShaped, octetZipShaped, reportXml, rfc9990Shaped, yahooShaped } from './fixtures';
import { READ_LIMITS, ReadLimits } from '../../../src/command/reports/limits';
import { unpack } from '../../../src/command/reports/unpack';

// What one input holds, recognized by content: every shape reporters send, and every way an input is unreadable
// (bombs, truncation, bad encodings, nesting) with its one-line message.

const MIB = 1024 * 1024;
const SMALL: ReadLimits = { ...READ_LIMITS, expandedBytes: MIB };
const xml = reportXml({ id: 'r-7', rows: [{ ip: '192.0.2.7', count: 4, dkim: 'pass', spf: 'pass' }] });
const ids = async (bytes: Uint8Array, limits = READ_LIMITS) => (await unpack(bytes, limits)).aggregates.map((a) => `${a.orgName}/${a.reportId}/${a.records.length}`);

describe('unpack: shapes reporters send', () => {
  test.each([
    ['bare XML', Buffer.from(xml), 'Receiver Example/r-7/1'],
    ['bare XML after a byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]), 'Receiver Example/r-7/1'],
    ['gzip XML', gzipSync(xml), 'Receiver Example/r-7/1'],
    ['zip XML', zipSync({ 'a.xml': Buffer.from(xml) }), 'Receiver Example/r-7/1'],
    ['Google: zip in multipart mail', googleShaped({ id: 'g-1' }), 'google.com/g-1/1'],
    ['Microsoft: gzip as the only part', microsoftShaped({ id: 'm-1' }), 'Enterprise Outlook/m-1/1'],
    ['Yahoo: gzip beside a text part', yahooShaped({ id: 'y-1' }), 'Yahoo/y-1/1'],
    ['RFC 9990 with a namespace prefix, gzip in mail', rfc9990Shaped({ id: 'f-1' }), 'Fastmail Pty Ltd/f-1/1'],
    ['zip labelled application/octet-stream', octetZipShaped({ id: 'o-1' }), 'Mimecast/o-1/1'],
  ])('%s', async (_shape, bytes, id) => {
    expect(await ids(bytes)).toEqual([id]);
  });

  test('XML attached as quoted-printable text/xml, with a byte outside ASCII', async () => {
    const body = Buffer.from(reportXml({ org: 'Réception', id: 'qp-1' }));
    const found = await unpack(mail({ From: 'r@receiver.example', Subject: 'report' }, [{ type: 'text/xml', name: 'report.xml', body, encoding: 'quoted-printable' }]), READ_LIMITS);
    expect(found.aggregates.map((a) => `${a.orgName}/${a.reportId}`)).toEqual(['Réception/qp-1']);
  });

  test('XML as the text of a mail, not attached', async () => {
    const found = await unpack(mail({ From: 'r@receiver.example', Subject: 'report' }, [{ type: 'text/plain; charset=utf-8', body: Buffer.from(xml), encoding: '7bit' }]), READ_LIMITS);
    expect(found.aggregates.map((a) => a.reportId)).toEqual(['r-7']);
  });

  test('a report and a picture in one mail: the report is read, the picture ignored', async () => {
    const bytes = mail({ From: 'r@receiver.example', Subject: 'report' }, [
      { type: 'image/png', name: 'logo.png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]) },
      { type: 'application/gzip', name: 'r.xml.gz', body: gzipSync(xml) },
    ]);
    expect(await ids(bytes)).toEqual(['Receiver Example/r-7/1']);
  });

  test('a zip of two reports gives both', async () => {
    expect(await ids(zipSync({ 'a.xml': Buffer.from(reportXml({ id: 'a' })), 'b.xml': Buffer.from(reportXml({ id: 'b' })) }))).toEqual(['Receiver Example/a/1', 'Receiver Example/b/1']);
  });

  test.each([
    ['a README before the report', { 'README.txt': Buffer.from('Aggregate report.'), 'r.xml': Buffer.from(xml) }],
    ['the report before a README', { 'r.xml': Buffer.from(xml), 'README.txt': Buffer.from('Aggregate report.') }],
    ["a Mac's resource entry beside the report", { '__MACOSX/._r.xml': Buffer.from([0, 5, 22, 7, 0, 2, 0, 0]), 'r.xml': Buffer.from(xml) }],
  ])('a zip with %s: the report is read, the other entry passed over', async (_what, files) => {
    expect(await ids(zipSync(files))).toEqual(['Receiver Example/r-7/1']);
  });

  test.each([
    ['UTF-16 little endian', 'utf-16le', [0xff, 0xfe]],
    ['UTF-16 big endian', 'utf16be', [0xfe, 0xff]],
  ])('XML in %s with its byte order mark', async (_what, encoding, bom) => {
    const text = reportXml({ org: 'Réception', id: 'u16' }).replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const le = Buffer.from(text, 'utf16le');
    const body = encoding === 'utf-16le' ? le : Buffer.from(le).swap16();
    expect((await unpack(Buffer.concat([Buffer.from(bom), body]), READ_LIMITS)).aggregates.map((a) => `${a.orgName}/${a.reportId}`)).toEqual(['Réception/u16']);
  });

  test.each([
    ['XML after blank lines', Buffer.from(`\n\n  ${xml}`)],
    ['XML as the text of a mail, after blank lines', mail({ From: 'r@receiver.example' }, [{ type: 'text/plain', body: Buffer.from(`\r\n\r\n${xml}`), encoding: '7bit' }])],
    ['a stored (uncompressed) zip entry', zipSync({ 'r.xml': Buffer.from(xml) }, { level: 0 })],
  ])('%s', async (_what, bytes) => {
    expect(await ids(bytes)).toEqual(['Receiver Example/r-7/1']);
  });

  test('a large report in a zip, inflated in many pieces, is one report', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ ip: `198.51.100.${i % 250}`, count: 1, dkim: 'pass', spf: 'pass' }));
    const big = reportXml({ id: 'big', rows });
    expect(big.length).toBeGreaterThan(300_000);
    expect(await ids(zipSync({ 'r.xml': Buffer.from(big) }))).toEqual(['Receiver Example/big/3000']);
  });

  test('a mail of exactly 256 boundary lines is parsed', async () => {
    const parts = Array.from({ length: 255 }, () => '--B\r\nContent-Type: text/plain\r\n\r\nx\r\n').join('');
    const bytes = Buffer.from(`From: x@receiver.example\r\nSubject: many\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n${parts}--B--\r\n`);
    expect(await unpack(bytes, READ_LIMITS)).toEqual({ aggregates: [], failures: [], notReport: "mail with no DMARC report in it (subject 'many')" });
  });

  test('gzip in gzip in gzip: containers three deep are read', async () => {
    expect(await ids(gzipSync(gzipSync(gzipSync(xml))))).toEqual(['Receiver Example/r-7/1']);
  });

  test('a failure report with spaced fields, and one without the optional ones', async () => {
    const spaced = Buffer.from(failureReport().toString('latin1').replace('Reported-Domain: example.com', 'Reported-Domain:   Example.COM  '), 'latin1');
    expect((await unpack(spaced, READ_LIMITS)).failures[0].reportedDomain).toBe('example.com');
    const bare = mail({ From: 'abuse@receiver.example' }, [
      { type: 'message/feedback-report', body: Buffer.from('Feedback-Type: auth-failure\r\n'), encoding: '7bit' },
      { type: 'text/plain', body: Buffer.from('x'), encoding: '7bit' },
    ], 'report; report-type=feedback-report');
    expect((await unpack(bare, READ_LIMITS)).failures).toStrictEqual([{ feedbackType: 'auth-failure', reportedDomain: undefined, sourceIp: undefined, authFailure: undefined }]);
    const domainOnly = mail({ From: 'abuse@receiver.example' }, [
      { type: 'message/feedback-report', body: Buffer.from('Reported-Domain: Example.com\r\n'), encoding: '7bit' },
      { type: 'text/plain', body: Buffer.from('x'), encoding: '7bit' },
    ], 'report; report-type=feedback-report');
    expect((await unpack(domainOnly, READ_LIMITS)).failures).toStrictEqual([{ feedbackType: undefined, reportedDomain: 'example.com', sourceIp: undefined, authFailure: undefined }]);
  });

  test('XML in the windows-1252 encoding its declaration names', async () => {
    const latin = Buffer.from(reportXml({ org: 'Réception', id: 'w' }).replace('encoding="UTF-8"', 'encoding="windows-1252"'), 'latin1');
    expect((await unpack(latin, READ_LIMITS)).aggregates[0].orgName).toBe('Réception');
  });

  test('a failure report (RFC 6591) is recognized and its fields read', async () => {
    expect(await unpack(failureReport('example.com', '203.0.113.9'), READ_LIMITS)).toEqual({
      aggregates: [],
      failures: [{ feedbackType: 'auth-failure', reportedDomain: 'example.com', sourceIp: '203.0.113.9', authFailure: 'dmarc' }],
    });
  });
});

describe('unpack: inputs that hold no report are skipped with the reason', () => {
  test.each([
    ['plain text', Buffer.from('hello, world\n'), 'neither XML, gzip, zip nor mail: not a DMARC report'],
    ['other XML', Buffer.from('<?xml version="1.0"?><rss><channel/></rss>'), 'XML whose root is not <feedback>: not a DMARC aggregate report'],
    ["SES's setup notification", mail({ From: 'no-reply-aws@amazon.com', Subject: 'Amazon SES Setup Notification' }, [{ type: 'text/plain', body: Buffer.from('This is a test.'), encoding: '7bit' }]),
      "mail with no DMARC report in it (subject 'Amazon SES Setup Notification')"],
    ['a mail whose zip holds a text file', mail({ From: 'x@receiver.example', Subject: 'files' }, [{ type: 'application/zip', name: 'f.zip', body: Buffer.from(zipSync({ 'notes.txt': Buffer.from('notes') })) }]),
      "mail with no DMARC report in it (subject 'files'): zip archive with no DMARC report in it: neither XML, gzip, zip nor mail: not a DMARC report"],
    ['an empty zip', zipSync({ 'folder/': new Uint8Array(0) }), 'zip archive holds no file'],
    ['a delivery status notification (multipart/report, but no feedback report)', mail({ From: 'mailer-daemon@receiver.example', Subject: 'Undeliverable' }, [
      { type: 'text/plain', body: Buffer.from('Your message could not be delivered.'), encoding: '7bit' },
      { type: 'message/delivery-status', body: Buffer.from('Reporting-MTA: dns; mx.receiver.example\r\n'), encoding: '7bit' },
    ], 'report; report-type=delivery-status'), "mail with no DMARC report in it (subject 'Undeliverable'): mail with no DMARC report in it"],
    ['a feedback report part in mail that is not multipart/report', mail({ From: 'x@receiver.example', Subject: 'fwd' }, [
      { type: 'message/feedback-report', body: Buffer.from('Feedback-Type: abuse\r\n'), encoding: '7bit' },
      { type: 'text/plain', body: Buffer.from('see above'), encoding: '7bit' },
    ]), "mail with no DMARC report in it (subject 'fwd'): mail with no DMARC report in it"],
    ['a mail without a subject', mail({ From: 'x@receiver.example' }, [{ type: 'text/plain', body: Buffer.from('hi'), encoding: '7bit' }]), 'mail with no DMARC report in it'],
    ['a long subject, cut at 80 characters', mail({ From: 'x@receiver.example', Subject: 'a'.repeat(100) }, [{ type: 'text/plain', body: Buffer.from('hi'), encoding: '7bit' }]),
      `mail with no DMARC report in it (subject '${'a'.repeat(80)}')`],
    ['bytes that start as gzip does, half', Buffer.from([0x1f, 0x00, 0x41]), 'neither XML, gzip, zip nor mail: not a DMARC report'],
    ['bytes that start as a zip does, but for the last byte', Buffer.from('PK\x03\x05 rest', 'latin1'), 'neither XML, gzip, zip nor mail: not a DMARC report'],
    ['text whose second line looks like a header', Buffer.from('hello world\nSubject: x\n'), 'neither XML, gzip, zip nor mail: not a DMARC report'],
  ])('%s', async (_what, bytes, reason) => {
    expect(await unpack(bytes, READ_LIMITS)).toEqual({ aggregates: [], failures: [], notReport: reason });
  });
});

describe('unpack: unreadable inputs are refused in one line, within the limits', () => {
  const zeros = Buffer.alloc(2 * MIB, 0x20);
  const gz = gzipSync(xml);
  const zip = Buffer.from(zipSync({ 'a.xml': Buffer.from(xml) }));
  test.each([
    ['a gzip bomb', gzipSync(zeros), SMALL, 'gzip data expands past 1 MiB, the limit for one input (a decompression bomb?)'],
    ['a zip bomb', zipSync({ 'bomb.xml': zeros }), SMALL, 'zip entry bomb.xml expands past 1 MiB, the limit for one input (a decompression bomb?)'],
    ['a bomb spread over zip entries', zipSync({ 'a.xml': zeros.subarray(0, 600_000), 'b.xml': zeros.subarray(0, 600_000) }), SMALL, 'zip entry b.xml expands past 1 MiB, the limit for one input (a decompression bomb?)'],
    ['gzip files in a zip adding up past the limit', zipSync({ 'a.gz': gzipSync(zeros.subarray(0, 600_000)), 'b.gz': gzipSync(zeros.subarray(0, 600_000)) }), SMALL,
      'gzip data expands past 1 MiB, the limit for one input (a decompression bomb?)'],
    ['mail attachments adding up past the limit', mail({ From: 'x@receiver.example' }, [
      { type: 'application/octet-stream', name: 'a.bin', body: zeros.subarray(0, 600_000) }, { type: 'application/octet-stream', name: 'b.bin', body: zeros.subarray(0, 600_000) },
    ]), SMALL, 'mail attachments expands past 1 MiB, the limit for one input (a decompression bomb?)'],
    ['a bomb in mail', mail({ From: 'x@receiver.example' }, [{ type: 'application/gzip', name: 'r.gz', body: gzipSync(zeros) }]), SMALL, 'gzip data expands past 1 MiB, the limit for one input (a decompression bomb?)'],
    ['a zip bomb of 8 MiB in one entry', zipSync({ 'bomb.xml': Buffer.alloc(8 * MIB, 0x20) }), SMALL, 'zip entry bomb.xml expands past 1 MiB, the limit for one input (a decompression bomb?)'],
    ['mail attachments past the limit', mail({ From: 'x@receiver.example' }, [{ type: 'application/octet-stream', name: 'big.bin', body: zeros }]), SMALL, 'mail attachments expands past 1 MiB, the limit for one input (a decompression bomb?)'],
    ['a mail of empty parts', Buffer.from(`From: x@receiver.example\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n${'--B\r\n\r\n'.repeat(300)}--B--\r\n`), READ_LIMITS, 'mail with more than 256 MIME boundary lines; not parsed'],
    ['a zip entry compressed with bzip2', Buffer.from(zipSync({ 'r.xml': Buffer.from(xml) }, { level: 0 })).fill(12, 8, 9), READ_LIMITS, 'zip entry r.xml uses compression method 12; only stored (0) and deflate (8) are read'],
    ['a zip in a zip in a zip in a zip', zipSync({ a: zipSync({ b: zipSync({ c: zipSync({ 'r.xml': Buffer.from(xml) }) }) }) }), READ_LIMITS, 'containers nest deeper than 3'],
    ['a zip of too many entries', zipSync(Object.fromEntries([...Array(17).keys()].map((i) => [`${i}.xml`, Buffer.from(xml)]))), READ_LIMITS, 'zip archive has more than 16 entries'],
    ['a zip entry whose data is corrupt', Buffer.from(zip).fill(0xff, 40, 60), READ_LIMITS, /^zip (entry a\.xml is corrupt|archive is corrupt or truncated) \(/],
    ['truncated gzip', gz.subarray(0, gz.length - 20), READ_LIMITS, 'gzip data is corrupt or truncated (unexpected end of file)'],
    ['corrupt gzip', Buffer.concat([gz.subarray(0, 10), Buffer.alloc(40, 0xff)]), READ_LIMITS, /^gzip data is corrupt or truncated \(/],
    ['zip cut inside its first header', zip.subarray(0, 20), READ_LIMITS, 'zip archive is truncated: it ends inside its first entry header'],
    ['zip cut inside its data', zip.subarray(0, 60), READ_LIMITS, 'zip archive is corrupt or truncated (invalid zip data)'],
    ['gzip in gzip in gzip in gzip', gzipSync(gzipSync(gzipSync(gzipSync(xml)))), READ_LIMITS, 'containers nest deeper than 3'],
    ['XML that is not valid UTF-8', Buffer.concat([Buffer.from(xml.replace('Receiver Example', 'Receiver ')), Buffer.from([0xc3, 0x28])]), READ_LIMITS, 'XML that is not valid UTF-8 (its declared encoding)'],
    ['XML in an encoding no decoder knows', Buffer.from(xml.replace('UTF-8', 'x-klingon')), READ_LIMITS, "XML in encoding 'x-klingon', which the command cannot decode"],
    ['truncated XML in gzip', gzipSync(xml.slice(0, 200)), READ_LIMITS, /^malformed XML at line \d+: /],
  ])('%s', async (_what, bytes, limits, message) => {
    const thrown = await unpack(bytes, limits).then(() => undefined, (e: Error) => e.message);
    if (typeof message === 'string') expect(thrown).toBe(message);
    else expect(thrown).toMatch(message);
  });

  test('a zip of exactly 16 entries is read', async () => {
    const found = await unpack(zipSync(Object.fromEntries([...Array(16).keys()].map((i) => [`${i}.xml`, Buffer.from(reportXml({ id: `e${i}` }))]))), READ_LIMITS);
    expect(found.aggregates.length).toBe(16);
  });
});
