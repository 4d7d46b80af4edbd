import { App, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { RecordContext } from '../../src/context';
import { SPF_MAX_LOOKUPS, SPF_WARN_LENGTH } from '../../src/limits';
import { Spf, SpfAll, SpfOptions } from '../../src/sending/spf';

// Spf's record text and checks, called directly (through the construct's `spf` prop: spf-prop.test.ts).

/** The part of the record context Spf reads: the scope for warnings and the domain name. */
function context(domainName = 'example.org'): { ctx: RecordContext; stack: Stack } {
  const stack = new Stack(new App(), 'Test');
  return { stack, ctx: { scope: stack, domainName } as unknown as RecordContext };
}

function text(options: SpfOptions, domainName?: string): string | undefined {
  return Spf.publish(options)._text(context(domainName).ctx);
}

function warnings(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
}

const token = Token.asString({ Ref: 'Sender' });

test('the limits', () => {
  expect([SPF_MAX_LOOKUPS, SPF_WARN_LENGTH]).toEqual([10, 450]);
});

test('Spf.none() publishes no record', () => {
  expect(Spf.none()._text(context().ctx)).toBeUndefined();
});

test.each<[SpfOptions, string]>([
  [{}, 'v=spf1 include:amazonses.com ~all'],
  [{ all: SpfAll.FAIL }, 'v=spf1 include:amazonses.com -all'],
  [{ all: SpfAll.NEUTRAL }, 'v=spf1 include:amazonses.com ?all'],
  [{ a: true, mx: true }, 'v=spf1 a mx include:amazonses.com ~all'],
  [{ a: false, mx: false }, 'v=spf1 include:amazonses.com ~all'],
  [{ mx: true }, 'v=spf1 mx include:amazonses.com ~all'],
  [{ terms: ['mx', 'exp=explain.example.org'], include: ['_spf.example.net'], ip6: ['2001:DB8::/32'], ip4: ['IP4:192.0.2.0/24'], a: true },
    'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a include:amazonses.com include:_spf.example.net mx exp=explain.example.org ~all'],
  [{ include: ['INCLUDE:_spf.Google.com', '_spf.google.com', 'amazonses.com'] }, 'v=spf1 include:amazonses.com include:_spf.google.com ~all'],
  [{ ip4: ['192.0.2.1', 'ip4:192.0.2.1'], ip6: ['ip6:2001:db8::1'] }, 'v=spf1 ip4:192.0.2.1 ip6:2001:db8::1 include:amazonses.com ~all'],
  [{ terms: ['+a:mail.example.org/24', '-exists:%{i}._spf.example.org', 'EXP=a.example.org'] },
    'v=spf1 include:amazonses.com +a:mail.example.org/24 -exists:%{i}._spf.example.org EXP=a.example.org ~all'],
])('%j publishes %s', (options, record) => {
  expect(text(options)).toBe(record);
});

test('tokens pass through unchecked, and a record holding one is not parsed', () => {
  expect(text({ include: [token], ip4: [token], ip6: [token], terms: [token] }))
    .toBe(`v=spf1 ip4:${token} ip6:${token} include:amazonses.com include:${token} ${token} ~all`);
  // 11 lookups would be refused in a literal record.
  const include = Array.from({ length: 10 }, (_, i) => `spf${i}.example.net`);
  expect(text({ include: [...include, token] })).toMatch(/^v=spf1 include:amazonses.com include:spf0.example.net /);
});

test.each<[unknown, string]>([
  [['_spf.google.com'], "Spf.publish takes an options object such as { include: ['_spf.google.com'] }, got a list"],
  [null, "Spf.publish takes an options object such as { include: ['_spf.google.com'] }, got null"],
  [{ includes: ['x.example'] }, "Spf.publish has no option 'includes': did you mean 'include'? Options: include, ip4, ip6, a, mx, terms, all"],
  [{ a: 'yes' }, 'spf.a must be true or false, got string "yes"'],
  [{ mx: 1 }, 'spf.mx must be true or false, got number 1'],
  [{ all: '+all' }, "spf.all must be one of SpfAll.SOFTFAIL ('~all'), SpfAll.FAIL ('-all'), SpfAll.NEUTRAL ('?all'), got '+all'"],
  [{ ip4: '192.0.2.1' }, 'spf.ip4 must be a list of strings, got string "192.0.2.1"'],
  [{ ip4: ['192.0.2.300'] },
    "spf.ip4 entries must be IPv4 addresses with an optional /0-32 prefix length, got '192.0.2.300': the ip4 address '192.0.2.300' is not a dotted quad of 0-255 without leading zeros"],
  [{ ip4: [' 192.0.2.1'] }, "spf.ip4 entries must be IPv4 addresses with an optional /0-32 prefix length, got ' 192.0.2.1'"],
  [{ ip4: ['ip6:2001:db8::1'] },
    "spf.ip4 entries must be IPv4 addresses with an optional /0-32 prefix length, got 'ip6:2001:db8::1': the ip4 address 'ip6:2001:db8::1' is not a dotted quad of 0-255 without leading zeros"],
  [{ ip6: ['2001:db8::g'] },
    "spf.ip6 entries must be IPv6 addresses with an optional /0-128 prefix length, got '2001:db8::g': the ip6 address '2001:db8::g' is not an IPv6 address (RFC 4291 section 2.2)"],
  [{ ip6: ['2001:db8::1 '] }, "spf.ip6 entries must be IPv6 addresses with an optional /0-128 prefix length, got '2001:db8::1 '"],
  [{ include: ['localhost'] },
    "spf.include entries must be domain names such as '_spf.example.com', got 'localhost': the domain 'localhost' must end in a top-level label of letters (a name such as example.com)"],
  [{ include: ['-x.example'] }, "spf.include labels may hold only letters, digits, inner hyphens and underscores, got '-x' in '-x.example'"],
  [{ terms: ['include:'] },
    "spf.terms entries must each be one SPF mechanism (include, a, mx, ip4, ip6, exists) or modifier (exp=), got 'include:': include needs a domain (include:<domain>)"],
  [{ terms: ['exists:é.example'] }, "spf.terms must contain only printable ASCII characters, got 'exists:é.example' (character \"é\" at 7)"],
  [{ terms: ['a mx'] },
    "spf.terms entries must each be one SPF mechanism (include, a, mx, ip4, ip6, exists) or modifier (exp=), got 'a mx': one term per entry, without spaces"],
  [{ terms: ['ptr'] }, "spf.terms must not use 'ptr' (RFC 7208 says it SHOULD NOT be used; many receivers ignore it), got 'ptr'; list the hosts with a, ip4 or ip6 instead"],
  [{ terms: ['?ptr:example.org'] },
    "spf.terms must not use 'ptr' (RFC 7208 says it SHOULD NOT be used; many receivers ignore it), got '?ptr:example.org'; list the hosts with a, ip4 or ip6 instead"],
  [{ terms: ['-all'] }, "spf.terms must not contain 'all' (got '-all'): the record ends with the spf.all option, and one all is allowed"],
  [{ terms: ['redirect=_spf.example.net'] },
    "spf.terms must not contain 'redirect=' (got 'redirect=_spf.example.net'): it is ignored when the record has 'all', which this record always has"],
  [{ terms: ['foo=bar.example'] },
    "spf.terms entries must each be one SPF mechanism (include, a, mx, ip4, ip6, exists) or modifier (exp=), got 'foo=bar.example': 'foo=' is not a modifier of RFC 7208, and receivers ignore unknown modifiers"],
  // A modifier named like a mechanism is an unknown modifier, not the mechanism.
  [{ terms: ['ptr=example.org'] },
    "spf.terms entries must each be one SPF mechanism (include, a, mx, ip4, ip6, exists) or modifier (exp=), got 'ptr=example.org': 'ptr=' is not a modifier of RFC 7208, and receivers ignore unknown modifiers"],
  [{ terms: ['all=x'] },
    "spf.terms entries must each be one SPF mechanism (include, a, mx, ip4, ip6, exists) or modifier (exp=), got 'all=x': 'all=' is not a modifier of RFC 7208, and receivers ignore unknown modifiers"],
  [{ terms: ['include=example.org'] },
    "spf.terms entries must each be one SPF mechanism (include, a, mx, ip4, ip6, exists) or modifier (exp=), got 'include=example.org': 'include=' is not a modifier of RFC 7208, and receivers ignore unknown modifiers"],
  [{ terms: ['exp=a.example.org', 'EXP=b.example.org'] }, 'spf.terms may hold the exp= modifier once (RFC 7208), got 2: exp=a.example.org, EXP=b.example.org'],
])('Spf.publish(%j) is refused', (options, message) => {
  expect(() => text(options as SpfOptions)).toThrow(new Error(message));
});

test.each([['ip6'], ['include'], ['terms']])('spf.%s must be a list', (prop) => {
  expect(() => text({ [prop]: 'x' } as SpfOptions)).toThrow(new Error(`spf.${prop} must be a list of strings, got string "x"`));
});

test('an address with a space gets the message alone, no parser reason', () => {
  expect(() => text({ ip4: ['192.0.2.1 '] })).toThrow(/^spf.ip4 entries must be IPv4 addresses with an optional \/0-32 prefix length, got '192.0.2.1 '$/);
});

test('include: is stripped only as a prefix', () => {
  expect(() => text({ include: ['aninclude:x.example'] })).toThrow(new Error("spf.include labels may hold only letters, digits, inner hyphens and underscores, got 'aninclude:x' in 'aninclude:x.example'"));
});

test('exp= counts only as a modifier, not inside another term', () => {
  expect(text({ terms: ['exists:a.exp=b.example.org', 'exp=c.example.org'] })).toBe('v=spf1 include:amazonses.com exists:a.exp=b.example.org exp=c.example.org ~all');
});

test('one exp= beside a token is allowed', () => {
  expect(text({ terms: ['exp=a.example.org', token] })).toBe(`v=spf1 include:amazonses.com exp=a.example.org ${token} ~all`);
});

describe('lookups', () => {
  const includes = (n: number) => Array.from({ length: n }, (_, i) => `spf${i}.example.net`);

  test('exactly ten are allowed, include:amazonses.com counted', () => {
    expect(text({ include: includes(9) })).toBe(`v=spf1 include:amazonses.com ${includes(9).map((d) => `include:${d}`).join(' ')} ~all`);
    expect(text({ include: includes(6), a: true, mx: true, terms: ['exists:x.example.org', 'ip4:192.0.2.1'] })).toMatch(/ exists:x.example.org ip4:192.0.2.1 ~all$/);
  });

  test.each<[SpfOptions, number]>([
    [{ include: includes(10) }, 11],
    [{ include: includes(7), a: true, mx: true, terms: ['exists:x.example.org'] }, 11],
    [{ include: includes(9), terms: ['a:mail.example.org', 'mx:mx.example.org'] }, 12],
  ])('%j needs %d and is refused', (options, lookups) => {
    expect(() => text(options)).toThrow(new Error(`spf needs ${lookups} DNS lookups in its own terms (include, a, mx, exists; include:amazonses.com counts), `
      + 'but SPF allows at most 10, and lookups inside included records count too: drop or flatten some includes'));
  });
});

describe('the domain\'s own record', () => {
  test.each(['example.org', 'Example.org.', 'include:EXAMPLE.org'])('include %s is refused', (include) => {
    expect(() => text({ include: [include] })).toThrow(new Error("spf must not include the domain's own record ('include:example.org' in the SPF of example.org): receivers would evaluate it "
      + 'again and again until the 10-lookup limit, a permerror for all mail (RFC 7208 section 4.6.4); list the other senders themselves'));
  });

  test('as a free-form term too', () => {
    expect(() => text({ terms: ['~include:example.org'] })).toThrow(new Error("spf must not include the domain's own record ('~include:example.org' in the SPF of example.org): "
      + 'receivers would evaluate it again and again until the 10-lookup limit, a permerror for all mail (RFC 7208 section 4.6.4); list the other senders themselves'));
  });

  test.each<[SpfOptions]>([
    [{ include: ['sub.example.org', 'org.example'] }],
    [{ terms: ['exists:example.org', 'a:example.org', 'exp=example.org'] }],
  ])('%j is not the own record', (options) => {
    expect(text(options)).toMatch(/^v=spf1 include:amazonses.com /);
  });

  test('a token domain name is not compared', () => {
    expect(text({ include: ['example.org'] }, token)).toBe('v=spf1 include:amazonses.com include:example.org ~all');
  });
});

describe('the 450-character warning', () => {
  /** A record of exactly `length` characters (333 to 591): 15 ip6 ranges and an exp= domain of the rest. */
  function optionsOfLength(length: number): SpfOptions {
    const ip6 = Array.from({ length: 15 }, (_, i) => `2001:db8:${i.toString(16)}::/48`);
    let rest = length - 338 - '.org'.length;
    const labels: string[] = [];
    while (rest > 0) {
      const size = Math.min(60, rest);
      labels.push('a'.repeat(size));
      rest -= size + 1;
    }
    const options = { ip6, terms: [`exp=${labels.join('.')}.org`] };
    expect(text(options)).toHaveLength(length);
    return options;
  }

  test('450 characters do not warn', () => {
    const { stack, ctx } = context();
    expect(Spf.publish(optionsOfLength(450))._text(ctx)).toHaveLength(450);
    expect(warnings(stack)).toEqual([]);
  });

  test('451 characters warn, with the id to acknowledge it', () => {
    const { stack, ctx } = context();
    expect(Spf.publish(optionsOfLength(451))._text(ctx)).toHaveLength(451);
    expect(warnings(stack)).toEqual(['The SPF record of example.org is 451 characters; past 450 the DNS answer may exceed 512 octets and some receivers fail it. '
      + 'Use fewer terms or ranges. [ack: cdk-verified-mail-domain:spfTooLong]']);
  });
});
