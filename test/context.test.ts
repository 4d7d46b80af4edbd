import { App, Stack, Token } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { entry, RecordContext, RecordKind } from '../src/context';

// entry directly: how a feature module's record becomes a RecordEntry (the features' own tests use it
// through their records).

function context(ttl = 1800): RecordContext {
  const stack = new Stack(new App(), 'Test');
  return { scope: stack, domainName: 'example.org', region: 'eu-west-1', ttl } as unknown as RecordContext;
}

test('the name gets its trailing dot, the TTL comes from the context, and the sources are kept', () => {
  expect(entry(context(), 'DmarcRecord', '_dmarc.example.org', route53.RecordType.TXT, ['"v=DMARC1; p=none"'], 'DMARC policy',
    { kind: RecordKind.DMARC, name: 'domainName', values: 'dmarc' })).toEqual({
    id: 'DmarcRecord',
    kind: RecordKind.DMARC,
    record: { name: '_dmarc.example.org.', type: route53.RecordType.TXT, values: ['"v=DMARC1; p=none"'], ttl: 1800, purpose: 'DMARC policy' },
    nameFrom: 'domainName',
    valuesFrom: 'dmarc',
  });
});

test('a name that already ends with a dot keeps one dot; values from several props stay one per value', () => {
  const e = entry(context(300), 'Mx', 'example.org.', route53.RecordType.MX, ['10 a.example.net', '20 b.example.net'], 'inbound MX',
    { kind: RecordKind.INBOUND_MX, name: 'domainName', values: ['inboundMail[0]', 'inboundMail[1]'] });
  expect([e.record.name, e.record.ttl, e.valuesFrom]).toEqual(['example.org.', 300, ['inboundMail[0]', 'inboundMail[1]']]);
});

test('a token name is given the dot after the token, which resolves to the name with its dot', () => {
  const ctx = context();
  const name = Token.asString({ Ref: 'DomainName' });
  const e = entry(ctx, 'Txt', name, route53.RecordType.TXT, ['"x"'], 'TXT', { kind: RecordKind.DOMAIN_TXT, name: 'domainName', values: 'domainTxtValues' });
  expect(Stack.of(ctx.scope).resolve(e.record.name)).toEqual({ 'Fn::Join': ['', [{ Ref: 'DomainName' }, '.']] });
});
