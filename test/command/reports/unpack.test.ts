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
      "mail with no DMARC report in it (subject 'files'): neither XML, gzip, zip nor mail: not a DMARC report"],
    ['an empty zip', zipSync({ 'folder/': new Uint8Array(0) }), 'zip archive holds no file'],
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
    ['a bomb in mail', mail({ From: 'x@receiver.example' }, [{ type: 'application/gzip', name: 'r.gz', body: gzipSync(zeros) }]), SMALL, 'gzip data expands past 1 MiB, the limit for one input (a decompression bomb?)'],
    ['a zip of too many entries', zipSync(Object.fromEntries([...Array(17).keys()].map((i) => [`${i}.xml`, Buffer.from(xml)]))), READ_LIMITS, 'zip archive has more than 16 entries'],
    ['truncated gzip', gz.subarray(0, gz.length - 20), READ_LIMITS, 'gzip data is corrupt or truncated (unexpected end of file)'],
    ['corrupt gzip', Buffer.concat([gz.subarray(0, 10), Buffer.alloc(40, 0xff)]), READ_LIMITS, /^gzip data is corrupt or truncated \(/],
    ['zip cut inside its first header', zip.subarray(0, 20), READ_LIMITS, 'zip archive is truncated: it ends inside its first entry header'],
    ['zip cut inside its data', zip.subarray(0, 60), READ_LIMITS, 'zip archive is corrupt or truncated (invalid zip data)'],
    ['gzip in gzip in gzip in gzip', gzipSync(gzipSync(gzipSync(gzipSync(xml)))), READ_LIMITS, 'containers nest deeper than 3'],
    ['XML that is not valid UTF-8', Buffer.concat([Buffer.from(xml.replace('Receiver Example', 'Receiver ')), Buffer.from([0xc3, 0x28])]), READ_LIMITS, 'XML that is not valid UTF-8 (its declared encoding)'],
    ['XML in an encoding no decoder knows', Buffer.from(xml.replace('UTF-8', 'x-klingon')), READ_LIMITS, "XML in encoding 'x-klingon', which the command cannot decode"],
    ['truncated XML in gzip', gzipSync(xml.slice(0, 200)), READ_LIMITS, /^malformed XML at line \d+: /],
  ])('%s', async (_what, bytes, limits, message) => {
    await expect(unpack(bytes, limits)).rejects.toThrow(message);
  });
});
