import { dmarcDifferences, spfDifferences } from '../../../src/command/check/equivalence';

// Records that mean what the construct expects are `ok` however they are spelled; records that mean something else
// are `different`, with what differs: the comparison itself (the command against a real BIND serving them is in
// spelling.test.ts, so that this file loads only the module it tests).

const DMARC = 'v=DMARC1; p=quarantine; rua=mailto:reports@example.org';

test.each([
  ['no spaces', 'v=DMARC1;p=quarantine;rua=mailto:reports@example.org'],
  ['a trailing ;', `${DMARC};`],
  ['spaces and tabs around tags, = and ;', ' v = DMARC1 ;\tp = quarantine ;  rua = mailto:reports@example.org ; '],
  ['other tag order after v and p, upper-case names and keywords', 'v=DMARC1; P=Quarantine; ADKIM=R; rua=mailto:reports@EXAMPLE.org'],
  ['every default written out', `${DMARC}; sp=quarantine; np=quarantine; adkim=r; aspf=r; fo=0; t=n; psd=u; pct=100; rf=afrf; ri=86400`],
  ['a tag DMARC does not define (receivers ignore it)', `${DMARC}; note=hello`],
])('DMARC read the same (%s): no difference', (_, found) => {
  expect(dmarcDifferences(DMARC, found)).toEqual([]);
});

test.each([
  ['a number with a leading zero', 'v=DMARC1; p=none; pct=50; ri=3600', 'v=DMARC1; p=none; pct=050; ri=03600'],
  ['failure options in another order', 'v=DMARC1; p=none; fo=1:d', 'v=DMARC1; p=none; fo=d:1'],
  ['a space after the comma between report URIs, the mail domain and scheme in upper case',
    'v=DMARC1; p=none; rua=mailto:a@example.org,mailto:b@example.org', 'v=DMARC1; p=none; rua=MAILTO:a@EXAMPLE.org, mailto:b@example.ORG'],
  ['the mail domain in upper case before a size limit', 'v=DMARC1; p=none; ruf=mailto:a@example.org!10m', 'v=DMARC1; p=none; ruf=mailto:a@EXAMPLE.ORG!10m'],
  ['an https report URI with its scheme in upper case', 'v=DMARC1; p=none; rua=https://r.example.org/d', 'v=DMARC1; p=none; rua=HTTPS://r.example.org/d'],
  ['v alone', 'v=DMARC1', 'v=DMARC1'],
])('DMARC read the same (%s): no difference', (_, expected, found) => {
  expect(dmarcDifferences(expected, found)).toEqual([]);
});

test.each([
  ['no p and no sp where both are written', 'v=DMARC1; p=none; sp=none', 'v=DMARC1; rua=mailto:a@example.org',
    ['p is absent, expected none', 'sp is absent, expected none', 'rua is mailto:a@example.org, expected none']],
  ['failure options more', 'v=DMARC1; p=none; fo=1', 'v=DMARC1; p=none; fo=s:1', ['fo is 1:s, expected 1']],
  ['another failure report address, a local part in another case', 'v=DMARC1; p=none; ruf=mailto:a@example.org', 'v=DMARC1; p=none; ruf=mailto:A@example.org',
    ['ruf is mailto:A@example.org, expected mailto:a@example.org']],
  ['a size limit other than expected', 'v=DMARC1; p=none; rua=mailto:a@example.org!10m', 'v=DMARC1; p=none; rua=mailto:a@example.org!20m',
    ['rua is mailto:a@example.org!20m, expected mailto:a@example.org!10m']],
  ['an https report URI for a mailto one', DMARC, 'v=DMARC1; p=quarantine; rua=https://reports.example.org/dmarc',
    ['rua is https://reports.example.org/dmarc, expected mailto:reports@example.org']],
  ['historic numbers that are not numbers, compared as written', 'v=DMARC1; p=none', 'v=DMARC1; p=none; pct=x50; ri=86400x',
    ['pct is x50, expected 100', 'ri is 86400x, expected 86400']],
  ['a header of another case after the mail domain (only the domain is case-blind)', 'v=DMARC1; p=none; rua=mailto:a@example.org?subject=Hi',
    'v=DMARC1; p=none; rua=mailto:a@EXAMPLE.org?subject=hi', ['rua is mailto:a@example.org?subject=hi, expected mailto:a@example.org?subject=Hi']],
  ['psd, rf and ri other than their defaults', 'v=DMARC1; p=none', 'v=DMARC1; p=none; psd=y; rf=iodef; ri=3600',
    ['psd is y, expected u', 'rf is iodef, expected afrf', 'ri is 3600, expected 86400']],
])('DMARC that means something else (%s): each difference named', (_, expected, found, differences) => {
  expect(dmarcDifferences(expected, found)).toEqual(differences);
});

test.each([
  ['another policy', 'v=DMARC1; p=none; rua=mailto:reports@example.org', ['p is none, expected quarantine']],
  ['a subdomain policy other than p', `${DMARC}; sp=reject`, ['sp is reject, expected quarantine']],
  ['strict DKIM alignment', `${DMARC}; adkim=s`, ['adkim is s, expected r']],
  ['another report address', 'v=DMARC1; p=quarantine; rua=mailto:dmarc@example.org', ['rua is mailto:dmarc@example.org, expected mailto:reports@example.org']],
  ['a second report address', `${DMARC},mailto:b@example.org`, ['rua is mailto:reports@example.org,mailto:b@example.org, expected mailto:reports@example.org']],
  ['a size limit RFC 7489 receivers read', `${DMARC}!10m`, ['rua is mailto:reports@example.org!10m, expected mailto:reports@example.org']],
  ['pct below 100', `${DMARC}; pct=50`, ['pct is 50, expected 100']],
  ['testing mode', `${DMARC}; t=y`, ['t is y, expected n']],
  ['failure options', `${DMARC}; fo=1`, ['fo is 1, expected 0']],
  ['p not right after v', 'v=DMARC1; rua=mailto:reports@example.org; p=quarantine', ['p is not right after v (RFC 7489 receivers require v=DMARC1; p=...)']],
  ['no p at all', 'v=DMARC1; rua=mailto:reports@example.org', ['p is absent, expected quarantine']],
])('DMARC that means something else (%s): each difference named', (_, found, differences) => {
  expect(dmarcDifferences(DMARC, found)).toEqual(differences);
});

const SPF = 'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 include:amazonses.com ~all';

test.each([
  ['more spaces, upper case, + written, a trailing dot', 'V=SPF1   +IP4:192.0.2.0/24  ip6:2001:DB8::/32 INCLUDE:AmazonSES.com.  ~ALL '],
  ['host bits below the prefix, another IPv6 spelling', 'v=spf1 ip4:192.0.2.77/24 ip6:2001:db8:0:0::1/32 include:amazonses.com ~all'],
  ['terms after all (never evaluated)', `${SPF} include:_spf.other.example ?all`],
  ['redirect= beside all (ignored), an unknown modifier', `${SPF} redirect=_spf.other.example note=hello`],
])('SPF evaluated the same (%s): no difference', (_, found) => {
  expect(spfDifferences(SPF, found, 'example.org')).toEqual([]);
});

test.each([
  [
    'a default prefix length written out',
    'v=spf1 a mx/24', 'v=spf1 a/32//128 mx/24//128', [],
  ],
  ['a bare a, mx and ptr: the name itself', 'v=spf1 a mx:example.org ptr', 'v=spf1 a:Example.org. mx ptr:example.org', []],
  ['a closing ?all and no all: both neutral (RFC 7208 section 4.7)', 'v=spf1 include:amazonses.com ?all', 'v=spf1 include:amazonses.com', []],
  ['no all and a closing ?all, the other way round', 'v=spf1 a', 'v=spf1 a ?all', []],
  ['a closing ?all beside a redirect=, which then applies without the all', 'v=spf1 a ?all', 'v=spf1 a redirect=_spf.example.org', ['redirect= is redirect=_spf.example.org, expected none']],
  ['a bare a: not another name', 'v=spf1 a', 'v=spf1 a:mail.example.org', ['term 1 is a:mail.example.org, expected a']],
  ['-all for ~all', SPF, SPF.replace('~all', '-all'), ['term 4 is -all, expected ~all']],
  ['terms in another order', SPF, 'v=spf1 include:amazonses.com ip4:192.0.2.0/24 ip6:2001:db8::/32 ~all', ['term 1 is include:amazonses.com, expected ip4:192.0.2.0/24']],
  ['another network', SPF, SPF.replace('/24', '/25'), ['term 1 is ip4:192.0.2.0/25, expected ip4:192.0.2.0/24']],
  ['a term missing', SPF, 'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 include:amazonses.com', ['term 4 ~all is missing']],
  ['a term more', 'v=spf1 include:amazonses.com', 'v=spf1 include:amazonses.com mx', ['term 2 mx is not expected']],
  ['a redirect=', 'v=spf1 include:amazonses.com', 'v=spf1 include:amazonses.com redirect=_spf.example.org', ['redirect= is redirect=_spf.example.org, expected none']],
  ['no redirect= where one is expected', 'v=spf1 redirect=_spf.example.org', 'v=spf1', ['redirect= is none, expected redirect=_spf.example.org']],
  ['another exp= beside an all', 'v=spf1 -all exp=why.example.org', 'v=spf1 -all exp=other.example.org', ['exp= is exp=other.example.org, expected exp=why.example.org']],
  ['an exp= spelled otherwise', 'v=spf1 -all exp=why.example.org', 'v=spf1 -all EXP=Why.Example.org.', []],
  ['a prefix length that differs on a', 'v=spf1 a/24', 'v=spf1 a', ['term 1 is a, expected a/24']],
  ['an IPv6 prefix length that differs on mx', 'v=spf1 mx//64', 'v=spf1 mx', ['term 1 is mx, expected mx//64']],
  ['an include is not an a', 'v=spf1 include:example.org', 'v=spf1 a', ['term 1 is a, expected include:example.org']],
  ['another IPv4 network of the same length', 'v=spf1 ip4:192.0.2.0/24', 'v=spf1 ip4:192.0.3.0/24', ['term 1 is ip4:192.0.3.0/24, expected ip4:192.0.2.0/24']],
  ['another IPv6 network of the same length', 'v=spf1 ip6:2001:db8::/32', 'v=spf1 ip6:2001:db9::/32', ['term 1 is ip6:2001:db9::/32, expected ip6:2001:db8::/32']],
  ['an IPv6 network written with :: in another place', 'v=spf1 ip6:2001:db8::1/32', 'v=spf1 ip6:2001:db8:1::/32', []],
  ['an IPv6 address written out in full', 'v=spf1 ip6:2001:db8:1:2:3:4:5:6/64', 'v=spf1 ip6:2001:db8:1:2::/64', []],
  ['an IPv6 address written out in full, another network', 'v=spf1 ip6:2001:db8:1:2:3:4:5:6/64', 'v=spf1 ip6:2001:db8:1:3::/64',
    ['term 1 is ip6:2001:db8:1:3::/64, expected ip6:2001:db8:1:2:3:4:5:6/64']],
])('SPF %s', (_, expected, found, differences) => {
  expect(spfDifferences(expected, found, 'example.org')).toEqual(differences);
});
