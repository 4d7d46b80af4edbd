import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Dmarc, DmarcPolicy, InboundMail, Spf, VerifiedMailDomain } from '../../../src';
import { runCommand } from '../../../src/command/cli';
import { renderZoneFileLines } from '../../../src/records';
import { BindServer, startBind, startSilentServer } from '../../helpers/bind-server';
import { deployedOutputs } from '../../helpers/template-records';

// `cdk-verified-mail-domain check` end to end: an app synthesized into a temporary cdk.out, an outputs
// file as `cdk deploy --outputs-file` writes it, and a real BIND server on a loopback port serving
// zones written from the construct's own records, each case a domain with one thing broken.

const env = { account: '123456789012', region: 'eu-west-1' };
const dir = mkdtempSync(join(tmpdir(), 'check-test-'));
const outdir = join(dir, 'cdk.out');
const outputsFile = join(dir, 'outputs.json');
const cases = ['good', 'nodkim', 'spfdiff', 'twospf', 'twodmarc', 'cnamedmarc', 'manyspf', 'voidspf', 'loopspf'];
const includes: Record<string, string> = { manyspf: 'l1.spf.mail.test', voidspf: 'voids.spf.mail.test', loopspf: 'loopa.spf.mail.test' };

const zoneLines: string[] = [];
let server: BindServer;

beforeAll(async () => {
  const app = new App({ outdir });
  const stack = new Stack(app, 'Mail', { env });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z1', zoneName: 'mail.test' });
  const domains = cases.map((c) => new VerifiedMailDomain(stack, c, {
    hostedZone: zone,
    domainName: `${c}.mail.test`,
    spf: includes[c] ? Spf.publish({ include: [includes[c]] }) : undefined,
  }));
  const pre = new Stack(app, 'Pre', { env });
  const preZone = route53.HostedZone.fromHostedZoneAttributes(pre, 'Zone', { hostedZoneId: 'Z2', zoneName: 'mail.test' });
  new VerifiedMailDomain(pre, 'Pre', { hostedZone: preZone, domainName: 'pre.mail.test', inboundMail: InboundMail.ses(), dmarc: Dmarc.publish({ policy: DmarcPolicy.REJECT }) });
  const template = app.synth().getStackByName('Mail').template;

  const outputs = deployedOutputs(template, (n, domain) => `tok${n}${domain.replace(/\W/g, '')}`);
  writeFileSync(outputsFile, JSON.stringify({ Mail: outputs }));

  // The zone as the stack would have written it, then each case broken in its own way.
  const dkim = Object.values(outputs).join('\n').split('\n').filter((l) => l.includes('IN CNAME'));
  for (const mail of domains) {
    const domain = mail.domainName;
    let lines = [...dkim.filter((l) => l.includes(`._domainkey.${domain}.`)), ...mail.records.filter((r) => !r.name.includes('${')).flatMap(renderZoneFileLines)];
    const c = domain.split('.')[0];
    if (c === 'nodkim') lines = lines.filter((l) => !l.startsWith('tok1'));
    if (c === 'spfdiff') lines = lines.map((l) => (l.startsWith(`${domain}. `) && l.includes('spf1') ? `${domain}. 1800 IN TXT "v=spf1 -all"` : l));
    if (c === 'twospf') lines.push(`${domain}. 1800 IN TXT "v=spf1 include:other.mail.test ~all"`);
    if (c === 'twodmarc') lines.push(`_dmarc.${domain}. 1800 IN TXT "v=DMARC1; p=reject"`);
    if (c === 'cnamedmarc') lines = [...lines.filter((l) => !l.startsWith('_dmarc.')), `_dmarc.${domain}. 1800 IN CNAME dmarc.elsewhere.example.`];
    zoneLines.push(...lines);
  }
  // The include trees of the SPF cases: 11 lookups in all, 3 void lookups, a loop.
  for (let i = 1; i <= 10; i++) zoneLines.push(`l${i}.spf.mail.test. 300 IN TXT "v=spf1 ${i < 10 ? `include:l${i + 1}.spf.mail.test ` : ''}-all"`);
  zoneLines.push('voids.spf.mail.test. 300 IN TXT "v=spf1 a:n1.spf.mail.test a:n2.spf.mail.test a:n3.spf.mail.test -all"');
  zoneLines.push('loopa.spf.mail.test. 300 IN TXT "v=spf1 include:loopb.spf.mail.test -all"', 'loopb.spf.mail.test. 300 IN TXT "v=spf1 include:loopa.spf.mail.test -all"');
  // Records that exist before the first deploy of pre.mail.test.
  zoneLines.push(
    'pre.mail.test. 300 IN TXT "v=spf1 include:_spf.google.com ip4:192.0.2.0/24 ~all"',
    'pre.mail.test. 300 IN TXT "google-site-verification=abc"',
    '_dmarc.pre.mail.test. 300 IN TXT "v=DMARC1; p=quarantine; rua=mailto:reports@pre.mail.test"',
    'pre.mail.test. 300 IN MX 1 aspmx.l.google.com.',
    'pre.mail.test. 300 IN MX 5 alt1.aspmx.l.google.com.',
  );
  // SES's own SPF record, which every record of the construct includes (the real one lists more ranges).
  const amazonses = { origin: 'amazonses.com', records: ['amazonses.com. 300 IN TXT "v=spf1 ip4:199.255.192.0/22 ip4:199.127.232.0/22 -all"'] };
  server = await startBind([{ origin: 'mail.test', records: zoneLines }, amazonses]);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function check(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCommand(['check', '--app', outdir, '--nameserver', server.address, ...args], { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

async function rows(domain: string, ...args: string[]): Promise<any[]> {
  const { out } = await check('--outputs', outputsFile, '--json', domain, ...args);
  return JSON.parse(out).records;
}

const verdicts = (list: any[]) => list.map((r) => `${r.verdict} ${r.name} ${r.type}`);

test('all good: every record ok, the SPF tree evaluated, exit 0', async () => {
  const { code, out } = await check('--outputs', outputsFile, 'good.mail.test');
  expect(code).toBe(0);
  expect(out).toContain('OK: every expected record holds (9 checks: 9 ok)');
  expect(verdicts(await rows('good.mail.test'))).toEqual([
    'ok tok1goodmailtest._domainkey.good.mail.test. CNAME',
    'ok tok2goodmailtest._domainkey.good.mail.test. CNAME',
    'ok tok3goodmailtest._domainkey.good.mail.test. CNAME',
    'ok bounce.good.mail.test. MX',
    'ok bounce.good.mail.test. TXT',
    'ok good.mail.test. TXT',
    'ok _dmarc.good.mail.test. TXT',
    'ok bounce.good.mail.test. SPF',
    'ok good.mail.test. SPF',
  ]);
});

test.each([
  ['nodkim', 'missing tok1nodkimmailtest._domainkey.nodkim.mail.test. CNAME', undefined],
  ['spfdiff', 'different spfdiff.mail.test. TXT', 'not found: "v=spf1 include:amazonses.com ~all"; the SPF record found means something else: term 1 is -all, expected include:amazonses.com'],
  ['twodmarc', 'conflict _dmarc.twodmarc.mail.test. TXT', '2 DMARC records at the name: receivers ignore both (RFC 9989)'],
  ['cnamedmarc', 'conflict _dmarc.cnamedmarc.mail.test. TXT', 'a CNAME is at _dmarc.cnamedmarc.mail.test., where a TXT record is needed; a CNAME must be alone at its name'],
])('%s: exactly one record fails, with its verdict and reason; exit 1', async (c, verdict, detail) => {
  const list = await rows(`${c}.mail.test`);
  const failing = list.filter((r) => r.verdict !== 'ok');
  expect(verdicts(failing)).toEqual([verdict]);
  expect(failing[0].detail).toEqual(detail);
  expect((await check('--outputs', outputsFile, `${c}.mail.test`)).code).toBe(1);
});

test('twospf: a second SPF record is a conflict, and the SPF evaluation fails on it too', async () => {
  const failing = (await rows('twospf.mail.test')).filter((r) => r.verdict !== 'ok');
  expect(verdicts(failing)).toEqual(['conflict twospf.mail.test. TXT', 'invalid twospf.mail.test. SPF']);
  expect(failing[0].detail).toBe('2 SPF records at the name: receivers treat that as a permerror and ignore both (RFC 7208 section 3.2)');
  expect(failing[1].detail.split('\n')[0]).toMatch(/SPF records/);
});

test.each([
  ['manyspf', /^more than 10 DNS lookups/],
  ['voidspf', /^more than 2 void lookups \(3\)/],
  ['loopspf', /^include loop: /],
])('%s: the live SPF tree fails its evaluation, with the steps shown', async (c, problem) => {
  const spf = (await rows(`${c}.mail.test`)).find((r) => r.type === 'SPF' && r.name === `${c}.mail.test.`);
  expect(spf.verdict).toBe('invalid');
  expect(spf.detail.split('\n')[0]).toMatch(problem);
  expect(spf.detail).toContain('steps:');
});

test('before the first deploy (outputs without its stack): the records that exist would collide, with the props that adopt them', async () => {
  const { code, out } = await check('--outputs', outputsFile, 'pre.mail.test', '--json');
  expect(code).toBe(1);
  const list = JSON.parse(out).records;
  const conflicts = Object.fromEntries(list.filter((r: any) => r.verdict === 'conflict').map((r: any) => [`${r.name} ${r.type}`, r.advice]));
  expect(conflicts).toEqual({
    'pre.mail.test. TXT': "spf: Spf.publish({ include: ['_spf.google.com'], ip4: ['192.0.2.0/24'] }), domainTxtValues: ['google-site-verification=abc']; "
      + 'then delete the existing TXT record set pre.mail.test. and run cdk deploy at once',
    '_dmarc.pre.mail.test. TXT': "dmarc: Dmarc.publish({ policy: DmarcPolicy.QUARANTINE, aggregateReportAddresses: ['reports@pre.mail.test'] }), "
      + 'or Dmarc.none() to keep managing it outside the stack; then delete the existing TXT record set _dmarc.pre.mail.test. and run cdk deploy at once',
    'pre.mail.test. MX': "inboundMail: InboundMail.servers([{ host: 'aspmx.l.google.com', priority: 1 }, { host: 'alt1.aspmx.l.google.com', priority: 5 }]); "
      + 'then delete the existing MX record set pre.mail.test. and run cdk deploy at once',
  });
  expect(list.filter((r: any) => r.verdict === 'pending').map((r: any) => r.detail)).toEqual(Array(3).fill(
    'Easy DKIM names and values are known only after deploy, and stack Pre is not in --outputs yet: after cdk deploy, give the outputs file it writes'));
  expect(verdicts(list.filter((r: any) => r.verdict === 'missing'))).toEqual(['missing bounce.pre.mail.test. MX', 'missing bounce.pre.mail.test. TXT']);
});

test('without --outputs it cannot tell whether the stack is deployed: records equal to the stack\'s are ok, others collide', async () => {
  const run = await check('--json', 'good.mail.test');
  const list = JSON.parse(run.out).records;
  expect(verdicts(list.filter((r: any) => r.verdict !== 'ok'))).toEqual([
    'pending (after deploy) CNAME', 'pending (after deploy) CNAME', 'pending (after deploy) CNAME',
  ]);
  const pre = JSON.parse((await check('--json', 'pre.mail.test')).out).records;
  expect(verdicts(pre.filter((r: any) => r.verdict === 'conflict'))).toEqual([
    'conflict pre.mail.test. TXT', 'conflict _dmarc.pre.mail.test. TXT', 'conflict pre.mail.test. MX',
  ]);
});

test('--json: one object with ok, exitCode, counts and one entry a record', async () => {
  const { out } = await check('--outputs', outputsFile, '--json', 'good.mail.test');
  const report = JSON.parse(out);
  expect(Object.keys(report)).toEqual(['ok', 'exitCode', 'counts', 'records', 'bulkSender']);
  expect(report).toMatchObject({ ok: true, exitCode: 0, counts: { ok: 9 } });
  expect(report.records[5]).toEqual({
    domain: 'good.mail.test',
    stack: 'Mail',
    purpose: 'SPF of the domain',
    name: 'good.mail.test.',
    type: 'TXT',
    expected: ['v=spf1 include:amazonses.com ~all'],
    found: ['v=spf1 include:amazonses.com ~all'],
    verdict: 'ok',
  });
});

test('a server that does not answer: exit 2 and "timeout", never "missing"', async () => {
  const silent = await startSilentServer();
  try {
    let out = '';
    const code = await runCommand(['check', '--app', outdir, '--nameserver', silent.address, '--outputs', outputsFile, 'good.mail.test'], { out: (t) => { out += t; }, err: () => undefined });
    expect(code).toBe(2);
    expect(out).toContain('UNREACHABLE: DNS did not answer');
    expect(out).toMatch(/timeout: no answer to 3 tries \(timeouts 1000, 2000 and 3000 ms\)/);
    const [records, bulk] = out.split('Bulk sender requirements');
    expect(records).not.toMatch(/^\s+missing /m);
    // What DNS shows is unknown, not missing; what the stack shows (no guard, no contact list) is known.
    expect(bulk.split('\n').map((l) => l.trim().split(/\s{2,}/).slice(0, 2).join(' | ')).filter((l) => /^(ok|missing|unknown|pending) /.test(l))).toEqual([
      'unknown | SPF', 'unknown | DKIM', 'unknown | DMARC', 'unknown | From aligned',
      'missing | one-click unsubscribe', 'missing | bounce and complaint feedback', 'missing | reputation alarms',
    ]);
  } finally {
    await silent.stop();
  }
}, 30_000);

test('before the first deploy (no --outputs) nothing is wrong yet: Easy DKIM pending is not a failure, exit 0, the summary says why', async () => {
  const run = await check('good.mail.test');
  // The three rows share one detail, shown once below the last of them.
  expect(run.out.split('\n').slice(1, 6)).toEqual([
    `  ${'VERDICT'.padEnd(11)} ${'RECORD'.padEnd(46)} ${'EXPECTED'.padEnd(40)} FOUND`,
    ...Array(3).fill(`  ${'pending'.padEnd(11)} ${'(after deploy) CNAME'.padEnd(46)} ${'-'.padEnd(40)} -`),
    '      Easy DKIM names and values are known only after deploy: give --outputs with the file cdk deploy --outputs-file writes',
  ]);
  expect(run.out.trimEnd().split('\n').pop())
    .toBe('OK: every record known before deploy holds; 3 Easy DKIM records are pending: give --outputs after cdk deploy (9 checks: 6 ok, 3 pending)');
  expect(run.code).toBe(0);
  const report = JSON.parse((await check('--json', 'good.mail.test')).out);
  expect(report).toMatchObject({ ok: true, exitCode: 0, counts: { ok: 6, pending: 3 } });
  expect(report.records.filter((r: any) => r.verdict === 'pending').map((r: any) => r.detail)).toEqual(Array(3).fill(
    'Easy DKIM names and values are known only after deploy: give --outputs with the file cdk deploy --outputs-file writes'));
});

test('pending rows beside a failing one: the run fails (exit 1), pending counted in the summary', async () => {
  const run = await check('pre.mail.test');
  expect(run.out.trimEnd().split('\n').pop()).toBe('FAIL: not every expected record holds (9 checks: 2 missing, 3 conflict, 1 invalid, 3 pending)');
  expect(run.code).toBe(1);
});

test('--wide: whole values, every column starting where its heading does', async () => {
  const cut = (await check('--outputs', outputsFile, 'good.mail.test')).out;
  expect(cut).toContain('...');
  const wide = (await check('--outputs', outputsFile, '--wide', 'good.mail.test')).out;
  expect(wide).not.toContain('...');
  const lines = wide.split('\n');
  const heading = lines.find((l) => l.trimStart().startsWith('VERDICT'))!;
  const list = await rows('good.mail.test');
  for (const r of list) {
    const line = lines.find((l) => l.startsWith(`  ${r.verdict.padEnd(11)} ${r.name} ${r.type} `))!;
    expect(line.slice(heading.indexOf('EXPECTED')).startsWith(`${r.expected.join(' | ')} `)).toBe(true);
    expect(line.slice(heading.indexOf('FOUND'))).toBe(r.found.join(' | '));
  }
  expect(list).toHaveLength(9);
});
