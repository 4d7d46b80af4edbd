import { generateKeyPairSync } from 'crypto';
import { App, Duration, SecretValue, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import {
  DkimSigning, Dmarc, DmarcAlignment, DmarcFailureReportOption, DmarcPolicy, InboundMail, Spf, SpfAll,
  VerifiedMailDomain, VerifiedMailDomainProps,
} from '../src';
import { literalRecords, recordSets, zoneStack } from './helpers/util';

// The catalogue of synth-time checks: every bad input throws a message that names the prop, shows the
// bad value and says what is allowed; every good edge case yields the exact record.

type Props = () => Omit<VerifiedMailDomainProps, 'hostedZone'>;

function synth(props: Props, zoneName = 'example.org'): Stack {
  const { stack, zone } = zoneStack(zoneName);
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, ...props() });
  return stack;
}

const key = SecretValue.secretsManager('dkim-key');
const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const label63 = 'a'.repeat(63);
const name254 = `${[label63, label63, label63].join('.')}.${'b'.repeat(50)}.example.org`; // 254 characters
const name253 = name254.slice(1);
const nineIncludes = Array.from({ length: 9 }, (_, i) => `s${i}.example.net`);

const BAD: Array<[string, Props, string]> = [
  // Domain names
  ['domain with a space', () => ({ domainName: 'my mail.example.org' }), "domainName labels may hold only letters, digits and inner hyphens, got 'my mail' in 'my mail.example.org'"],
  ['wildcard domain', () => ({ domainName: '*.example.org' }), "domainName must not contain a wildcard label '*', got '*.example.org'"],
  ['underscore in the domain', () => ({ domainName: 'mail_1.example.org' }), "domainName labels may hold only letters, digits and inner hyphens, got 'mail_1' in 'mail_1.example.org'"],
  ['two dots in a row', () => ({ domainName: 'mail..example.org' }), "domainName must not contain an empty label (a leading dot or two dots in a row), got 'mail..example.org'"],
  ['leading dot', () => ({ domainName: '.example.org' }), "domainName must not contain an empty label (a leading dot or two dots in a row), got '.example.org'"],
  ['two trailing dots', () => ({ domainName: 'example.org..' }), "domainName must not contain an empty label (a leading dot or two dots in a row), got 'example.org..'"],
  ['leading hyphen', () => ({ domainName: '-mail.example.org' }), "domainName labels may hold only letters, digits and inner hyphens, got '-mail' in '-mail.example.org'"],
  ['trailing hyphen', () => ({ domainName: 'mail-.example.org' }), "domainName labels may hold only letters, digits and inner hyphens, got 'mail-' in 'mail-.example.org'"],
  ['64-character label', () => ({ domainName: `${'a'.repeat(64)}.example.org` }), `domainName labels must be 1-63 characters long, got 64 in '${'a'.repeat(64)}.example.org'`],
  ['254-character name', () => ({ domainName: name254, customMailFrom: false }), `domainName must be at most 253 characters long, got 254: '${name254}'`],
  ['empty domain', () => ({ domainName: '' }), "domainName must be a domain name such as 'example.com', got ''"],
  ['domain outside the zone', () => ({ domainName: 'example.com' }), "domainName 'example.com' is not inside the hosted zone 'example.org'; give a name that ends with 'example.org' or the zone that holds it"],
  ['suffix that is not a parent', () => ({ domainName: 'badexample.org' }), "domainName 'badexample.org' is not inside the hosted zone 'example.org'"],
  ['Unicode with a space', () => ({ domainName: 'bü cher.example.org' }), "domainName must be a domain name of ASCII letters, digits, hyphens and dots (internationalized names as punycode 'xn--...'), got 'bü cher.example.org'"],
  // MAIL FROM
  ['MAIL FROM with a dot', () => ({ mailFromSubdomain: 'mail.from' }), "mailFromSubdomain must be a single DNS label without dots (e.g. 'bounce'), got 'mail.from'"],
  ['empty MAIL FROM label', () => ({ mailFromSubdomain: '' }), "mailFromSubdomain must not contain an empty label (a leading dot or two dots in a row), got ''"],
  ['MAIL FROM with an underscore', () => ({ mailFromSubdomain: 'bounce_1' }), "mailFromSubdomain labels may hold only letters, digits and inner hyphens, got 'bounce_1' in 'bounce_1'"],
  ['wildcard MAIL FROM', () => ({ mailFromSubdomain: '*' }), "mailFromSubdomain must not contain a wildcard label '*', got '*'"],
  ['MAIL FROM label while switched off', () => ({ customMailFrom: false, mailFromSubdomain: 'mx' }), "mailFromSubdomain ('mx') is set but customMailFrom is false; remove one of them"],
  ['MAIL FROM domain over 253 characters', () => ({ domainName: name253 }), `mailFromSubdomain makes the MAIL FROM domain 'bounce.${name253}' 260 characters long; at most 253 are allowed`],
  // SPF
  ['include with a space', () => ({ spf: Spf.publish({ include: ['spf example.net'] }) }), "spf.include labels may hold only letters, digits, inner hyphens and underscores, got 'spf example' in 'spf example.net'"],
  ['wildcard include', () => ({ spf: Spf.publish({ include: ['*.example.net'] }) }), "spf.include must not contain a wildcard label '*', got '*.example.net'"],
  ['ip4 octet over 255', () => ({ spf: Spf.publish({ ip4: ['256.1.1.1'] }) }), "spf.ip4 entries must be IPv4 addresses with an optional /0-32 prefix length, got '256.1.1.1'"],
  ['ip4 prefix /33', () => ({ spf: Spf.publish({ ip4: ['192.0.2.0/33'] }) }), "spf.ip4 entries must be IPv4 addresses with an optional /0-32 prefix length, got '192.0.2.0/33'"],
  ['IPv6 address as ip4', () => ({ spf: Spf.publish({ ip4: ['2001:db8::1'] }) }), "spf.ip4 entries must be IPv4 addresses with an optional /0-32 prefix length, got '2001:db8::1'"],
  ['ip4 with two prefixes', () => ({ spf: Spf.publish({ ip4: ['192.0.2.1/24/1'] }) }), "spf.ip4 entries must be IPv4 addresses with an optional /0-32 prefix length, got '192.0.2.1/24/1'"],
  ['ip6 prefix /129', () => ({ spf: Spf.publish({ ip6: ['2001:db8::/129'] }) }), "spf.ip6 entries must be IPv6 addresses with an optional /0-128 prefix length, got '2001:db8::/129'"],
  ['IPv4 address as ip6', () => ({ spf: Spf.publish({ ip6: ['192.0.2.1'] }) }), "spf.ip6 entries must be IPv6 addresses with an optional /0-128 prefix length, got '192.0.2.1'"],
  ['ptr term', () => ({ spf: Spf.publish({ terms: ['ptr'] }) }), "spf.terms must not use 'ptr' (RFC 7208 says it SHOULD NOT be used; many receivers ignore it), got 'ptr'; list the hosts with a, ip4 or ip6 instead"],
  ['qualified ptr term', () => ({ spf: Spf.publish({ terms: ['-ptr:example.net'] }) }), "spf.terms must not use 'ptr' (RFC 7208 says it SHOULD NOT be used; many receivers ignore it), got '-ptr:example.net'"],
  ['second all', () => ({ spf: Spf.publish({ terms: ['-all'] }) }), "spf.terms must not contain 'all' (got '-all'): the record ends with the spf.all option, and one all is allowed"],
  ['redirect with all', () => ({ spf: Spf.publish({ terms: ['redirect=_spf.example.net'] }) }), "spf.terms must not contain 'redirect=' (got 'redirect=_spf.example.net'): it is ignored when the record has 'all', which this record always has"],
  ['two terms in one entry', () => ({ spf: Spf.publish({ terms: ['include:a.example include:b.example'] }) }), "spf.terms entries must each be one SPF mechanism (include, a, mx, ip4, ip6, exists) or modifier (exp=), got 'include:a.example include:b.example'"],
  ['unknown mechanism', () => ({ spf: Spf.publish({ terms: ['foo:bar'] }) }), "spf.terms entries must each be one SPF mechanism (include, a, mx, ip4, ip6, exists) or modifier (exp=), got 'foo:bar'"],
  ['non-ASCII term', () => ({ spf: Spf.publish({ terms: ['a:mäil.example.org'] }) }), "spf.terms must contain only printable ASCII characters, got 'a:mäil.example.org' (character \"ä\" at 3)"],
  ['two exp= modifiers', () => ({ spf: Spf.publish({ terms: ['exp=a.example.org', 'exp=b.example.org'] }) }), 'spf.terms may hold the exp= modifier once (RFC 7208), got 2: exp=a.example.org, exp=b.example.org'],
  ['eleven lookups', () => ({ spf: Spf.publish({ include: nineIncludes, mx: true }) }), 'spf needs 11 DNS lookups in its own terms (include, a, mx, exists; include:amazonses.com counts), but SPF allows at most 10, and lookups inside included records count too: drop or flatten some includes'],
  ['eleven lookups with a terms entry', () => ({ spf: Spf.publish({ include: nineIncludes, terms: ['exists:%{i}.example.org'] }) }), 'spf needs 11 DNS lookups'],
  ['all qualifier outside the enum', () => ({ spf: Spf.publish({ all: '+all' as SpfAll }) }), "spf.all must be one of SpfAll.SOFTFAIL ('~all'), SpfAll.FAIL ('-all'), SpfAll.NEUTRAL ('?all'), got '+all'"],
  ['SPF in domainTxtValues', () => ({ domainTxtValues: ['v=spf1 -all'] }), "domainTxtValues[0] is an SPF record ('v=spf1 -all'); a name may hold only one, and the construct writes it: use the spf prop (Spf.publish or Spf.none)"],
  ['non-ASCII domainTxtValues', () => ({ domainTxtValues: ['ok', 'héllo'] }), "domainTxtValues[1] must contain only printable ASCII characters, got 'héllo' (character \"é\" at 1)"],
  // DMARC
  ['https report URI', () => ({ dmarc: Dmarc.publish({ aggregateReportAddresses: ['https://example.org/dmarc'] }) }), "dmarc.aggregateReportAddresses entries must be e-mail addresses or mailto: URIs (receivers send reports only by mail), got 'https://example.org/dmarc'"],
  ['report address without @', () => ({ dmarc: Dmarc.publish({ aggregateReportAddresses: ['dmarc.example.org'] }) }), "dmarc.aggregateReportAddresses entries must be e-mail addresses like 'dmarc@example.com', got 'dmarc.example.org'"],
  ['report address with empty local part', () => ({ dmarc: Dmarc.publish({ failureReportAddresses: ['mailto:@example.org'] }) }), "dmarc.failureReportAddresses entries must be e-mail addresses like 'dmarc@example.com', got 'mailto:@example.org'"],
  ['raw comma in a report address', () => ({ dmarc: Dmarc.publish({ aggregateReportAddresses: ['a,b@example.org'] }) }), "dmarc.aggregateReportAddresses entries must not contain a raw ',' or '!' (they separate URIs and sizes in DMARC); percent-encode them as %2C and %21, got 'a,b@example.org'"],
  ['raw ! in a report address', () => ({ dmarc: Dmarc.publish({ failureReportAddresses: ['a!b@example.org'] }) }), "dmarc.failureReportAddresses entries must not contain a raw ',' or '!'"],
  ['two addresses in one entry', () => ({ dmarc: Dmarc.publish({ aggregateReportAddresses: ['a@example.org,b@example.org'] }) }), "dmarc.aggregateReportAddresses entries must not contain a raw ',' or '!'"],
  ['report domain with underscore', () => ({ dmarc: Dmarc.publish({ aggregateReportAddresses: ['dmarc@re_ports.example.org'] }) }), "dmarc.aggregateReportAddresses labels may hold only letters, digits and inner hyphens, got 're_ports' in 're_ports.example.org'"],
  ['local part with a dot at the end', () => ({ dmarc: Dmarc.publish({ aggregateReportAddresses: ['dmarc.@example.org'] }) }), "dmarc.aggregateReportAddresses entries must be e-mail addresses like 'dmarc@example.com', got 'dmarc.@example.org'"],
  ['non-ASCII local part', () => ({ dmarc: Dmarc.publish({ aggregateReportAddresses: ['dörte@example.org'] }) }), "dmarc.aggregateReportAddresses must contain only printable ASCII characters, got 'dörte' (character \"ö\" at 1)"],
  ['policy outside the enum', () => ({ dmarc: Dmarc.publish({ policy: 'block' as DmarcPolicy }) }), "dmarc.policy must be one of DmarcPolicy.NONE ('none'), DmarcPolicy.QUARANTINE ('quarantine'), DmarcPolicy.REJECT ('reject'), got 'block'"],
  ['subdomain policy outside the enum', () => ({ dmarc: Dmarc.publish({ subdomainPolicy: 'drop' as DmarcPolicy }) }), "dmarc.subdomainPolicy must be one of DmarcPolicy.NONE ('none'), DmarcPolicy.QUARANTINE ('quarantine'), DmarcPolicy.REJECT ('reject'), got 'drop'"],
  ['alignment outside the enum', () => ({ dmarc: Dmarc.publish({ spfAlignment: 'x' as DmarcAlignment }) }), "dmarc.spfAlignment must be one of DmarcAlignment.RELAXED ('r'), DmarcAlignment.STRICT ('s'), got 'x'"],
  ['fo 0 and 1 together', () => ({ dmarc: Dmarc.publish({ failureReportOptions: [DmarcFailureReportOption.ALL_FAIL, DmarcFailureReportOption.ANY_FAIL], failureReportAddresses: ['f@example.org'] }) }), 'dmarc.failureReportOptions must not hold both ALL_FAIL (0) and ANY_FAIL (1) (RFC 9989), got 0:1'],
  ['fo outside the enum', () => ({ dmarc: Dmarc.publish({ failureReportOptions: ['x' as DmarcFailureReportOption] }) }), "dmarc.failureReportOptions[0] must be one of DmarcFailureReportOption.ALL_FAIL ('0'), DmarcFailureReportOption.ANY_FAIL ('1'), DmarcFailureReportOption.DKIM_FAIL ('d'), DmarcFailureReportOption.SPF_FAIL ('s'), got 'x'"],
  // MX
  ['negative priority', () => ({ inboundMail: InboundMail.servers([{ host: 'mx.example.net', priority: -1 }]) }), 'inboundMail servers[0].priority must be an integer from 0 to 65535, got -1'],
  ['priority 65536', () => ({ inboundMail: InboundMail.servers([{ host: 'mx.example.net', priority: 65536 }]) }), 'inboundMail servers[0].priority must be an integer from 0 to 65535, got 65536'],
  ['fractional priority', () => ({ inboundMail: InboundMail.servers([{ host: 'a.example.net', priority: 1 }, { host: 'mx.example.net', priority: 1.5 }]) }), 'inboundMail servers[1].priority must be an integer from 0 to 65535, got 1.5'],
  ['MX host with underscore', () => ({ inboundMail: InboundMail.servers([{ host: 'mx_1.example.net', priority: 10 }]) }), "inboundMail servers[0].host labels may hold only letters, digits and inner hyphens, got 'mx_1' in 'mx_1.example.net'"],
  ['null MX among servers', () => ({ inboundMail: InboundMail.servers([{ host: '.', priority: 0 }]) }), "inboundMail servers[0].host must be a host name, got '.'; a null MX must be the only MX at its name: use InboundMail.nullMx()"],
  ['no servers', () => ({ inboundMail: InboundMail.servers([]) }), 'inboundMail servers must list at least one server, got an empty list; use InboundMail.nullMx() for a domain that receives no mail'],
  ['a server twice', () => ({ inboundMail: InboundMail.servers([{ host: 'mx.example.net', priority: 10 }, { host: 'MX.example.net.', priority: 20 }]) }), "inboundMail servers[1].host 'mx.example.net' is listed twice; give each server once"],
  // DKIM
  ['selector with underscore', () => ({ dkim: DkimSigning.byoDkim({ selector: 'ses_1', privateKey: key }) }), "byoDkim selector must be 1-63 letters, digits and inner hyphens, got 'ses_1'"],
  ['selector with a dot', () => ({ dkim: DkimSigning.byoDkim({ selector: 'ses.1', privateKey: key }) }), "byoDkim selector must be 1-63 letters, digits and inner hyphens, got 'ses.1'"],
  ['plain-text private key', () => ({ dkim: DkimSigning.byoDkim({ selector: 's', privateKey: SecretValue.unsafePlainText('MIIE') }) }), 'byoDkim privateKey must be a Secrets Manager reference (SecretValue.secretsManager) or a NoEcho parameter (SecretValue.cfnParameter), got a plain-text value that would appear in the template'],
  ['public key not base64', () => ({ dkim: DkimSigning.byoDkim({ selector: 's', privateKey: key, publicKey: 'p=MIGf' }) }), "byoDkim publicKey must be a base64 RSA public key (SubjectPublicKeyInfo), got 'p=MIGf'"],
  ['Easy DKIM key length outside the enum', () => ({ dkim: DkimSigning.easyDkim('RSA_512_BIT' as ses.EasyDkimSigningKeyLength) }), "dkim keyLength must be one of ses.EasyDkimSigningKeyLength.RSA_1024_BIT, ses.EasyDkimSigningKeyLength.RSA_2048_BIT, got 'RSA_512_BIT'"],
  // TTL
  ['TTL of a fraction of a second', () => ({ recordTtl: Duration.millis(1500) }), 'recordTtl must be a whole number of seconds from 0 to 2147483647, got 1.5'],
];

describe('bad inputs fail at synth with a message', () => {
  test('the catalogue holds at least 40 bad inputs', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(40);
  });

  test.each(BAD)('%s', (_name, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});

const domainToken = Token.asString({ Ref: 'DomainName' });

// [case, props, record key `NAME TYPE`, exact values]
const GOOD: Array<[string, Props, string, unknown[]]> = [
  // Domain names
  ['upper-case domain', () => ({ domainName: 'MAIL.EXAMPLE.ORG' }), '_dmarc.mail.example.org. TXT', ['"v=DMARC1; p=none"']],
  ['one trailing dot', () => ({ domainName: 'mail.example.org.' }), 'mail.example.org. TXT', ['"v=spf1 include:amazonses.com ~all"']],
  ['the zone apex given explicitly', () => ({ domainName: 'example.org' }), 'bounce.example.org. MX', ['10 feedback-smtp.eu-west-1.amazonses.com']],
  ['punycode domain', () => ({ domainName: 'xn--bcher-kva.example.org' }), '_dmarc.xn--bcher-kva.example.org. TXT', ['"v=DMARC1; p=none"']],
  ['Unicode domain converted to punycode', () => ({ domainName: 'Bücher.example.org' }), '_dmarc.xn--bcher-kva.example.org. TXT', ['"v=DMARC1; p=none"']],
  ['63-character label', () => ({ domainName: `${label63}.example.org` }), `_dmarc.${label63}.example.org. TXT`, ['"v=DMARC1; p=none"']],
  ['253-character domain (BYODKIM: Easy DKIM names would pass 253)', () => ({ domainName: name253, customMailFrom: false, dmarc: Dmarc.none(), dkim: DkimSigning.byoDkim({ selector: 's', privateKey: key }) }), `${name253}. TXT`, ['"v=spf1 include:amazonses.com ~all"']],
  ['digits-only label', () => ({ domainName: '123.example.org' }), '123.example.org. TXT', ['"v=spf1 include:amazonses.com ~all"']],
  // MAIL FROM
  ['upper-case MAIL FROM label', () => ({ mailFromSubdomain: 'MAIL' }), 'mail.example.org. MX', ['10 feedback-smtp.eu-west-1.amazonses.com']],
  ['one-character MAIL FROM label', () => ({ mailFromSubdomain: 'm' }), 'm.example.org. TXT', ['"v=spf1 include:amazonses.com ~all"']],
  ['hyphenated MAIL FROM label', () => ({ mailFromSubdomain: 'mail-from-1' }), 'mail-from-1.example.org. MX', ['10 feedback-smtp.eu-west-1.amazonses.com']],
  // SPF
  ['include with a trailing dot', () => ({ spf: Spf.publish({ include: ['_spf.google.com.'] }) }), 'example.org. TXT', ['"v=spf1 include:amazonses.com include:_spf.google.com ~all"']],
  ['include given with its prefix', () => ({ spf: Spf.publish({ include: ['include:spf.protection.outlook.com'] }) }), 'example.org. TXT', ['"v=spf1 include:amazonses.com include:spf.protection.outlook.com ~all"']],
  ['ip4 without a prefix length', () => ({ spf: Spf.publish({ ip4: ['192.0.2.1'] }) }), 'example.org. TXT', ['"v=spf1 ip4:192.0.2.1 include:amazonses.com ~all"']],
  ['ip4 /0 and /32', () => ({ spf: Spf.publish({ ip4: ['0.0.0.0/0', '192.0.2.1/32'] }) }), 'example.org. TXT', ['"v=spf1 ip4:0.0.0.0/0 ip4:192.0.2.1/32 include:amazonses.com ~all"']],
  ['ip4 given with its prefix', () => ({ spf: Spf.publish({ ip4: ['ip4:198.51.100.0/24'] }) }), 'example.org. TXT', ['"v=spf1 ip4:198.51.100.0/24 include:amazonses.com ~all"']],
  ['ip6 loopback', () => ({ spf: Spf.publish({ ip6: ['::1'] }) }), 'example.org. TXT', ['"v=spf1 ip6:::1 include:amazonses.com ~all"']],
  ['ip6 /128 upper case', () => ({ spf: Spf.publish({ ip6: ['2001:DB8::1/128'] }) }), 'example.org. TXT', ['"v=spf1 ip6:2001:db8::1/128 include:amazonses.com ~all"']],
  ['a and mx', () => ({ spf: Spf.publish({ a: true, mx: true, all: SpfAll.FAIL }) }), 'example.org. TXT', ['"v=spf1 a mx include:amazonses.com -all"']],
  ['a with a CIDR in terms', () => ({ spf: Spf.publish({ terms: ['a:mail.example.org/24'] }) }), 'example.org. TXT', ['"v=spf1 include:amazonses.com a:mail.example.org/24 ~all"']],
  ['qualified include in terms', () => ({ spf: Spf.publish({ terms: ['?include:partner.example.net'] }) }), 'example.org. TXT', ['"v=spf1 include:amazonses.com ?include:partner.example.net ~all"']],
  ['exists with a macro', () => ({ spf: Spf.publish({ terms: ['exists:%{i}._spf.example.org'] }) }), 'example.org. TXT', ['"v=spf1 include:amazonses.com exists:%{i}._spf.example.org ~all"']],
  ['exp= modifier once', () => ({ spf: Spf.publish({ terms: ['exp=explain.example.org'] }) }), 'example.org. TXT', ['"v=spf1 include:amazonses.com exp=explain.example.org ~all"']],
  ['exactly ten lookups', () => ({ spf: Spf.publish({ include: nineIncludes.slice(0, 8), a: true }) }), 'example.org. TXT',
    [`"v=spf1 a include:amazonses.com ${nineIncludes.slice(0, 8).map((d) => `include:${d}`).join(' ')} ~all"`]],
  ['ip4 entries do not count as lookups', () => ({ spf: Spf.publish({ include: nineIncludes, ip4: ['192.0.2.1'] }) }), 'example.org. TXT',
    ['"v=spf1 ip4:192.0.2.1 include:amazonses.com include:s0.example.net include:s1.example.net include:s2.example.net include:s3.example.net include:s4.example.net include:s5.example.net include:s6.example.net include:s7.example.net include:s8.example.net ~all"']],
  ['SPF over 255 characters split into strings', () => ({ spf: Spf.publish({ ip4: Array.from({ length: 15 }, (_, i) => `203.0.113.${i + 100}`) }) }), 'example.org. TXT',
    [(() => {
      const t = `v=spf1 ${Array.from({ length: 15 }, (_, i) => `ip4:203.0.113.${i + 100}`).join(' ')} include:amazonses.com ~all`;
      return `"${t.slice(0, 255)}" "${t.slice(255)}"`;
    })()]],
  ['TXT strings with quotes are escaped', () => ({ domainTxtValues: ['say "hello"'] }), 'example.org. TXT', ['"v=spf1 include:amazonses.com ~all"', '"say \\"hello\\""']],
  ['a repeated TXT string is written once', () => ({ domainTxtValues: ['token', 'token'] }), 'example.org. TXT', ['"v=spf1 include:amazonses.com ~all"', '"token"']],
  ['a token TXT string', () => ({ domainTxtValues: [Token.asString({ Ref: 'Verification' })] }), 'example.org. TXT',
    ['"v=spf1 include:amazonses.com ~all"', { 'Fn::Join': ['', ['"', { Ref: 'Verification' }, '"']] }]],
  // DMARC
  ['MAILTO: in upper case', () => ({ dmarc: Dmarc.publish({ aggregateReportAddresses: ['MAILTO:Dmarc@Example.ORG'] }) }), '_dmarc.example.org. TXT', ['"v=DMARC1; p=none; rua=mailto:Dmarc@example.org"']],
  ['report domain with a trailing dot', () => ({ dmarc: Dmarc.publish({ aggregateReportAddresses: ['dmarc@example.org.'] }) }), '_dmarc.example.org. TXT', ['"v=DMARC1; p=none; rua=mailto:dmarc@example.org"']],
  ['plus-tagged address', () => ({ dmarc: Dmarc.publish({ aggregateReportAddresses: ['dmarc+rua@example.org'] }) }), '_dmarc.example.org. TXT', ['"v=DMARC1; p=none; rua=mailto:dmarc+rua@example.org"']],
  ['percent-encoded ! in an address', () => ({ dmarc: Dmarc.publish({ failureReportAddresses: ['a%21b@example.org'] }) }), '_dmarc.example.org. TXT', ['"v=DMARC1; p=none; ruf=mailto:a%21b@example.org"']],
  ['the same address twice is written once', () => ({ dmarc: Dmarc.publish({ aggregateReportAddresses: ['d@example.org', 'mailto:d@example.org'] }) }), '_dmarc.example.org. TXT', ['"v=DMARC1; p=none; rua=mailto:d@example.org"']],
  ['Unicode report domain as punycode', () => ({ dmarc: Dmarc.publish({ aggregateReportAddresses: ['d@bücher.example.org'] }) }), '_dmarc.example.org. TXT', ['"v=DMARC1; p=none; rua=mailto:d@xn--bcher-kva.example.org"']],
  ['fo 0 with failure addresses', () => ({ dmarc: Dmarc.publish({ failureReportOptions: [DmarcFailureReportOption.ALL_FAIL], failureReportAddresses: ['f@example.org'] }) }), '_dmarc.example.org. TXT', ['"v=DMARC1; p=none; fo=0; ruf=mailto:f@example.org"']],
  ['reject with testing mode', () => ({ dmarc: Dmarc.publish({ policy: DmarcPolicy.REJECT, testing: true }) }), '_dmarc.example.org. TXT', ['"v=DMARC1; p=reject; t=y"']],
  // MX
  ['priority 0', () => ({ inboundMail: InboundMail.servers([{ host: 'mx.example.net', priority: 0 }]) }), 'example.org. MX', ['0 mx.example.net']],
  ['priority 65535', () => ({ inboundMail: InboundMail.servers([{ host: 'mx.example.net', priority: 65535 }]) }), 'example.org. MX', ['65535 mx.example.net']],
  ['MX host upper case with trailing dot', () => ({ inboundMail: InboundMail.servers([{ host: 'MX.Example.NET.', priority: 10 }]) }), 'example.org. MX', ['10 mx.example.net']],
  ['MX host that is a token', () => ({ inboundMail: InboundMail.servers([{ host: Token.asString({ Ref: 'MxHost' }), priority: 10 }]) }), 'example.org. MX',
    [{ 'Fn::Join': ['', ['10 ', { Ref: 'MxHost' }]] }]],
  // DKIM
  ['63-character selector', () => ({ dkim: DkimSigning.byoDkim({ selector: label63, privateKey: key, publicKey: rsa1024 }) }), `${label63}._domainkey.example.org. TXT`, [`"p=${rsa1024}"`]],
  ['hyphenated upper-case selector', () => ({ dkim: DkimSigning.byoDkim({ selector: 'SES-2026', privateKey: key, publicKey: rsa1024 }) }), 'SES-2026._domainkey.example.org. TXT', [`"p=${rsa1024}"`]],
  // TTL
  ['TTL of 0 seconds', () => ({ recordTtl: Duration.seconds(0), dmarc: Dmarc.publish() }), '_dmarc.example.org. TXT', ['"v=DMARC1; p=none"']],
];

describe('good edge cases yield the exact record', () => {
  test('the catalogue holds at least 40 good cases', () => {
    expect(GOOD.length).toBeGreaterThanOrEqual(40);
  });

  test.each(GOOD)('%s', (_name, props, recordKey, values) => {
    const stack = synth(props);
    expect(literalRecords(stack)[recordKey]).toEqual(values);
  });
});

describe('tokens are never checked', () => {
  test('a token domain name in a literal zone', () => {
    const { stack, zone } = zoneStack();
    const mail = new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, domainName: domainToken });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: { Ref: 'DomainName' } });
    expect(Object.values(recordSets(stack))).toContainEqual({
      Name: { 'Fn::Join': ['', ['_dmarc.', { Ref: 'DomainName' }, '.']] },
      Type: 'TXT',
      ResourceRecords: ['"v=DMARC1; p=none"'],
      TTL: '1800',
    });
    expect(mail.mailFromDomain).toBe(`bounce.${domainToken}`);
  });

  test('a token region in an environment-agnostic stack', () => {
    const stack = new Stack(new App(), 'Agnostic');
    const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.org' });
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, inboundMail: InboundMail.ses() });
    expect(Object.values(recordSets(stack))).toContainEqual({
      Name: 'bounce.example.org.',
      Type: 'MX',
      ResourceRecords: [{ 'Fn::Join': ['', ['10 feedback-smtp.', { Ref: 'AWS::Region' }, '.amazonses.com']] }],
      TTL: '1800',
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('token priority, selector, label, IP and include pass unchecked', () => {
    const stack = synth(() => ({
      mailFromSubdomain: Token.asString({ Ref: 'Label' }),
      spf: Spf.publish({ ip4: [Token.asString({ Ref: 'Ip' })], include: [Token.asString({ Ref: 'Inc' })] }),
      inboundMail: InboundMail.servers([{ host: 'mx.example.net', priority: Token.asNumber({ Ref: 'Prio' }) }]),
      dkim: DkimSigning.byoDkim({ selector: Token.asString({ Ref: 'Sel' }), privateKey: key }),
    }));
    Template.fromStack(stack).hasResourceProperties('AWS::SES::EmailIdentity', {
      DkimSigningAttributes: { DomainSigningSelector: { Ref: 'Sel' } },
    });
  });
});
