import { exitCode, json, table, verdictLine } from '../../../src/command/check/report';
import { Row, Verdict } from '../../../src/command/check/verdicts';

// How the check reports: the exit code, the verdict line, the table (cut or wide) and the JSON.

const row = (verdict: Verdict, more: Partial<Row> = {}): Row => ({
  domain: 'a.example.org',
  stack: 'Mail',
  purpose: 'DMARC policy',
  name: '_dmarc.a.example.org.',
  type: 'TXT',
  expected: ['v=DMARC1; p=none'],
  found: verdict === 'missing' ? [] : ['v=DMARC1; p=none'],
  verdict,
  ...more,
});

test.each<[Verdict[], number]>([
  [[], 0], [['ok'], 0], [['ok', 'pending'], 0], [['missing'], 1], [['different'], 1], [['conflict'], 1], [['invalid'], 1],
  [['pending', 'missing'], 1], [['unreachable'], 2], [['missing', 'unreachable'], 2],
])('verdicts %j exit %i', (verdicts, code) => {
  expect(exitCode(verdicts.map((v) => row(v)))).toBe(code);
});

test.each<[Row[], string]>([
  [[row('ok')], 'OK: every expected record holds (1 checks: 1 ok)'],
  [[row('ok'), row('pending', { purpose: 'Easy DKIM record 1' })],
    'OK: every record known before deploy holds; 1 Easy DKIM record is pending: give --outputs after cdk deploy (2 checks: 1 ok, 1 pending)'],
  [[row('pending', { purpose: 'Easy DKIM record 1' }), row('pending', { purpose: 'Easy DKIM record 2' })],
    'OK: every record known before deploy holds; 2 Easy DKIM records are pending: give --outputs after cdk deploy (2 checks: 2 pending)'],
  [[row('pending'), row('pending', { purpose: 'Easy DKIM record 1' })],
    'OK: every record known before deploy holds; 2 records are pending: give --outputs after cdk deploy (2 checks: 2 pending)'],
  [[row('missing'), row('ok')], 'FAIL: not every expected record holds (2 checks: 1 ok, 1 missing)'],
  [[row('unreachable'), row('missing')], 'UNREACHABLE: DNS did not answer, after retries (2 checks: 1 missing, 1 unreachable)'],
  [[], 'OK: every expected record holds (0 checks: none)'],
])('the verdict line of %#', (rows, line) => {
  expect(verdictLine(rows)).toBe(line);
});

test('the table: a heading per domain, one line a row, a detail shown once below rows that share it, advice below its row', () => {
  const rows = [
    row('pending', { purpose: 'Easy DKIM record 1', name: '(after deploy)', type: 'CNAME', expected: [], found: [], detail: 'known after deploy' }),
    row('pending', { purpose: 'Easy DKIM record 2', name: '(after deploy)', type: 'CNAME', expected: [], found: [], detail: 'known after deploy' }),
    row('conflict', { detail: 'exists outside the stack', advice: 'dmarc: Dmarc.publish({ })' }),
  ];
  expect(table(rows)).toBe([
    'a.example.org (stack Mail)',
    `  ${'VERDICT'.padEnd(11)} ${'RECORD'.padEnd(46)} ${'EXPECTED'.padEnd(40)} FOUND`,
    `  ${'pending'.padEnd(11)} ${'(after deploy) CNAME'.padEnd(46)} ${'-'.padEnd(40)} -`,
    `  ${'pending'.padEnd(11)} ${'(after deploy) CNAME'.padEnd(46)} ${'-'.padEnd(40)} -`,
    '      known after deploy',
    `  ${'conflict'.padEnd(11)} ${'_dmarc.a.example.org. TXT'.padEnd(46)} ${'v=DMARC1; p=none'.padEnd(40)} v=DMARC1; p=none`,
    '      exists outside the stack',
    '      adopt: dmarc: Dmarc.publish({ })',
    '',
    'FAIL: not every expected record holds (3 checks: 1 conflict, 2 pending)',
    '',
  ].join('\n'));
});

test('long values are cut to the column, or shown whole with wide', () => {
  const long = row('different', { expected: [`v=spf1 ${'include:x.example.org '.repeat(4)}~all`], found: ['y'.repeat(70)] });
  const cut = table([long]).split('\n')[2];
  expect(cut).toBe(`  ${'different'.padEnd(11)} ${'_dmarc.a.example.org. TXT'.padEnd(46)} ${`v=spf1 ${'include:x.example.org '.repeat(4)}`.slice(0, 37)}... ${'y'.repeat(57)}...`);
  const wide = table([long], { wide: true }).split('\n')[2];
  expect(wide).toBe(`  ${'different'.padEnd(11)} ${'_dmarc.a.example.org. TXT'.padEnd(25)} v=spf1 ${'include:x.example.org '.repeat(4)}~all ${'y'.repeat(70)}`);
});

test('the JSON: ok, the exit code, the counts and every row', () => {
  const rows = [row('ok'), row('missing')];
  expect(JSON.parse(json(rows))).toEqual({ ok: false, exitCode: 1, counts: { ok: 1, missing: 1 }, records: rows, bulkSender: [] });
});

test('a heading for each domain and stack; a detail of several lines, each indented; a value as long as its column is whole', () => {
  const exact = 'x'.repeat(40);
  const rows = [
    row('invalid', { detail: 'first problem\nsecond problem' }),
    row('ok', { expected: [exact], found: ['a', 'b'] }),
    row('ok', { stack: 'Other', expected: ['a', 'b'], found: [] }),
    row('ok', { stack: 'Other', domain: 'b.example.org' }),
  ];
  const heading = `  ${'VERDICT'.padEnd(11)} ${'RECORD'.padEnd(46)} ${'EXPECTED'.padEnd(40)} FOUND`;
  const line = (verdict: string, expected: string, found: string) => `  ${verdict.padEnd(11)} ${'_dmarc.a.example.org. TXT'.padEnd(46)} ${expected.padEnd(40)} ${found}`;
  expect(table(rows)).toBe([
    'a.example.org (stack Mail)', heading,
    line('invalid', 'v=DMARC1; p=none', 'v=DMARC1; p=none'),
    '      first problem',
    '      second problem',
    line('ok', exact, 'a | b'),
    '',
    'a.example.org (stack Other)', heading,
    line('ok', 'a | b', '-'),
    '',
    'b.example.org (stack Other)', heading,
    line('ok', 'v=DMARC1; p=none', 'v=DMARC1; p=none'),
    '',
    'FAIL: not every expected record holds (4 checks: 3 ok, 1 invalid)',
    '',
  ].join('\n'));
});

test('the bulk-sender section after the rows: a heading, each domain, each requirement padded to the longest', () => {
  const bulk = [
    { domain: 'a.example.org', stack: 'Mail', requirement: 'SPF', verdict: 'ok' as const, detail: 'passes' },
    { domain: 'a.example.org', stack: 'Mail', requirement: 'one-click unsubscribe', verdict: 'missing' as const, detail: 'no contact list' },
    { domain: 'b.example.org', stack: 'Mail', requirement: 'DKIM', verdict: 'pending' as const, detail: 'after deploy' },
  ];
  expect(table([row('ok')], {}, bulk).split('\n').slice(3)).toEqual([
    '',
    'Bulk sender requirements (Gmail and Yahoo, since February 2024; they do not change the exit status)',
    'a.example.org (stack Mail)',
    `  ${'ok'.padEnd(11)} ${'SPF'.padEnd(21)}  passes`,
    `  ${'missing'.padEnd(11)} one-click unsubscribe  no contact list`,
    'b.example.org (stack Mail)',
    `  ${'pending'.padEnd(11)} ${'DKIM'.padEnd(21)}  after deploy`,
    '',
    'OK: every expected record holds (1 checks: 1 ok)',
    '',
  ]);
  expect(JSON.parse(json([row('ok'), row('pending')], bulk))).toEqual({
    ok: true, exitCode: 0, counts: { ok: 1, pending: 1 }, records: [row('ok'), row('pending')], bulkSender: bulk,
  });
});

test('with wide, a column is at least as wide as its heading', () => {
  const short = row('ok', { name: 'a.', type: 'MX', expected: [], found: [] });
  expect(table([short], { wide: true }).split('\n').slice(1, 3)).toEqual([
    '  VERDICT     RECORD EXPECTED FOUND',
    '  ok          a. MX  -        -',
  ]);
});

test('a detail shared with the next row of another domain or stack is shown under each', () => {
  const rows = [row('missing', { detail: 'same' }), row('missing', { detail: 'same', domain: 'b.example.org' }), row('missing', { detail: 'same', domain: 'b.example.org', stack: 'Other' })];
  expect(table(rows).split('\n').filter((l) => l.trim() === 'same')).toHaveLength(3);
});
