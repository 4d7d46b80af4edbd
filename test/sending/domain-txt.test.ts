import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { RecordContext, RecordKind } from '../../src/context';
import { domainTxtRecords } from '../../src/sending/domain-txt';
import { Spf } from '../../src/sending/spf';

// domainTxtRecords on its own: SPF and the other TXT strings at the domain in one record set, with
// the props each value comes from.

const SPF = 'v=spf1 include:amazonses.com ~all';

function context(ttl = 1800): RecordContext {
  const stack = new Stack(new App(), 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
  return { scope: stack, domainName: 'example.org', region: 'eu-west-1', ttl } as unknown as RecordContext;
}

test('SPF alone: one TXT set at the domain, from spf', () => {
  expect(domainTxtRecords(context(), Spf.publish(), [])).toEqual([{
    id: 'DomainTxt',
    kind: RecordKind.DOMAIN_TXT,
    record: { name: 'example.org.', type: 'TXT', values: [SPF], ttl: 1800, purpose: 'SPF of the domain' },
    nameFrom: 'domainName',
    valuesFrom: ['spf'],
  }]);
});

test('SPF first, then the other strings in their order, each from its index', () => {
  const [set] = domainTxtRecords(context(300), Spf.publish(), ['google-site-verification=abc', 'MS=ms123']);
  expect([set.record.values, set.valuesFrom, set.record.ttl]).toEqual([
    [SPF, 'google-site-verification=abc', 'MS=ms123'], ['spf', 'domainTxtValues[0]', 'domainTxtValues[1]'], 300,
  ]);
});

test('without SPF the other strings make the set, named for what they are', () => {
  const [set] = domainTxtRecords(context(), Spf.none(), ['a=1']);
  expect([set.record.values, set.valuesFrom, set.record.purpose]).toEqual([['a=1'], ['domainTxtValues[0]'], 'TXT strings at the domain']);
});

test('no SPF and no strings: no record at all', () => {
  expect(domainTxtRecords(context(), Spf.none(), [])).toEqual([]);
});

test('a string given twice is published once, from its first index', () => {
  const [set] = domainTxtRecords(context(), Spf.none(), ['a=1', 'a=1', 'b=2', 'a=1']);
  expect([set.record.values, set.valuesFrom]).toEqual([['a=1', 'b=2'], ['domainTxtValues[0]', 'domainTxtValues[2]']]);
});

test.each<[string, string]>([
  ['the plain version', 'v=spf1 -all'],
  ['the version alone', 'v=spf1'],
  ['the version in capitals', 'V=SPF1 include:_spf.google.com ~all'],
])('%s is an SPF record and refused', (_title, value) => {
  expect(() => domainTxtRecords(context(), Spf.none(), ['a=1', value])).toThrow(new Error(`domainTxtValues[1] is an SPF record ('${value}'); a name may hold only one, `
    + 'and the construct writes it: use the spf prop (Spf.publish or Spf.none)'));
});

test.each<[string, string]>([
  ['another version', 'v=spf10 -all'],
  ['the version not first', ' v=spf1 -all'],
  ['a DMARC-like string', 'v=DMARC1; p=none'],
])('%s is no SPF record and is published', (_title, value) => {
  expect(domainTxtRecords(context(), Spf.none(), [value])[0].record.values).toEqual([value]);
});

test('a string with a character outside printable ASCII is refused, naming its index', () => {
  expect(() => domainTxtRecords(context(), Spf.none(), ['a=1', 'b=\u00e9']))
    .toThrow(new Error("domainTxtValues[1] must contain only printable ASCII characters, got 'b=\u00e9' (character \"\u00e9\" at 2)"));
});

test('a string that is a token is published as it is, never refused', () => {
  const ctx = context();
  const value = new CfnParameter(ctx.scope, 'Txt').valueAsString;
  const [set] = domainTxtRecords(ctx, Spf.publish(), [value]);
  expect([set.record.values, set.valuesFrom]).toEqual([[SPF, value], ['spf', 'domainTxtValues[0]']]);
});
