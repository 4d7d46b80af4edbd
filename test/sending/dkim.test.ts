import { generateKeyPairSync } from 'crypto';
import { App, CfnParameter, Fn, SecretValue, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ses from 'aws-cdk-lib/aws-ses';
import { RecordContext, RecordKind } from '../../src/context';
import { ByoDkimOptions, DkimSigning } from '../../src/sending/dkim';

// DkimSigning's identity setting, records and checks, called directly (through the construct's `dkim` prop: dkim-prop.test.ts).

/** A base64 SPKI RSA public key of `bits` bits, generated once per run (only by the tests that use it). */
const keys = new Map<number, string>();
function rsaKey(bits: number): string {
  if (!keys.has(bits)) {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
    keys.set(bits, publicKey.export({ type: 'spki', format: 'der' }).toString('base64'));
  }
  return keys.get(bits)!;
}
const SECRET = SecretValue.secretsManager('dkim-key');
const token = Token.asString({ Ref: 'Selector' });

/** A stack with a real SES identity, and the record context DkimSigning reads. */
function context(domainName = 'example.org'): { stack: Stack; ctx: RecordContext } {
  const stack = new Stack(new App(), 'Test');
  const identity = new ses.EmailIdentity(stack, 'Identity', { identity: ses.Identity.domain('example.org') });
  return { stack, ctx: { scope: stack, domainName, ttl: 600, identity, region: 'eu-west-1' } as RecordContext };
}

function warnings(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
}

function identityConfig(dkim: DkimSigning): unknown {
  const { ctx } = context();
  return dkim._identity().bind(ctx.identity);
}

function byo(options: Partial<ByoDkimOptions>): DkimSigning {
  return DkimSigning.byoDkim({ selector: 'sel1', privateKey: SECRET, ...options } as ByoDkimOptions);
}

describe('Easy DKIM', () => {
  test.each<[ses.EasyDkimSigningKeyLength | undefined, string]>([
    [undefined, 'RSA_2048_BIT'],
    [ses.EasyDkimSigningKeyLength.RSA_1024_BIT, 'RSA_1024_BIT'],
    [ses.EasyDkimSigningKeyLength.RSA_2048_BIT, 'RSA_2048_BIT'],
  ])('key length %s signs with %s', (keyLength, length) => {
    expect(identityConfig(DkimSigning.easyDkim(keyLength))).toEqual({ nextSigningKeyLength: length });
  });

  test('a stray key length is refused, naming the members', () => {
    expect(() => DkimSigning.easyDkim('RSA_4096_BIT' as ses.EasyDkimSigningKeyLength)).toThrow(new Error(
      "dkim keyLength must be one of ses.EasyDkimSigningKeyLength.RSA_1024_BIT, ses.EasyDkimSigningKeyLength.RSA_2048_BIT, got 'RSA_4096_BIT'"));
  });

  test('three CNAMEs from the identity\'s DKIM tokens', () => {
    const { ctx } = context();
    const id = ctx.identity;
    expect(DkimSigning.easyDkim()._records(ctx)).toEqual([1, 2, 3].map((i) => ({
      id: `DkimCname${i}`,
      kind: RecordKind.DKIM,
      nameFrom: 'domainName',
      valuesFrom: 'Easy DKIM',
      record: {
        name: (id as any)[`dkimDnsTokenName${i}`],
        type: 'CNAME',
        values: [(id as any)[`dkimDnsTokenValue${i}`]],
        ttl: 600,
        purpose: `Easy DKIM key ${i}`,
      },
    })));
    expect(new Set([id.dkimDnsTokenName1, id.dkimDnsTokenName2, id.dkimDnsTokenName3]).size).toBe(3);
  });

  test('a domain too long for the token names is refused', () => {
    const domainName = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(20)}.example`;
    expect(() => DkimSigning.easyDkim()._records(context(domainName).ctx)).toThrow(new Error(
      `domainName '${'a'.repeat(57)}...' (220 characters) is too long for Easy DKIM: SES names its records <32-character token>._domainkey.<domain>, `
      + '264 characters, and DNS names hold at most 253; use a domain of at most 209 characters or DkimSigning.byoDkim with a short selector'));
    expect(DkimSigning.easyDkim()._records(context(domainName.slice(11)).ctx)).toHaveLength(3);
  });
});

describe('Bring Your Own DKIM: options', () => {
  test.each<[unknown, string]>([
    [undefined, "DkimSigning.byoDkim takes an options object such as { selector: 'sel1', privateKey: SecretValue.secretsManager('dkim-key'), publicKey: '<base64>' }, got undefined"],
    ['sel1', "DkimSigning.byoDkim takes an options object such as { selector: 'sel1', privateKey: SecretValue.secretsManager('dkim-key'), publicKey: '<base64>' }, got string \"sel1\""],
    [{ selector: 'sel1', privateKey: SECRET, publickey: 'MIIB' }, "DkimSigning.byoDkim has no option 'publickey': did you mean 'publicKey'? Options: selector, privateKey, publicKey"],
    [{ selector: 1, privateKey: SECRET }, "byoDkim selector must be a string such as 'sel1', got number 1"],
    [{ privateKey: SECRET }, "byoDkim selector must be a string such as 'sel1', got undefined"],
    [{ selector: 'sel1', privateKey: 'MIIEv...' }, 'byoDkim privateKey must be a SecretValue (e.g. SecretValue.secretsManager(...)), got a plain-text string (not shown)'],
    [{ selector: 'sel1' }, 'byoDkim privateKey must be a SecretValue (e.g. SecretValue.secretsManager(...)), got undefined'],
    [{ selector: 'sel1', privateKey: {} }, 'byoDkim privateKey must be a SecretValue (e.g. SecretValue.secretsManager(...)), got an object of class Object'],
    [{ selector: 'sel1', privateKey: SECRET, publicKey: 5 }, "byoDkim publicKey must be a string such as 'MIIBIjANBg...' (base64), got number 5"],
  ])('DkimSigning.byoDkim(%j) is refused', (options, message) => {
    expect(() => DkimSigning.byoDkim(options as ByoDkimOptions)).toThrow(new Error(message));
  });

  // Titles never show a token: its number changes from run to run, and Stryker finds a test by its title.
  test.each([['sel1'], ['S'], ['a-1'], ['Ab-Cd-9'], ['a'.repeat(63)], ['a token', token]])('selector %s is accepted', (title, selector = title) => {
    expect(identityConfig(byo({ selector }))).toEqual({ domainSigningSelector: selector, domainSigningPrivateKey: SECRET.unsafeUnwrap() });
  });

  test.each(['', '-a', 'a-', 'a_b', 'a.b', 'a'.repeat(64)])('selector %j is refused', (selector) => {
    expect(() => byo({ selector })).toThrow(new Error(`byoDkim selector must be 1-63 letters, digits and inner hyphens, got '${selector}'`));
  });
});

describe('Bring Your Own DKIM: the public key', () => {
  const pem = (key: string, label = 'PUBLIC KEY') => `-----BEGIN ${label}-----\n${key.match(/.{1,64}/g)!.join('\n')}\n-----END ${label}-----\n`;

  test.each<[string, number, (key: string) => string]>([
    ['base64 of 1024 bits', 1024, (key) => key],
    ['base64 of 2048 bits', 2048, (key) => key],
    ['PEM', 2048, (key) => pem(key)],
    ['PEM with an RSA label', 1024, (key) => pem(key, 'RSA PUBLIC KEY')],
    ['spaces and tabs', 1024, (key) => ` ${key.slice(0, 20)} \t${key.slice(20)}\r\n`],
  ])('%s is published as p=<base64>', (_, bits, write) => {
    const published = rsaKey(bits);
    const publicKey = write(published);
    const { ctx, stack } = context();
    expect(byo({ publicKey })._records(ctx)).toEqual([{
      id: 'DkimPublicKey',
      kind: RecordKind.DKIM,
      nameFrom: 'domainName and byoDkim selector',
      valuesFrom: 'byoDkim publicKey',
      record: { name: 'sel1._domainkey.example.org.', type: 'TXT', values: [`p=${published}`], ttl: 600, purpose: 'BYODKIM public key' },
    }]);
    expect(warnings(stack)).toEqual([]);
  });

  test('a token key is published as it is', () => {
    const { ctx } = context();
    expect(byo({ publicKey: token })._records(ctx).map((e) => e.record.values)).toEqual([[`p=${token}`]]);
  });

  const ec = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  test.each<[string | (() => string), string]>([
    ['abc!', "byoDkim publicKey must be a base64 RSA public key (SubjectPublicKeyInfo), got 'abc!'"],
    ['abcde', "byoDkim publicKey must be a base64 RSA public key (SubjectPublicKeyInfo), got 'abcde'"],
    ['', "byoDkim publicKey must be a base64 RSA public key (SubjectPublicKeyInfo), got ''"],
    ['ab==cd==', "byoDkim publicKey must be a base64 RSA public key (SubjectPublicKeyInfo), got 'ab==cd=='"],
    ['abc===', "byoDkim publicKey must be a base64 RSA public key (SubjectPublicKeyInfo), got 'abc==='"],
    [`${'A'.repeat(44)}!`, `byoDkim publicKey must be a base64 RSA public key (SubjectPublicKeyInfo), got '${'A'.repeat(37)}...'`],
    ['AAAA', "byoDkim publicKey must be a base64 RSA public key (SubjectPublicKeyInfo), got 'AAAA', which does not parse as one"],
    [ec, 'byoDkim publicKey must be an RSA key of 1024 to 2048 bits, got a non-RSA key'],
    [() => rsaKey(1016), 'byoDkim publicKey must be an RSA key of 1024 to 2048 bits, got 1016 bits'],
    [() => rsaKey(2056), 'byoDkim publicKey must be an RSA key of 1024 to 2048 bits, got 2056 bits'],
  ])('%j is refused', (key, message) => {
    const publicKey = typeof key === 'string' ? key : key();
    expect(() => byo({ publicKey })).toThrow(new Error(message));
  });

  test('without a public key no record is made, and a warning with its id says what to publish', () => {
    const { ctx, stack } = context();
    expect(byo({})._records(ctx)).toEqual([]);
    expect(warnings(stack)).toEqual(["byoDkim has no publicKey, so no DKIM record is created: publish TXT 'p=<public key>' at sel1._domainkey.example.org. "
      + 'yourself, or DKIM verification fails [ack: cdk-verified-mail-domain:byoDkimNoPublicKey]']);
  });

  test('with a token selector the warning names the record generically', () => {
    const { ctx, stack } = context();
    expect(byo({ selector: token })._records(ctx)).toEqual([]);
    expect(warnings(stack)).toEqual(["byoDkim has no publicKey, so no DKIM record is created: publish TXT 'p=<public key>' at <selector>._domainkey.<domain> "
      + 'yourself, or DKIM verification fails [ack: cdk-verified-mail-domain:byoDkimNoPublicKey]']);
  });
});

describe('Bring Your Own DKIM: the private key must be fetched from a secret store', () => {
  const MUST = 'byoDkim privateKey must be a Secrets Manager reference (SecretValue.secretsManager) or a NoEcho parameter (SecretValue.cfnParameter), got ';

  function records(privateKey: (stack: Stack) => SecretValue): () => unknown {
    const { ctx, stack } = context();
    return () => byo({ privateKey: privateKey(stack), publicKey: rsaKey(1024) })._records(ctx);
  }

  test.each<[string, (stack: Stack) => SecretValue]>([
    ['a secret by name', () => SECRET],
    ['a secret by name with a JSON field', () => SecretValue.secretsManager('dkim', { jsonField: 'key' })],
    ['a secret by a token ARN', () => SecretValue.secretsManager(Token.asString({ Ref: 'SecretArn' }))],
    ['a NoEcho parameter', (stack) => SecretValue.cfnParameter(new CfnParameter(stack, 'Key', { noEcho: true }))],
  ])('%s is accepted', (_, privateKey) => {
    expect(records(privateKey)()).toHaveLength(1);
  });

  test.each<[string, (stack: Stack) => SecretValue, string]>([
    ['plain text', () => SecretValue.unsafePlainText('MIIEv'), 'a plain-text value that would appear in the template'],
    ['ssm-secure', () => SecretValue.ssmSecure('/dkim/key'),
      "an SSM SecureString reference, which CloudFormation resolves only for a short list of properties that does not include the SES identity's DKIM key (the deploy would fail); store the key in Secrets Manager"],
    ['text after a reference', () => SecretValue.unsafePlainText('{{resolve:secretsmanager:dkim}}x'),
      "'{{resolve:secretsmanager:dkim}}x', which is not one whole Secrets Manager dynamic reference; text outside it would appear in the template"],
    ['an empty secret reference', () => SecretValue.unsafePlainText('{{resolve:secretsmanager:}}'),
      "'{{resolve:secretsmanager:}}', which is not one whole Secrets Manager dynamic reference; text outside it would appear in the template"],
    ['text joined to a token', () => SecretValue.unsafePlainText(`key-${Token.asString({ Ref: 'Part' })}`),
      "a value joined from parts ('key-TOKEN'), which is not one whole Secrets Manager dynamic reference"],
    ['a join with a delimiter', () => SecretValue.unsafePlainText(Fn.join(',', ['a', Token.asString({ Ref: 'Part' })])),
      'a value built with Fn::Join, which CloudFormation does not fetch from a secret store'],
    ['a parameter without noEcho', (stack) => SecretValue.unsafePlainText(new CfnParameter(stack, 'Key').valueAsString),
      'the parameter Key without noEcho: its value would be shown in the console and API'],
    ['a parameter without noEcho beside a NoEcho one', (stack) => {
      new CfnParameter(stack, 'Hidden', { noEcho: true });
      return SecretValue.unsafePlainText(new CfnParameter(stack, 'Shown').valueAsString);
    }, 'the parameter Shown without noEcho: its value would be shown in the console and API'],
    ['a reference to a resource', () => SecretValue.unsafePlainText(Token.asString({ Ref: 'Bucket' })), 'a reference to Bucket, which is not a NoEcho parameter'],
    ['a reference with another key', () => SecretValue.unsafePlainText(Token.asString({ Ref: 'Key', Other: 1 })),
      'a value built with Ref, which CloudFormation does not fetch from a secret store'],
    ['an attribute', () => SecretValue.unsafePlainText(Token.asString({ 'Fn::GetAtt': ['Res', 'Key'] })),
      'a value built with Fn::GetAtt, which CloudFormation does not fetch from a secret store'],
    ['a number', () => SecretValue.unsafePlainText(Token.asString(5)), 'a value built with number, which CloudFormation does not fetch from a secret store'],
  ])('%s is refused', (_, privateKey, got) => {
    expect(records(privateKey)).toThrow(new Error(`${MUST}${got}`));
  });

  test('the key is checked without a public key too', () => {
    const { ctx } = context();
    expect(() => byo({ privateKey: SecretValue.unsafePlainText('MIIEv') })._records(ctx)).toThrow(new Error(`${MUST}a plain-text value that would appear in the template`));
  });
});
