import { spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack, Token } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Dmarc, DmarcPolicy, InboundMail, Spf, VerifiedMailDomain } from '../src';
import { renderRoute53Values, renderTxtValue } from '../src/records';

describe('renderTxtValue', () => {
  test('quotes a short value as one string', () => {
    expect(renderTxtValue('v=spf1 include:amazonses.com ~all')).toBe('"v=spf1 include:amazonses.com ~all"');
  });

  test('splits at exactly 255 characters', () => {
    expect(renderTxtValue('a'.repeat(255))).toBe(`"${'a'.repeat(255)}"`);
    expect(renderTxtValue('a'.repeat(256))).toBe(`"${'a'.repeat(255)}" "a"`);
    expect(renderTxtValue('x'.repeat(600))).toBe(`"${'x'.repeat(255)}" "${'x'.repeat(255)}" "${'x'.repeat(90)}"`);
  });

  test('escapes quotes and backslashes', () => {
    expect(renderTxtValue('say "hi" \\o/')).toBe('"say \\"hi\\" \\\\o/"');
  });

  test('renders an empty value as one empty string', () => {
    expect(renderTxtValue('')).toBe('""');
  });

  test('quotes a token whole', () => {
    const token = Token.asString({ Ref: 'Param' });
    expect(renderTxtValue(token)).toBe(`"${token}"`);
  });
});

test.each<[string, route53.RecordType, string[], string[]]>([
  ['TXT values quoted and split', route53.RecordType.TXT, ['v=spf1 -all', 'a'.repeat(256)], ['"v=spf1 -all"', `"${'a'.repeat(255)}" "a"`]],
  ['other values as they are', route53.RecordType.MX, ['10 mx.example.org', '"20 x"'], ['10 mx.example.org', '"20 x"']],
])('renderRoute53Values: %s', (_, type, values, rendered) => {
  expect(renderRoute53Values({ name: 'example.org.', type, values, ttl: 300, purpose: 'x' })).toEqual(rendered);
});

describe('zone file', () => {
  // Substitutes fixed DKIM tokens for the identity's deploy-time attributes.
  function withFixedTokens(stack: Stack, text: string): string {
    const resolved = stack.resolve(text);
    if (typeof resolved === 'string') return resolved;
    return resolved['Fn::Join'][1].map((part: any) => {
      if (typeof part === 'string') return part;
      const [, attr] = part['Fn::GetAtt'];
      const n = attr.slice(-1);
      return attr.startsWith('DkimDNSTokenName') ? `tok${n}._domainkey.example.org` : `tok${n}.dkim.amazonses.com`;
    }).join('');
  }

  const ip4 = Array.from({ length: 15 }, (_, i) => `203.0.113.${i + 100}`);
  const spfText = `v=spf1 ${ip4.map((ip) => `ip4:${ip}`).join(' ')} include:amazonses.com ~all`;

  function fixedCase(): { stack: Stack; mail: VerifiedMailDomain } {
    const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
    const mail = new VerifiedMailDomain(stack, 'Mail', {
      domainName: 'example.org',
      spf: Spf.publish({ ip4 }),
      dmarc: Dmarc.publish({ policy: DmarcPolicy.REJECT, aggregateReportAddresses: ['dmarc@example.org'] }),
      inboundMail: InboundMail.servers([{ host: 'mx1.example.net', priority: 10 }, { host: 'mx2.example.net', priority: 20 }]),
    });
    return { stack, mail };
  }

  test('renders every record, line by line, with TXT split as in Route53', () => {
    const { stack, mail } = fixedCase();
    expect(spfText.length).toBeGreaterThan(255);
    expect(withFixedTokens(stack, mail.zoneFile()).split('\n')).toEqual([
      '; DNS records of the Amazon SES domain example.org',
      '; Easy DKIM key 1',
      'tok1._domainkey.example.org. 1800 IN CNAME tok1.dkim.amazonses.com.',
      '; Easy DKIM key 2',
      'tok2._domainkey.example.org. 1800 IN CNAME tok2.dkim.amazonses.com.',
      '; Easy DKIM key 3',
      'tok3._domainkey.example.org. 1800 IN CNAME tok3.dkim.amazonses.com.',
      '; custom MAIL FROM: SES bounce and complaint feedback (MX)',
      'bounce.example.org. 1800 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.',
      '; custom MAIL FROM: SPF of the envelope sender',
      'bounce.example.org. 1800 IN TXT "v=spf1 include:amazonses.com ~all"',
      '; SPF of the domain',
      `example.org. 1800 IN TXT "${spfText.slice(0, 255)}" "${spfText.slice(255)}"`,
      '; DMARC policy',
      '_dmarc.example.org. 1800 IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.org"',
      '; inbound mail (MX)',
      'example.org. 1800 IN MX 10 mx1.example.net.',
      'example.org. 1800 IN MX 20 mx2.example.net.',
      '',
    ]);
    // The TXT value in the zone file is the very string Route53 gets.
    expect(withFixedTokens(stack, mail.zoneFile())).toContain(renderRoute53Values(mail.records[5])[0]);
  });

  test('renders the null MX as "0 ."', () => {
    const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
    const mail = new VerifiedMailDomain(stack, 'Mail', { domainName: 'example.org', inboundMail: InboundMail.none() });
    expect(withFixedTokens(stack, mail.zoneFile())).toContain('\nexample.org. 1800 IN MX 0 .\n');
  });

  // named-checkzone (Debian bind9-utils, installed by .ci/run) is an independent parser. Outside CI
  // the test is skipped where it is not installed; in CI it must run.
  const hasChecker = spawnSync('named-checkzone', ['-v']).status === 0;
  (hasChecker || process.env.CI ? test : test.skip)('parses as a zone file with named-checkzone', () => {
    const { stack, mail } = fixedCase();
    const dir = mkdtempSync(join(tmpdir(), 'zone-'));
    const file = join(dir, 'example.org.zone');
    writeFileSync(file, [
      '$TTL 1800',
      'example.org. IN SOA ns1.example.org. hostmaster.example.org. 1 7200 3600 1209600 300',
      'example.org. IN NS ns1.example.org.',
      'ns1.example.org. IN A 192.0.2.53',
      withFixedTokens(stack, mail.zoneFile()),
    ].join('\n'));
    const check = spawnSync('named-checkzone', ['-D', '-o', '-', 'example.org', file], { encoding: 'utf8' });
    expect(check.error).toBeUndefined();
    expect(check.stderr + check.stdout).toContain('OK');
    expect(check.status).toBe(0);
    // The parser joins the two strings of the SPF record back into the whole value.
    const spfLine = check.stdout.split('\n').find((l) => /^example\.org\.\s.*TXT/.test(l))!;
    expect(spfLine.replace(/^.*TXT\s+/, '').split(/"\s*"?/).join('')).toBe(spfText);
    expect(check.stdout).toMatch(/^_dmarc\.example\.org\.\s+1800\s+IN\s+TXT\s+"v=DMARC1; p=reject; rua=mailto:dmarc@example\.org"$/m);
    expect(check.stdout).toMatch(/^tok1\._domainkey\.example\.org\.\s+1800\s+IN\s+CNAME\s+tok1\.dkim\.amazonses\.com\.$/m);
  });
});
