import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gzipSync } from 'zlib';
import { DAY, failureReport, googleShaped, microsoftShaped, NOV_1, reportXml } from './fixtures';
import { runCommand } from '../../../src/command/cli';
import { READ_LIMITS } from '../../../src/command/reports/limits';

// `cdk-verified-mail-domain reports` as a user runs it: a folder of mixed inputs (reports in every container, a
// failure report, files that are none, broken and oversized files), its text and its JSON, the filters and the exit
// status.

let dir: string;
const run = async (...argv: string[]) => {
  let out = '';
  let err = '';
  const code = await runCommand(['reports', ...argv], { out: (t) => { out += t; }, err: (t) => { err += t; } }, { readLimits: { ...READ_LIMITS, expandedBytes: 1024 * 1024 } });
  return { code, out, err };
};
const rel = (name: string) => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reports-'));
  mkdirSync(join(dir, 'inbox', 'nested'), { recursive: true });
  writeFileSync(rel('inbox/0a1b2c3d'), googleShaped({ id: 'g-1', rows: [{ ip: '192.0.2.1', count: 40, dkim: 'pass', spf: 'pass', authDkim: ['example.com/ses1/pass'], authSpf: ['mail.example.com/mfrom/pass'] }] }));
  writeFileSync(rel('inbox/nested/4e5f6a7b'), microsoftShaped({
    id: 'm-1',
    begin: NOV_1 + 6 * DAY,
    rows: [
      { ip: '192.0.2.2', count: 60, dkim: 'pass', spf: 'fail', envelopeTo: 'outlook.com', authDkim: ['example.com/ses1/pass'] },
      { ip: '203.0.113.5', count: 2, dkim: 'fail', spf: 'fail', envelopeFrom: 'crm.example', authSpf: ['crm.example/mfrom/pass'] },
    ],
  }));
  writeFileSync(rel('inbox/other.xml.gz'), gzipSync(reportXml({ id: 'o-1', domain: 'other.example', rows: [{ ip: '198.51.100.1', count: 1, dkim: 'pass', spf: 'pass' }] })));
  writeFileSync(rel('inbox/failure'), failureReport('example.com', '203.0.113.9'));
  writeFileSync(rel('inbox/AMAZON_SES_SETUP_NOTIFICATION'), 'From: no-reply-aws@amazon.com\r\nSubject: Amazon SES Setup Notification\r\n\r\nThis is a test.\r\n');
  writeFileSync(rel('inbox/broken.gz'), gzipSync(reportXml()).subarray(0, 40));
  writeFileSync(rel('inbox/bomb.gz'), gzipSync(Buffer.alloc(3 * 1024 * 1024, 0x20)));
  // Five gigabytes that take no room: a sparse file.
  const fd = openSync(rel('inbox/huge'), 'w');
  ftruncateSync(fd, 5 * 1024 ** 3);
  closeSync(fd);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reports over a folder of mixed inputs', () => {
  test('text: each report, then each domain with its verdict; problems on standard error; exit 1', async () => {
    const { code, out, err } = await run(rel('inbox'));
    expect(code).toBe(1);
    expect(out.split('\n')).toEqual([
      `google.com report g-1 for example.com, 2026-11-01T00:00:00Z to 2026-11-02T00:00:00Z, published p=none (${rel('inbox/0a1b2c3d')})`,
      '  192.0.2.1            40  from example.com  none  dkim pass  spf pass  [dkim example.com/ses1 pass; spf mail.example.com mfrom pass]',
      `failure report for example.com: dmarc from 203.0.113.9 (${rel('inbox/failure')})`,
      `Enterprise Outlook report m-1 for example.com, 2026-11-07T00:00:00Z to 2026-11-08T00:00:00Z, published p=none (${rel('inbox/nested/4e5f6a7b')})`,
      '  192.0.2.2            60  from example.com  none  dkim pass  spf fail  [dkim example.com/ses1 pass]',
      '  203.0.113.5           2  from example.com  none  dkim fail  spf fail  [spf crm.example mfrom pass]',
      `Receiver Example report o-1 for other.example, 2026-11-01T00:00:00Z to 2026-11-02T00:00:00Z, published p=none (${rel('inbox/other.xml.gz')})`,
      '  198.51.100.1          1  from other.example  none  dkim pass  spf pass',
      '',
      'example.com: 2 reports, 2026-11-01 to 2026-11-08, 102 messages, 100 passing DMARC; published p=none; 1 failure reports',
      '  failing sources:',
      '    203.0.113.5           2 messages, from example.com; envelope crm.example',
      '  next: p=quarantine (98.0% of 102 messages over 7.0 days pass DMARC, at least 98%: failing mail can go to spam now; first check that no failing source is a service of yours (1 listed))',
      '',
      'other.example: 1 report, 2026-11-01 to 2026-11-02, 1 messages, 1 passing DMARC; published p=none',
      '  next: p=none (100.0% of 1 messages over 1.0 days pass DMARC: too little to judge; wait for at least 100 messages over 7 days)',
      '',
    ]);
    expect(err.split('\n')).toEqual([
      `${rel('inbox/AMAZON_SES_SETUP_NOTIFICATION')}: skipped, mail with no DMARC report in it (subject 'Amazon SES Setup Notification')`,
      `${rel('inbox/bomb.gz')}: gzip data expands past 1 MiB, the limit for one input (a decompression bomb?)`,
      `${rel('inbox/broken.gz')}: gzip data is corrupt or truncated (unexpected end of file)`,
      `${rel('inbox/huge')}: 5368709120 bytes, over the limit of 48 MiB for one input; not read`,
      '',
    ]);
  });

  test('--json: one document with reports, failure reports, errors, skipped inputs and the summary', async () => {
    const { code, out, err } = await run('--json', rel('inbox'));
    expect([code, err]).toEqual([1, '']);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual(['reports', 'failureReports', 'errors', 'skipped', 'summary']);
    expect(doc.reports.map((r: any) => `${r.file} ${r.orgName} ${r.reportId} ${r.begin} ${r.end} ${r.domain} ${r.policy.p}`)).toEqual([
      `${rel('inbox/0a1b2c3d')} google.com g-1 2026-11-01T00:00:00Z 2026-11-02T00:00:00Z example.com none`,
      `${rel('inbox/nested/4e5f6a7b')} Enterprise Outlook m-1 2026-11-07T00:00:00Z 2026-11-08T00:00:00Z example.com none`,
      `${rel('inbox/other.xml.gz')} Receiver Example o-1 2026-11-01T00:00:00Z 2026-11-02T00:00:00Z other.example none`,
    ]);
    expect(doc.reports[1].records).toEqual([
      { sourceIp: '192.0.2.2', count: 60, headerFrom: 'example.com', envelopeTo: 'outlook.com', disposition: 'none', dkim: 'pass', spf: 'fail', reasons: [], authResults: { dkim: [{ domain: 'example.com', result: 'pass', selector: 'ses1' }], spf: [] } },
      { sourceIp: '203.0.113.5', count: 2, headerFrom: 'example.com', envelopeFrom: 'crm.example', disposition: 'none', dkim: 'fail', spf: 'fail', reasons: [], authResults: { dkim: [], spf: [{ domain: 'crm.example', result: 'pass', scope: 'mfrom' }] } },
    ]);
    expect(doc.failureReports).toEqual([{ file: rel('inbox/failure'), feedbackType: 'auth-failure', reportedDomain: 'example.com', sourceIp: '203.0.113.9', authFailure: 'dmarc' }]);
    expect(doc.errors.map((e: any) => e.file)).toEqual([rel('inbox/bomb.gz'), rel('inbox/broken.gz'), rel('inbox/huge')]);
    expect(doc.skipped).toEqual([{ file: rel('inbox/AMAZON_SES_SETUP_NOTIFICATION'), message: "mail with no DMARC report in it (subject 'Amazon SES Setup Notification')" }]);
    expect(doc.summary[0]).toEqual({
      domain: 'example.com',
      reports: 2,
      begin: '2026-11-01T00:00:00Z',
      end: '2026-11-08T00:00:00Z',
      messages: 102,
      passing: 100,
      passShare: 0.9804,
      published: 'p=none',
      failingSources: [{ sourceIp: '203.0.113.5', messages: 2, headerFrom: ['example.com'], envelopeFrom: ['crm.example'], dkimDomains: [] }],
      failureReports: 1,
      recommendation: { next: 'p=quarantine', reason: '98.0% of 102 messages over 7.0 days pass DMARC, at least 98%: failing mail can go to spam now; first check that no failing source is a service of yours (1 listed)' },
    });
  });

  test('--domain and --since choose the reports; every input is still read; exit 0 when all could be', async () => {
    const { code, out } = await run('--json', '--domain', 'Example.com.', '--since', '2026-11-05', rel('inbox/0a1b2c3d'), rel('inbox/nested'), rel('inbox/other.xml.gz'), rel('inbox/failure'));
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.reports.map((r: any) => r.reportId)).toEqual(['m-1']);
    expect(doc.failureReports.length).toBe(1);
    expect(doc.summary.map((s: any) => `${s.domain} ${s.messages} ${s.failureReports}`)).toEqual(['example.com 62 1']);
  });

  test('a file and a folder that do not exist, and nothing that is a report: exit 1, and the text says none was read', async () => {
    const { code, out, err } = await run(rel('missing.xml'), rel('inbox/AMAZON_SES_SETUP_NOTIFICATION'));
    expect([code, out]).toEqual([1, 'no aggregate report read\n']);
    expect(err.split('\n')[0]).toBe(`${rel('missing.xml')}: no such file or folder`);
  });

  test('a folder linked from inside itself is read once; a pipe named on the command line is an error', async () => {
    const loop = mkdtempSync(join(tmpdir(), 'reports-loop-'));
    try {
      mkdirSync(join(loop, 'sub'));
      writeFileSync(join(loop, 'sub', 'r.xml'), reportXml({ id: 'once' }));
      symlinkSync('.', join(loop, 'sub', 'self'));
      execFileSync('mkfifo', [join(loop, 'pipe')]);
      const { code, out, err } = await run('--json', join(loop, 'sub'), join(loop, 'pipe'));
      expect(code).toBe(1);
      expect(JSON.parse(out).reports.map((r: any) => r.file)).toEqual([join(loop, 'sub', 'r.xml')]);
      expect(JSON.parse(out).errors).toEqual([{ file: join(loop, 'pipe'), message: 'not a regular file (a device, pipe or socket); not read' }]);
      expect(err).toBe('');
    } finally {
      rmSync(loop, { recursive: true, force: true });
    }
  });

  test('control characters from a mail never reach the text: an encoded subject with a newline and an escape', async () => {
    const file = join(dir, 'escapes');
    const subject = `=?utf-8?B?${Buffer.from('line one\nline two \x1b[31mred').toString('base64')}?=`;
    writeFileSync(file, `From: x@receiver.example\r\nSubject: ${subject}\r\n\r\nhello\r\n`);
    const { err } = await run(file);
    expect(err).toBe(`${file}: skipped, mail with no DMARC report in it (subject 'line one line two  [31mred')\n`);
  });

  test('output piped into a reader that stops early ends the command quietly', () => {
    const piped = spawnSync('sh', ['-c', `node -r ts-node/register/transpile-only test/helpers/check-main.ts reports ${rel('inbox')} ${rel('inbox')} ${rel('inbox')} | head -c 10`],
      { cwd: join(__dirname, '../../..'), encoding: 'utf8' });
    expect([piped.status, piped.stdout.length]).toEqual([0, 10]);
    expect(piped.stderr).not.toMatch(/EPIPE|at .*\.ts:\d+/);
  });

  test('an s3:// path without a bucket is that path\'s error', async () => {
    const { code, err } = await run('s3://', rel('inbox/0a1b2c3d'));
    expect([code, err]).toEqual([1, 's3://: names no bucket: expected s3://BUCKET or s3://BUCKET/PREFIX\n']);
  });

  test.each([
    [[], 'no report given: name one or more files, folders or s3://BUCKET/PREFIX paths'],
    [['--since', 'yesterday', 'x'], "--since 'yesterday' is not a date: expected YYYY-MM-DD or an ISO 8601 time such as 2026-11-01T00:00:00Z"],
    [['--since', '2026-13-45', 'x'], "--since '2026-13-45' is not a date: expected YYYY-MM-DD or an ISO 8601 time such as 2026-11-01T00:00:00Z"],
    [['--json=yes', 'x'], "--json takes no value, got 'yes'"],
    [['--format', 'x'], "unknown option '--format'"],
  ])('usage error %j: exit 2 with the message and the usage', async (argv, message) => {
    const { code, out, err } = await run(...argv);
    expect([code, out]).toEqual([2, '']);
    expect(err).toBe(`${message}\nusage: cdk-verified-mail-domain reports [--json] [--since DATE] [--domain NAME] [PATH...]; see --help\n`);
  });
});
