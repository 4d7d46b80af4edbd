import { DAY, NOV_1, ReportSpec, reportXml, Row } from './fixtures';
import { parseAggregate } from '../../../src/command/reports/aggregate';
import { Summaries } from '../../../src/command/reports/summary';

// The per-domain verdict and the road p=none -> p=quarantine -> p=reject: each step of the rule (README, "From p=none
// to p=reject") with the numbers it gives.

const good = (count: number): Row => ({ ip: '192.0.2.1', count, dkim: 'pass', spf: 'pass', authDkim: ['example.com/ses/pass'] });
const bad = (ip: string, count: number, extra: Partial<Row> = {}): Row => ({ ip, count, dkim: 'fail', spf: 'fail', ...extra });

/** Reports on consecutive days, each with the rows given. */
function summarize(days: number, rows: Row[], spec: ReportSpec = {}) {
  const s = new Summaries();
  for (let d = 0; d < days; d++) s.add(parseAggregate(reportXml({ ...spec, id: `d${d}`, begin: NOV_1 + d * DAY, rows })));
  return s.summaries();
}

describe('Summaries', () => {
  test('counts messages, passing mail and failing sources with their domains', () => {
    const [summary, ...rest] = summarize(7, [good(98), bad('203.0.113.5', 1, { envelopeFrom: 'bounce.crm.example', authDkim: ['crm.example/k1/pass'], authSpf: ['bounce.crm.example/mfrom/pass'] }),
      bad('198.51.100.2', 1, { from: 'shop.example.com' }), { ip: '192.0.2.9', count: 3, dkim: 'fail', spf: 'pass' }]);
    expect(rest).toEqual([]);
    expect(summary).toEqual({
      domain: 'example.com',
      reports: 7,
      messages: 7 * 103,
      passing: 7 * 101,
      begin: new Date(NOV_1 * 1000),
      end: new Date((NOV_1 + 7 * DAY) * 1000),
      published: 'p=none',
      failingSources: [
        { sourceIp: '198.51.100.2', messages: 7, headerFrom: ['shop.example.com'], envelopeFrom: [], dkimDomains: [] },
        { sourceIp: '203.0.113.5', messages: 7, headerFrom: ['example.com'], envelopeFrom: ['bounce.crm.example'], dkimDomains: ['crm.example'] },
      ],
      failureReports: 0,
      recommendation: {
        next: 'p=quarantine; sp=none',
        reason: '98.0% of 721 messages over 7.0 days pass DMARC, at least 98%: failing mail can go to spam now; subdomains stay at sp=none: 0.0% of their 7 messages pass; first check that no failing source is a service of yours (2 listed)',
      },
    });
  });

  test('domains are kept apart and listed in name order; failure reports count for their domain', () => {
    const s = new Summaries();
    s.add(parseAggregate(reportXml({ domain: 'b.example', rows: [good(1)] })));
    s.add(parseAggregate(reportXml({ domain: 'a.example', rows: [good(2)] })));
    s.addFailure('a.example');
    s.addFailure('a.example');
    s.addFailure('only-failures.example');
    s.addFailure(undefined);
    expect(s.summaries().map((x) => `${x.domain} ${x.messages} ${x.failureReports}`)).toEqual(['a.example 2 2', 'b.example 1 0']);
  });

  test.each([
    ['newest read first', [[5, 'quarantine'], [0, 'none']], 'p=quarantine'],
    ['newest read last', [[0, 'none'], [5, 'reject']], 'p=reject'],
    ['two ending together: the one read last', [[5, 'none'], [5, 'quarantine']], 'p=quarantine'],
  ] as const)('the newest report gives the published policy: %s', (_case, reports, published) => {
    const s = new Summaries();
    for (const [day, p] of reports) s.add(parseAggregate(reportXml({ begin: NOV_1 + day * DAY, p })));
    expect(s.summaries()[0].published).toBe(published);
  });

  test('aligned DKIM alone or aligned SPF alone passes; the failing source lists its domains sorted, the envelope from SPF results when the report names none', () => {
    const [summary] = summarize(1, [
      { ip: '192.0.2.1', count: 5, dkim: 'pass', spf: 'fail' },
      { ip: '192.0.2.2', count: 6, dkim: 'fail', spf: 'pass' },
      bad('203.0.113.5', 1, { from: 'z.example.com', authSpf: ['zz.example/mfrom/fail', 'aa.example/helo/pass'], authDkim: ['q.example/k/fail', 'b.example/k/fail'] }),
      bad('203.0.113.5', 1, { from: 'a.example.com' }),
    ]);
    expect([summary.messages, summary.passing]).toEqual([13, 11]);
    expect(summary.failingSources).toStrictEqual([
      { sourceIp: '203.0.113.5', messages: 2, headerFrom: ['a.example.com', 'z.example.com'], envelopeFrom: ['aa.example', 'zz.example'], dkimDomains: ['b.example', 'q.example'] },
    ]);
  });

  test.each([
    ['99 messages a day for a week', 7, [good(99)], {}, 'p=quarantine', '100.0% of 693 messages over 7.0 days pass DMARC, at least 98%: failing mail can go to spam now'],
    ['too few messages in all', 1, [good(99)], {}, 'p=none', '100.0% of 99 messages over 1.0 days pass DMARC: too little to judge; wait for at least 100 messages over 7 days'],
    ['too few days', 6, [good(500)], {}, 'p=none', '100.0% of 3000 messages over 6.0 days pass DMARC: too little to judge; wait for at least 100 messages over 7 days'],
    ['too much failing mail', 7, [good(97), bad('203.0.113.5', 3)], {}, 'p=none',
      '97.0% of 700 messages over 7.0 days pass DMARC, below 98%: make the failing sources pass (send them through SES, or authorize them with SPF or DKIM) or stop them, then read again'],
    ['p=quarantine with all passing', 7, [good(100)], { p: 'quarantine' }, 'p=reject', '100.0% of 700 messages over 7.0 days pass DMARC, at least 98%: failing mail can be refused now'],
    ['p=reject', 7, [good(100)], { p: 'reject', sp: 'reject' }, 'p=reject; sp=reject', '100.0% of 700 messages over 7.0 days pass DMARC, at least 98%: p=reject is the end of the road; keep reading the reports for new failing sources'],
    ['pct below 100', 7, [good(100)], { p: 'quarantine', pct: 25 }, 'p=quarantine; pct=100', '100.0% of 700 messages over 7.0 days pass DMARC, at least 98%: apply the policy to all mail before the next step'],
    ['test mode', 7, [good(100)], { p: 'reject', testing: 'y' }, 'p=reject', '100.0% of 700 messages over 7.0 days pass DMARC, at least 98%: leave test mode (t=y) before the next step'],
    ['sp laxer than p, subdomains passing', 7, [good(100), { ...good(10), from: 'shop.example.com' }], { p: 'reject', sp: 'none' }, 'p=reject; sp=reject',
      '100.0% of 770 messages over 7.0 days pass DMARC, at least 98%, subdomains too (70 messages): give subdomains the domain\'s policy'],
    ['sp laxer than p, subdomains failing', 7, [good(1000), bad('203.0.113.5', 10, { from: 'shop.example.com' })], { p: 'quarantine', sp: 'none' }, 'p=reject; sp=none',
      '99.0% of 7070 messages over 7.0 days pass DMARC, at least 98%: failing mail can be refused now; first check that no failing source is a service of yours (1 listed)'],
    ['exactly 100 messages over exactly 7 days', 1, [good(100)], { end: NOV_1 + 7 * DAY }, 'p=quarantine',
      '100.0% of 100 messages over 7.0 days pass DMARC, at least 98%: failing mail can go to spam now'],
    ['99 messages over 7 days', 1, [good(99)], { end: NOV_1 + 7 * DAY }, 'p=none',
      '100.0% of 99 messages over 7.0 days pass DMARC: too little to judge; wait for at least 100 messages over 7 days'],
    ['exactly 98% passing', 1, [good(98), bad('203.0.113.5', 2)], { begin: NOV_1, end: NOV_1 + 7 * DAY }, 'p=quarantine',
      '98.0% of 100 messages over 7.0 days pass DMARC, at least 98%: failing mail can go to spam now; first check that no failing source is a service of yours (1 listed)'],
    ['seven daily reports that end at 23:59:59, as Google\'s do', 7, [good(100)], { length: DAY - 1 }, 'p=quarantine',
      '100.0% of 700 messages over 7.0 days pass DMARC, at least 98%: failing mail can go to spam now'],
    ['pct below 100 with p=none: nothing to sample, so the next step', 7, [good(100)], { pct: 10 }, 'p=quarantine; pct=10',
      '100.0% of 700 messages over 7.0 days pass DMARC, at least 98%: failing mail can go to spam now'],
    ['subdomains failing without an sp, at p=quarantine: they stay', 7, [good(1000), bad('203.0.113.5', 10, { from: 'shop.example.com' })], { p: 'quarantine' }, 'p=reject; sp=quarantine',
      '99.0% of 7070 messages over 7.0 days pass DMARC, at least 98%: failing mail can be refused now; subdomains stay at sp=quarantine: 0.0% of their 70 messages pass; first check that no failing source is a service of yours (1 listed)'],
    ['pct at 100', 7, [good(100)], { p: 'quarantine', pct: 100 }, 'p=reject; pct=100', '100.0% of 700 messages over 7.0 days pass DMARC, at least 98%: failing mail can be refused now'],
    ['sp laxer than p, no mail from subdomains', 7, [good(100)], { p: 'quarantine', sp: 'none' }, 'p=quarantine; sp=quarantine',
      '100.0% of 700 messages over 7.0 days pass DMARC, at least 98%, subdomains too (0 messages): give subdomains the domain\'s policy'],
    ['sp laxer than p, subdomains at exactly 98%', 7, [good(1000), { ...good(98), from: 'shop.example.com' }, bad('203.0.113.5', 2, { from: 'shop.example.com' })], { p: 'reject', sp: 'quarantine' }, 'p=reject; sp=reject',
      '99.8% of 7700 messages over 7.0 days pass DMARC, at least 98%, subdomains too (700 messages): give subdomains the domain\'s policy'],
  ])('%s', (_case, days, rows, spec, next, reason) => {
    expect(summarize(days, rows, spec)[0].recommendation).toEqual({ next, reason });
  });
});
