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
])('SPF %s', (_, expected, found, differences) => {
  expect(spfDifferences(expected, found, 'example.org')).toEqual(differences);
});
