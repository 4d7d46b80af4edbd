import { AppDomain } from '../../../src/command/check/assembly';
import { NodeDnsLookup } from '../../../src/command/check/dns';
import { checkDomain, DomainCheck, Expected, expectedRecords } from '../../../src/command/check/verdicts';
import { RecordKind } from '../../../src/record-model';
import { BindServer, startBind, startSilentServer } from '../../helpers/bind-server';

// The records a domain expects, from its metadata and, for the Easy DKIM records known only after deploy, from the
// deployed outputs (read back by the zone-file reader); then each record compared with what a real BIND answers.

const getAtt = (n: number) => ({ 'Fn::GetAtt': ['MailIdentity', `DkimDNSTokenName${n}`] });
const domain: AppDomain = {
  stackName: 'Mail',
  constructPath: '/Mail/Mail',
  metadata: {
    version: 1,
    domain: 'a.example.org',
    region: 'eu-west-1',
    hostedZone: 'example.org',
    output: 'Records1',
    records: [
      { kind: RecordKind.DKIM, name: getAtt(1), type: 'CNAME', values: [{ 'Fn::GetAtt': ['MailIdentity', 'DkimDNSTokenValue1'] }], ttl: 1800, purpose: 'Easy DKIM record 1' },
      { kind: RecordKind.DKIM, name: getAtt(2), type: 'CNAME', values: [{ 'Fn::GetAtt': ['MailIdentity', 'DkimDNSTokenValue2'] }], ttl: 1800, purpose: 'Easy DKIM record 2' },
      { kind: RecordKind.MAIL_FROM_MX, name: 'Bounce.A.example.org.', type: 'MX', values: ['10 Feedback-SMTP.eu-west-1.amazonses.com.'], ttl: 1800, purpose: 'MAIL FROM MX' },
      { kind: RecordKind.DOMAIN_TXT, name: 'a.example.org.', type: 'TXT', values: ['v=spf1 include:amazonses.com ~all', 'Case=Kept'], ttl: 1800, purpose: 'SPF of the domain' },
    ],
  },
};
const literal = [
  { kind: RecordKind.MAIL_FROM_MX, purpose: 'MAIL FROM MX', name: 'bounce.a.example.org', type: 'MX', values: ['10 feedback-smtp.eu-west-1.amazonses.com'] },
  { kind: RecordKind.DOMAIN_TXT, purpose: 'SPF of the domain', name: 'a.example.org', type: 'TXT', values: ['v=spf1 include:amazonses.com ~all', 'Case=Kept'] },
];
const block = ['; a.example.org', 'TOK1._domainkey.a.example.org. 1800 IN CNAME TOK1.dkim.amazonses.com.',
  'tok2._domainkey.a.example.org. 1800 IN CNAME tok2.dkim.amazonses.com.', 'a.example.org. 1800 IN TXT "not a DKIM record"'].join('\n');

test('without outputs: the deploy-time records have no name or value, deployed is unknown', () => {
  expect(expectedRecords(domain)).toEqual({
    records: [
      { kind: RecordKind.DKIM, purpose: 'Easy DKIM record 1', type: 'CNAME' },
      { kind: RecordKind.DKIM, purpose: 'Easy DKIM record 2', type: 'CNAME' },
      ...literal,
    ],
    deployed: undefined,
  });
});

test('with the stack in the outputs: the CNAMEs of the domain\'s block fill the deploy-time records in order, lower case', () => {
  expect(expectedRecords(domain, { Mail: { Records1: block } })).toEqual({
    records: [
      { kind: RecordKind.DKIM, purpose: 'Easy DKIM record 1', name: 'tok1._domainkey.a.example.org', type: 'CNAME', values: ['tok1.dkim.amazonses.com'] },
      { kind: RecordKind.DKIM, purpose: 'Easy DKIM record 2', name: 'tok2._domainkey.a.example.org', type: 'CNAME', values: ['tok2.dkim.amazonses.com'] },
      ...literal,
    ],
    deployed: true,
  });
});

test('a block whose first line is not a CNAME: only its CNAMEs fill the deploy-time records', () => {
  const txtFirst = ['; a.example.org', 'a.example.org. 1800 IN TXT "not a DKIM record"', 'tok1._domainkey.a.example.org. 1800 IN CNAME tok1.dkim.amazonses.com.',
    'tok2._domainkey.a.example.org. 1800 IN CNAME tok2.dkim.amazonses.com.'].join('\n');
  expect(expectedRecords(domain, { Mail: { Records1: txtFirst } }).records.slice(0, 2)).toEqual([
    { kind: RecordKind.DKIM, purpose: 'Easy DKIM record 1', name: 'tok1._domainkey.a.example.org', type: 'CNAME', values: ['tok1.dkim.amazonses.com'] },
    { kind: RecordKind.DKIM, purpose: 'Easy DKIM record 2', name: 'tok2._domainkey.a.example.org', type: 'CNAME', values: ['tok2.dkim.amazonses.com'] },
  ]);
});

test('outputs with the stack but no block for the domain: deployed, the deploy-time records stay pending', () => {
  const { records, deployed } = expectedRecords(domain, { Mail: { Records1: '; b.example.org\nb.example.org. 1800 IN TXT "x"' } });
  expect([deployed, records.slice(0, 2)]).toEqual([true, [
    { kind: RecordKind.DKIM, purpose: 'Easy DKIM record 1', type: 'CNAME' },
    { kind: RecordKind.DKIM, purpose: 'Easy DKIM record 2', type: 'CNAME' },
  ]]);
});

test('a record is known at synth only when its name and every value are: a token in any of them makes it deploy-time', () => {
  const ref = { Ref: 'Param' };
  const records = [
    { kind: RecordKind.DOMAIN_TXT, name: ref, type: 'TXT', values: ['v=spf1 -all'], ttl: 1800, purpose: 'token name' },
    { kind: RecordKind.DOMAIN_TXT, name: 'a.example.org.', type: 'TXT', values: [ref], ttl: 1800, purpose: 'token value' },
    { kind: RecordKind.DOMAIN_TXT, name: 'a.example.org.', type: 'TXT', values: ['x', ref], ttl: 1800, purpose: 'one token value of two' },
    { kind: RecordKind.INBOUND_MX, name: 'a.example.org.', type: 'MX', values: ['0 .'], ttl: 1800, purpose: 'null MX' },
  ];
  expect(expectedRecords({ ...domain, metadata: { ...domain.metadata, output: undefined, records } })).toEqual({
    records: [
      { kind: RecordKind.DOMAIN_TXT, purpose: 'token name', type: 'TXT' },
      { kind: RecordKind.DOMAIN_TXT, purpose: 'token value', type: 'TXT' },
      { kind: RecordKind.DOMAIN_TXT, purpose: 'one token value of two', type: 'TXT' },
      { kind: RecordKind.INBOUND_MX, purpose: 'null MX', name: 'a.example.org', type: 'MX', values: ['0 .'] },
    ],
    deployed: undefined,
  });
});

test('with outputs that lack the stack: not deployed yet, the deploy-time records stay pending', () => {
  const { records, deployed } = expectedRecords(domain, { Other: { Records1: block } });
  expect(deployed).toBe(false);
  expect(records.slice(0, 2)).toEqual([
    { kind: RecordKind.DKIM, purpose: 'Easy DKIM record 1', type: 'CNAME' },
    { kind: RecordKind.DKIM, purpose: 'Easy DKIM record 2', type: 'CNAME' },
  ]);
});

// checkDomain against a real BIND serving the zone v.test, each name holding one situation; no app is synthesized.
const SPF_OK = 'v=spf1 ip4:192.0.2.0/24 -all';
const SPF_LIMITS = ['at most 10 DNS lookups, at most 2 void lookups, no loop'];
const ZONE = [
  'txt.v.test. IN TXT "b=2"', 'txt.v.test. IN TXT "a=1"',
  'alias.v.test. IN CNAME target.elsewhere.example.',
  'nodata.v.test. IN A 192.0.2.1',
  'mx.v.test. IN MX 20 mx2.v.test.', 'mx.v.test. IN MX 10 mx1.v.test.',
  // BIND answers in random order (rrset-order random): five records rarely (1 in 120) arrive sorted.
  ...['30 c', '10 bb', '20 b', '10 z', '10 a'].map((mx) => `mxtie.v.test. IN MX ${mx}.v.test.`),
  'nullmx.v.test. IN MX 0 .',
  'bounce.v.test. IN MX 10 elsewhere.example.',
  'tok._domainkey.v.test. IN CNAME tok.dkim.amazonses.com.',
  `twospf.v.test. IN TXT "${SPF_OK}"`, 'twospf.v.test. IN TXT "v=spf1 -all"', 'twospf.v.test. IN TXT "a=1"',
  `spf.v.test. IN TXT "${SPF_OK}"`, 'spf.v.test. IN TXT "a=1"',
  'spfdiff.v.test. IN TXT "v=spf1 ip4:192.0.2.0/24 ~all exp=why.v.test"',
  'spfbad.v.test. IN TXT "v=spf1 ip4:192.0.2.0/24 include: -all"', 'spfbad.v.test. IN TXT "a=1"',
  'nospf.v.test. IN TXT "a=1"',
  'spfloop.v.test. IN TXT "v=spf1 include:spfloop.v.test -all"',
  '_dmarc.ok.v.test. IN TXT "v=DMARC1;p=quarantine"', '_dmarc.ok.v.test. IN TXT "other"',
  '_dmarc.two.v.test. IN TXT "v=DMARC1; p=none"', '_dmarc.two.v.test. IN TXT "v=DMARC1; p=reject"',
  '_dmarc.none.v.test. IN TXT "other text"',
  '_dmarc.bad.v.test. IN TXT "v=DMARC1; p=maybe"',
  '_dmarc.diff.v.test. IN TXT "v=DMARC1; p=none; adkim=s"',
];
let bind: BindServer;
let silent: BindServer;
let lookup: NodeDnsLookup;

beforeAll(async () => {
  bind = await startBind([{ origin: 'v.test', records: ZONE }]);
  silent = await startSilentServer();
  lookup = new NodeDnsLookup([bind.address], { timeoutMs: 2000, tries: 2 });
}, 30_000);

afterAll(async () => {
  await bind?.stop();
  await silent?.stop();
});

const inZone = (hostedZone?: string): AppDomain => ({ ...domain, metadata: { ...domain.metadata, domain: 'v.test', hostedZone, records: [] } });
const where = { domain: 'v.test', stack: 'Mail' };
const E = (kind: RecordKind, name: string | undefined, type: string, values?: string[]): Expected => ({ kind, purpose: 'the record', name, type, values });
/** The rows as the command prints them: each record's, then the SPF evaluations. */
const rowsOf = (check: DomainCheck) => [...check.records.map((r) => r.row), ...check.evaluations];
/** The row of a record as checkDomain gives it. */
const R = (e: Expected, found: string[], verdict: string, more: { detail?: string; advice?: string } = {}) => ({
  ...where, purpose: 'the record', name: `${e.name}.`, type: e.type, expected: e.values, found, verdict, ...more,
});

const txt = E(RecordKind.DOMAIN_TXT, 'txt.v.test', 'TXT', ['a=1', 'b=2']);
const mx = E(RecordKind.INBOUND_MX, 'mx.v.test', 'MX', ['10 mx1.v.test', '20 mx2.v.test']);
const dkim = E(RecordKind.DKIM, 'tok._domainkey.v.test', 'CNAME', ['tok.dkim.amazonses.com']);
const spfAt = (name: string, ...values: string[]) => E(RecordKind.DOMAIN_TXT, name, 'TXT', values);
const dmarcAt = (name: string) => E(RecordKind.DMARC, `_dmarc.${name}.v.test`, 'TXT', ['v=DMARC1; p=quarantine']);
const PARSE_SPF = "'include:' is not a valid SPF term: include needs a domain (include:<domain>)";

test.each<[string, Expected, object]>([
  ['TXT strings in another order', txt, R(txt, ['a=1', 'b=2'], 'ok')],
  ['a TXT string missing', { ...txt, values: ['a=1', 'c=3'] }, R({ ...txt, values: ['a=1', 'c=3'] }, ['a=1', 'b=2'], 'different', { detail: 'not found: "c=3"' })],
  ['MX sorted by priority', mx, R(mx, ['10 mx1.v.test', '20 mx2.v.test'], 'ok')],
  ['MX sorted by priority, then host', { ...mx, name: 'mxtie.v.test' }, R({ ...mx, name: 'mxtie.v.test' }, ['10 a.v.test', '10 bb.v.test', '10 z.v.test', '20 b.v.test', '30 c.v.test'], 'different', {
    detail: 'expected 10 mx1.v.test, 20 mx2.v.test',
  })],
  ['MX with one host of two another', { ...mx, values: ['10 mx1.v.test', '20 mx3.v.test'] },
    R({ ...mx, values: ['10 mx1.v.test', '20 mx3.v.test'] }, ['10 mx1.v.test', '20 mx2.v.test'], 'different', { detail: 'expected 10 mx1.v.test, 20 mx3.v.test' })],
  ['MX with one host more', { ...mx, values: ['10 mx1.v.test'] }, R({ ...mx, values: ['10 mx1.v.test'] }, ['10 mx1.v.test', '20 mx2.v.test'], 'different', { detail: 'expected 10 mx1.v.test' })],
  ['a null MX', E(RecordKind.INBOUND_MX, 'nullmx.v.test', 'MX', ['0 .']), R(E(RecordKind.INBOUND_MX, 'nullmx.v.test', 'MX', ['0 .']), ['0 .'], 'ok')],
  ['the MAIL FROM MX pointing elsewhere', E(RecordKind.MAIL_FROM_MX, 'bounce.v.test', 'MX', ['10 feedback-smtp.eu-west-1.amazonses.com']),
    R(E(RecordKind.MAIL_FROM_MX, 'bounce.v.test', 'MX', ['10 feedback-smtp.eu-west-1.amazonses.com']), ['10 elsewhere.example'], 'conflict', {
      detail: 'the MAIL FROM domain must have exactly one MX, SES\'s feedback endpoint; an MX pointing elsewhere takes its bounces',
    })],
  ['an Easy DKIM CNAME', dkim, R(dkim, ['tok.dkim.amazonses.com'], 'ok')],
  ['an Easy DKIM CNAME to another host', { ...dkim, values: ['tok2.dkim.amazonses.com'] }, R({ ...dkim, values: ['tok2.dkim.amazonses.com'] }, ['tok.dkim.amazonses.com'], 'different', { detail: 'expected tok2.dkim.amazonses.com' })],
  ['a CNAME where a TXT record is needed', { ...txt, name: 'alias.v.test' }, R({ ...txt, name: 'alias.v.test' }, ['CNAME target.elsewhere.example.'], 'conflict', {
    detail: 'a CNAME is at alias.v.test., where a TXT record is needed; a CNAME must be alone at its name',
  })],
  ['no such name', { ...txt, name: 'absent.v.test' }, R({ ...txt, name: 'absent.v.test' }, [], 'missing')],
  ['a name without TXT records', { ...txt, name: 'nodata.v.test' }, R({ ...txt, name: 'nodata.v.test' }, [], 'missing')],
  ['a name outside the server\'s zones (refused)', { ...txt, name: 'elsewhere.example' }, R({ ...txt, name: 'elsewhere.example' }, [], 'unreachable', {
    detail: 'error: EREFUSED: the server refused the query (REFUSED)',
  })],
  ['two SPF records', spfAt('twospf.v.test', SPF_OK, 'a=1'), R(spfAt('twospf.v.test', SPF_OK, 'a=1'), ['a=1', 'v=spf1 -all', SPF_OK], 'conflict', {
    detail: '2 SPF records at the name: receivers treat that as a permerror and ignore both (RFC 7208 section 3.2)',
  })],
  ['two SPF records where none is expected', spfAt('twospf.v.test', 'a=1'), R(spfAt('twospf.v.test', 'a=1'), ['a=1', 'v=spf1 -all', SPF_OK], 'ok')],
  ['SPF and another string', spfAt('spf.v.test', SPF_OK, 'a=1'), R(spfAt('spf.v.test', SPF_OK, 'a=1'), ['a=1', SPF_OK], 'ok')],
  ['SPF that means something else', spfAt('spfdiff.v.test', SPF_OK), R(spfAt('spfdiff.v.test', SPF_OK), ['v=spf1 ip4:192.0.2.0/24 ~all exp=why.v.test'], 'different', {
    detail: `not found: "${SPF_OK}"; the SPF record found means something else: term 2 is ~all, expected -all; exp= is exp=why.v.test, expected none`,
  })],
  ['no SPF record where one is expected', spfAt('nospf.v.test', SPF_OK, 'a=1'), R(spfAt('nospf.v.test', SPF_OK, 'a=1'), ['a=1'], 'different', {
    detail: `not found: "${SPF_OK}" (no SPF record at the name)`,
  })],
  ['SPF that does not parse and a string missing: invalid, both said', spfAt('spfbad.v.test', SPF_OK, 'b=2'),
    R(spfAt('spfbad.v.test', SPF_OK, 'b=2'), ['a=1', 'v=spf1 ip4:192.0.2.0/24 include: -all'], 'invalid', { detail: `${PARSE_SPF}; not found: "b=2"` })],
  ['a string missing and SPF that does not parse: invalid whatever the order', spfAt('spfbad.v.test', 'b=2', SPF_OK),
    R(spfAt('spfbad.v.test', 'b=2', SPF_OK), ['a=1', 'v=spf1 ip4:192.0.2.0/24 include: -all'], 'invalid', { detail: `not found: "b=2"; ${PARSE_SPF}` })],
  ['DMARC spelled otherwise', dmarcAt('ok'), R(dmarcAt('ok'), ['other', 'v=DMARC1;p=quarantine'], 'ok')],
  ['two DMARC records', dmarcAt('two'), R(dmarcAt('two'), ['v=DMARC1; p=none', 'v=DMARC1; p=reject'], 'conflict', {
    detail: '2 DMARC records at the name: receivers ignore both (RFC 9989)',
  })],
  ['no DMARC record among the TXT records', dmarcAt('none'), R(dmarcAt('none'), ['other text'], 'different', { detail: 'no record starting with v=DMARC1' })],
  ['DMARC that does not parse', dmarcAt('bad'), R(dmarcAt('bad'), ['v=DMARC1; p=maybe'], 'invalid', { detail: "'v=DMARC1; p=maybe' is not a valid DMARC record: p must be none, quarantine or reject, got 'maybe'" })],
  ['DMARC that means something else', dmarcAt('diff'), R(dmarcAt('diff'), ['v=DMARC1; p=none; adkim=s'], 'different', {
    detail: 'expected v=DMARC1; p=quarantine; the record found means something else: p is none, expected quarantine; adkim is s, expected r',
  })],
])('a deployed stack, %s', async (_, e, row) => {
  const rows = rowsOf(await checkDomain(inZone('v.test'), [e], true, lookup, lookup));
  expect(rows.filter((r) => r.type !== 'SPF')).toEqual([row]);
});

const PENDING_UNKNOWN = 'Easy DKIM names and values are known only after deploy: give --outputs with the file cdk deploy --outputs-file writes';
const PENDING_BEFORE = 'Easy DKIM names and values are known only after deploy, and stack Mail is not in --outputs yet: after cdk deploy, give the outputs file it writes';
const pendingRow = (e: Expected, detail: string) => ({ ...where, purpose: 'the record', name: '(after deploy)', type: e.type, expected: e.values ?? [], found: [], verdict: 'pending', detail });

test.each<[string, Expected, boolean | undefined, string]>([
  ['without a name, deploy unknown', E(RecordKind.DKIM, undefined, 'CNAME'), undefined, PENDING_UNKNOWN],
  ['without a name, before the first deploy', E(RecordKind.DKIM, undefined, 'CNAME'), false, PENDING_BEFORE],
  ['with a name but no values', E(RecordKind.DKIM, 'tok._domainkey.v.test', 'CNAME'), undefined, PENDING_UNKNOWN],
  ['a TXT record with a name but no values', E(RecordKind.DOMAIN_TXT, 'spf.v.test', 'TXT'), undefined, PENDING_UNKNOWN],
])('a record known only after deploy is pending, %s', async (_, e, deployed, detail) => {
  expect(rowsOf(await checkDomain(inZone('v.test'), [e], deployed, lookup, lookup))).toEqual([pendingRow(e, detail)]);
});

const OUTSIDE = (name: string, type: string) => `${name} ${type} exists outside the stack: Route53 refuses to create a record set that already exists`;
const THEN_TXT = 'then delete the existing TXT record set txt.v.test. and run cdk deploy at once';

test.each<[string, string | undefined, boolean | undefined, Expected, object]>([
  ['before the first deploy, a record set equal to the stack\'s collides', 'v.test', false, txt,
    R(txt, ['a=1', 'b=2'], 'conflict', { detail: OUTSIDE('txt.v.test.', 'TXT'), advice: `domainTxtValues: ['a=1', 'b=2']; ${THEN_TXT}` })],
  ['before the first deploy, a name without records is missing', 'v.test', false, { ...txt, name: 'absent.v.test' }, R({ ...txt, name: 'absent.v.test' }, [], 'missing')],
  ['deploy unknown, a record set equal to the stack\'s is ok', 'v.test', undefined, txt, R(txt, ['a=1', 'b=2'], 'ok')],
  ['deploy unknown, a record set that differs collides', 'v.test', undefined, { ...txt, values: ['c=3'] },
    R({ ...txt, values: ['c=3'] }, ['a=1', 'b=2'], 'conflict', { detail: OUTSIDE('txt.v.test.', 'TXT'), advice: `domainTxtValues: ['a=1', 'b=2']; ${THEN_TXT}` })],
  ['deployed, a record set that differs is different', 'v.test', true, { ...txt, values: ['c=3'] },
    R({ ...txt, values: ['c=3'] }, ['a=1', 'b=2'], 'different', { detail: 'not found: "c=3"' })],
  ['no zone managed by the stack, before the first deploy: never a collision', undefined, false, { ...txt, values: ['c=3'] },
    R({ ...txt, values: ['c=3'] }, ['a=1', 'b=2'], 'different', { detail: 'not found: "c=3"' })],
  ['no zone managed by the stack, deploy unknown: never a collision', undefined, undefined, { ...txt, values: ['c=3'] },
    R({ ...txt, values: ['c=3'] }, ['a=1', 'b=2'], 'different', { detail: 'not found: "c=3"' })],
])('%s', async (_, hostedZone, deployed, e, row) => {
  expect(rowsOf(await checkDomain(inZone(hostedZone), [e], deployed, lookup, lookup))).toEqual([row]);
});

test('a server that does not answer: unreachable, with how long it waited', async () => {
  const deaf = new NodeDnsLookup([silent.address], { timeoutMs: 200, tries: 1 });
  expect(rowsOf(await checkDomain(inZone('v.test'), [txt], true, deaf, deaf))).toEqual([
    R(txt, [], 'unreachable', { detail: 'timeout: no answer to 1 try (timeout 200 ms)' }),
  ]);
});

const spfRow = (name: string, found: string, detail?: string) => ({
  ...where, purpose: 'SPF evaluated across includes', name: `${name}.`, type: 'SPF', expected: SPF_LIMITS, found: [found], verdict: detail ? 'invalid' : 'ok', detail,
});

test('an expected SPF record found is evaluated across includes, after the record rows', async () => {
  const spf = spfAt('spf.v.test', SPF_OK, 'a=1');
  expect(rowsOf(await checkDomain(inZone('v.test'), [spf, txt], true, lookup, lookup))).toEqual([
    R(spf, ['a=1', SPF_OK], 'ok'), R(txt, ['a=1', 'b=2'], 'ok'), spfRow('spf.v.test', '0 lookups, 0 void'),
  ]);
});

test('an SPF tree that fails its evaluation: invalid, the problems then the steps, indented by depth', async () => {
  const loop = spfAt('spfloop.v.test', 'v=spf1 include:spfloop.v.test -all');
  expect(rowsOf(await checkDomain(inZone('v.test'), [loop], true, lookup, lookup))).toEqual([
    R(loop, ['v=spf1 include:spfloop.v.test -all'], 'ok'),
    spfRow('spfloop.v.test', '1 lookups, 0 void', [
      'include loop: spfloop.v.test -> spfloop.v.test (include:spfloop.v.test in the SPF record of spfloop.v.test); receivers fail SPF with permerror.',
      'steps:',
      'spfloop.v.test: v=spf1 include:spfloop.v.test -all (0 lookups)',
      '  spfloop.v.test: include loop, not followed (1 lookups)',
    ].join('\n')),
  ]);
});

test.each<[string, Expected]>([
  ['no SPF record at the name', spfAt('nospf.v.test', SPF_OK)],
  ['no such name', spfAt('absent.v.test', SPF_OK)],
  ['the name is not asked about for SPF: no SPF value expected', spfAt('spf.v.test', 'a=1')],
  ['an SPF value of another type', E(RecordKind.DOMAIN_TXT, 'spf.v.test', 'CNAME', [SPF_OK])],
])('no SPF evaluation row: %s', async (_, e) => {
  expect((rowsOf(await checkDomain(inZone('v.test'), [e], true, lookup, lookup))).map((r) => r.type)).toEqual([e.type]);
});

test('each record keeps its own row, whatever order the answers arrive in', async () => {
  // The first record's answers come last, so its row is made last.
  const late = (name: string) => new Promise<void>((done) => setTimeout(done, name === 'txt.v.test' ? 300 : 0));
  const slow: NodeDnsLookup = Object.create(lookup);
  for (const method of ['txt', 'mx', 'cname'] as const) {
    slow[method] = (async (name: string) => { await late(name); return lookup[method](name); }) as never;
  }
  const pending = E(RecordKind.DKIM, undefined, 'CNAME');
  expect(await checkDomain(inZone('v.test'), [txt, mx, pending, dkim], true, slow, slow)).toEqual({
    records: [
      { expected: txt, row: R(txt, ['a=1', 'b=2'], 'ok') },
      { expected: mx, row: R(mx, ['10 mx1.v.test', '20 mx2.v.test'], 'ok') },
      { expected: pending, row: pendingRow(pending, PENDING_UNKNOWN) },
      { expected: dkim, row: R(dkim, ['tok.dkim.amazonses.com'], 'ok') },
    ],
    evaluations: [],
  });
});
