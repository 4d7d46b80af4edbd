import { Annotations, CfnOutput, Duration, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct, IConstruct, IDependable } from 'constructs';
import { entry, RecordContext, RecordEntry } from './context';
import { DkimSigning } from './dkim';
import { Dmarc } from './dmarc';
import { InboundMail } from './inbound-mail';
import { MailDnsRecord, renderRoute53Values, renderZoneFileLines } from './records';
import { Spf } from './spf';
import { checkPrintableAscii, isWithin, listOf, normalizeDomainName, normalizeLabel, wholeSeconds } from './validation';
import { VerificationWait } from './verification';

/** Properties of a VerifiedMailDomain. */
export interface VerifiedMailDomainProps {
  /**
   * Zone that receives every record. May be the domain's own zone or a parent zone; any
   * `route53.IHostedZone` works, including `HostedZone.fromLookup` and `fromHostedZoneAttributes`.
   * @default - no Route53 records; `records` lists them for another DNS provider
   */
  readonly hostedZone?: route53.IHostedZone;
  /**
   * The domain that sends mail. Must lie inside `hostedZone`: `mail.example.com` in the zone
   * `example.com` puts every record under `mail.example.com`.
   * @default - the hosted zone's name (required when no hosted zone is given)
   */
  readonly domainName?: string;
  /**
   * How SES signs with DKIM.
   * @default DkimSigning.easyDkim() with a 2048-bit key
   */
  readonly dkim?: DkimSigning;
  /**
   * Use a custom MAIL FROM (Return-Path) subdomain, so that SPF aligns with the From domain.
   * @default true
   */
  readonly customMailFrom?: boolean;
  /**
   * Label of the custom MAIL FROM subdomain (the Return-Path domain), a single DNS label.
   * The subdomain must never receive mail.
   * @default 'bounce'
   */
  readonly mailFromSubdomain?: string;
  /**
   * What SES does while the MAIL FROM MX record is missing: fall back to its own amazonses.com
   * envelope, or reject the message.
   * @default ses.MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE
   */
  readonly mailFromBehaviorOnMxFailure?: ses.MailFromBehaviorOnMxFailure;
  /**
   * The SPF record at the domain itself.
   * @default Spf.publish(): `v=spf1 include:amazonses.com ~all`
   */
  readonly spf?: Spf;
  /**
   * Other TXT strings to publish at the domain, e.g. a site-verification token. Route53 holds one
   * TXT record set per name, so they share the record set with SPF.
   * @default - none
   */
  readonly domainTxtValues?: string[];
  /**
   * The DMARC record at `_dmarc.<domain>`.
   * @default Dmarc.publish(): `v=DMARC1; p=none`
   */
  readonly dmarc?: Dmarc;
  /**
   * Where mail addressed to the domain goes (the MX record at the domain).
   * @default - no MX record at the domain
   */
  readonly inboundMail?: InboundMail;
  /**
   * Time to live of every record.
   * @default Duration.minutes(30)
   */
  readonly recordTtl?: Duration;
  /**
   * The configuration set the identity uses by default. `grantSendEmail` then covers it too: SES
   * authorizes sending against both the identity and the configuration set.
   * @default - no default configuration set
   */
  readonly configurationSet?: ses.IConfigurationSet;
  /**
   * Add one CloudFormation output per record, its value the record in zone-file syntax, so that
   * the records (with the DKIM tokens, known only after deploy) can be handed to another DNS provider.
   * @default - true when no hostedZone is given, false otherwise
   */
  readonly recordOutputs?: boolean;

  /**
   * Whether `cdk deploy` waits until SES reports the domain verified, and fails, naming the records
   * SES has not found, when it is not. `VerificationWait.untilVerified()` adds a custom resource
   * (after every record set) and Lambda handlers; depend on `verification` to start other resources
   * only after it.
   *
   * @default VerificationWait.none(): no wait, no Lambda
   */
  readonly waitForVerification?: VerificationWait;
}

/** Options of `grantSendEmail`. */
export interface SendEmailGrantOptions {
  /**
   * Allow only From addresses in this domain: a `StringLike` condition on `ses:FromAddress`
   * for `*@<domain>`.
   * @default false
   */
  readonly fromAddressInDomainOnly?: boolean;
}

/**
 * An Amazon SES domain identity with every DNS record mailbox providers expect: Easy DKIM, a
 * custom MAIL FROM domain, SPF, DMARC and optionally an inbound MX, each checked at synth time.
 */
export class VerifiedMailDomain extends Construct {
  /** The SES domain identity. */
  public readonly emailIdentity: ses.EmailIdentity;
  /** The domain name, lower case, without trailing dot. */
  public readonly domainName: string;
  /**
   * The custom MAIL FROM domain, e.g. `bounce.example.com`.
   * @default - undefined when `customMailFrom` is false
   */
  public readonly mailFromDomain?: string;
  /** ARN of the SES identity. */
  public readonly emailIdentityArn: string;
  /**
   * The identity's default configuration set.
   * @default - undefined when no configurationSet is given
   */
  public readonly configurationSet?: ses.IConfigurationSet;
  /**
   * Every DNS record the domain needs, in the order they are rendered. When a hosted zone is
   * given these are the record sets created in it.
   */
  public readonly records: MailDnsRecord[];

  /**
   * With `waitForVerification: VerificationWait.untilVerified()`, the resource that completes when SES
   * reports the domain verified: `other.node.addDependency(mail.verification!)` starts `other` only
   * then. Undefined without the wait.
   */
  public readonly verification?: IDependable;

  constructor(scope: Construct, id: string, props: VerifiedMailDomainProps = {}) {
    super(scope, id);
    const zone = props.hostedZone;
    const zoneName = zone ? zoneNameOf(zone) : undefined;
    this.domainName = resolveDomainName(props.domainName, zoneName, zone !== undefined);

    const customMailFrom = props.customMailFrom ?? true;
    if (!customMailFrom && props.mailFromSubdomain !== undefined) {
      throw new Error(`mailFromSubdomain ('${props.mailFromSubdomain}') is set but customMailFrom is false; remove one of them`);
    }
    if (customMailFrom) {
      const label = normalizeLabel('mailFromSubdomain', props.mailFromSubdomain ?? 'bounce');
      this.mailFromDomain = `${label}.${this.domainName}`;
      if (!Token.isUnresolved(this.mailFromDomain) && this.mailFromDomain.length > 253) {
        throw new Error(`mailFromSubdomain makes the MAIL FROM domain '${this.mailFromDomain}' ${this.mailFromDomain.length} characters long; at most 253 are allowed`);
      }
    }

    const dkim = props.dkim ?? DkimSigning.easyDkim();
    this.emailIdentity = new ses.EmailIdentity(this, 'Identity', {
      identity: ses.Identity.domain(this.domainName),
      dkimIdentity: dkim._identity(),
      mailFromDomain: this.mailFromDomain,
      configurationSet: props.configurationSet,
      mailFromBehaviorOnMxFailure: this.mailFromDomain
        ? props.mailFromBehaviorOnMxFailure ?? ses.MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE
        : undefined,
    });
    this.configurationSet = props.configurationSet;
    this.emailIdentityArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: this.emailIdentity.emailIdentityName,
    });

    const ctx: RecordContext = {
      scope: this,
      domainName: this.domainName,
      mailFromDomain: this.mailFromDomain,
      region: Stack.of(this).region,
      zoneName,
      ttl: wholeSeconds('recordTtl', props.recordTtl ?? Duration.minutes(30), 0, 2147483647),
      identity: this.emailIdentity,
    };
    const entries = [
      ...dkim._records(ctx),
      ...this.mailFromRecords(ctx),
      ...domainTxtRecords(ctx, props.spf ?? Spf.publish(), listOf('domainTxtValues', props.domainTxtValues)),
      ...(props.dmarc ?? Dmarc.publish())._records(ctx),
      ...(props.inboundMail ? props.inboundMail._records(ctx) : []),
    ];
    this.records = entries.map((e) => e.record);
    const recordSets = zone ? this.renderToRoute53(zone, zoneName, entries) : [];
    if (props.recordOutputs ?? zone === undefined) {
      for (const { id: recordId, record } of entries) {
        new CfnOutput(this, `${recordId}Record`, {
          description: `${record.purpose}: ${record.type} record to publish`,
          value: renderZoneFileLines(record).join('\n'),
        });
      }
    }

    const wait = props.waitForVerification ?? VerificationWait.none();
    this.verification = wait._bind(this, {
      identityName: this.emailIdentity.emailIdentityName,
      identityArn: this.emailIdentityArn,
      mailFromDomain: this.mailFromDomain,
      dkimRecords: entries.filter((e) => e.id.startsWith('Dkim')).flatMap((e) => renderZoneFileLines(e.record)),
      mailFromRecords: entries.filter((e) => e.id === 'MailFromMx').flatMap((e) => renderZoneFileLines(e.record)),
      dependsOn: [this.emailIdentity, ...recordSets],
    });
    if (this.verification && !zone) {
      Annotations.of(this).addWarningV2('cdk-verified-mail-domain:waitWithoutZone',
        'waitForVerification without hostedZone: the deploy waits until you have published the records at your DNS provider, '
        + 'but the Easy DKIM records are shown only after the deploy (outputs) or in the SES console. Publish them within the timeout, use BYODKIM, or drop the wait');
    }
  }

  /**
   * Every record in BIND zone-file syntax, with absolute names, ready to paste into another DNS
   * provider. Long TXT values are split into 255-character strings exactly as in Route53. The Easy
   * DKIM names and values are tokens that resolve at deploy time: put the result in a `CfnOutput`,
   * or use the record outputs (`recordOutputs`).
   */
  public zoneFile(): string {
    const lines = this.records.flatMap((record) => [`; ${record.purpose}`, ...renderZoneFileLines(record)]);
    return [`; DNS records of the Amazon SES domain ${this.domainName}`, ...lines, ''].join('\n');
  }

  /**
   * Allows the grantee to send mail from this domain: `ses:SendEmail` and `ses:SendRawEmail` on the
   * identity and, when one is attached, on its default configuration set.
   */
  public grantSendEmail(grantee: iam.IGrantable, options: SendEmailGrantOptions = {}): iam.Grant {
    const resourceArns = [this.emailIdentityArn];
    if (this.configurationSet) {
      resourceArns.push(Stack.of(this).formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: this.configurationSet.configurationSetName,
      }));
    }
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resourceArns,
      conditions: options.fromAddressInDomainOnly
        ? { StringLike: { 'ses:FromAddress': `*@${this.domainName}` } }
        : undefined,
    });
  }

  private mailFromRecords(ctx: RecordContext): RecordEntry[] {
    if (!this.mailFromDomain) return [];
    return [
      entry(ctx, 'MailFromMx', this.mailFromDomain, route53.RecordType.MX,
        [`10 feedback-smtp.${ctx.region}.amazonses.com`], 'custom MAIL FROM: SES bounce and complaint feedback (MX)'),
      entry(ctx, 'MailFromSpf', this.mailFromDomain, route53.RecordType.TXT,
        ['v=spf1 include:amazonses.com ~all'], 'custom MAIL FROM: SPF of the envelope sender'),
    ];
  }

  private renderToRoute53(zone: route53.IHostedZone, zoneName: string | undefined, entries: RecordEntry[]): route53.CfnRecordSet[] {
    return entries.map(({ id, record }) => {
      claimRecordSet(this, zone, zoneName, record);
      return new route53.CfnRecordSet(this, id, {
        hostedZoneId: zone.hostedZoneId,
        name: record.name,
        type: record.type,
        resourceRecords: renderRoute53Values(record),
        ttl: String(record.ttl),
      });
    });
  }
}

/** The zone's name without trailing dot, or undefined where it is unknown (`HostedZone.fromHostedZoneId`). */
function zoneNameOf(zone: route53.IHostedZone): string | undefined {
  let name: string;
  try {
    name = zone.zoneName;
  } catch {
    return undefined;
  }
  return normalizeDomainName('hostedZone.zoneName', name);
}

function resolveDomainName(domainName: string | undefined, zoneName: string | undefined, hasZone: boolean): string {
  if (domainName === undefined) {
    if (zoneName === undefined) {
      throw new Error(hasZone
        ? 'domainName is required: the hosted zone has no known zone name (HostedZone.fromHostedZoneId); give domainName or use HostedZone.fromHostedZoneAttributes'
        : 'domainName is required when no hostedZone is given');
    }
    return zoneName;
  }
  const name = normalizeDomainName('domainName', domainName);
  if (zoneName !== undefined && !Token.isUnresolved(name) && !Token.isUnresolved(zoneName) && !isWithin(name, zoneName)) {
    throw new Error(`domainName '${domainName}' is not inside the hosted zone '${zoneName}'; give a name that ends with '${zoneName}' or the zone that holds it`);
  }
  return name;
}

/** SPF and any other TXT strings at the domain, in one record set (Route53 holds one TXT set per name). */
function domainTxtRecords(ctx: RecordContext, spf: Spf, others: string[]): RecordEntry[] {
  others.forEach((v, i) => {
    checkPrintableAscii(`domainTxtValues[${i}]`, v);
    if (!Token.isUnresolved(v) && /^v=spf1(\s|$)/i.test(v)) {
      throw new Error(`domainTxtValues[${i}] is an SPF record ('${v}'); a name may hold only one, and the construct writes it: use the spf prop (Spf.publish or Spf.none)`);
    }
  });
  const spfText = spf._text(ctx);
  const values = [...(spfText === undefined ? [] : [spfText]), ...new Set(others)];
  if (values.length === 0) return [];
  const purpose = spfText === undefined ? 'TXT strings at the domain' : 'SPF of the domain';
  return [entry(ctx, 'DomainTxt', ctx.domainName, route53.RecordType.TXT, values, purpose)];
}

/** Record sets claimed so far per app: `<zone id> <name> <type>` -> `<construct path> (<purpose>)`. */
const CLAIMS = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Fails at synth, naming both construct paths, when a record set would be created twice in one zone;
 * CloudFormation would otherwise fail halfway through the deploy.
 */
function claimRecordSet(scope: Construct, zone: route53.IHostedZone, zoneName: string | undefined, record: MailDnsRecord): void {
  if (Token.isUnresolved(record.name)) return;
  let claims = CLAIMS.get(scope.node.root);
  if (!claims) {
    claims = new Map();
    CLAIMS.set(scope.node.root, claims);
  }
  const key = `${zone.hostedZoneId} ${record.name} ${record.type}`;
  const owner = `${scope.node.path} (${record.purpose})`;
  const previous = claims.get(key);
  if (previous !== undefined) {
    const zoneLabel = Token.isUnresolved(zone.hostedZoneId) ? zoneName ?? zone.node.path : `${zoneName ?? ''} (${zone.hostedZoneId})`.trim();
    throw new Error(`${record.type} record set ${record.name} would be created twice in hosted zone ${zoneLabel}: by ${owner} and by ${previous}. Route53 holds one set per name and type; change the domain names or options so they differ`);
  }
  claims.set(key, owner);
}
