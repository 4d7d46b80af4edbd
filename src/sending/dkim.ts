import { createPublicKey } from 'crypto';
import { Annotations, CfnParameter, SecretValue, Stack, Token } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { entry, RecordContext, RecordEntry, RecordKind } from '../context';
import { abbreviate, checkEasyDkimNameLength } from '../limit-checks';
import { checkKind, checkKnownKeys, checkOneOf, checkOptions, describeValue, enumValues, knownKeys, optionalString } from '../validation';

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

/** The props of ByoDkimOptions, for checkKnownKeys. */
const BYO_DKIM_OPTION_KEYS = knownKeys<ByoDkimOptions>({ selector: true, privateKey: true, publicKey: true });

/** How SES signs the domain's mail with DKIM. */
export abstract class DkimSigning {
  /**
   * Easy DKIM: SES creates and rotates the key; three CNAMEs delegate to SES.
   * @param keyLength the length of the signing key SES generates (changeable at most once per 24 hours).
   * Default: 2048-bit.
   */
  public static easyDkim(keyLength?: ses.EasyDkimSigningKeyLength): DkimSigning {
    const length = keyLength ?? ses.EasyDkimSigningKeyLength.RSA_2048_BIT;
    checkOneOf('dkim keyLength', length, enumValues('ses.EasyDkimSigningKeyLength', ses.EasyDkimSigningKeyLength));
    return new EasyDkim(length);
  }

  /** Bring Your Own DKIM: you hold the key pair and SES signs with your private key. */
  public static byoDkim(options: ByoDkimOptions): DkimSigning {
    checkOptions('DkimSigning.byoDkim', options, "{ selector: 'sel1', privateKey: SecretValue.secretsManager('dkim-key'), publicKey: '<base64>' }", true);
    checkKnownKeys('DkimSigning.byoDkim', options, BYO_DKIM_OPTION_KEYS);
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
    checkEasyDkimNameLength(ctx.domainName);
    // The names are deploy-time attributes of the identity, used as they are (no trailing dot added).
    return tokens.map(([name, value], i) => ({
      id: `DkimCname${i + 1}`,
      kind: RecordKind.DKIM,
      nameFrom: 'domainName',
      valuesFrom: 'Easy DKIM',
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
    checkKind('byoDkim selector', options.selector, typeof options.selector === 'string', "a string such as 'sel1'");
    this.selector = options.selector;
    if (!Token.isUnresolved(this.selector) && (this.selector.length > 63 || !SELECTOR.test(this.selector))) {
      throw new Error(`byoDkim selector must be 1-63 letters, digits and inner hyphens, got '${this.selector}'`);
    }
    if (!SecretValue.isSecretValue(options.privateKey)) {
      // A string here may be the key itself: never repeat it in a message.
      const got = typeof options.privateKey === 'string' ? 'a plain-text string (not shown)' : describeValue(options.privateKey);
      throw new Error(`byoDkim privateKey must be a SecretValue (e.g. SecretValue.secretsManager(...)), got ${got}`);
    }
    const publicKey = optionalString('byoDkim publicKey', options.publicKey, "'MIIBIjANBg...' (base64)");
    this.publicKey = publicKey === undefined ? undefined : normalizePublicKey(publicKey);
  }

  public _identity(): ses.DkimIdentity {
    return ses.DkimIdentity.byoDkim({ selector: this.selector, privateKey: this.options.privateKey });
  }

  public _records(ctx: RecordContext): RecordEntry[] {
    checkSecretReference(ctx, this.options.privateKey);
    const name = `${this.selector}._domainkey.${ctx.domainName}`;
    if (this.publicKey === undefined) {
      Annotations.of(ctx.scope).addWarningV2('cdk-verified-mail-domain:byoDkimNoPublicKey',
        `byoDkim has no publicKey, so no DKIM record is created: publish TXT 'p=<public key>' at ${Token.isUnresolved(name) ? '<selector>._domainkey.<domain>' : `${name}.`} `
        + 'yourself, or DKIM verification fails');
      return [];
    }
    return [entry(ctx, 'DkimPublicKey', name, route53.RecordType.TXT, [`p=${this.publicKey}`], 'BYODKIM public key',
      { kind: RecordKind.DKIM, name: 'domainName and byoDkim selector', values: 'byoDkim publicKey' })];
  }
}

/** Strips PEM armour and white space, then checks the key is a base64 RSA public key of 1024-2048 bits. */
function normalizePublicKey(value: string): string {
  if (Token.isUnresolved(value)) return value;
  const key = value.replace(/-----(BEGIN|END) (RSA )?PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key) || key.length % 4 !== 0) {
    throw new Error(`byoDkim publicKey must be a base64 RSA public key (SubjectPublicKeyInfo), got '${abbreviate(value, 40)}'`);
  }
  let bits: number | undefined;
  try {
    const parsed = createPublicKey({ key: Buffer.from(key, 'base64'), format: 'der', type: 'spki' });
    bits = parsed.asymmetricKeyType === 'rsa' ? parsed.asymmetricKeyDetails?.modulusLength : undefined;
  } catch {
    throw new Error(`byoDkim publicKey must be a base64 RSA public key (SubjectPublicKeyInfo), got '${abbreviate(value, 40)}', which does not parse as one`);
  }
  if (bits === undefined || bits < 1024 || bits > 2048) {
    throw new Error(`byoDkim publicKey must be an RSA key of 1024 to 2048 bits, got ${bits === undefined ? 'a non-RSA key' : `${bits} bits`}`);
  }
  return key;
}

/**
 * The private key may reach the template only as something CloudFormation fetches from a secret store
 * at deploy time: one whole Secrets Manager dynamic reference (`SecretValue.secretsManager`, the secret
 * name or ARN may be a token), or a `Ref` to a NoEcho parameter (`SecretValue.cfnParameter`). Anything
 * else, a plain value, text around a reference or a value built with `Fn::Sub`, ends up in the
 * template. `ssm-secure` references are refused: CloudFormation resolves them only in the properties
 * its dynamic-reference documentation lists, and `AWS::SES::EmailIdentity` is not one of them, while
 * "the secretsmanager dynamic reference can be used in all resource properties".
 */
function checkSecretReference(ctx: RecordContext, secret: SecretValue): void {
  const stack = Stack.of(ctx.scope);
  const resolved = stack.resolve(secret.unsafeUnwrap());
  const problem = secretProblem(stack, resolved);
  if (problem !== undefined) {
    throw new Error(`byoDkim privateKey must be a Secrets Manager reference (SecretValue.secretsManager) or a NoEcho parameter (SecretValue.cfnParameter), got ${problem}`);
  }
}

const SECRETS_MANAGER_REFERENCE = /^\{\{resolve:secretsmanager:[^{}]+\}\}$/;

/** Why the resolved key is not a secret reference, or undefined when it is one. */
function secretProblem(stack: Stack, resolved: unknown): string | undefined {
  if (typeof resolved === 'string') {
    if (SECRETS_MANAGER_REFERENCE.test(resolved)) return undefined;
    if (resolved.startsWith('{{resolve:ssm-secure:')) {
      // CloudFormation dynamic references: "Secure strings can only be used for resource properties that
      // support the ssm-secure dynamic reference pattern"; AWS::SES::EmailIdentity is not among them.
      return 'an SSM SecureString reference, which CloudFormation resolves only for a short list of properties that does not include the SES identity\'s DKIM key (the deploy would fail); store the key in Secrets Manager';
    }
    return resolved.includes('{{resolve:')
      ? `'${abbreviate(resolved)}', which is not one whole Secrets Manager dynamic reference; text outside it would appear in the template`
      : 'a plain-text value that would appear in the template';
  }
  const join = (resolved as any)?.['Fn::Join'];
  if (Array.isArray(join) && join[0] === '' && Array.isArray(join[1])) {
    // Tokens (the secret's ARN, say) stand for themselves inside the reference; the text around them must form one reference.
    const text = join[1].map((part: unknown) => (typeof part === 'string' ? part : 'TOKEN')).join('');
    if (SECRETS_MANAGER_REFERENCE.test(text)) return undefined;
    return `a value joined from parts ('${abbreviate(text)}'), which is not one whole Secrets Manager dynamic reference`;
  }
  const ref = (resolved as any)?.Ref;
  if (typeof ref === 'string' && Object.keys(resolved as object).length === 1) {
    const parameter = stack.node.findAll().find((c): c is CfnParameter => c instanceof CfnParameter && stack.resolve(c.logicalId) === ref);
    if (parameter?.noEcho) return undefined;
    return parameter ? `the parameter ${ref} without noEcho: its value would be shown in the console and API` : `a reference to ${ref}, which is not a NoEcho parameter`;
  }
  const fn = resolved && typeof resolved === 'object' ? Object.keys(resolved)[0] : typeof resolved;
  return `a value built with ${fn}, which CloudFormation does not fetch from a secret store`;
}

