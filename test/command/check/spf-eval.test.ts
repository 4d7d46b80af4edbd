import { Answer, DnsLookup, MxRecord, NodeDnsLookup } from '../../../src/command/check/dns';
import { evaluateSpf, ordinal, SpfEvaluation, SpfStep } from '../../../src/command/check/spf-eval';
import { SPF_MAX_LOOKUPS, SPF_MAX_VOID_LOOKUPS } from '../../../src/limits';
import { bindAvailable, BindServer, startBind, startSilentServer } from '../../helpers/bind-server';

// SPF walked over a real BIND (named) serving the zone spf.test; a missing named fails the suite (CI installs bind9).

const SPF = (name: string, ...strings: string[]) => `${name}.spf.test. IN TXT ${strings.map((s) => JSON.stringify(s)).join(' ')}`;
const GOOD = 'v=spf1 ip4:192.0.2.0/24 include:a.good.spf.test mx a:host.spf.test -all';
const A_GOOD = 'v=spf1 include:b.good.spf.test ip6:2001:db8::/32 ~all';
const B_GOOD = 'v=spf1 exists:host.spf.test ptr ?all';
const RFC = 'RFC 7208 section 4.6.4';
const REFUSED = 'v=spf1 include:elsewhere.example a:elsewhere.example mx:elsewhere.example exists:elsewhere.example -all';
const VOID3 = 'v=spf1 a:missing1.spf.test a:missing2.spf.test include:missing3.spf.test -all';
const MODNAMES = 'v=spf1 ptr=x all=y ip4:192.0.2.1 redirect=good.spf.test';

let bind: BindServer;
let silent: BindServer;

beforeAll(async () => {
  expect(bindAvailable()).toBe(true);
  silent = await startSilentServer();
  bind = await startBind([{
    origin: 'spf.test',
    records: [
      'host.spf.test. IN A 192.0.2.1',
      'host.spf.test. IN AAAA 2001:db8::1',
      'mx1.spf.test. IN A 192.0.2.25',
      'txtonly.spf.test. IN TXT "not spf"',
      SPF('good', 'v=spf1 ip4:192.0.2.0/24 include:a.good.spf.test', ' mx a:host.spf.test -all'), // two strings, joined
      'good.spf.test. IN MX 10 mx1.spf.test.',
      SPF('a.good', A_GOOD),
      SPF('b.good', B_GOOD),
      SPF('diamond', 'v=spf1 include:b.good.spf.test include:a.good.spf.test -all'),
      SPF('deep', 'v=spf1 a:host.spf.test include:d1.spf.test -all'),
      SPF('d1', 'v=spf1 a:host.spf.test a:host.spf.test include:d2.spf.test -all'),
      SPF('d2', 'v=spf1 mx:good.spf.test include:d3.spf.test -all'),
      SPF('d3', 'v=spf1 a:host.spf.test a:host.spf.test a:host.spf.test include:d4.spf.test include:never.spf.test -all'),
      SPF('d4', 'v=spf1 -all'),
      SPF('void', 'v=spf1 a:missing1.spf.test mx:txtonly.spf.test a:missing3.spf.test include:good.spf.test -all'),
      SPF('void2', 'v=spf1 a:missing1.spf.test include:missing2.spf.test -all'),
      SPF('nonspf', 'v=spf1 include:txtonly.spf.test -all'),
      SPF('loop-a', 'v=spf1 include:loop-b.spf.test -all'),
      SPF('loop-b', 'v=spf1 ip4:192.0.2.1 include:loop-a.spf.test -all'),
      SPF('looptop', 'v=spf1 include:loop-a.spf.test -all'),
      SPF('redir', 'v=spf1 redirect=good.spf.test'),
      SPF('redir-all', 'v=spf1 redirect=good.spf.test ip4:192.0.2.1 ~all'),
      SPF('redir-missing', 'v=spf1 redirect=missing.spf.test'),
      SPF('macro', 'v=spf1 exists:%{i}._spf.spf.test include:%{d2}.spf.test a:%{d}.spf.test ptr:%{d} -all'),
      SPF('two', 'v=spf1 ~all'),
      SPF('two', 'v=spf1 -all'),
      SPF('two', 'something else'),
      SPF('bad', 'v=spf1 inclde:good.spf.test -all'),
      SPF('manymx', 'v=spf1 mx -all'),
      ...Array.from({ length: 11 }, (_, i) => `manymx.spf.test. IN MX ${i} mx${i}.spf.test.`),
      SPF('slowinclude', 'v=spf1 include:x.slow.test a:host.slow.test -all'),
      SPF('refused', REFUSED),
      SPF('hostinc', 'v=spf1 include:host.spf.test -all'),
      SPF('void3', VOID3),
      'txt2.spf.test. IN TXT "one"', 'txt2.spf.test. IN TXT "two"',
      SPF('three', 'v=spf1 -all'), SPF('three', 'v=spf1 ~all'), SPF('three', 'v=spf1 ?all'),
      SPF('modnames', MODNAMES),
      SPF('expredir', 'v=spf1 exp=explain.spf.test redirect=good.spf.test'),
      SPF('rloop', 'v=spf1 redirect=rloop.spf.test'),
      SPF('twomx', 'v=spf1 mx -all'), 'twomx.spf.test. IN MX 10 mx1.spf.test.', 'twomx.spf.test. IN MX 20 host.spf.test.',
      SPF('tenmx', 'v=spf1 mx -all'), ...Array.from({ length: 10 }, (_, i) => `tenmx.spf.test. IN MX ${i} mx${i}.spf.test.`),
      SPF('manya', 'v=spf1 a -all'), ...Array.from({ length: 11 }, (_, i) => `manya.spf.test. IN A 192.0.2.${i + 1}`),
    ],
  }]);
}, 30_000);

afterAll(async () => {
  await bind?.stop();
  await silent?.stop();
});

/** Real DNS with a record of the questions asked, in order; names under slow.test go to the silent server. */
class RecordingLookup implements DnsLookup {
  public readonly asked: string[] = [];
  private readonly fast: DnsLookup;
  private readonly slow: DnsLookup;

  constructor() {
    this.fast = new NodeDnsLookup([bind.address], { timeoutMs: 2000, tries: 2 });
    this.slow = new NodeDnsLookup([silent.address], { timeoutMs: 300, tries: 1 });
  }
  public txt(name: string): Promise<Answer<string>> { return this.route('TXT', name).txt(name); }
  public mx(name: string): Promise<Answer<MxRecord>> { return this.route('MX', name).mx(name); }
  public cname(name: string): Promise<Answer<string>> { return this.route('CNAME', name).cname(name); }
  public a(name: string): Promise<Answer<string>> { return this.route('A', name).a(name); }
  public aaaa(name: string): Promise<Answer<string>> { return this.route('AAAA', name).aaaa(name); }
  public ns(name: string): Promise<Answer<string>> { return this.route('NS', name).ns(name); }
  private route(type: string, name: string): DnsLookup {
    this.asked.push(`${type} ${name}`);
    return name.endsWith('.slow.test') ? this.slow : this.fast;
  }
}

const record = (domain: string, depth: number, text: string, lookups: number): SpfStep => ({ domain, depth, record: text, lookups });
const evaluation = (domain: string, lookups: number, voidLookups: number, problems: string[], steps: SpfStep[]): SpfEvaluation => ({
  domain, lookups, voidLookups, problems, steps,
});
const note = (domain: string, depth: number, text: string, lookups: number): SpfStep => ({ domain, depth, note: text, lookups });

/** The steps of good.spf.test's tree, starting at `depth` with `before` lookups already counted. */
const goodSteps = (depth: number, before: number): SpfStep[] => [
  record('good.spf.test', depth, GOOD, before),
  record('a.good.spf.test', depth + 1, A_GOOD, before + 1),
  record('b.good.spf.test', depth + 2, B_GOOD, before + 2),
  note('b.good.spf.test', depth + 3, 'exists:host.spf.test: 1 address', before + 3),
  note('b.good.spf.test', depth + 3, 'ptr: not queried (it depends on the connecting address)', before + 4),
  note('good.spf.test', depth + 1, 'mx: 1 MX host', before + 5),
  note('good.spf.test', depth + 1, 'a:host.spf.test: 2 addresses', before + 6),
];

test('the limits of RFC 7208 section 4.6.4', () => {
  expect([SPF_MAX_LOOKUPS, SPF_MAX_VOID_LOOKUPS]).toEqual([10, 2]);
});

test('a good tree: includes followed in term order, every DNS-querying term counted, strings joined', async () => {
  const dns = new RecordingLookup();
  const result = await evaluateSpf('Good.SPF.test.', dns);
  expect(result).toEqual(evaluation('good.spf.test', 6, 0, [], goodSteps(0, 0)));
  expect(dns.asked).toEqual([
    'TXT good.spf.test', 'TXT a.good.spf.test', 'TXT b.good.spf.test', 'A host.spf.test', 'MX good.spf.test', 'A host.spf.test', 'AAAA host.spf.test',
  ]);
});

test('a domain included twice (not a loop) is walked and counted twice', async () => {
  const result = await evaluateSpf('diamond.spf.test', new RecordingLookup());
  expect(result.problems).toEqual([]);
  expect(result.lookups).toBe(7);
  expect(result.steps.filter((s) => s.record !== undefined).map((s) => `${s.depth} ${s.domain}`)).toEqual([
    '0 diamond.spf.test', '1 b.good.spf.test', '1 a.good.spf.test', '2 b.good.spf.test',
  ]);
});

test('more than 10 lookups through nested includes: the walk stops at the 11th, as receivers do', async () => {
  const dns = new RecordingLookup();
  const result = await evaluateSpf('deep.spf.test', dns);
  expect(result.problems).toEqual([
    `more than 10 DNS lookups (11): include:d4.spf.test in the SPF record of d3.spf.test is the 11th; receivers stop there and fail SPF with permerror (${RFC}), so the rest of the tree was not checked.`,
  ]);
  expect(result.lookups).toBe(11);
  expect(result.voidLookups).toBe(0);
  expect(result.steps.slice(-2)).toEqual([
    note('d3.spf.test', 4, 'a:host.spf.test: 2 addresses', 10),
    note('d3.spf.test', 4, 'include:d4.spf.test: lookup 11, over the limit of 10; the walk stops', 11),
  ]);
  expect(result.steps.filter((s) => s.record !== undefined).map((s) => [s.domain, s.depth, s.lookups])).toEqual([
    ['deep.spf.test', 0, 0], ['d1.spf.test', 1, 2], ['d2.spf.test', 2, 5], ['d3.spf.test', 3, 7],
  ]);
  expect(dns.asked.filter((q) => q.startsWith('TXT'))).toEqual(['TXT deep.spf.test', 'TXT d1.spf.test', 'TXT d2.spf.test', 'TXT d3.spf.test']);
});

test('more than 2 void lookups: nxdomain and nodata both count, the walk stops at the 3rd', async () => {
  const result = await evaluateSpf('void.spf.test', new RecordingLookup());
  expect(result).toEqual(evaluation('void.spf.test', 3, 3, [
    `more than 2 void lookups (3): a:missing3.spf.test in the SPF record of void.spf.test found no records (nxdomain), the 3rd such lookup; receivers stop there and fail SPF with permerror (${RFC}).`,
  ], [
    record('void.spf.test', 0, 'v=spf1 a:missing1.spf.test mx:txtonly.spf.test a:missing3.spf.test include:good.spf.test -all', 0),
    note('void.spf.test', 1, 'a:missing1.spf.test: nxdomain (void lookup 1)', 1),
    note('void.spf.test', 1, 'mx:txtonly.spf.test: nodata (void lookup 2)', 2),
    note('void.spf.test', 1, 'a:missing3.spf.test: nxdomain (void lookup 3, over the limit of 2); the walk stops', 3),
  ]));
});

test('a missing include target: no SPF record, and a void lookup (two are still allowed)', async () => {
  const result = await evaluateSpf('void2.spf.test', new RecordingLookup());
  expect(result).toEqual(evaluation('void2.spf.test', 2, 2, [
    'no SPF record at missing2.spf.test (include:missing2.spf.test): the name does not exist (nxdomain), so receivers fail SPF with permerror.',
  ], [
    record('void2.spf.test', 0, 'v=spf1 a:missing1.spf.test include:missing2.spf.test -all', 0),
    note('void2.spf.test', 1, 'a:missing1.spf.test: nxdomain (void lookup 1)', 1),
    note('missing2.spf.test', 1, 'no SPF record (nxdomain, void lookup 2)', 2),
  ]));
});

test('an include target with TXT records but no SPF record', async () => {
  const result = await evaluateSpf('nonspf.spf.test', new RecordingLookup());
  expect(result.problems).toEqual([
    'no SPF record at txtonly.spf.test (include:txtonly.spf.test): its only TXT record does not start with v=spf1, so receivers fail SPF with permerror.',
  ]);
  expect(result.voidLookups).toBe(0);
  expect(result.steps[1]).toEqual(note('txtonly.spf.test', 1, 'no SPF record (no v=spf1 TXT record)', 1));
});

test('an include loop is reported from where it starts, and not followed', async () => {
  const expected = 'include loop: loop-a.spf.test -> loop-b.spf.test -> loop-a.spf.test (include:loop-a.spf.test in the SPF record of loop-b.spf.test); '
    + 'receivers fail SPF with permerror.';
  const direct = await evaluateSpf('loop-a.spf.test', new RecordingLookup());
  expect(direct).toEqual(evaluation('loop-a.spf.test', 2, 0, [expected], [
    record('loop-a.spf.test', 0, 'v=spf1 include:loop-b.spf.test -all', 0),
    record('loop-b.spf.test', 1, 'v=spf1 ip4:192.0.2.1 include:loop-a.spf.test -all', 1),
    note('loop-a.spf.test', 2, 'include loop, not followed', 2),
  ]));
  const below = await evaluateSpf('looptop.spf.test', new RecordingLookup());
  expect(below.problems).toEqual([expected]);
  expect(below.lookups).toBe(3);
});

test('redirect= is followed and counted', async () => {
  const result = await evaluateSpf('redir.spf.test', new RecordingLookup());
  expect(result).toEqual(evaluation('redir.spf.test', 7, 0, [], [record('redir.spf.test', 0, 'v=spf1 redirect=good.spf.test', 0), ...goodSteps(1, 1)]));
});

test('redirect= is ignored (not queried, not counted) when the record has an all mechanism', async () => {
  const dns = new RecordingLookup();
  const result = await evaluateSpf('redir-all.spf.test', dns);
  expect(result).toEqual(evaluation('redir-all.spf.test', 0, 0, [], [
    record('redir-all.spf.test', 0, 'v=spf1 redirect=good.spf.test ip4:192.0.2.1 ~all', 0),
    note('redir-all.spf.test', 1, 'redirect=good.spf.test: ignored, the record has an all mechanism', 0),
  ]));
  expect(dns.asked).toEqual(['TXT redir-all.spf.test']);
});

test('a redirect= to a domain without SPF', async () => {
  const result = await evaluateSpf('redir-missing.spf.test', new RecordingLookup());
  expect(result.problems).toEqual([
    'no SPF record at missing.spf.test (redirect=missing.spf.test): the name does not exist (nxdomain), so receivers fail SPF with permerror.',
  ]);
  expect([result.lookups, result.voidLookups]).toEqual([1, 1]);
});

test('terms whose domain has a macro are counted but not queried', async () => {
  const dns = new RecordingLookup();
  const result = await evaluateSpf('macro.spf.test', dns);
  const notQueried = '(the domain has a macro, known only to receivers)';
  expect(result).toEqual(evaluation('macro.spf.test', 4, 0, [], [
    record('macro.spf.test', 0, 'v=spf1 exists:%{i}._spf.spf.test include:%{d2}.spf.test a:%{d}.spf.test ptr:%{d} -all', 0),
    note('macro.spf.test', 1, `exists:%{i}._spf.spf.test: not queried ${notQueried}`, 1),
    note('macro.spf.test', 1, `include:%{d2}.spf.test: not followed ${notQueried}`, 2),
    note('macro.spf.test', 1, `a:%{d}.spf.test: not queried ${notQueried}`, 3),
    note('macro.spf.test', 1, 'ptr:%{d}: not queried (it depends on the connecting address)', 4),
  ]));
  expect(dns.asked).toEqual(['TXT macro.spf.test']);
});

test('two SPF records, a syntax error, no SPF at the checked domain', async () => {
  const dns = new RecordingLookup();
  expect((await evaluateSpf('two.spf.test', dns)).problems).toEqual([
    'two SPF records at two.spf.test: "v=spf1 -all" and "v=spf1 ~all"; there must be one, so receivers fail SPF with permerror.',
  ]);
  expect((await evaluateSpf('bad.spf.test', dns)).problems).toEqual([
    "the SPF record at bad.spf.test is not valid: 'inclde:good.spf.test' is not a valid SPF term: 'inclde' is not an SPF mechanism or modifier.",
  ]);
  const none = await evaluateSpf('nospf.spf.test', dns);
  expect(none.problems).toEqual([
    'no SPF record at nospf.spf.test: the name does not exist (nxdomain), so receivers find no SPF policy (result none).',
  ]);
  expect(none.voidLookups).toBe(0); // the checked domain's own TXT query is not a term
  expect((await evaluateSpf('host.spf.test', dns)).problems).toEqual([
    'no SPF record at host.spf.test: it has no TXT records (nodata), so receivers find no SPF policy (result none).',
  ]);
});

test('an mx mechanism with more than 10 MX hosts', async () => {
  const result = await evaluateSpf('manymx.spf.test', new RecordingLookup());
  expect(result.problems).toEqual([
    `mx in the SPF record of manymx.spf.test names 11 MX hosts at manymx.spf.test; more than 10 make receivers fail SPF with permerror (${RFC}).`,
  ]);
  expect(result.lookups).toBe(1);
});

test('a timeout is reported as a timeout, never as a missing record', async () => {
  const slow = new NodeDnsLookup([silent.address], { timeoutMs: 300, tries: 1 });
  expect(await evaluateSpf('good.spf.test', slow)).toEqual(evaluation('good.spf.test', 0, 0,
    ['timeout asking for TXT at good.spf.test: no answer to 1 try (timeout 300 ms).'],
    [note('good.spf.test', 0, 'timeout asking for TXT', 0)]));

  const result = await evaluateSpf('slowinclude.spf.test', new RecordingLookup());
  expect(result).toEqual(evaluation('slowinclude.spf.test', 2, 0, [
    'timeout asking for TXT at x.slow.test (include:x.slow.test): no answer to 1 try (timeout 300 ms).',
    'timeout asking for A at host.slow.test (a:host.slow.test in the SPF record of slowinclude.spf.test): no answer to 1 try (timeout 300 ms).',
  ], [
    record('slowinclude.spf.test', 0, 'v=spf1 include:x.slow.test a:host.slow.test -all', 0),
    note('x.slow.test', 1, 'timeout asking for TXT', 1),
    note('slowinclude.spf.test', 1, 'a:host.slow.test: timeout asking for A', 2),
  ]));
});

test.each<[number, string]>([
  [1, '1st'], [2, '2nd'], [3, '3rd'], [4, '4th'], [10, '10th'], [11, '11th'], [12, '12th'], [13, '13th'],
  [21, '21st'], [22, '22nd'], [23, '23rd'], [101, '101st'], [111, '111th'], [112, '112th'], [113, '113th'],
])('ordinal(%i) is %s', (n, text) => {
  expect(ordinal(n)).toBe(text);
});

const refused = (type: string, term: string) => `error asking for ${type} at elsewhere.example (${term} in the SPF record of refused.spf.test): `
  + 'EREFUSED: the server refused the query (REFUSED).';

test.each<[string, string, SpfEvaluation]>([
  ['a server that refuses: each query an error saying so, for TXT, A, MX and exists', 'refused', evaluation('refused.spf.test', 4, 0, [
    'error asking for TXT at elsewhere.example (include:elsewhere.example): EREFUSED: the server refused the query (REFUSED).',
    refused('A', 'a:elsewhere.example'), refused('MX', 'mx:elsewhere.example'), refused('A', 'exists:elsewhere.example'),
  ], [
    record('refused.spf.test', 0, REFUSED, 0),
    note('elsewhere.example', 1, 'error asking for TXT', 1),
    note('refused.spf.test', 1, 'a:elsewhere.example: error asking for A', 2),
    note('refused.spf.test', 1, 'mx:elsewhere.example: error asking for MX', 3),
    note('refused.spf.test', 1, 'exists:elsewhere.example: error asking for A', 4),
  ])],
  ['an include target without TXT records (nodata) is a void lookup', 'hostinc', evaluation('hostinc.spf.test', 1, 1, [
    'no SPF record at host.spf.test (include:host.spf.test): it has no TXT records (nodata), so receivers fail SPF with permerror.',
  ], [
    record('hostinc.spf.test', 0, 'v=spf1 include:host.spf.test -all', 0),
    note('host.spf.test', 1, 'no SPF record (nodata, void lookup 1)', 1),
  ])],
  ['the 3rd void lookup at an include target: the walk stops, the step shown under the record that includes it', 'void3', evaluation('void3.spf.test', 3, 3, [
    `more than 2 void lookups (3): include:missing3.spf.test in the SPF record of void3.spf.test found no records (nxdomain), the 3rd such lookup; receivers stop there and fail SPF with permerror (${RFC}).`,
    'no SPF record at missing3.spf.test (include:missing3.spf.test): the name does not exist (nxdomain), so receivers fail SPF with permerror.',
  ], [
    record('void3.spf.test', 0, VOID3, 0),
    note('void3.spf.test', 1, 'a:missing1.spf.test: nxdomain (void lookup 1)', 1),
    note('void3.spf.test', 1, 'a:missing2.spf.test: nxdomain (void lookup 2)', 2),
    note('void3.spf.test', 1, 'include:missing3.spf.test: nxdomain (void lookup 3, over the limit of 2); the walk stops', 3),
    note('missing3.spf.test', 1, 'no SPF record (nxdomain)', 3),
  ])],
  ['a redirect= loop is reported as one, and not followed', 'rloop', evaluation('rloop.spf.test', 1, 0, [
    'redirect loop: rloop.spf.test -> rloop.spf.test (redirect=rloop.spf.test in the SPF record of rloop.spf.test); receivers fail SPF with permerror.',
  ], [record('rloop.spf.test', 0, 'v=spf1 redirect=rloop.spf.test', 0), note('rloop.spf.test', 1, 'redirect loop, not followed', 1)])],
])('%s', async (_, name, result) => {
  expect(await evaluateSpf(`${name}.spf.test`, new RecordingLookup())).toEqual(result);
});

test('the steps of a domain without SPF, with two TXT records but none SPF, with two and three SPF records, with a syntax error', async () => {
  const dns = new RecordingLookup();
  expect((await evaluateSpf('nospf.spf.test', dns)).steps).toEqual([note('nospf.spf.test', 0, 'no SPF record (nxdomain)', 0)]);
  expect(await evaluateSpf('txt2.spf.test', dns)).toEqual(evaluation('txt2.spf.test', 0, 0, [
    'no SPF record at txt2.spf.test: none of its 2 TXT records starts with v=spf1, so receivers find no SPF policy (result none).',
  ], [note('txt2.spf.test', 0, 'no SPF record (no v=spf1 TXT record)', 0)]));
  expect((await evaluateSpf('two.spf.test', dns)).steps).toEqual([note('two.spf.test', 0, 'two SPF records', 0)]);
  // BIND answers in random order: three records arrive sorted 1 time in 6.
  expect(await evaluateSpf('three.spf.test', dns)).toEqual(evaluation('three.spf.test', 0, 0, [
    '3 SPF records at three.spf.test: "v=spf1 -all" and "v=spf1 ?all" and "v=spf1 ~all"; there must be one, so receivers fail SPF with permerror.',
  ], [note('three.spf.test', 0, '3 SPF records', 0)]));
  expect((await evaluateSpf('bad.spf.test', dns)).steps).toEqual([
    record('bad.spf.test', 0, 'v=spf1 inclde:good.spf.test -all', 0), note('bad.spf.test', 0, 'syntax error', 0),
  ]);
});

test.each<[string, string]>([
  ['modifiers named like mechanisms are not mechanisms: redirect= still applies', 'modnames'],
  ['an exp= before the redirect=', 'expredir'],
])('%s', async (_, name) => {
  const result = await evaluateSpf(`${name}.spf.test`, new RecordingLookup());
  expect(result).toEqual(evaluation(`${name}.spf.test`, 7, 0, [], [record(`${name}.spf.test`, 0, name === 'modnames' ? MODNAMES : 'v=spf1 exp=explain.spf.test redirect=good.spf.test', 0), ...goodSteps(1, 1)]));
});

test.each<[string, string]>([
  ['twomx', 'mx: 2 MX hosts'],
  ['tenmx', 'mx: 10 MX hosts'],
  ['manya', 'a: 11 addresses'],
])('%s: %s, within the limits (only mx has one on hosts, at more than 10)', async (name, text) => {
  const { domain: _, ...rest } = await evaluateSpf(`${name}.spf.test`, new RecordingLookup());
  expect(rest).toEqual({ lookups: 1, voidLookups: 0, problems: [], steps: [record(`${name}.spf.test`, 0, `v=spf1 ${name === 'manya' ? 'a' : 'mx'} -all`, 0), note(`${name}.spf.test`, 1, text, 1)] });
});

test('the domain is read trimmed, lower case, without its trailing dot', async () => {
  const result = await evaluateSpf(' Good.SPF.test. ', new RecordingLookup());
  expect([result.domain, result.problems, result.lookups]).toEqual(['good.spf.test', [], 6]);
});
