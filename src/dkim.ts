import { createPublicKey } from 'crypto';
import { Annotations, SecretValue, Stack, Token } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { entry, RecordContext, RecordEntry } from './context';
import { checkOneOf } from './validation';

/** Options of Bring Your Own DKIM. */
export interface ByoDkimOptions {
  /**
   * The DKIM selector: the record lives at `<selector>._domainkey.<domain>`.
   * 1-63 letters, digits and inner hyphens.
   */
  readonly selector: string;
  /**
   * The RSA private key (1024-2048 bit), base64 without PEM armour, as a secret reference such as
   * `SecretValue.secretsManager(...)`. A plain-text value is refused: it would be written into the
   * template.
   */
  readonly privateKey: SecretValue;
  /**
   * The matching public key, base64 (PEM armour and line breaks are removed). When given, the
   * construct publishes it as TXT `p=<key>` at `<selector>._domainkey.<domain>`.
   * @default - no public key record; publish it yourself or DKIM verification fails
   */
  readonly publicKey?: string;
}

/** How SES signs the domain's mail with DKIM. */
export abstract class DkimSigning {
  /**
   * Easy DKIM: SES creates and rotates the key; three CNAMEs delegate to SES.
   * @param keyLength the length of the signing key SES generates (changeable at most once per 24 hours).
   * Default: 2048-bit.
   */
  public static easyDkim(keyLength?: ses.EasyDkimSigningKeyLength): DkimSigning {
    const length = keyLength ?? ses.EasyDkimSigningKeyLength.RSA_2048_BIT;
    checkOneOf('dkim keyLength', length, Object.values(ses.EasyDkimSigningKeyLength));
    return new EasyDkim(length);
  }

  /** Bring Your Own DKIM: you hold the key pair and SES signs with your private key. */
  public static byoDkim(options: ByoDkimOptions): DkimSigning {
    return new ByoDkim(options);
  }

  /** The aws-cdk-lib DKIM setting of the identity. @internal */
  public abstract _identity(): ses.DkimIdentity;

  /** The DNS records of this signing method. @internal */
  public abstract _records(ctx: RecordContext): RecordEntry[];
}

class EasyDkim extends DkimSigning {
  constructor(private readonly keyLength: ses.EasyDkimSigningKeyLength) {
    super();
  }

  public _identity(): ses.DkimIdentity {
    return ses.DkimIdentity.easyDkim(this.keyLength);
  }

  public _records(ctx: RecordContext): RecordEntry[] {
    const id = ctx.identity;
    const tokens = [
      [id.dkimDnsTokenName1, id.dkimDnsTokenValue1],
      [id.dkimDnsTokenName2, id.dkimDnsTokenValue2],
      [id.dkimDnsTokenName3, id.dkimDnsTokenValue3],
    ];
    // The names are deploy-time attributes of the identity, used as they are (no trailing dot added).
    return tokens.map(([name, value], i) => ({
      id: `DkimCname${i + 1}`,
      record: { name, type: route53.RecordType.CNAME, values: [value], ttl: ctx.ttl, purpose: `Easy DKIM key ${i + 1}` },
    }));
  }
}

const SELECTOR = /^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/;

class ByoDkim extends DkimSigning {
  private readonly selector: string;
  private readonly publicKey?: string;

  constructor(private readonly options: ByoDkimOptions) {
    super();
    this.selector = options.selector;
    if (!Token.isUnresolved(this.selector) && (this.selector.length > 63 || !SELECTOR.test(this.selector))) {
      throw new Error(`byoDkim selector must be 1-63 letters, digits and inner hyphens, got '${this.selector}'`);
    }
    if (!SecretValue.isSecretValue(options.privateKey)) {
      throw new Error('byoDkim privateKey must be a SecretValue (e.g. SecretValue.secretsManager(...)), got a plain value');
    }
    this.publicKey = options.publicKey === undefined ? undefined : normalizePublicKey(options.publicKey);
  }

  public _identity(): ses.DkimIdentity {
    return ses.DkimIdentity.byoDkim({ selector: this.selector, privateKey: this.options.privateKey });
  }

  public _records(ctx: RecordContext): RecordEntry[] {
    checkNotPlainText(ctx, this.options.privateKey);
    const name = `${this.selector}._domainkey.${ctx.domainName}`;
    if (this.publicKey === undefined) {
      Annotations.of(ctx.scope).addWarningV2('cdk-verified-mail-domain:byoDkimNoPublicKey',
        `byoDkim has no publicKey, so no DKIM record is created: publish TXT 'p=<public key>' at ${name}. yourself, or DKIM verification fails`);
      return [];
    }
    return [entry(ctx, 'DkimPublicKey', name, route53.RecordType.TXT, [`p=${this.publicKey}`], 'BYODKIM public key')];
  }
}

/** Strips PEM armour and white space, then checks the key is a base64 RSA public key of 1024-2048 bits. */
function normalizePublicKey(value: string): string {
  if (Token.isUnresolved(value)) return value;
  const key = value.replace(/-----(BEGIN|END) (RSA )?PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key) || key.length % 4 !== 0) {
    throw new Error(`byoDkim publicKey must be a base64 RSA public key (SubjectPublicKeyInfo), got '${abbreviate(value)}'`);
  }
  let bits: number | undefined;
  try {
    const parsed = createPublicKey({ key: Buffer.from(key, 'base64'), format: 'der', type: 'spki' });
    bits = parsed.asymmetricKeyType === 'rsa' ? parsed.asymmetricKeyDetails?.modulusLength : undefined;
  } catch {
    throw new Error(`byoDkim publicKey must be a base64 RSA public key (SubjectPublicKeyInfo), got '${abbreviate(value)}', which does not parse as one`);
  }
  if (bits === undefined || bits < 1024 || bits > 2048) {
    throw new Error(`byoDkim publicKey must be an RSA key of 1024 to 2048 bits, got ${bits === undefined ? 'a non-RSA key' : `${bits} bits`}`);
  }
  return key;
}

/** A SecretValue that resolves to a literal string (SecretValue.unsafePlainText) would put the key in the template. */
function checkNotPlainText(ctx: RecordContext, secret: SecretValue): void {
  const resolved = Stack.of(ctx.scope).resolve(secret.unsafeUnwrap());
  if (typeof resolved === 'string' && !resolved.startsWith('{{resolve:')) {
    throw new Error('byoDkim privateKey must be a secret reference (SecretValue.secretsManager, ssmSecure or a NoEcho parameter), got a plain-text SecretValue that would appear in the template');
  }
}

function abbreviate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 37)}...` : value;
}
