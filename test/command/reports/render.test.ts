import { reportXml } from './fixtures';
import { parseAggregate } from '../../../src/command/reports/aggregate';
import { failureText, reportText, summaryJson, summaryText, TEXT_SOURCES } from '../../../src/command/reports/render';
import { policyText, Summaries } from '../../../src/command/reports/summary';

// The text and JSON pieces on their own: the forms the folder-level tests do not meet.

describe('text', () => {
  test('a record with override reasons and no raw results; a policy with every tag the road changes', () => {
    const report = parseAggregate(reportXml({ p: 'quarantine', sp: 'none', pct: 50, testing: 'y', rows: [{ ip: '2001:db8::1', count: 2, dkim: 'fail', spf: 'fail', disposition: 'none', reason: 'forwarded' }] }));
    expect(policyText(report)).toBe('p=quarantine; sp=none; pct=50; t=y');
    expect(reportText('f', report).split('\n')[1]).toBe('  2001:db8::1           2  from example.com  none  dkim fail  spf fail  (forwarded)');
  });

  test('a failing source with several domains of each kind, and a record with two reasons', () => {
    const s = new Summaries();
    const report = parseAggregate(reportXml({
      rows: [
        { ip: '203.0.113.7', count: 2, from: 'b.example.com', dkim: 'fail', spf: 'fail', reason: 'forwarded', authDkim: ['d2.example/k/fail', 'd1.example/k/fail'], authSpf: ['e2.example/mfrom/fail'] },
        { ip: '203.0.113.7', count: 1, from: 'a.example.com', envelopeFrom: 'e1.example', dkim: 'fail', spf: 'fail' },
      ],
    }).replace('<reason><type>forwarded</type></reason>', '<reason><type>forwarded</type></reason><reason><type>mailing_list</type></reason>'));
    s.add(report);
    expect(reportText('f', report).split('\n')[1]).toBe(
      '  203.0.113.7           2  from b.example.com  none  dkim fail  spf fail  (forwarded, mailing_list)  [dkim d2.example/k fail; dkim d1.example/k fail; spf e2.example mfrom fail]');
    expect(summaryText(s.summaries()).split('\n').slice(2, 3)).toEqual([
      '    203.0.113.7           3 messages, from a.example.com, b.example.com; envelope e1.example, e2.example; DKIM d1.example, d2.example',
    ]);
  });

  test('a failing source the reports name no domain for but its header From', () => {
    const s = new Summaries();
    s.add(parseAggregate(reportXml({ rows: [{ ip: '203.0.113.8', count: 1, dkim: 'fail', spf: 'fail' }] })));
    expect(summaryText(s.summaries()).split('\n')[2]).toBe('    203.0.113.8           1 messages, from example.com');
  });

  test('a failure report without the optional fields', () => {
    expect(failureText('f', {})).toBe('failure report for (no Reported-Domain): auth-failure (f)\n');
    expect(failureText('f', { feedbackType: 'auth-failure', reportedDomain: 'example.com' })).toBe('failure report for example.com: auth-failure (f)\n');
  });

  test(`at most ${TEXT_SOURCES} failing sources in the text, with how many more`, () => {
    const s = new Summaries();
    s.add(parseAggregate(reportXml({ rows: Array.from({ length: 12 }, (_, i) => ({ ip: `203.0.113.${i + 1}`, count: 12 - i, dkim: 'fail', spf: 'fail' })) })));
    const lines = summaryText(s.summaries()).split('\n');
    expect(lines.filter((l) => l.startsWith('    203.0.113.')).length).toBe(TEXT_SOURCES);
    expect(lines[lines.length - 3]).toBe('    and 2 more (--json lists them all)');
    expect((summaryJson(s.summaries()[0]) as { failingSources: unknown[] }).failingSources.length).toBe(12);
  });

  test(`exactly ${TEXT_SOURCES} failing sources: all listed, no line of more`, () => {
    const s = new Summaries();
    s.add(parseAggregate(reportXml({ rows: Array.from({ length: TEXT_SOURCES }, (_, i) => ({ ip: `203.0.113.${i + 1}`, count: 1, dkim: 'fail', spf: 'fail' })) })));
    expect(summaryText(s.summaries())).not.toContain('more (--json lists them all)');
  });

  test('a domain of one report with no records: one report, no share', () => {
    const s = new Summaries();
    s.add(parseAggregate(reportXml({ rows: [] })));
    expect(summaryJson(s.summaries()[0])).toMatchObject({ reports: 1, messages: 0, passing: 0, passShare: 0 });
    expect(summaryText(s.summaries())).toBe([
      'example.com: 1 report, 2026-11-01 to 2026-11-02, 0 messages, 0 passing DMARC; published p=none',
      '  next: p=none (0.0% of 0 messages over 1.0 days pass DMARC: too little to judge; wait for at least 100 messages over 7 days)',
      '',
    ].join('\n'));
  });
});
