import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IDependable } from 'constructs';
import { addAppChecks } from './app-checks';
import { domainRecordEntries, placeDomainRecords, recordContextOf, zoneFileOf } from './domain-records';
import { bindDomainResources } from './domain-resources';
import { Deliverability } from './guardrails/deliverability';
import { grantSend, makeIdentity, SendEmailGrantOptions } from './identity';
import { InboundMail } from './inbound-mail';
import { checkSecondary, checkSecondaryMailFrom, primaryOf } from './primary-region';
import { checkPropKinds } from './props';
import { MailDnsRecord } from './records';
import { DmarcReports } from './reports/dmarc-reports';
import { DmarcReportsMailbox } from './reports/mailbox';
import { RecordRendering } from './route53-render';
import { DkimSigning } from './sending/dkim';
import { Dmarc } from './sending/dmarc';
import { mailFromDomainOf } from './sending/mail-from';
import { Spf } from './sending/spf';
import { knownKeys, optionalBoolean } from './validation';
import { VerificationWait } from './verification';
import { checkZoneStack, privateZoneProblem, resolveDomainName, zoneNameOf } from './zone';

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
   * DMARC reports received by this stack in S3 (`DmarcReports.receive()`), or sent to another domain's
   * mailbox (`DmarcReports.sharedWith(mailbox)`).
   * @default - none: reports go only to `dmarc`'s own addresses
   */
  readonly dmarcReports?: DmarcReports;
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
   * Deliverability guardrails: `Deliverability.guard()` gives the identity a default configuration set
   * (or extends `configurationSet`) with reputation metrics, suppression of bounces and complaints, an
   * event destination for bounces and complaints, and CloudWatch alarms on the set's and the account's
   * bounce and complaint rates, below the levels where SES reviews the account. No Lambda.
   * @default - no guardrails
   */
  readonly deliverability?: Deliverability;
  /**
   * List every record of the domain in the stack's record outputs (zone-file syntax, eight domains an
   * output), so that the records, with the DKIM tokens known only after deploy, can be handed to
   * another DNS provider. When false, the outputs hold only the Easy DKIM records (if any), for
   * `cdk-verified-mail-domain check`.
   * @default - true when no hostedZone is given, false otherwise
   */
  readonly recordOutputs?: boolean;

  /**
   * How the records become CloudFormation resources in the hosted zone: one record-set group per
   * domain (one Route53 change, two resources per domain with the defaults), or one record set per
   * record, the rendering of earlier releases, for stacks deployed with it.
   * @default RecordRendering.RECORD_SET_GROUP
   */
  readonly recordRendering?: RecordRendering;

  /**
   * What `cdk destroy` (or removing the construct) does with the SES identity and every record set.
   * `RemovalPolicy.RETAIN` keeps them, e.g. to keep the apex TXT record set with your own
   * `domainTxtValues`; `SNAPSHOT` is refused (neither resource type has snapshots).
   * @default RemovalPolicy.DESTROY, as aws-cdk-lib's own route53 records and ses.EmailIdentity
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * The VerifiedMailDomain of the same domain in its primary region, when this one serves another
   * region (named for the construct it holds, not a region string). Each region gets its own SES
   * identity, Easy DKIM records and MAIL FROM domain (by default the primary's label with the region,
   * `bounce-us-east-1`); the primary publishes the SPF, DMARC, report authorizations and inbound MX
   * once for all regions, so `spf`, `domainTxtValues`, `dmarc` and `inboundMail` are not set here.
   * Give each stack its own `hostedZone` (imported by attributes): every stack writes only its own
   * records, with no cross-region reference.
   * @default - this construct is the domain's only or primary region
   */
  readonly primary?: VerifiedMailDomain;

  /**
   * The 0.x name of `primary`: the same construct, the same records, and a warning
   * (`primaryRegionDeprecated`) saying to rename it. Setting both is an error.
   * @default - this construct is the domain's only or primary region
   * @deprecated use `primary`, which takes the same VerifiedMailDomain
   */
  readonly primaryRegion?: VerifiedMailDomain;

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

/** The props of VerifiedMailDomainProps, for checkKnownKeys. */
const PROP_KEYS = knownKeys<VerifiedMailDomainProps>({
  hostedZone: true,
  domainName: true,
  dkim: true,
  customMailFrom: true,
  mailFromSubdomain: true,
  mailFromBehaviorOnMxFailure: true,
  spf: true,
  domainTxtValues: true,
  dmarc: true,
  dmarcReports: true,
  inboundMail: true,
  recordTtl: true,
  configurationSet: true,
  deliverability: true,
  recordOutputs: true,
  recordRendering: true,
  removalPolicy: true,
  primary: true,
  primaryRegion: true,
  waitForVerification: true,
});

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
  /**
   * ARN of the SES identity. Newer aws-cdk-lib releases have the same value as
   * `emailIdentity.emailIdentityArn`; at the peer floor, 2.93, `ses.EmailIdentity` has no such
   * attribute, so this stays until the floor passes the release that added it.
   */
  public readonly emailIdentityArn: string;
  /**
   * The identity's default configuration set.
   * @default - undefined when no configurationSet is given
   */
  public readonly configurationSet?: ses.IConfigurationSet;
  /**
   * The stack's guardrail topic (SES events and reputation alarms), when `deliverability` sends there:
   * subscribe to it, e.g. `topic.addSubscription(new subs.EmailSubscription('ops@example.com'))`.
   * @default - undefined without deliverability, or when it sends events and alarms to your own topics
   */
  public readonly deliverabilityTopic?: sns.ITopic;
  /**
   * The SES contact list of `deliverability`'s `contactList`, for one-click unsubscribe: send with
   * SESv2 `ListManagementOptions: { ContactListName: mail.contactListName, TopicName }` and SES adds the
   * `List-Unsubscribe` and `List-Unsubscribe-Post` headers. `grantSendEmail` covers it.
   * @default - undefined without a contact list
   */
  public readonly contactListName?: string;
  /**
   * The DNS records this construct publishes, in the order they are rendered; with a hosted zone,
   * the record sets it creates there. Without `primary`, every record the domain needs. With
   * `primary`, only this region's: its DKIM records (a BYODKIM key record the primary already
   * publishes is left out) and its MAIL FROM MX and TXT; the SPF, DMARC, report authorization and
   * inbound MX records are in the primary's `records`.
   */
  public readonly records: MailDnsRecord[];

  /**
   * With `waitForVerification: VerificationWait.untilVerified()`, the resource that completes when SES
   * reports the domain verified: `other.node.addDependency(mail.verification!)` starts `other` only
   * then. Undefined without the wait.
   */
  public readonly verification?: IDependable;

  /**
   * With `dmarcReports: DmarcReports.receive()`, the mailbox other domains can share: `DmarcReports.sharedWith(mail.dmarcReportsMailbox!)`.
   * @default - undefined without `DmarcReports.receive()`
   */
  public readonly dmarcReportsMailbox?: DmarcReportsMailbox;

  constructor(scope: Construct, id: string, props: VerifiedMailDomainProps = {}) {
    super(scope, id);
    checkPropKinds(this, props, VerifiedMailDomain, PROP_KEYS);
    const zone = props.hostedZone;
    const zoneName = zone !== undefined ? zoneNameOf(zone) : undefined;
    if (zone !== undefined) checkZoneStack(this, zone);
    const named = primaryOf(this, props);
    const primary = named?.construct;
    this.domainName = resolveDomainName(props.domainName ?? primary?.domainName, zoneName, zone !== undefined);
    const defaultLabel = named ? checkSecondary(this, named, { ...props }, this.domainName) : undefined;
    this.mailFromDomain = mailFromDomainOf(this.domainName, optionalBoolean('customMailFrom', props.customMailFrom) ?? true, props.mailFromSubdomain, defaultLabel);
    if (named) checkSecondaryMailFrom(this, named, this.mailFromDomain, props.mailFromSubdomain);

    const dkim = props.dkim ?? DkimSigning.easyDkim();
    const sending = makeIdentity(this, { ...props, domainName: this.domainName, dkim, mailFromDomain: this.mailFromDomain });
    this.emailIdentity = sending.identity;
    this.emailIdentityArn = sending.arn;
    this.configurationSet = sending.configurationSet;
    this.deliverabilityTopic = sending.topic;
    this.contactListName = sending.contactList?.name;

    const ctx = recordContextOf(this, {
      domainName: this.domainName, mailFromDomain: this.mailFromDomain, zoneName, recordTtl: props.recordTtl, identity: this.emailIdentity,
    });
    const entries = domainRecordEntries(ctx, { ...props, dkim, primary });
    this.records = entries.map((e) => e.record);
    const recordResources = placeDomainRecords(ctx, entries, zone, props, sending);
    this.dmarcReportsMailbox = props.dmarcReports?._shareable(this, ctx, zone, props.removalPolicy);

    this.verification = bindDomainResources(this, ctx, {
      ...props, identity: this.emailIdentity, identityArn: this.emailIdentityArn, entries, recordResources, inHostedZone: zone !== undefined,
    });

    if (zone) this.node.addValidation({ validate: () => [privateZoneProblem(zone)].filter((p): p is string => p !== undefined) });
    addAppChecks(this, {
      domainName: this.domainName,
      mailFromDomain: this.mailFromDomain,
      mailFromSubdomain: props.mailFromSubdomain,
      defaultMailFromLabel: defaultLabel ?? 'bounce',
      zoneName,
      primary,
    });
  }

  /**
   * Every record in BIND zone-file syntax, with absolute names, ready to paste into another DNS
   * provider. Long TXT values are split into 255-character strings exactly as in Route53. The Easy
   * DKIM names and values are tokens that resolve at deploy time: put the result in a `CfnOutput`,
   * or use the record outputs (`recordOutputs`).
   */
  public zoneFile(): string {
    return zoneFileOf(this.domainName, this.records);
  }

  /**
   * Allows the grantee to send mail from this domain: `ses:SendEmail` and `ses:SendRawEmail` on the
   * identity and, when they exist, on its default configuration set and its contact list.
   */
  public grantSendEmail(grantee: iam.IGrantable, options: SendEmailGrantOptions = {}): iam.Grant {
    const target = {
      identityArn: this.emailIdentityArn, domainName: this.domainName, configurationSet: this.configurationSet, contactListName: this.contactListName,
    };
    return grantSend(this, target, grantee, options);
  }
}
