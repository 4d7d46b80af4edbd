import { generateKeyPairSync } from 'crypto';
import { CfnParameter, SecretValue } from 'aws-cdk-lib';
import { Annotations, Template } from 'aws-cdk-lib/assertions';
import * as ses from 'aws-cdk-lib/aws-ses';
import { DkimSigning, VerifiedMailDomain } from '../../src';
import { literalRecords, recordSets, zoneStack } from '../helpers/util';

function publicKeyBase64(bits: number): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}

test('Easy DKIM with a 1024-bit key', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, dkim: DkimSigning.easyDkim(ses.EasyDkimSigningKeyLength.RSA_1024_BIT) });
  Template.fromStack(stack).hasResourceProperties('AWS::SES::EmailIdentity', {
    DkimSigningAttributes: { NextSigningKeyLength: 'RSA_1024_BIT' },
  });
  expect(Object.values(recordSets(stack)).filter((r) => r.Type === 'CNAME')).toHaveLength(3);
});

describe('BYODKIM', () => {
  const key2048 = publicKeyBase64(2048);

  test('signs with the selector and secret, publishes the public key split into 255-character strings', () => {
    const { stack, zone } = zoneStack();
    new VerifiedMailDomain(stack, 'Mail', {
      hostedZone: zone,
      dkim: DkimSigning.byoDkim({
        selector: 'ses2026',
        privateKey: SecretValue.secretsManager('dkim-private-key'),
        publicKey: `-----BEGIN PUBLIC KEY-----\n${key2048.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`,
      }),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::SES::EmailIdentity', {
      DkimSigningAttributes: {
        DomainSigningSelector: 'ses2026',
        DomainSigningPrivateKey: '{{resolve:secretsmanager:dkim-private-key:SecretString:::}}',
      },
    });
    const text = `p=${key2048}`;
    expect(text.length).toBeGreaterThan(255);
    expect(literalRecords(stack)['ses2026._domainkey.example.org. TXT']).toEqual([`"${text.slice(0, 255)}" "${text.slice(255)}"`]);
    expect(Object.values(recordSets(stack)).filter((r) => r.Type === 'CNAME')).toHaveLength(0);
    expect(Object.values(recordSets(stack))).toHaveLength(5);
  });

  test('accepts a NoEcho parameter as the private key', () => {
    const { stack, zone } = zoneStack();
    const param = new CfnParameter(stack, 'Key', { noEcho: true });
    new VerifiedMailDomain(stack, 'Mail', {
      hostedZone: zone,
      dkim: DkimSigning.byoDkim({ selector: 'sel', privateKey: SecretValue.cfnParameter(param), publicKey: publicKeyBase64(1024) }),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::SES::EmailIdentity', {
      DkimSigningAttributes: { DomainSigningSelector: 'sel', DomainSigningPrivateKey: { Ref: 'Key' } },
    });
  });

  test('without a public key: no DKIM record and a warning that shows the record to publish', () => {
    const { stack, zone } = zoneStack();
    new VerifiedMailDomain(stack, 'Mail', {
      hostedZone: zone,
      dkim: DkimSigning.byoDkim({ selector: 'sel', privateKey: SecretValue.secretsManager('k') }),
    });
    expect(literalRecords(stack)['sel._domainkey.example.org. TXT']).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/Test/Mail', "byoDkim has no publicKey, so no DKIM record is created: publish TXT 'p=<public key>' at "
      + 'sel._domainkey.example.org. yourself, or DKIM verification fails [ack: cdk-verified-mail-domain:byoDkimNoPublicKey]');
  });

  test('without a public key and with a token selector: the warning names the record by its parts, never a token', () => {
    const { stack, zone } = zoneStack();
    new VerifiedMailDomain(stack, 'Mail', {
      hostedZone: zone,
      dkim: DkimSigning.byoDkim({ selector: new CfnParameter(stack, 'Selector').valueAsString, privateKey: SecretValue.secretsManager('k') }),
    });
    Annotations.fromStack(stack).hasWarning('/Test/Mail', "byoDkim has no publicKey, so no DKIM record is created: publish TXT 'p=<public key>' at "
      + '<selector>._domainkey.<domain> yourself, or DKIM verification fails [ack: cdk-verified-mail-domain:byoDkimNoPublicKey]');
  });

  test('refuses a plain-text private key, which would land in the template', () => {
    const { stack, zone } = zoneStack();
    expect(() => new VerifiedMailDomain(stack, 'Mail', {
      hostedZone: zone,
      dkim: DkimSigning.byoDkim({ selector: 'sel', privateKey: SecretValue.unsafePlainText('MIIEvQIBADANBg') }),
    })).toThrow(new Error('byoDkim privateKey must be a Secrets Manager reference (SecretValue.secretsManager) or a NoEcho parameter (SecretValue.cfnParameter), got a plain-text value that would appear in the template'));
  });

  test.each([
    ['', "byoDkim selector must be 1-63 letters, digits and inner hyphens, got ''"],
    ['-sel', "byoDkim selector must be 1-63 letters, digits and inner hyphens, got '-sel'"],
    ['sel_1', "byoDkim selector must be 1-63 letters, digits and inner hyphens, got 'sel_1'"],
    ['a'.repeat(64), `byoDkim selector must be 1-63 letters, digits and inner hyphens, got '${'a'.repeat(64)}'`],
  ])('refuses the selector %j', (selector, message) => {
    expect(() => DkimSigning.byoDkim({ selector, privateKey: SecretValue.secretsManager('k') })).toThrow(message);
  });

  test('refuses a private key that is not a SecretValue', () => {
    expect(() => DkimSigning.byoDkim({ selector: 'sel', privateKey: 'MIIEvQ' as unknown as SecretValue })).toThrow(new Error(
      'byoDkim privateKey must be a SecretValue (e.g. SecretValue.secretsManager(...)), got a plain-text string (not shown)'));
  });

  test.each([
    ['not base64!', "byoDkim publicKey must be a base64 RSA public key (SubjectPublicKeyInfo), got 'not base64!'"],
    ['QUJD', "byoDkim publicKey must be a base64 RSA public key (SubjectPublicKeyInfo), got 'QUJD', which does not parse as one"],
  ])('refuses the public key %j', (publicKey, message) => {
    expect(() => DkimSigning.byoDkim({ selector: 'sel', privateKey: SecretValue.secretsManager('k'), publicKey })).toThrow(message);
  });

  test('refuses a public key longer than 2048 bits', () => {
    expect(() => DkimSigning.byoDkim({ selector: 'sel', privateKey: SecretValue.secretsManager('k'), publicKey: publicKeyBase64(3072) }))
      .toThrow(new Error('byoDkim publicKey must be an RSA key of 1024 to 2048 bits, got 3072 bits'));
  });

  test('refuses a non-RSA public key', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const b64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    expect(() => DkimSigning.byoDkim({ selector: 'sel', privateKey: SecretValue.secretsManager('k'), publicKey: b64 }))
      .toThrow(new Error('byoDkim publicKey must be an RSA key of 1024 to 2048 bits, got a non-RSA key'));
  });
});

test('refuses an Easy DKIM key length outside the enum', () => {
  expect(() => DkimSigning.easyDkim('RSA_4096_BIT' as ses.EasyDkimSigningKeyLength)).toThrow(new Error(
    "dkim keyLength must be one of ses.EasyDkimSigningKeyLength.RSA_1024_BIT, ses.EasyDkimSigningKeyLength.RSA_2048_BIT, got 'RSA_4096_BIT'"));
});
