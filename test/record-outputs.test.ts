import { App, Lazy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { isOurs, purposeOf } from '../src/app-marks';
import { addRecordOutput } from '../src/record-outputs';
import { MailDnsRecord } from '../src/records';

// addRecordOutput directly: blocks of domains in zone-file syntax, eight domains an output.

const DESCRIPTION = 'DNS records of VerifiedMailDomain domains in zone-file syntax, for another DNS provider and cdk-verified-mail-domain check';

function record(name: string, type: route53.RecordType, values: string[], ttl = 1800): MailDnsRecord {
  return { name, type, values, ttl, purpose: 'test' };
}

const RECORDS = [
  record('bounce.example.org', route53.RecordType.MX, ['10 feedback-smtp.eu-west-1.amazonses.com']),
  record('example.org.', route53.RecordType.TXT, ['v=spf1 include:amazonses.com ~all'], 300),
  record('a._domainkey.example.org', route53.RecordType.CNAME, ['a.dkim.amazonses.com', 'b.dkim.amazonses.com']),
];

function stack(app = new App(), id = 'Test'): Stack {
  return new Stack(app, id);
}

function outputs(s: Stack): Record<string, { Description: string; Value: unknown }> {
  return Template.fromStack(s).toJSON().Outputs ?? {};
}

test('one domain: the stack\'s first output holds its block, every value a zone-file line', () => {
  const s = stack();
  const id = addRecordOutput(new Construct(s, 'Mail'), 'example.org', RECORDS);
  expect(outputs(s)).toEqual({
    [id]: {
      Description: DESCRIPTION,
      Value: [
        '; example.org',
        'bounce.example.org. 1800 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.',
        'example.org. 300 IN TXT "v=spf1 include:amazonses.com ~all"',
        'a._domainkey.example.org. 1800 IN CNAME a.dkim.amazonses.com.',
        'a._domainkey.example.org. 1800 IN CNAME b.dkim.amazonses.com.',
      ].join('\n'),
    },
  });
  expect(id).toMatch(/^VerifiedMailDomainRecordsOutput1[0-9A-F]{8}$/);
});

test('a domain without records is only its header line', () => {
  const s = stack();
  const id = addRecordOutput(s, 'example.org', []);
  expect(outputs(s)[id].Value).toBe('; example.org');
});

test.each([
  [1, 1],
  [7, 1],
  [8, 1],
  [9, 2],
  [16, 2],
  [17, 3],
])('%i domains make %i outputs of at most 8 domain blocks each, in order', (count, expectedOutputs) => {
  const s = stack();
  const ids = Array.from({ length: count }, (_, i) => addRecordOutput(s, `d${i}.example.com`, []));
  const all = outputs(s);
  expect(Object.keys(all)).toHaveLength(expectedOutputs);
  expect(new Set(ids).size).toBe(expectedOutputs);
  ids.forEach((id, i) => expect(id).toBe(ids[Math.floor(i / 8) * 8]));
  const distinct = [...new Set(ids)];
  distinct.forEach((id, o) => {
    const first = o * 8;
    const domains = Array.from({ length: Math.min(8, count - first) }, (_, i) => `; d${first + i}.example.com`);
    expect(all[id]).toEqual({ Description: DESCRIPTION, Value: domains.join('\n') });
  });
});

test('a domain added after the first output was made still lands in it (the value is computed at synth)', () => {
  const s = stack();
  const first = addRecordOutput(s, 'a.example.com', []);
  const second = addRecordOutput(s, 'b.example.com', [record('b.example.com', route53.RecordType.TXT, ['x'])]);
  expect(second).toBe(first);
  expect(outputs(s)[first].Value).toBe('; a.example.com\n; b.example.com\nb.example.com. 1800 IN TXT "x"');
});

test('each stack has its own outputs, made as a child of the stack and marked as ours', () => {
  const app = new App();
  const [a, b] = [stack(app, 'A'), stack(app, 'B')];
  addRecordOutput(new Construct(a, 'Mail'), 'a.example.com', []);
  addRecordOutput(new Construct(b, 'Mail'), 'b.example.com', []);
  expect(Object.values(outputs(a)).map((o) => o.Value)).toEqual(['; a.example.com']);
  expect(Object.values(outputs(b)).map((o) => o.Value)).toEqual(['; b.example.com']);
  const output = a.node.findChild('VerifiedMailDomainRecords').node.findChild('Output1');
  expect([isOurs(output), purposeOf(output)]).toEqual([true, 'DNS records after deploy']);
});

test('a record name that is a token stays an expression in the output', () => {
  const s = stack();
  const name = Lazy.string({ produce: () => 'late.example.org' });
  const id = addRecordOutput(s, 'example.org', [record(name, route53.RecordType.TXT, ['v'])]);
  expect(outputs(s)[id].Value).toBe('; example.org\nlate.example.org. 1800 IN TXT "v"');
});
