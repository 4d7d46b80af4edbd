import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { googleShaped, microsoftShaped, reportXml } from './fixtures';
import { runCommand } from '../../../src/command/cli';
import { READ_LIMITS } from '../../../src/command/reports/limits';
import { aws, Emulator, EMULATOR_PYTHON, emulatorMissing, startEmulator } from '../../helpers/emulator';

// `reports s3://BUCKET/PREFIX` against S3 as the emulator (moto) serves it, where SES's S3 action would have stored
// the reports: objects named by message id, a setup notification beside them, an object deleted between the listing
// and its reading, an object over the size limit, a bucket that does not exist. Skipped, with one line saying why,
// where Python with moto is missing.

const missing = emulatorMissing();
if (missing) console.log(missing);

const BUCKET = 'dmarc-reports-example';

(missing ? describe.skip : describe)('reports from S3', () => {
  let emulator: Emulator;
  let dir: string;

  const put = async (key: string, body: Buffer | string) => {
    const file = join(dir, key.replace(/\//g, '_'));
    writeFileSync(file, body);
    await aws(emulator, ['s3api', 'put-object', '--bucket', BUCKET, '--key', key, '--body', file]);
  };
  /** The verb in-process, with the S3 client pointed at the emulator; `onReport` runs when a report is written. */
  const run = async (argv: string[], onReport: () => void = () => {}, inputBytes = READ_LIMITS.inputBytes) => {
    let out = '';
    let err = '';
    const s3 = { endpoint: `http://127.0.0.1:${emulator.port}`, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
    const code = await runCommand(['reports', ...argv], { out: (t) => { out += t; if (t.includes('report')) onReport(); }, err: (t) => { err += t; } }, { s3, readLimits: { ...READ_LIMITS, inputBytes } });
    return { code, out, err };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reports-s3-'));
    emulator = await startEmulator();
    await aws(emulator, ['s3api', 'create-bucket', '--bucket', BUCKET]);
    await put('dmarc/AMAZON_SES_SETUP_NOTIFICATION', 'From: no-reply-aws@amazon.com\r\nSubject: Amazon SES Setup Notification\r\n\r\nThis is a test.\r\n');
    await put('dmarc/8q1m2ha3ckbbrm9evsl6ue7l8gh5k0ht', googleShaped({ id: 'g-1' }));
    await put('dmarc/fn0s3tv2p1dksr7aj5vmaj6v0b7uo3q1', microsoftShaped({ id: 'm-1' }));
    await put('other/not-in-the-prefix', reportXml({ id: 'outside' }));
  }, 60_000);
  afterAll(async () => {
    await emulator?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 15_000);

  test('every object under the prefix is read by content, in key order; the setup notification is skipped', async () => {
    const { code, out } = await run(['--json', `s3://${BUCKET}/dmarc/`]);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.reports.map((r: any) => `${r.file} ${r.reportId}`)).toEqual([
      `s3://${BUCKET}/dmarc/8q1m2ha3ckbbrm9evsl6ue7l8gh5k0ht g-1`,
      `s3://${BUCKET}/dmarc/fn0s3tv2p1dksr7aj5vmaj6v0b7uo3q1 m-1`,
    ]);
    expect(doc.skipped).toEqual([{ file: `s3://${BUCKET}/dmarc/AMAZON_SES_SETUP_NOTIFICATION`, message: "mail with no DMARC report in it (subject 'Amazon SES Setup Notification')" }]);
    expect(doc.errors).toEqual([]);
  }, 60_000);

  test('an object deleted after the listing is that object\'s error; the others are still read', async () => {
    let deleted = false;
    const { code, out, err } = await run([`s3://${BUCKET}/dmarc/`], () => {
      if (deleted) return;
      deleted = true;
      // Synchronously, while the verb parses the first object: the last one, not yet asked for, disappears.
      execFileSync(EMULATOR_PYTHON, ['-m', 'awscli', 's3api', 'delete-object', '--bucket', BUCKET, '--key', 'dmarc/fn0s3tv2p1dksr7aj5vmaj6v0b7uo3q1'], { env: { ...emulator.env, AWS_DEFAULT_REGION: 'us-east-1' } });
    });
    expect(code).toBe(1);
    expect(out).toMatch(/^google\.com report g-1 for example\.com/);
    expect(err).toBe([
      `s3://${BUCKET}/dmarc/AMAZON_SES_SETUP_NOTIFICATION: skipped, mail with no DMARC report in it (subject 'Amazon SES Setup Notification')`,
      `s3://${BUCKET}/dmarc/fn0s3tv2p1dksr7aj5vmaj6v0b7uo3q1: the object is gone (deleted after the listing)`,
      '',
    ].join('\n'));
  }, 60_000);

  test('an object over the size limit is named from its listed size and never fetched', async () => {
    const size = googleShaped({ id: 'g-1' }).length;
    const { code, err } = await run([`s3://${BUCKET}/dmarc/8q1m`], undefined, 1000);
    expect([code, err]).toEqual([1, `s3://${BUCKET}/dmarc/8q1m2ha3ckbbrm9evsl6ue7l8gh5k0ht: ${size} bytes, over the limit of 1000 bytes for one input; not read\n`]);
  }, 60_000);

  test('a bucket that does not exist is that path\'s error, and a local file after it is still read', async () => {
    const file = join(dir, 'local.xml');
    writeFileSync(file, reportXml({ id: 'local' }));
    const { code, out, err } = await run(['s3://no-such-bucket-here/dmarc/', file]);
    expect(code).toBe(1);
    expect(err).toMatch(/^s3:\/\/no-such-bucket-here\/dmarc\/: cannot be listed \(NoSuchBucket 404: The specified bucket does not exist\)\n$/);
    expect(out).toMatch(/^Receiver Example report local for example\.com/);
  }, 60_000);
});
