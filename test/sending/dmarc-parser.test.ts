import { DmarcRecord, DmarcSyntaxError, isDmarcRecord, mailtoDomain, parseDmarcRecord } from '../../src/sending/dmarc-parser';

/** The error a call throws; fails the test when it throws nothing or something else. */
function thrown(f: () => unknown): DmarcSyntaxError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DmarcSyntaxError);
    return e as DmarcSyntaxError;
  }
  throw new Error('expected a DmarcSyntaxError, nothing was thrown');
}

/** The parsed record: the given tags (name, value) and fields, every other field at its default. */
function parsed(tags: Array<[string, string]>, fields: Partial<DmarcRecord> = {}): DmarcRecord {
  return {
    tags: tags.map(([name, value]) => ({ name, value })),
    dkimAlignment: 'r',
    spfAlignment: 'r',
    failureOptions: ['0'],
    aggregateUris: [],
    failureUris: [],
    testing: false,
    obsolete: [],
    unknown: [],
    problems: [],
    ...fields,
  };
}

const V: [string, string] = ['v', 'DMARC1'];
const NONE: [string, string] = ['p', 'none'];
const MISSING_P_NO_RUA = 'p is missing and there is no rua: receivers apply no DMARC policy (RFC 9989 section 4.10.1)';

test.each<[string, DmarcRecord]>([
  // What src/sending/dmarc.ts writes.
  ['v=DMARC1; p=none', parsed([V, NONE], { policy: 'none' })],
  ['v=DMARC1; p=quarantine; sp=reject; np=reject; adkim=s; aspf=r; fo=1:d; rua=mailto:a@example.org,mailto:b@example.net; ruf=mailto:f@example.org; t=y',
    parsed([V, ['p', 'quarantine'], ['sp', 'reject'], ['np', 'reject'], ['adkim', 's'], ['aspf', 'r'], ['fo', '1:d'],
      ['rua', 'mailto:a@example.org,mailto:b@example.net'], ['ruf', 'mailto:f@example.org'], ['t', 'y']], {
      policy: 'quarantine',
      subdomainPolicy: 'reject',
      nonExistentPolicy: 'reject',
      dkimAlignment: 's',
      failureOptions: ['1', 'd'],
      aggregateUris: ['mailto:a@example.org', 'mailto:b@example.net'],
      failureUris: ['mailto:f@example.org'],
      testing: true,
    })],
  ['v=DMARC1; p=reject; sp=quarantine; np=reject; adkim=s; aspf=r; fo=1:d:s; rua=mailto:dmarc@example.org,mailto:agg@reports.example.org; ruf=mailto:forensic@example.org; t=y',
    parsed([V, ['p', 'reject'], ['sp', 'quarantine'], ['np', 'reject'], ['adkim', 's'], ['aspf', 'r'], ['fo', '1:d:s'],
      ['rua', 'mailto:dmarc@example.org,mailto:agg@reports.example.org'], ['ruf', 'mailto:forensic@example.org'], ['t', 'y']], {
      policy: 'reject',
      subdomainPolicy: 'quarantine',
      nonExistentPolicy: 'reject',
      dkimAlignment: 's',
      failureOptions: ['1', 'd', 's'],
      aggregateUris: ['mailto:dmarc@example.org', 'mailto:agg@reports.example.org'],
      failureUris: ['mailto:forensic@example.org'],
      testing: true,
    })],
  ['v=DMARC1; p=quarantine; rua=mailto:dmarc@example.org',
    parsed([V, ['p', 'quarantine'], ['rua', 'mailto:dmarc@example.org']], { policy: 'quarantine', aggregateUris: ['mailto:dmarc@example.org'] })],
  ['v=DMARC1; p=none; rua=mailto:a%2Cb@example.org',
    parsed([V, NONE, ['rua', 'mailto:a%2Cb@example.org']], { policy: 'none', aggregateUris: ['mailto:a%2Cb@example.org'] })],
  // Spacing, trailing ';' and case.
  ['v=DMARC1;p=reject', parsed([V, ['p', 'reject']], { policy: 'reject' })],
  ['v=DMARC1; p=none;', parsed([V, NONE], { policy: 'none' })],
  ['  v = DMARC1 ;\tp = reject ; ', parsed([V, ['p', 'reject']], { policy: 'reject' })],
  ['V=DMARC1; P=REJECT; SP=None; ADKIM=S; Aspf=s; FO=D; T=Y',
    parsed([V, ['p', 'REJECT'], ['sp', 'None'], ['adkim', 'S'], ['aspf', 's'], ['fo', 'D'], ['t', 'Y']], {
      policy: 'reject', subdomainPolicy: 'none', dkimAlignment: 's', spfAlignment: 's', failureOptions: ['d'], testing: true,
    })],
  ['v=DMARC1; p=none; rua = mailto:a@example.org ,\tmailto:b@example.net',
    parsed([V, NONE, ['rua', 'mailto:a@example.org ,\tmailto:b@example.net']], {
      policy: 'none', aggregateUris: ['mailto:a@example.org', 'mailto:b@example.net'],
    })],
  // Unknown and obsolete tags.
  ['v=DMARC1; p=none; foo=bar baz', parsed([V, NONE, ['foo', 'bar baz']], { policy: 'none', unknown: ['foo'] })],
  ['v=DMARC1; p=reject; pct=50', parsed([V, ['p', 'reject'], ['pct', '50']], { policy: 'reject', obsolete: ['pct'] })],
  ['v=DMARC1; p=none; RF=afrf; ri=86400; x=1; pct=100',
    parsed([V, NONE, ['rf', 'afrf'], ['ri', '86400'], ['x', '1'], ['pct', '100']], { policy: 'none', obsolete: ['rf', 'ri', 'pct'], unknown: ['x'] })],
  // Other tags and values.
  ['v=DMARC1; p=none; psd=y', parsed([V, NONE, ['psd', 'y']], { policy: 'none' })],
  ['v=DMARC1; p=quarantine; t=n', parsed([V, ['p', 'quarantine'], ['t', 'n']], { policy: 'quarantine' })],
  ['v=DMARC1; p=none; fo=d:s', parsed([V, NONE, ['fo', 'd:s']], { policy: 'none', failureOptions: ['d', 's'] })],
  ['v=DMARC1; p=none; fo=s:0', parsed([V, NONE, ['fo', 's:0']], { policy: 'none', failureOptions: ['s', '0'] })],
  ['v=DMARC1; p=reject; aspf=s; adkim=r', parsed([V, ['p', 'reject'], ['aspf', 's'], ['adkim', 'r']], { policy: 'reject', spfAlignment: 's' })],
  ['v=DMARC1; p=none; ruf=mailto:f@example.org?subject=dmarc',
    parsed([V, NONE, ['ruf', 'mailto:f@example.org?subject=dmarc']], { policy: 'none', failureUris: ['mailto:f@example.org?subject=dmarc'] })],
  // Accepted by receivers, listed as problems.
  ['v=DMARC1', parsed([V], { problems: [MISSING_P_NO_RUA] })],
  ['v=DMARC1; sp=reject', parsed([V, ['sp', 'reject']], { subdomainPolicy: 'reject', problems: [MISSING_P_NO_RUA] })],
  ['v=DMARC1; rua=mailto:d@example.org', parsed([V, ['rua', 'mailto:d@example.org']], {
    aggregateUris: ['mailto:d@example.org'],
    problems: ['p is missing: RFC 9989 receivers act as if p=none because rua is valid (section 4.10.1), and RFC 7489 requires p'],
  })],
  ['v=DMARC1; rua=mailto:d@example.org; p=none', parsed([V, ['rua', 'mailto:d@example.org'], NONE], {
    policy: 'none', aggregateUris: ['mailto:d@example.org'], problems: ['p is not right after v: RFC 7489 requires the record to start v=DMARC1; p=...'],
  })],
  ['v=DMARC1; p=none; rua=mailto:d@example.org!10m,mailto:e@example.org!5', parsed([V, NONE, ['rua', 'mailto:d@example.org!10m,mailto:e@example.org!5']], {
    policy: 'none',
    aggregateUris: ['mailto:d@example.org', 'mailto:e@example.org'],
    problems: [
      "the size limit '!10m' on 'mailto:d@example.org' in rua is obsolete (RFC 9989); receivers ignore it",
      "the size limit '!5' on 'mailto:e@example.org' in rua is obsolete (RFC 9989); receivers ignore it",
    ],
  })],
  ['v=DMARC1; p=none; rua=https://example.org/mailto:a@example.org', parsed([V, NONE, ['rua', 'https://example.org/mailto:a@example.org']], {
    policy: 'none',
    aggregateUris: ['https://example.org/mailto:a@example.org'],
    problems: ["'https://example.org/mailto:a@example.org' in rua is not a mailto: URI; receivers need only support mailto: (RFC 9989 section 4.7)"],
  })],
  ['v=DMARC1; p=none; rua=https://reports.example.org/dmarc?x=1', parsed([V, NONE, ['rua', 'https://reports.example.org/dmarc?x=1']], {
    policy: 'none',
    aggregateUris: ['https://reports.example.org/dmarc?x=1'],
    problems: ["'https://reports.example.org/dmarc?x=1' in rua is not a mailto: URI; receivers need only support mailto: (RFC 9989 section 4.7)"],
  })],
])('parses %j', (text, expected) => {
  expect(parseDmarcRecord(text)).toStrictEqual(expected);
  expect(isDmarcRecord(text)).toBe(true);
});

test.each<[string, string]>([
  ['', 'the record must start with v=DMARC1'],
  ['p=none', 'the record must start with v=DMARC1'],
  ['p=none; v=DMARC1', 'the record must start with v=DMARC1'],
  ['; v=DMARC1; p=none', 'the record must start with v=DMARC1'],
  ['v=DMARC2; p=none', "the version must be exactly DMARC1 (case-sensitive), got 'DMARC2'"],
  ['v=dmarc1; p=none', "the version must be exactly DMARC1 (case-sensitive), got 'dmarc1'"],
  ['v=DMARC1 p=none', "the version must be exactly DMARC1 (case-sensitive), got 'DMARC1 p=none' (is a ';' missing?)"],
  ['v=DMARC1; p=block', "p must be none, quarantine or reject, got 'block'"],
  ['v=DMARC1; sp=all', "sp must be none, quarantine or reject, got 'all'"],
  ['v=DMARC1; p=none; np=no ne', "np must be none, quarantine or reject, got 'no ne'"],
  ['v=DMARC1; p=none; P=reject', 'the tag p appears more than once; each tag is allowed once (RFC 6376 section 3.2)'],
  ['v=DMARC1; p=none; v=DMARC1', 'the tag v appears more than once; each tag is allowed once (RFC 6376 section 3.2)'],
  ['v=DMARC1; p=none; fo=0:1', "fo must not hold both 0 and 1 (RFC 9989), got '0:1'"],
  ['v=DMARC1; p=none; fo=x', "fo must be 0, 1, d or s, separated by ':', got 'x'"],
  ['v=DMARC1; p=none; fo=0,d', "fo must be 0, 1, d or s, separated by ':', got '0,d'"],
  ['v=DMARC1; p=none; fo=d::s', "fo must be 0, 1, d or s, separated by ':', got 'd::s'"],
  ['v=DMARC1; p=none; fo=d:D', "fo holds d twice, got 'd:D'"],
  ['v=DMARC1; p=none; rua=dmarc@example.org',
    "'dmarc@example.org' in rua is not a URI (write mailto:dmarc@example.org); ',' and '!' inside a URI must be percent-encoded"],
  ['v=DMARC1; p=none; ruf=not a uri', "'not a uri' in ruf is not a URI; ',' and '!' inside a URI must be percent-encoded"],
  ['v=DMARC1; p=none; rua=mailto:a@example.org!10x', "'!10x' after 'mailto:a@example.org' in rua is not a size limit (!<digits>[k|m|g|t])"],
  ['v=DMARC1; p=none; rua=mailto:a@example.org!10m!5', "'!10m!5' after 'mailto:a@example.org' in rua is not a size limit (!<digits>[k|m|g|t])"],
  ['v=DMARC1; p=none; rua=mailto:a@example.org,', "rua has an empty URI (a stray ',')"],
  ['v=DMARC1; p=none; rua=mailto:example.org', "'mailto:example.org' in rua is not a mail address (mailto:<local part>@<domain name>)"],
  ['v=DMARC1; p=none; rua=mailto:@example.org', "'mailto:@example.org' in rua is not a mail address (mailto:<local part>@<domain name>)"],
  ['v=DMARC1; p=none; ruf=mailto:a@b@example.org', "'mailto:a@b@example.org' in ruf is not a mail address (mailto:<local part>@<domain name>)"],
  ['v=DMARC1; p=none; ruf=mailto:a@example_org', "'mailto:a@example_org' in ruf is not a mail address (mailto:<local part>@<domain name>)"],
  ['v=DMARC1; p=none; rua=mailto:a@ex%41mple.org', "'mailto:a@ex%41mple.org' in rua is not a mail address (mailto:<local part>@<domain name>)"],
  ['v=DMARC1; p=none; rua=mailto:a%zz@example.org', "'mailto:a%zz@example.org' in rua is not a URI; ',' and '!' inside a URI must be percent-encoded"],
  ['v=DMARC1; p=none; rua=mailto:dm\u00e4rc@example.org', 'the character "\u00e4" is not allowed (only printable ASCII)'],
  ['v=DMARC1; p=', 'p has an empty value'],
  ['v=DMARC1; p=none; Foo= ', 'foo has an empty value'],
  ['v=DMARC1; p=none; foo=a\tb', 'foo has a tab inside its value (only spaces are allowed there)'],
  ['v=DMARC1; p=none; rua=mailto:a@example.org\t!10m', "'mailto:a@example.org\t' in rua is not a URI; ',' and '!' inside a URI must be percent-encoded"],
  ['v=DMARC1; p', "'p' has no '=' (a tag is written name=value)"],
  ['v=DMARC1; =none', "'' is not a valid tag name (letters only)"],
  ['v=DMARC1; p-x=none', "'p-x' is not a valid tag name (letters only)"],
  ['v=DMARC1; adkim=x', "adkim must be r or s, got 'x'"],
  ['v=DMARC1; aspf=relaxed', "aspf must be r or s, got 'relaxed'"],
  ['v=DMARC1; p=none; t=maybe', "t must be y or n, got 'maybe'"],
  ['v=DMARC1; p=none; psd=x', "psd must be y, n or u, got 'x'"],
  ['v=DMARC1;;p=none', "a tag is empty (two ';' in a row, or a ';' first)"],
  ['v=DMARC1; p=none;;', "a tag is empty (two ';' in a row, or a ';' first)"],
  ['v=DMARC1; p=none; ; ', "a tag is empty (two ';' in a row, or a ';' first)"],
  // Only rua and ruf may hold a tab (around the commas of their URI list); names that merely contain them may not.
  ['v=DMARC1; p=none; xrua=a\tb', 'xrua has a tab inside its value (only spaces are allowed there)'],
  ['v=DMARC1; p=none; ruax=a\tb', 'ruax has a tab inside its value (only spaces are allowed there)'],
  // A size limit with no URI before it.
  ['v=DMARC1; p=none; rua=!10m', "'' in rua is not a URI; ',' and '!' inside a URI must be percent-encoded"],
])('rejects %j', (text, reason) => {
  const error = thrown(() => parseDmarcRecord(text));
  expect(error.reason).toBe(reason);
  expect(error.record).toBe(text);
  expect(error.message).toBe(`'${text}' is not a valid DMARC record: ${reason}`);
});

test('the error is an Error named DmarcSyntaxError', () => {
  const error = thrown(() => parseDmarcRecord('v=DMARC1; p=x'));
  expect(error).toBeInstanceOf(Error);
  expect(error.name).toBe('DmarcSyntaxError');
  expect(error.message).toBe("'v=DMARC1; p=x' is not a valid DMARC record: p must be none, quarantine or reject, got 'x'");
});

test.each<[string, boolean]>([
  ['v=DMARC1', true],
  ['v=DMARC1; p=none', true],
  ['v=DMARC1;p=none', true],
  ['  v=DMARC1;', true],
  ['V = DMARC1 ; p=reject', true],
  ['v=DMARC1\t', true],
  ['v=DMARC1; p=bogus', true],
  ['', false],
  ['v=DMARC10; p=none', false],
  ['v=dmarc1; p=none', false],
  ['v=DMARC1 p=none', false],
  ['p=none; v=DMARC1', false],
  ['v=spf1 include:amazonses.com ~all', false],
  ['DMARC1', false],
  ['x v=DMARC1', false],
])('isDmarcRecord(%j) is %s', (text, expected) => {
  expect(isDmarcRecord(text)).toBe(expected);
});

test.each<[string, string | undefined]>([
  ['mailto:a@Reports.Example.org', 'reports.example.org'],
  ['MAILTO:dmarc@EXAMPLE.ORG', 'example.org'],
  ['mailto:a@example.org.', 'example.org'],
  ['mailto:a@example.org?subject=dmarc', 'example.org'],
  ['mailto:a@example.org!10m', 'example.org'],
  ['mailto:a%2Cb@example.org', 'example.org'],
  ['https://reports.example.org/dmarc', undefined],
  ['https://user@reports.example.org/dmarc', undefined],
  ['xmailto:a@example.org', undefined],
  ['mailto:@example.org', 'example.org'],
  ['a@example.org', undefined],
  ['mailto:example.org', undefined],
  ['mailto:a@', undefined],
  ['', undefined],
])('mailtoDomain(%j) is %j', (uri, expected) => {
  expect(mailtoDomain(uri)).toBe(expected);
});

test('every tag and value the construct can write parses without problems', () => {
  for (const p of ['none', 'quarantine', 'reject']) {
    for (const fo of ['0', '1', 'd', 's', '0:d:s', '1:d:s']) {
      const text = `v=DMARC1; p=${p}; sp=${p}; np=${p}; adkim=s; aspf=s; fo=${fo}; rua=mailto:a@example.org; ruf=mailto:b@example.net; t=y`;
      const record = parseDmarcRecord(text);
      expect(record.problems).toEqual([]);
      expect([record.policy, record.subdomainPolicy, record.nonExistentPolicy, record.failureOptions.join(':')]).toEqual([p, p, p, fo]);
    }
  }
});
