import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Dmarc, DmarcAlignment, DmarcFailureReportOption, DmarcPolicy, VerifiedMailDomain } from '../../src';
import { literalRecords, recordSets, zoneStack } from '../helpers/util';

function dmarcOf(dmarc: Dmarc, domainName?: string) {
  const { stack, zone } = zoneStack();
  const mail = new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, dmarc, domainName });
  return { stack, mail, records: literalRecords(stack) };
}

test('every tag, in order, never pct/rf/ri', () => {
  const { records } = dmarcOf(Dmarc.publish({
    policy: DmarcPolicy.REJECT,
    subdomainPolicy: DmarcPolicy.QUARANTINE,
    nonExistentSubdomainPolicy: DmarcPolicy.REJECT,
    dkimAlignment: DmarcAlignment.STRICT,
    spfAlignment: DmarcAlignment.RELAXED,
    failureReportOptions: [DmarcFailureReportOption.ANY_FAIL, DmarcFailureReportOption.DKIM_FAIL, DmarcFailureReportOption.SPF_FAIL],
    aggregateReportAddresses: ['dmarc@example.org', 'mailto:agg@Reports.Example.org'],
    failureReportAddresses: ['forensic@example.org'],
    testing: true,
  }));
  expect(records['_dmarc.example.org. TXT']).toEqual([
    '"v=DMARC1; p=reject; sp=quarantine; np=reject; adkim=s; aspf=r; fo=1:d:s; rua=mailto:dmarc@example.org,mailto:agg@reports.example.org; ruf=mailto:forensic@example.org; t=y"',
  ]);
});

test('quarantine with one report address', () => {
  const { records } = dmarcOf(Dmarc.publish({ policy: DmarcPolicy.QUARANTINE, aggregateReportAddresses: ['dmarc@example.org'] }));
  expect(records['_dmarc.example.org. TXT']).toEqual(['"v=DMARC1; p=quarantine; rua=mailto:dmarc@example.org"']);
});

test('percent-encoded characters in an address are kept', () => {
  const { records } = dmarcOf(Dmarc.publish({ aggregateReportAddresses: ['mailto:a%2Cb@example.org'] }));
  expect(records['_dmarc.example.org. TXT']).toEqual(['"v=DMARC1; p=none; rua=mailto:a%2Cb@example.org"']);
});

test('reports to another domain in the same zone get its authorization record', () => {
  const { stack, records } = dmarcOf(Dmarc.publish({ aggregateReportAddresses: ['dmarc@reports.example.org'] }), 'shop.example.org');
  expect(records['shop.example.org._report._dmarc.reports.example.org. TXT']).toEqual(['"v=DMARC1"']);
  expect(Object.values(recordSets(stack))).toHaveLength(8);
});

test('reports to the domain itself or its parent need no authorization record', () => {
  const { stack } = dmarcOf(Dmarc.publish({ aggregateReportAddresses: ['a@shop.example.org', 'b@example.org'] }), 'shop.example.org');
  expect(Object.keys(literalRecords(stack)).filter((k) => k.includes('_report'))).toEqual([]);
  Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
});

test('reports to a domain outside the zone warn with the exact record, once per domain', () => {
  const { stack } = dmarcOf(Dmarc.publish({
    aggregateReportAddresses: ['rua@dmarc.vendor.example'],
    failureReportAddresses: ['ruf@dmarc.vendor.example'],
  }));
  const warnings = Annotations.fromStack(stack).findWarning('/Test/Mail', Match.stringLikeRegexp('dmarc.vendor.example'));
  expect(warnings).toHaveLength(1);
  expect(warnings[0].entry.data).toMatch(
    /^DMARC reports for example.org go to dmarc.vendor.example, which is outside this hosted zone: dmarc.vendor.example must publish TXT "v=DMARC1" at example.org._report._dmarc.dmarc.vendor.example. or receivers will not send the reports/);
  expect(Object.keys(literalRecords(stack)).filter((k) => k.includes('_report'))).toEqual([]);
});

test('fo without failure report addresses warns', () => {
  const { stack } = dmarcOf(Dmarc.publish({ failureReportOptions: [DmarcFailureReportOption.DKIM_FAIL] }));
  Annotations.fromStack(stack).hasWarning('/Test/Mail', Match.stringLikeRegexp(
    '^dmarc.failureReportOptions \\(fo=d\\) has no effect without dmarc.failureReportAddresses'));
});

test('strict SPF alignment warns that SPF can never align with SES', () => {
  const { stack, records } = dmarcOf(Dmarc.publish({ spfAlignment: DmarcAlignment.STRICT }));
  expect(records['_dmarc.example.org. TXT']).toEqual(['"v=DMARC1; p=none; aspf=s"']);
  Annotations.fromStack(stack).hasWarning('/Test/Mail', Match.stringLikeRegexp(
    "^dmarc.spfAlignment is STRICT, but SES mail's envelope \\(MAIL FROM\\) is bounce.example.org, never exactly example.org: SPF can never align"));
});
