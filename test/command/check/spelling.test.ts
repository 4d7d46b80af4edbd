import { Dmarc, DmarcPolicy, Spf } from '../../../src';
import { BindServer, startBind } from '../../helpers/bind-server';
import { AMAZONSES_ZONE, CheckApp, runCaptured, synthCheckApp } from '../../helpers/check-app';

// The check command against a real BIND: records that mean what the construct expects are `ok` however they are
// spelled, records that mean something else are `different` with what differs (the comparison: equivalence.test.ts).

// The command against BIND: each domain's record replaced by another spelling.
const spf = Spf.publish({ include: ['_spf.mail.test'], ip4: ['192.0.2.0/24'], ip6: ['2001:db8::/32'] });
const domains: Record<string, { spf: string; dmarc: string }> = {
  'same.mail.test': {
    spf: 'v=spf1  +IP4:192.0.2.9/24 ip6:2001:DB8:0::/32 Include:AmazonSES.com. include:_spf.mail.test ~ALL',
    dmarc: 'v=DMARC1;p=quarantine;adkim=r;rua=mailto:reports@Same.Mail.Test;',
  },
  'other.mail.test': {
    spf: 'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 include:amazonses.com include:_spf.mail.test -all',
    dmarc: 'v=DMARC1; p=none; rua=mailto:reports@other.mail.test',
  },
  'broken.mail.test': {
    spf: 'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 include:amazonses.com include: ~all',
    dmarc: 'v=DMARC1; p=quarantine; rua=reports@broken.mail.test',
  },
};
let app: CheckApp;
let server: BindServer;

beforeAll(async () => {
  app = synthCheckApp(Object.fromEntries(Object.keys(domains).map((d) => [d, {
    spf, dmarc: Dmarc.publish({ policy: DmarcPolicy.QUARANTINE, aggregateReportAddresses: [`reports@${d}`] }),
  }])));
  const lines = app.zoneLines.map((line) => {
    const [name] = line.split(' ');
    const domain = name.replace(/^_dmarc\./, '').slice(0, -1);
    if (!(domain in domains) || !line.includes(' TXT ')) return line;
    return `${name} 1800 IN TXT "${name.startsWith('_dmarc.') ? domains[domain].dmarc : domains[domain].spf}"`;
  });
  lines.push('_spf.mail.test. 300 IN TXT "v=spf1 ip4:198.51.100.0/24 -all"');
  server = await startBind([{ origin: 'mail.test', records: lines }, AMAZONSES_ZONE]);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  app?.remove();
});

async function rows(domain: string): Promise<Array<{ verdict: string; name: string; type: string; found: string[]; detail?: string }>> {
  const run = await runCaptured(['check', '--app', app.outdir, '--outputs', app.outputsFile, '--nameserver', server.address, '--json', domain]);
  return JSON.parse(run.out).records;
}

test('BIND: SPF and DMARC spelled otherwise but meaning the same are ok, and the run exits 0', async () => {
  const list = await rows('same.mail.test');
  const txt = list.filter((r) => r.type === 'TXT' && !r.name.startsWith('bounce.'));
  expect(txt.map((r) => [r.verdict, r.name, r.found])).toEqual([
    ['ok', 'same.mail.test.', [domains['same.mail.test'].spf]],
    ['ok', '_dmarc.same.mail.test.', [domains['same.mail.test'].dmarc]],
  ]);
  expect(list.filter((r) => r.verdict !== 'ok')).toEqual([]);
  const run = await runCaptured(['check', '--app', app.outdir, '--outputs', app.outputsFile, '--nameserver', server.address, 'same.mail.test']);
  expect(run.code).toBe(0);
  expect(run.out.trimEnd().split('\n').pop()).toBe('OK: every expected record holds (9 checks: 9 ok)');
});

test('BIND: SPF and DMARC that mean something else are different, with what differs; exit 1', async () => {
  const failing = (await rows('other.mail.test')).filter((r) => r.verdict !== 'ok');
  expect(failing.map((r) => [r.verdict, r.name, r.type, r.detail])).toEqual([
    ['different', 'other.mail.test.', 'TXT', 'not found: "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 include:amazonses.com include:_spf.mail.test ~all"; '
      + 'the SPF record found means something else: term 5 is -all, expected ~all'],
    ['different', '_dmarc.other.mail.test.', 'TXT', 'expected v=DMARC1; p=quarantine; rua=mailto:reports@other.mail.test; '
      + 'the record found means something else: p is none, expected quarantine'],
  ]);
  const run = await runCaptured(['check', '--app', app.outdir, '--outputs', app.outputsFile, '--nameserver', server.address, 'other.mail.test']);
  expect(run.code).toBe(1);
});

test('BIND: SPF and DMARC that do not parse are invalid, with the parser\'s reason', async () => {
  const failing = (await rows('broken.mail.test')).filter((r) => r.verdict !== 'ok' && r.type === 'TXT');
  expect(failing.map((r) => [r.verdict, r.name, r.detail])).toEqual([
    ['invalid', 'broken.mail.test.', "'include:' is not a valid SPF term: include needs a domain (include:<domain>)"],
    ['invalid', '_dmarc.broken.mail.test.', "'v=DMARC1; p=quarantine; rua=reports@broken.mail.test' is not a valid DMARC record: "
      + "'reports@broken.mail.test' in rua is not a URI (write mailto:reports@broken.mail.test); ',' and '!' inside a URI must be percent-encoded"],
  ]);
});
