import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseVerbArgs, verbUsage } from '../../../src/command/args';
import { checkVerb } from '../../../src/command/check/check';
import { DnsEnvironment } from '../../../src/command/check/dns';
import { RecordKind } from '../../../src/record-model';
import { BindServer, startBind } from '../../helpers/bind-server';

// The check's run (check.ts) over a cloud assembly written by hand (no app synthesized) and a BIND on a loopback
// port: which domains it checks, what it says of bad inputs, the name servers it asks, how each record keeps its row.

const dir = mkdtempSync(join(tmpdir(), 'check-run-'));
const outdir = join(dir, 'cdk.out');
const outputsFile = join(dir, 'outputs.json');
const SPF = 'v=spf1 include:amazonses.com ~all';
const record = (kind: RecordKind, name: unknown, type: string, values: unknown[], purpose: string) => ({
  kind, name, type, values, ttl: 1800, purpose,
});
const dmarc = (domain: string) => record(RecordKind.DMARC, `_dmarc.${domain}.`, 'TXT', ['v=DMARC1; p=none'], 'DMARC policy');
const metadata = (domain: string, records: object[], more: object = {}) => [{
  type: 'cdk-verified-mail-domain:domain', data: { version: 1, domain, region: 'eu-west-1', records, ...more },
}];
const DKIM = record(RecordKind.DKIM, { 'Fn::GetAtt': ['Identity', 'DkimDNSTokenName1'] }, 'CNAME', [{ 'Fn::GetAtt': ['Identity', 'DkimDNSTokenValue1'] }], 'Easy DKIM record 1');

let bind: BindServer;
beforeAll(async () => {
  mkdirSync(outdir);
  writeFileSync(join(outdir, 'manifest.json'), JSON.stringify({
    artifacts: {
      Mail: {
        type: 'aws:cloudformation:stack',
        properties: { stackName: 'Mail' },
        metadata: {
          '/Mail/A': metadata('a.mail.test', [DKIM, record(RecordKind.DOMAIN_TXT, 'a.mail.test.', 'TXT', [SPF], 'SPF of the domain'), dmarc('a.mail.test')],
            { hostedZone: 'mail.test', output: 'RecordsA' }),
          '/Mail/Gone': metadata('b.gone.test', [DKIM, dmarc('b.gone.test')]),
        },
      },
      Other: { type: 'aws:cloudformation:stack', properties: { stackName: 'Other' }, metadata: { '/Other/C': metadata('c.mail.test', [dmarc('c.mail.test')]) } },
    },
  }));
  writeFileSync(outputsFile, JSON.stringify({ Mail: { RecordsA: '; a.mail.test\ntok1._domainkey.a.mail.test. 1800 IN CNAME tok1.dkim.amazonses.com.' } }));
  bind = await startBind([
    {
      origin: 'mail.test',
      records: [
        'mail.test. IN NS ns.mail.test.', 'ns.mail.test. IN A 127.0.0.1',
        'tok1._domainkey.a.mail.test. IN CNAME tok1.dkim.amazonses.com.',
        `a.mail.test. IN TXT "${SPF}"`, '_dmarc.a.mail.test. IN TXT "v=DMARC1; p=none"',
        '_dmarc.c.mail.test. IN TXT "v=DMARC1; p=reject"',
      ],
    },
    { origin: 'gone.test', records: ['gone.test. IN NS ns.gone.invalid.'] },
    { origin: 'amazonses.com', records: ['amazonses.com. IN TXT "v=spf1 ip4:199.255.192.0/22 -all"'] },
  ]);
}, 30_000);

afterAll(async () => {
  await bind?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `check` with the arguments; the DNS of the run is the BIND, found by its NS records unless --nameserver is given. */
async function check(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = { out: (t: string) => { out += t; }, err: (t: string) => { err += t; } };
  const dns: DnsEnvironment = { systemServers: [bind.address], nameServerPort: bind.port };
  const code = await checkVerb.run(parseVerbArgs(checkVerb, argv), io, { dns });
  return { code, out, err };
}

const rowsOf = (out: string) => JSON.parse(out).records.map((r: any) => `${r.domain} ${r.stack} ${r.verdict} ${r.name} ${r.type}`);
const USAGE = verbUsage(checkVerb);
const UNREACHABLE = 'cannot find the addresses of the name servers of gone.test (ns.gone.invalid): '
  + 'A of ns.gone.invalid: error (EREFUSED: the server refused the query (REFUSED)); AAAA of ns.gone.invalid: error (EREFUSED: the server refused the query (REFUSED))';

test('every domain of the app, its name servers found from NS; one without reachable name servers unreachable, row by row', async () => {
  const run = await check('--app', outdir, '--outputs', outputsFile, '--json');
  expect(run.err).toBe('');
  const report = JSON.parse(run.out);
  expect(rowsOf(run.out)).toEqual([
    'a.mail.test Mail ok tok1._domainkey.a.mail.test. CNAME',
    'a.mail.test Mail ok a.mail.test. TXT',
    'a.mail.test Mail ok _dmarc.a.mail.test. TXT',
    'a.mail.test Mail ok a.mail.test. SPF',
    'b.gone.test Mail unreachable (after deploy) CNAME',
    'b.gone.test Mail unreachable _dmarc.b.gone.test. TXT',
    'c.mail.test Other different _dmarc.c.mail.test. TXT',
  ]);
  expect(report.records.slice(4, 6)).toEqual([
    { domain: 'b.gone.test', stack: 'Mail', purpose: 'Easy DKIM record 1', name: '(after deploy)', type: 'CNAME', expected: [], found: [], verdict: 'unreachable', detail: UNREACHABLE },
    { domain: 'b.gone.test', stack: 'Mail', purpose: 'DMARC policy', name: '_dmarc.b.gone.test.', type: 'TXT', expected: ['v=DMARC1; p=none'], found: [], verdict: 'unreachable', detail: UNREACHABLE },
  ]);
  // The bulk-sender rows read each record's own row: a's DKIM ok, b's unknown (its DNS did not answer).
  const dkim = report.bulkSender.filter((b: any) => b.requirement === 'DKIM').map((b: any) => `${b.domain} ${b.verdict}`);
  expect(dkim).toEqual(['a.mail.test ok', 'b.gone.test unknown', 'c.mail.test missing']);
  expect(run.code).toBe(2);
});

test.each<[string, string[], string[]]>([
  ['--stack: only its domains', ['--stack', 'Other'], ['c.mail.test Other different _dmarc.c.mail.test. TXT']],
  ['DOMAIN...: only those, in any case, with or without the trailing dot', ['C.Mail.Test.', 'a.mail.test'], [
    'a.mail.test Mail pending (after deploy) CNAME', 'a.mail.test Mail ok a.mail.test. TXT', 'a.mail.test Mail ok _dmarc.a.mail.test. TXT',
    'a.mail.test Mail ok a.mail.test. SPF', 'c.mail.test Other different _dmarc.c.mail.test. TXT',
  ]],
  ['--stack and DOMAIN... together', ['--stack', 'Mail', 'c.mail.test', 'a.mail.test'], [
    'a.mail.test Mail pending (after deploy) CNAME', 'a.mail.test Mail ok a.mail.test. TXT', 'a.mail.test Mail ok _dmarc.a.mail.test. TXT', 'a.mail.test Mail ok a.mail.test. SPF',
  ]],
])('%s', async (_, args, rows) => {
  const run = await check('--app', outdir, '--json', ...args);
  expect(rowsOf(run.out)).toEqual(rows);
  expect(run.err).toBe('');
});

test('--nameserver: only that server is asked, no NS walked, so the BIND serving gone.test answers for it', async () => {
  const run = await check('--app', outdir, '--json', '--nameserver', bind.address, 'b.gone.test');
  expect(rowsOf(run.out)).toEqual(['b.gone.test Mail pending (after deploy) CNAME', 'b.gone.test Mail missing _dmarc.b.gone.test. TXT']);
  expect(run.code).toBe(1);
});

test('the table by default, whole values with --wide', async () => {
  const run = await check('--app', outdir, 'c.mail.test');
  expect(run.out.split('\n').slice(0, 3)).toEqual([
    'c.mail.test (stack Other)',
    `  ${'VERDICT'.padEnd(11)} ${'RECORD'.padEnd(46)} ${'EXPECTED'.padEnd(40)} FOUND`,
    `  ${'different'.padEnd(11)} ${'_dmarc.c.mail.test. TXT'.padEnd(46)} ${'v=DMARC1; p=none'.padEnd(40)} v=DMARC1; p=reject`,
  ]);
  expect(run.code).toBe(1);
  const wide = await check('--app', outdir, '--wide', 'c.mail.test');
  expect(wide.out.split('\n')[1]).toBe(`  ${'VERDICT'.padEnd(11)} ${'RECORD'.padEnd(23)} ${'EXPECTED'.padEnd(16)} FOUND`);
});

test.each<[string, () => string[], string[]]>([
  ['domains the app does not have', () => ['--app', outdir, 'x.mail.test', 'a.mail.test', 'y.mail.test'], [`no VerifiedMailDomain for x.mail.test, y.mail.test in ${outdir}`]],
  ['a stack without domains', () => ['--app', outdir, '--stack', 'None'], [`no VerifiedMailDomain in stack None in ${outdir}`]],
  ['a stack without the domain asked for', () => ['--app', outdir, '--stack', 'Other', 'a.mail.test'], [`no VerifiedMailDomain in stack Other in ${outdir}`]],
  ['an app without domains', () => ['--app', dir], [`${dir} is not a synthesized CDK app (no manifest.json); run cdk synth first or give --app`]],
  ['an app and outputs that cannot be read: both said', () => ['--app', join(dir, 'none'), '--outputs', join(dir, 'none.json')], [
    `${join(dir, 'none')} is not a synthesized CDK app (no manifest.json); run cdk synth first or give --app`,
    `--outputs ${join(dir, 'none.json')} does not exist: give the file \`cdk deploy --outputs-file\` wrote`,
  ]],
  ['outputs that cannot be read, the app fine', () => ['--app', outdir, '--outputs', join(dir, 'none.json')], [
    `--outputs ${join(dir, 'none.json')} does not exist: give the file \`cdk deploy --outputs-file\` wrote`,
  ]],
  ['a --nameserver that is no address', () => ['--app', outdir, '--nameserver', '[x]:53'], ["bad --nameserver '[x]:53': 'x' in brackets is not an IPv6 address"]],
])('%s: exit 2, the lines, then the usage', async (_, argv, lines) => {
  expect(await check(...argv())).toEqual({ code: 2, out: '', err: `${[...lines, USAGE].join('\n')}\n` });
});

test('without --app, cdk.out of the working directory', async () => {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const run = await check('--json', 'c.mail.test');
    expect(rowsOf(run.out)).toEqual(['c.mail.test Other different _dmarc.c.mail.test. TXT']);
  } finally {
    process.chdir(cwd);
  }
});

test('an app with no domain at all', async () => {
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'empty', 'manifest.json'), JSON.stringify({ artifacts: {} }));
  expect(await check('--app', join(dir, 'empty'))).toEqual({ code: 2, out: '', err: `no VerifiedMailDomain in ${join(dir, 'empty')}\n${USAGE}\n` });
});
