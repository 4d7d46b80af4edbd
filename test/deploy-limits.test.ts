import { generateKeyPairSync } from 'crypto';
import { CfnParameter, Duration, Fn, RemovalPolicy, SecretValue, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import {
  DkimSigning, Dmarc, InboundMail, RecordRendering, Spf, VerificationWait, VerifiedMailDomain, VerifiedMailDomainProps,
} from '../src';
import { literalRecords, zoneStack } from './helpers/util';

// Inputs that synthesized before and failed at deploy, or broke mail: each now fails at synth with a
// message that names the prop, the bad value and the limit, or warns with an id.

type Props = () => Omit<VerifiedMailDomainProps, 'hostedZone'>;

function synth(props: Props): Stack {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, ...props() });
  return stack;
}

const key = SecretValue.secretsManager('dkim-key');
/** A name of exactly `n` characters ending in example.org, of labels up to 50 characters. */
function domainOf(n: number): string {
  const labels: string[] = [];
  let rest = n - 'example.org'.length;
  while (rest > 51) {
    labels.push('a'.repeat(50));
    rest -= 51;
  }
  return [...labels, 'b'.repeat(rest - 1), 'example.org'].join('.');
}
const d210 = domainOf(210);
const d248 = domainOf(248);
const abbrev = (s: string) => `${s.slice(0, 57)}...`;
const txt3960 = 'x'.repeat(3960);

const BAD: Array<[string, Props, string]> = [
  // Route53 and DNS limits (RFC 1035, Route53 ResourceRecord and quotas)
  // 3,960 characters are 16 quoted strings with 15 spaces between them: 4,007 characters in Route53.
  ['domainTxtValues entry of 3,960 characters', () => ({ domainTxtValues: [txt3960] }),
    `domainTxtValues[0] makes value 2 of the SPF of the domain record (TXT example.org.) 4007 characters long as Route53 receives it ('"${'x'.repeat(56)}...'); Route53 allows at most 4000 characters per value`],
  ['domainTxtValues past 32,000 characters in all', () => ({ domainTxtValues: Array.from({ length: 9 }, (_, i) => `${i}${'y'.repeat(3800)}`) }),
    'The SPF of the domain record set (TXT example.org.) is 34640 characters long in all, from spf and domainTxtValues[0] and domainTxtValues[1] and domainTxtValues[2] and domainTxtValues[3] and domainTxtValues[4] and domainTxtValues[5] and domainTxtValues[6] and domainTxtValues[7] and domainTxtValues[8]; Route53 allows at most 32000 characters across the values of one record set'],
  ['domain too long for the Easy DKIM names', () => ({ domainName: domainOf(210), customMailFrom: false }),
    `domainName '${abbrev(d210)}' (210 characters) is too long for Easy DKIM: SES names its records <32-character token>._domainkey.<domain>, 254 characters, and DNS names hold at most 253; use a domain of at most 209 characters or DkimSigning.byoDkim with a short selector`],
  ['_dmarc name past 253 characters', () => ({ domainName: d248, customMailFrom: false, dkim: DkimSigning.byoDkim({ selector: 's', privateKey: key }) }),
    `domainName makes the DMARC policy record name '${abbrev(`_dmarc.${d248}.`)}' 255 characters long; DNS names hold at most 253 (RFC 1035): use a shorter domainName`],
  ['BYODKIM public key name past 253 characters', () => ({ domainName: domainOf(240), customMailFrom: false, dmarc: Dmarc.none(), dkim: DkimSigning.byoDkim({ selector: 'selector1', privateKey: key, publicKey: rsaPublicKey() }) }),
    `domainName and byoDkim selector makes the BYODKIM public key record name '${abbrev(`selector1._domainkey.${domainOf(240)}.`)}' 261 characters long; DNS names hold at most 253 (RFC 1035): use a shorter domainName and byoDkim selector`],
  ['report authorization name past 253 characters', () => ({ domainName: domainOf(200), customMailFrom: false, dkim: DkimSigning.byoDkim({ selector: 's', privateKey: key }), dmarc: Dmarc.publish({ aggregateReportAddresses: [`d@${'r'.repeat(40)}.example.org`] }) }),
    `domainName with a dmarc report address domain makes the consent of ${'r'.repeat(40)}.example.org to receive DMARC reports for ${domainOf(200)} record name`],
  // CloudFormation enums and props of the wrong kind (JavaScript and the other jsii languages)
  ['mailFromBehaviorOnMxFailure outside the enum', () => ({ mailFromBehaviorOnMxFailure: 'BOUNCE' as ses.MailFromBehaviorOnMxFailure }),
    "mailFromBehaviorOnMxFailure must be one of ses.MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE, ses.MailFromBehaviorOnMxFailure.REJECT_MESSAGE, got 'BOUNCE'"],
  ['removalPolicy outside the enum', () => ({ removalPolicy: 'keep' as RemovalPolicy }),
    "removalPolicy must be one of RemovalPolicy.DESTROY ('destroy'), RemovalPolicy.RETAIN ('retain'), RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE ('retain-on-update-or-delete'), got 'keep'"],
  ['removalPolicy SNAPSHOT', () => ({ removalPolicy: RemovalPolicy.SNAPSHOT }),
    "removalPolicy must be one of RemovalPolicy.DESTROY ('destroy'), RemovalPolicy.RETAIN ('retain'), RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE ('retain-on-update-or-delete'), got 'snapshot'"],
  ['recordTtl as a number', () => ({ recordTtl: 300 as unknown as Duration }), 'recordTtl must be a Duration (e.g. Duration.minutes(30)), got number 300'],
  ['waiter interval as a number', () => ({ waitForVerification: VerificationWait.untilVerified({ interval: 30 as unknown as Duration }) }),
    'waitForVerification interval must be a Duration (e.g. Duration.minutes(30)), got number 30'],
  ['customMailFrom as a string', () => ({ customMailFrom: 'false' as unknown as boolean }), 'customMailFrom must be true or false, got string "false"'],
  ['recordOutputs as a number', () => ({ recordOutputs: 1 as unknown as boolean }), 'recordOutputs must be true or false, got number 1'],
  ['domainTxtValues as a string', () => ({ domainTxtValues: 'abc' as unknown as string[] }), 'domainTxtValues must be a list of strings, got string "abc"'],
  ['domainTxtValues entry as a number', () => ({ domainTxtValues: [42 as unknown as string] }), 'domainTxtValues[0] must be a string, got number 42'],
  ['spf as a plain object', () => ({ spf: { include: ['x.example'] } as unknown as Spf }), 'spf must be Spf.publish(...) or Spf.none(), got an object of class Object'],
  ['dkim as a string', () => ({ dkim: 'easy' as unknown as DkimSigning }), 'dkim must be DkimSigning.easyDkim() or DkimSigning.byoDkim(...), got string "easy"'],
  ['domainName as a number', () => ({ domainName: 42 as unknown as string }), 'domainName must be a string such as \'example.com\', got number 42'],
  // SPF grammar (RFC 7208 section 12)
  ['include without a domain in terms', () => ({ spf: Spf.publish({ terms: ['include:'] }) }),
    "spf.terms entries must each be one SPF mechanism (include, a, mx, ip4, ip6, exists) or modifier (exp=), got 'include:': include needs a domain (include:<domain>)"],
  ['bad ip4 inside terms', () => ({ spf: Spf.publish({ terms: ['ip4:192.0.2.300'] }) }),
    "spf.terms entries must each be one SPF mechanism (include, a, mx, ip4, ip6, exists) or modifier (exp=), got 'ip4:192.0.2.300': the ip4 address '192.0.2.300' is not a dotted quad of 0-255 without leading zeros"],
  ['malformed macro', () => ({ spf: Spf.publish({ terms: ['exists:%{x}.example.org'] }) }),
    "spf.terms entries must each be one SPF mechanism (include, a, mx, ip4, ip6, exists) or modifier (exp=), got 'exists:%{x}.example.org': '%{x}' is a malformed macro"],
  ['leading-zero prefix length in ip4', () => ({ spf: Spf.publish({ ip4: ['192.0.2.0/08'] }) }),
    "spf.ip4 entries must be IPv4 addresses with an optional /0-32 prefix length, got '192.0.2.0/08': the prefix length '/08' must be 0-32 without leading zeros"],
  ['leading-zero octet in ip4', () => ({ spf: Spf.publish({ ip4: ['192.0.2.01'] }) }),
    "spf.ip4 entries must be IPv4 addresses with an optional /0-32 prefix length, got '192.0.2.01'"],
  ['single-label include', () => ({ spf: Spf.publish({ include: ['localhost'] }) }),
    "spf.include entries must be domain names such as '_spf.example.com', got 'localhost'"],
  ['unknown modifier in terms', () => ({ spf: Spf.publish({ terms: ['foo=bar'] }) }),
    "spf.terms entries must each be one SPF mechanism (include, a, mx, ip4, ip6, exists) or modifier (exp=), got 'foo=bar': 'foo=' is not a modifier of RFC 7208, and receivers ignore unknown modifiers"],
  ['the domain includes itself', () => ({ spf: Spf.publish({ include: ['Example.org'] }) }),
    "spf must not include the domain's own record ('include:example.org' in the SPF of example.org): receivers would evaluate it again and again until the 10-lookup limit, a permerror for all mail (RFC 7208 section 4.6.4); list the other senders themselves"],
  ['the domain includes itself through terms', () => ({ spf: Spf.publish({ terms: ['?include:example.org.'] }) }),
    "spf must not include the domain's own record ('?include:example.org.' in the SPF of example.org)"],
  // MX and mail addresses (RFC 5321)
  ['MX host as an IPv4 address', () => ({ inboundMail: InboundMail.servers([{ host: '192.0.2.10', priority: 10 }]) }),
    "inboundMail servers[0].host must be a host name, got the IP address '192.0.2.10'; an MX points to a name with an A or AAAA record, so give the server's host name"],
  ['MX host as an IPv6 literal', () => ({ inboundMail: InboundMail.servers([{ host: '[2001:db8::1]', priority: 10 }]) }),
    "inboundMail servers[0].host must be a host name, got the IP address '[2001:db8::1]'"],
  ['report local part of 65 characters', () => ({ dmarc: Dmarc.publish({ aggregateReportAddresses: [`${'r'.repeat(65)}@example.org`] }) }),
    `dmarc.aggregateReportAddresses entries must have a local part (before '@') of at most 64 characters (RFC 5321), got 65 in '${'r'.repeat(65)}@example.org'`],
  // BYODKIM: only what CloudFormation fetches from a secret store
  ['private key built with Fn::Sub', () => ({ dkim: DkimSigning.byoDkim({ selector: 's', privateKey: SecretValue.unsafePlainText(Fn.sub('{{resolve:secretsmanager:k}}')) }) }),
    'byoDkim privateKey must be a Secrets Manager reference (SecretValue.secretsManager) or a NoEcho parameter (SecretValue.cfnParameter), got a value built with Fn::Sub, which CloudFormation does not fetch from a secret store'],
  ['plain key after a reference', () => ({ dkim: DkimSigning.byoDkim({ selector: 's', privateKey: SecretValue.unsafePlainText('{{resolve:secretsmanager:k}}MIIEvQ') }) }),
    "got '{{resolve:secretsmanager:k}}MIIEvQ', which is not one whole Secrets Manager dynamic reference; text outside it would appear in the template"],
  ['plain key joined to a token reference', () => ({ dkim: DkimSigning.byoDkim({ selector: 's', privateKey: SecretValue.unsafePlainText(`MIIEvQ${Token.asString({ Ref: 'SecretArn' })}`) }) }),
    "got a value joined from parts ('MIIEvQTOKEN'), which is not one whole Secrets Manager dynamic reference"],
  ['SSM SecureString reference', () => ({ dkim: DkimSigning.byoDkim({ selector: 's', privateKey: SecretValue.ssmSecure('dkim-key', '1') }) }),
    "got an SSM SecureString reference, which CloudFormation resolves only for a short list of properties that does not include the SES identity's DKIM key (the deploy would fail); store the key in Secrets Manager"],
  ['plain SSM parameter reference', () => ({ dkim: DkimSigning.byoDkim({ selector: 's', privateKey: SecretValue.unsafePlainText('{{resolve:ssm:dkim-key}}') }) }),
    "got '{{resolve:ssm:dkim-key}}', which is not one whole Secrets Manager dynamic reference"],
];

describe('values AWS would refuse at deploy fail at synth', () => {
  test.each(BAD)('%s', (_name, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});

function rsaPublicKey(): string {
  return generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}

describe('values at the limits pass', () => {
  test('a TXT value that Route53 receives as exactly 4,000 characters is published, split into 255-character strings', () => {
    const value = 'z'.repeat(3953);
    const stack = synth(() => ({ spf: Spf.none(), domainTxtValues: [value] }));
    const rendered = literalRecords(stack)['example.org. TXT'] as string[];
    expect(rendered).toHaveLength(1);
    expect(rendered[0]).toHaveLength(4000);
    expect(rendered[0]).toBe(`${Array(15).fill(`"${'z'.repeat(255)}"`).join(' ')} "${'z'.repeat(128)}"`);
  });

  test('a 209-character domain fits the Easy DKIM names (32 + 12 + 209 = 253)', () => {
    const domain = domainOf(209);
    const stack = synth(() => ({ domainName: domain, customMailFrom: false }));
    expect(literalRecords(stack)).toEqual({
      [`${domain}. TXT`]: ['"v=spf1 include:amazonses.com ~all"'],
      [`_dmarc.${domain}. TXT`]: ['"v=DMARC1; p=none"'],
    });
  });

  test('tokens are never measured: a token TXT value passes and is quoted whole', () => {
    const stack = synth(() => ({ domainTxtValues: [Token.asString({ Ref: 'Verification' })] }));
    expect(literalRecords(stack)['example.org. TXT']).toEqual([
      '"v=spf1 include:amazonses.com ~all"',
      { 'Fn::Join': ['', ['"', { Ref: 'Verification' }, '"']] },
    ]);
  });
});

describe('removalPolicy', () => {
  test('by default no DeletionPolicy is written: CloudFormation deletes, as for aws-cdk-lib records and identities', () => {
    const template = Template.fromStack(synth(() => ({})));
    for (const type of ['AWS::SES::EmailIdentity', 'AWS::Route53::RecordSetGroup']) {
      for (const resource of Object.values(template.findResources(type))) {
        expect(resource.DeletionPolicy).toBeUndefined();
        expect(resource.UpdateReplacePolicy).toBeUndefined();
      }
    }
  });

  test('RETAIN keeps the identity and the record-set group', () => {
    const template = Template.fromStack(synth(() => ({ removalPolicy: RemovalPolicy.RETAIN, inboundMail: InboundMail.ses() })));
    const retained = { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' };
    template.resourceCountIs('AWS::Route53::RecordSetGroup', 1);
    template.allResources('AWS::Route53::RecordSetGroup', retained);
    template.allResources('AWS::SES::EmailIdentity', retained);
  });

  test('RETAIN with one record set per record keeps each of the eight', () => {
    const template = Template.fromStack(synth(() => ({
      removalPolicy: RemovalPolicy.RETAIN, inboundMail: InboundMail.ses(), recordRendering: RecordRendering.RECORD_SET_PER_RECORD,
    })));
    template.resourceCountIs('AWS::Route53::RecordSet', 8);
    template.allResources('AWS::Route53::RecordSet', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('secret references that CloudFormation resolves are accepted', () => {
  test.each([
    ['SecretValue.secretsManager by name', (_stack: Stack) => SecretValue.secretsManager('dkim-key'), '{{resolve:secretsmanager:dkim-key:SecretString:::}}'],
    ['a secret of the stack (ARN as a token)', (stack: Stack) => new secretsmanager.Secret(stack, 'Key').secretValue,
      { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: Match.stringLikeRegexp('^Key') }, ':SecretString:::}}']] }],
    ['a NoEcho parameter', (stack: Stack) => SecretValue.cfnParameter(new CfnParameter(stack, 'DkimKey', { noEcho: true })), { Ref: 'DkimKey' }],
  ])('%s', (_name, secret, rendered) => {
    const { stack, zone } = zoneStack();
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, dkim: DkimSigning.byoDkim({ selector: 's', privateKey: secret(stack) }) });
    Template.fromStack(stack).hasResourceProperties('AWS::SES::EmailIdentity', {
      DkimSigningAttributes: { DomainSigningSelector: 's', DomainSigningPrivateKey: rendered },
    });
  });

  test('a parameter without NoEcho is refused: its value is shown in the console', () => {
    const { stack, zone } = zoneStack();
    const parameter = new CfnParameter(stack, 'DkimKey');
    expect(() => new VerifiedMailDomain(stack, 'Mail', {
      hostedZone: zone,
      dkim: DkimSigning.byoDkim({ selector: 's', privateKey: SecretValue.unsafePlainText(parameter.valueAsString) }),
    })).toThrow(new Error('byoDkim privateKey must be a Secrets Manager reference (SecretValue.secretsManager) or a NoEcho parameter (SecretValue.cfnParameter), got the parameter DkimKey without noEcho: its value would be shown in the console and API'));
  });
});

describe('warnings for what does not break the deploy', () => {
  test('a null MX on the sending domain (RFC 7505 section 4.2)', () => {
    const stack = synth(() => ({ inboundMail: InboundMail.none() }));
    Annotations.fromStack(stack).hasWarning('/Test/Mail', 'inboundMail is InboundMail.none() (null MX) on example.org, which sends mail through SES: '
      + 'RFC 7505 section 4.2 says a sending domain should not publish a null MX, and receivers may reject mail whose From domain accepts no replies. '
      + 'Leave inboundMail unset, or acknowledge this warning if replies are never wanted [ack: cdk-verified-mail-domain:nullMxOnSendingDomain]');
  });

  test('DMARC reports with a token domain name: the authorization record cannot be derived', () => {
    const stack = synth(() => ({ domainName: Token.asString({ Ref: 'Domain' }), dmarc: Dmarc.publish({ aggregateReportAddresses: ['d@reports.example.net'] }) }));
    Annotations.fromStack(stack).hasWarning('/Test/Mail', Match.stringLikeRegexp(
      '^DMARC report addresses are set, but the domain name is a token, so the construct cannot tell whether they lie in another domain: .*\\[ack: cdk-verified-mail-domain:dmarcReportsDomainUnknown\\]$'));
  });

  test('a record set past 16,000 characters: an UPSERT counts each character twice', () => {
    const stack = synth(() => ({ domainTxtValues: Array.from({ length: 5 }, (_, i) => `${i}${'w'.repeat(3800)}`) }));
    Annotations.fromStack(stack).hasWarning('/Test/Mail', 'The SPF of the domain record set (TXT example.org.) is 19260 characters long in all: it can be created, '
      + 'but Route53 counts each character twice when a change UPSERTs it, so an update may pass its 32000-character limit. Keep it under 16000 '
      + '[ack: cdk-verified-mail-domain:recordSetUpsertLimit]');
  });

  test('none of them for the defaults', () => {
    Annotations.fromStack(synth(() => ({}))).hasNoWarning('*', Match.anyValue());
  });
});
