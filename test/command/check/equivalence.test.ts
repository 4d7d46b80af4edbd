import { Dmarc, DmarcPolicy, Spf } from '../../../src';
import { dmarcDifferences, spfDifferences } from '../../../src/command/check/equivalence';
import { BindServer, startBind } from '../../helpers/bind-server';
import { AMAZONSES_ZONE, CheckApp, runCaptured, synthCheckApp } from '../../helpers/check-app';

// Records that mean what the construct expects are `ok` however they are spelled; records that mean something else
// are `different`, with what differs. First the comparison itself, then the command against a real BIND serving them.

const DMARC = 'v=DMARC1; p=quarantine; rua=mailto:reports@example.org';

test.each([
  ['no spaces', 'v=DMARC1;p=quarantine;rua=mailto:reports@example.org'],
  ['a trailing ;', `${DMARC};`],
  ['spaces and tabs around tags, = and ;', ' v = DMARC1 ;\tp = quarantine ;  rua = mailto:reports@example.org ; '],
  ['other tag order after v and p, upper-case names and keywords', 'v=DMARC1; P=Quarantine; ADKIM=R; rua=mailto:reports@EXAMPLE.org'],
  ['every default written out', `${DMARC}; sp=quarantine; np=quarantine; adkim=r; aspf=r; fo=0; t=n; psd=u; pct=100; rf=afrf; ri=86400`],
  ['a tag DMARC does not define (receivers ignore it)', `${DMARC}; note=hello`],
])('DMARC read the same (%s): no difference', (_, found) => {
  expect(dmarcDifferences(DMARC, found)).toEqual([]);
});

test.each([
  ['another policy', 'v=DMARC1; p=none; rua=mailto:reports@example.org', ['p is none, expected quarantine']],
  ['a subdomain policy other than p', `${DMARC}; sp=reject`, ['sp is reject, expected quarantine']],
  ['strict DKIM alignment', `${DMARC}; adkim=s`, ['adkim is s, expected r']],
  ['another report address', 'v=DMARC1; p=quarantine; rua=mailto:dmarc@example.org', ['rua is mailto:dmarc@example.org, expected mailto:reports@example.org']],
  ['a second report address', `${DMARC},mailto:b@example.org`, ['rua is mailto:reports@example.org,mailto:b@example.org, expected mailto:reports@example.org']],
  ['a size limit RFC 7489 receivers read', `${DMARC}!10m`, ['rua is mailto:reports@example.org!10m, expected mailto:reports@example.org']],
  ['pct below 100', `${DMARC}; pct=50`, ['pct is 50, expected 100']],
  ['testing mode', `${DMARC}; t=y`, ['t is y, expected n']],
  ['failure options', `${DMARC}; fo=1`, ['fo is 1, expected 0']],
  ['p not right after v', 'v=DMARC1; rua=mailto:reports@example.org; p=quarantine', ['p is not right after v (RFC 7489 receivers require v=DMARC1; p=...)']],
  ['no p at all', 'v=DMARC1; rua=mailto:reports@example.org', ['p is absent, expected quarantine']],
])('DMARC that means something else (%s): each difference named', (_, found, differences) => {
  expect(dmarcDifferences(DMARC, found)).toEqual(differences);
});

const SPF = 'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 include:amazonses.com ~all';

test.each([
  ['more spaces, upper case, + written, a trailing dot', 'V=SPF1   +IP4:192.0.2.0/24  ip6:2001:DB8::/32 INCLUDE:AmazonSES.com.  ~ALL '],
  ['host bits below the prefix, another IPv6 spelling', 'v=spf1 ip4:192.0.2.77/24 ip6:2001:db8:0:0::1/32 include:amazonses.com ~all'],
  ['terms after all (never evaluated)', `${SPF} include:_spf.other.example ?all`],
  ['redirect= beside all (ignored), an unknown modifier', `${SPF} redirect=_spf.other.example note=hello`],
])('SPF evaluated the same (%s): no difference', (_, found) => {
  expect(spfDifferences(SPF, found, 'example.org')).toEqual([]);
});

test.each([
  [
    'a default prefix length written out',
    'v=spf1 a mx/24', 'v=spf1 a/32//128 mx/24//128', [],
  ],
  ['a bare a, mx and ptr: the name itself', 'v=spf1 a mx:example.org ptr', 'v=spf1 a:Example.org. mx ptr:example.org', []],
  ['a closing ?all and no all: both neutral (RFC 7208 section 4.7)', 'v=spf1 include:amazonses.com ?all', 'v=spf1 include:amazonses.com', []],
  ['no all and a closing ?all, the other way round', 'v=spf1 a', 'v=spf1 a ?all', []],
  ['a closing ?all beside a redirect=, which then applies without the all', 'v=spf1 a ?all', 'v=spf1 a redirect=_spf.example.org', ['redirect= is redirect=_spf.example.org, expected none']],
  ['a bare a: not another name', 'v=spf1 a', 'v=spf1 a:mail.example.org', ['term 1 is a:mail.example.org, expected a']],
  ['-all for ~all', SPF, SPF.replace('~all', '-all'), ['term 4 is -all, expected ~all']],
  ['terms in another order', SPF, 'v=spf1 include:amazonses.com ip4:192.0.2.0/24 ip6:2001:db8::/32 ~all', ['term 1 is include:amazonses.com, expected ip4:192.0.2.0/24']],
  ['another network', SPF, SPF.replace('/24', '/25'), ['term 1 is ip4:192.0.2.0/25, expected ip4:192.0.2.0/24']],
  ['a term missing', SPF, 'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 include:amazonses.com', ['term 4 ~all is missing']],
  ['a term more', 'v=spf1 include:amazonses.com', 'v=spf1 include:amazonses.com mx', ['term 2 mx is not expected']],
  ['a redirect=', 'v=spf1 include:amazonses.com', 'v=spf1 include:amazonses.com redirect=_spf.example.org', ['redirect= is redirect=_spf.example.org, expected none']],
])('SPF %s', (_, expected, found, differences) => {
  expect(spfDifferences(expected, found, 'example.org')).toEqual(differences);
});

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
