import { DAY, NOV_1, reportXml } from './fixtures';
import { isAggregateXml, parseAggregate } from '../../../src/command/reports/aggregate';

// The aggregate report reader: exact values from RFC 7489 and RFC 9990 shapes, values in any case, optional elements
// missing, and a one-line message for each thing that makes a report unreadable.

const ROW = { ip: '192.0.2.10', count: 12, envelopeFrom: 'mail.example.com', dkim: 'pass', spf: 'fail', authDkim: ['example.com/ses1/pass'], authSpf: ['mail.example.com/mfrom/pass'] };

describe('parseAggregate', () => {
  test.each(['none', 'rfc9990', 'prefixed', 'xsi'] as const)('reads every field of a report with namespace style %s', (namespace) => {
    const report = parseAggregate(reportXml({ namespace, id: 'abc.123', sp: 'quarantine', pct: 50, rows: [ROW, { ip: '2001:db8::25', count: 3, from: 'news.example.com', dkim: 'fail', spf: 'fail', disposition: 'quarantine', reason: 'forwarded' }] }));
    expect(report).toEqual({
      orgName: 'Receiver Example',
      email: 'noreply-dmarc@receiver.example',
      reportId: 'abc.123',
      begin: new Date(NOV_1 * 1000),
      end: new Date((NOV_1 + DAY) * 1000),
      policy: { domain: 'example.com', p: 'none', sp: 'quarantine', np: undefined, adkim: 'r', aspf: 'r', pct: 50, testing: undefined, fo: undefined },
      records: [
        {
          sourceIp: '192.0.2.10',
          count: 12,
          headerFrom: 'example.com',
          envelopeFrom: 'mail.example.com',
          envelopeTo: undefined,
          disposition: 'none',
          dkim: 'pass',
          spf: 'fail',
          reasons: [],
          authResults: { dkim: [{ domain: 'example.com', selector: 'ses1', result: 'pass' }], spf: [{ domain: 'mail.example.com', scope: 'mfrom', result: 'pass' }] },
        },
        {
          sourceIp: '2001:db8::25',
          count: 3,
          headerFrom: 'news.example.com',
          envelopeFrom: undefined,
          envelopeTo: undefined,
          disposition: 'quarantine',
          dkim: 'fail',
          spf: 'fail',
          reasons: [{ type: 'forwarded', comment: undefined }],
          authResults: { dkim: [], spf: [] },
        },
      ],
    });
  });

  test('reads values in any case and the domain without its trailing dot', () => {
    const xml = reportXml({ domain: 'Example.COM.', p: 'Quarantine', testing: 'Y', rows: [{ ip: '192.0.2.1', count: 1, from: 'EXAMPLE.com', dkim: 'Pass', spf: 'FAIL', disposition: 'None', authSpf: ['Example.com/MFROM/SoftFail'] }] });
    const report = parseAggregate(xml);
    expect(report.policy).toMatchObject({ domain: 'example.com', p: 'quarantine', testing: 'y' });
    expect(report.records[0]).toMatchObject({ headerFrom: 'example.com', dkim: 'pass', spf: 'fail', disposition: 'none', authResults: { spf: [{ domain: 'example.com', scope: 'mfrom', result: 'softfail' }] } });
  });

  test('a report with no records and none of the optional elements', () => {
    const xml = '<feedback><report_metadata><org_name>R</org_name><report_id>1</report_id><date_range><begin>0</begin><end>86400</end></date_range></report_metadata>'
      + '<policy_published><domain>example.com</domain><p>reject</p></policy_published></feedback>';
    expect(parseAggregate(xml)).toEqual({
      orgName: 'R',
      email: undefined,
      reportId: '1',
      begin: new Date(0),
      end: new Date(DAY * 1000),
      policy: { domain: 'example.com', p: 'reject', sp: undefined, np: undefined, adkim: undefined, aspf: undefined, pct: undefined, testing: undefined, fo: undefined },
      records: [],
    });
  });

  test('entities of XML itself are decoded, and a CDATA section is read as text', () => {
    const xml = reportXml({ org: 'AT&amp;T &#x4D;ail' }).replace('<report_id>report-1</report_id>', '<report_id><![CDATA[id<1>]]></report_id>');
    expect(parseAggregate(xml)).toMatchObject({ orgName: 'AT&T Mail', reportId: 'id<1>' });
  });

  const good = reportXml({ rows: [ROW] });
  test.each([
    ['a DOCTYPE with an entity', good.replace('<feedback>', '<!DOCTYPE feedback [<!ENTITY lol "lol">]>\n<feedback>'), 'XML with a DOCTYPE is refused: a DMARC report has none, and its entities are never resolved'],
    ['a DOCTYPE naming an external DTD', good.replace('<feedback>', '<!DOCTYPE feedback SYSTEM "file:///etc/passwd">\n<feedback>'), 'XML with a DOCTYPE is refused: a DMARC report has none, and its entities are never resolved'],
    ['truncated XML', good.slice(0, good.indexOf('</policy_published>')), /^malformed XML at line \d+: /],
    ['mismatched tags', good.replace('</org_name>', '</orgname>'), 'malformed XML at line 3: unexpected close tag'],
    ['an entity XML does not define', good.replace('Receiver Example', 'Receiver &nbsp;'), 'malformed XML at line 3: undefined entity'],
    ['elements nested too deep', good.replace('<org_name>', '<org_name>' + '<x>'.repeat(20)).replace('</org_name>', '</x>'.repeat(20) + '</org_name>'), 'malformed XML at line 3: elements nest deeper than 16'],
    ['text after the root element', `${good}<extra/>`, /^malformed XML at line \d+: /],
    ['another root element', '<report><id>1</id></report>', 'not a DMARC aggregate report: the root element is not <feedback>'],
    ['no report_metadata', good.replace(/<report_metadata>.*<\/report_metadata>/, ''), '<feedback> has no <report_metadata>'],
    ['no report_id', good.replace('<report_id>report-1</report_id>', ''), '<report_metadata> has no <report_id>'],
    ['an empty org_name', good.replace('Receiver Example', ''), '<report_metadata> has no <org_name>'],
    ['no date_range', good.replace(/<date_range>.*<\/date_range>/, ''), '<report_metadata> has no <date_range>'],
    ['a begin that is no number', good.replace(`<begin>${NOV_1}</begin>`, '<begin>2026-11-01</begin>'), "<date_range> <begin> '2026-11-01' is not seconds since 1970"],
    ['no policy_published', good.replace(/<policy_published>.*<\/policy_published>/, ''), '<feedback> has no <policy_published>'],
    ['no p', good.replace('<p>none</p>', ''), '<policy_published> has no <p>'],
    ['a pct that is no number', good.replace('<p>none</p>', '<p>none</p><pct>half</pct>'), "<policy_published> <pct> is 'half', expected a whole number"],
    ['a source_ip that is no address', good.replace('192.0.2.10', '192.0.2.300'), "record 1: <source_ip> '192.0.2.300' is not an IP address"],
    ['a negative count', good.replace('<count>12</count>', '<count>-1</count>'), "record 1: <count> '-1' is not a whole number below 10^15"],
    ['no header_from', good.replace(/<header_from>[^<]*<\/header_from>/, ''), '<record 1 <identifiers>> has no <header_from>'],
    ['no policy_evaluated', good.replace(/<policy_evaluated>.*<\/policy_evaluated>/, ''), '<record 1 <row>> has no <policy_evaluated>'],
    ['an auth result without a result', good.replace('<result>pass</result></dkim>', '</dkim>'), '<record 1 <auth_results> <dkim>> has no <result>'],
    ['an empty record', good.replace(/<record>.*<\/record>/s, '<record/>'), 'record 1 is empty'],
    ['no source_ip', good.replace(/<source_ip>[^<]*<\/source_ip>/, ''), '<record 1 <row>> has no <source_ip>'],
    ['no count', good.replace(/<count>[^<]*<\/count>/, ''), '<record 1 <row>> has no <count>'],
    ['a count with a unit', good.replace('<count>12</count>', '<count>12x</count>'), "record 1: <count> '12x' is not a whole number below 10^15"],
    ['a pct with a sign', good.replace('<p>none</p>', '<p>none</p><pct>+50</pct>'), "<policy_published> <pct> is '+50', expected a whole number"],
    ['a pct with a unit', good.replace('<p>none</p>', '<p>none</p><pct>50%</pct>'), "<policy_published> <pct> is '50%', expected a whole number"],
    ['no policy domain', good.replace(/<domain>example.com<\/domain><adkim>/, '<adkim>'), '<policy_published> has no <domain>'],
    ['no disposition', good.replace(/<disposition>[^<]*<\/disposition>/, ''), '<record 1 <policy_evaluated>> has no <disposition>'],
    ['no evaluated dkim', good.replace(/<dkim>pass<\/dkim><spf>/, '<spf>'), '<record 1 <policy_evaluated>> has no <dkim>'],
    ['no evaluated spf', good.replace(/<spf>fail<\/spf><\/policy_evaluated>/, '</policy_evaluated>'), '<record 1 <policy_evaluated>> has no <spf>'],
    ['a reason without a type', good.replace('</policy_evaluated>', '<reason><comment>x</comment></reason></policy_evaluated>'), '<record 1 <reason>> has no <type>'],
    ['no begin', good.replace(`<begin>${NOV_1}</begin>`, ''), '<date_range> has no <begin>'],
    ['an SPF result without a result', good.replace('<scope>mfrom</scope><result>pass</result>', '<scope>mfrom</scope>'), '<record 1 <auth_results> <spf>> has no <result>'],
    ['a count past 10^15', good.replace('<count>12</count>', '<count>99999999999999999999999</count>'), "record 1: <count> '99999999999999999999999' is not a whole number below 10^15"],
    ['a source_ip with a zone index', good.replace('192.0.2.10', 'fe80::1%eth0'), "record 1: <source_ip> 'fe80::1%eth0' is not an IP address"],
    ['a policy that is none of the three', good.replace('<p>none</p>', '<p>monitor</p>'), "<policy_published> <p> is 'monitor', expected none, quarantine, reject"],
    ['an sp that is none of the three', good.replace('<p>none</p>', '<p>none</p><sp>allow</sp>'), "<policy_published> <sp> is 'allow', expected none, quarantine, reject"],
    ['a pct past 100 digits', good.replace('<p>none</p>', '<p>none</p><pct>1000</pct>'), "<policy_published> <pct> is '1000', expected a whole number"],
    ['a begin after the end', good.replace(`<begin>${NOV_1}</begin>`, `<begin>${NOV_1 + 2 * DAY}</begin>`), '<date_range> <begin> 2026-11-03T00:00:00.000Z is after <end> 2026-11-02T00:00:00.000Z'],
    ['a DOCTYPE after a comment that names the root', good.replace('<feedback>', '<!-- <feedback> -->\n<!DOCTYPE feedback [<!ENTITY x "INJECTED">]>\n<feedback>'), 'XML with a DOCTYPE is refused: a DMARC report has none, and its entities are never resolved'],
    ['a DOCTYPE inside the root', good.replace('<feedback>', '<feedback><!DOCTYPE feedback [<!ENTITY x "INJECTED">]>'), 'malformed XML at line 2: inappropriately located doctype declaration'],
    ['an element where text belongs', good.replace('<org_name>Receiver Example</org_name>', '<org_name><b>Receiver</b></org_name>'), '<report_metadata> has no <org_name>'],
  ])('refuses %s', (_what, xml, message) => {
    let thrown: unknown;
    try {
      parseAggregate(xml);
    } catch (e) {
      thrown = e;
    }
    if (typeof message === 'string') expect((thrown as Error)?.message).toBe(message);
    else expect((thrown as Error)?.message).toMatch(message);
  });

  test('elements 16 deep are read, 17 are refused', () => {
    const nest = (n: number) => good.replace('<org_name>Receiver Example</org_name>', `<org_name>Receiver Example</org_name><x>${'<y>'.repeat(n - 3)}${'</y>'.repeat(n - 3)}</x>`);
    expect(parseAggregate(nest(16)).orgName).toBe('Receiver Example');
    expect(() => parseAggregate(nest(17))).toThrow(/^malformed XML at line 3: elements nest deeper than 16$/);
  });

  test('a period that begins and ends at the same second is read', () => {
    expect(parseAggregate(reportXml({ begin: NOV_1, end: NOV_1 })).end).toEqual(new Date(NOV_1 * 1000));
  });

  test('an auth result without a domain is kept with an empty one; an IPv6 source and domains with a trailing dot are normalized', () => {
    const xml = good.replace('<spf><domain>mail.example.com</domain>', '<spf>').replace('192.0.2.10', '2001:DB8::A').replace('<header_from>example.com', '<header_from>Example.com.');
    const record = parseAggregate(xml).records[0];
    expect([record.sourceIp, record.headerFrom]).toEqual(['2001:db8::a', 'example.com']);
    expect(record.authResults.spf).toStrictEqual([{ domain: '', result: 'pass', scope: 'mfrom' }]);
  });

  test('text is trimmed, the first of a repeated single element counts, optional values and reasons are read', () => {
    const xml = good
      .replace('<org_name>Receiver Example</org_name>', '<org_name>\n      Receiver Example\n    </org_name><org_name>Second</org_name>')
      .replace('<p>none</p>', '<p>none</p><np>Reject</np><fo>1:d</fo>')
      .replace('<header_from>', '<envelope_to>Receiver.Example</envelope_to><header_from>')
      .replace('</policy_evaluated>', '<reason><type>Mailing_List</type><comment>list.example</comment></reason><reason><type>forwarded</type></reason><reason>free text</reason></policy_evaluated>')
      .replace('<auth_results>', '<auth_results><dkim>stray text</dkim>');
    const report = parseAggregate(xml);
    expect(report.orgName).toBe('Receiver Example');
    expect(report.policy).toMatchObject({ np: 'reject', fo: '1:d' });
    expect(report.records[0].envelopeTo).toBe('receiver.example');
    expect(report.records[0].reasons).toStrictEqual([{ type: 'mailing_list', comment: 'list.example' }, { type: 'forwarded', comment: undefined }]);
    expect(report.records[0].authResults.dkim).toStrictEqual([{ domain: 'example.com', result: 'pass', selector: 'ses1' }]);
  });

  test.each([
    ['<?xml version="1.0"?>\n<!-- a comment --><feedback>', true],
    ['<dmarc:feedback xmlns:dmarc="urn:ietf:params:xml:ns:dmarc-2.0">', true],
    ['<feedback/>', true],
    ['<feedbacks>', false],
    ['<rss><feedback>', false],
    ['no markup', false],
  ])('isAggregateXml(%j) is %s', (text, expected) => {
    expect(isAggregateXml(text)).toBe(expected);
  });
});
