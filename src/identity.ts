import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { environmentDifference } from './app-keys';
import { ContactListUse } from './guardrails/contact-list';
import { Deliverability } from './guardrails/deliverability';
import { DeliverabilityMetadata } from './guardrails/model';
import { DkimSigning } from './sending/dkim';
import { checkKind, checkKnownKeys, checkOneOf, checkOptions, enumValues, knownKeys, optionalBoolean } from './validation';

// The SES identity of a VerifiedMailDomain with its default configuration set, and the grant to send
// from it. Internal but for the options of the grant, which are public.

/** Options of `grantSendEmail`. */
export interface SendEmailGrantOptions {
  /**
   * Allow only From addresses in this domain: a `StringLike` condition on `ses:FromAddress`
   * for `*@<domain>`.
   * @default false
   */
  readonly fromAddressInDomainOnly?: boolean;
}

/** The props of SendEmailGrantOptions, for checkKnownKeys. */
const GRANT_OPTION_KEYS = knownKeys<SendEmailGrantOptions>({ fromAddressInDomainOnly: true });

/** What the identity is made of: the construct's props, with the names and the DKIM signing it resolved. */
export interface IdentityOptions {
  readonly domainName: string;
  readonly dkim: DkimSigning;
  readonly mailFromDomain?: string;
  readonly mailFromBehaviorOnMxFailure?: ses.MailFromBehaviorOnMxFailure;
  readonly removalPolicy?: RemovalPolicy;
  /** The user's configuration set, which deliverability may extend or replace. */
  readonly configurationSet?: ses.IConfigurationSet;
  readonly deliverability?: Deliverability;
}

/** The identity, its ARN, and the default configuration set, guardrail topic and contact list it ended up with. */
export interface SendingIdentity {
  readonly identity: ses.EmailIdentity;
  readonly arn: string;
  readonly configurationSet?: ses.IConfigurationSet;
  readonly topic?: sns.ITopic;
  /** What the check command reads of the guardrails, when the domain has them. */
  readonly deliverability?: DeliverabilityMetadata;
  /** The contact list of the guardrails, for one-click unsubscribe, when the domain has one. */
  readonly contactList?: ContactListUse;
}

/**
 * The identity's enum props, before anything is made: `mailFromBehaviorOnMxFailure` only with a custom
 * MAIL FROM domain, and a removal policy the identity and the record sets can carry.
 */
function checkIdentityChoices(
  mailFromDomain: string | undefined, behavior: ses.MailFromBehaviorOnMxFailure | undefined, removalPolicy: RemovalPolicy | undefined,
): void {
  checkOneOf('mailFromBehaviorOnMxFailure', behavior, enumValues('ses.MailFromBehaviorOnMxFailure', ses.MailFromBehaviorOnMxFailure));
  if (!mailFromDomain && behavior !== undefined) {
    throw new Error(`mailFromBehaviorOnMxFailure (${behavior}) is set but customMailFrom is false: SES applies it only to a `
      + 'custom MAIL FROM domain; remove one of them');
  }
  // DeletionPolicy Snapshot exists only for resource types with snapshots (CloudFormation
  // DeletionPolicy attribute); neither AWS::SES::EmailIdentity nor AWS::Route53::RecordSet has one.
  checkOneOf('removalPolicy', removalPolicy, enumValues('RemovalPolicy', RemovalPolicy, [RemovalPolicy.SNAPSHOT]));
}

/**
 * SES uses a configuration set only in its own account and region (configuration sets are regional
 * resources of an account), so one made in a stack of another account or region can never serve the
 * identity, and aws-cdk-lib would fail on the reference with a message of its own.
 */
function checkConfigurationSetEnvironment(scope: Construct, set: ses.IConfigurationSet | undefined): void {
  // No set, or a set of another copy of aws-cdk-lib, only duck-typed by its name: without a construct, no stack to compare.
  if (!Construct.isConstruct(set)) return;
  const [ours, theirs] = [Stack.of(scope), Stack.of(set)];
  const field = environmentDifference(ours, theirs);
  if (!field) return;
  throw new Error(`configurationSet ${set.node.path} is made in stack ${theirs.node.path} (${field} ${theirs[field]}), but this domain's identity is in stack `
    + `${ours.node.path} (${field} ${ours[field]}): SES uses a configuration set only in its own account and region. Make the set in a stack of this `
    + 'account and region, or import one there by name (ses.ConfigurationSet.fromConfigurationSetName)');
}

/** The identity (id `Identity`) with its default configuration set: the user's, or deliverability's. */
export function makeIdentity(scope: Construct, options: IdentityOptions): SendingIdentity {
  checkIdentityChoices(options.mailFromDomain, options.mailFromBehaviorOnMxFailure, options.removalPolicy);
  checkConfigurationSetEnvironment(scope, options.configurationSet);
  const guarded = options.deliverability?._bind(scope, options.configurationSet);
  const configurationSet = guarded?.configurationSet ?? options.configurationSet;
  const identity = new ses.EmailIdentity(scope, 'Identity', {
    identity: ses.Identity.domain(options.domainName),
    dkimIdentity: options.dkim._identity(),
    mailFromDomain: options.mailFromDomain,
    mailFromBehaviorOnMxFailure: options.mailFromDomain
      ? options.mailFromBehaviorOnMxFailure ?? ses.MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE
      : undefined,
  });
  if (options.removalPolicy !== undefined) identity.applyRemovalPolicy(options.removalPolicy);
  if (configurationSet) {
    // Only its name reaches the template. Set on the L1, so that a set of any copy of aws-cdk-lib works:
    // newer releases of ses.EmailIdentity read `configurationSetRef`, which older sets lack.
    (identity.node.defaultChild as ses.CfnEmailIdentity).configurationSetAttributes = {
      configurationSetName: configurationSet.configurationSetName,
    };
  }
  // ses.EmailIdentity of aws-cdk-lib 2.93 (the peer floor) has no emailIdentityArn; newer releases
  // compute it with this same formula.
  const arn = Stack.of(scope).formatArn({ service: 'ses', resource: 'identity', resourceName: identity.emailIdentityName });
  guarded?.bindIdentity?.(arn);
  return { identity, arn, configurationSet, topic: guarded?.topic, deliverability: guarded?.metadata, contactList: guarded?.contactList };
}

/** What a send grant covers: the identity, and its default configuration set and contact list if any. */
export interface SendTarget {
  readonly identityArn: string;
  readonly domainName: string;
  readonly configurationSet?: ses.IConfigurationSet;
  readonly contactListName?: string;
}

/**
 * `ses:SendEmail` and `ses:SendRawEmail` on the identity and, when one is attached, on its default
 * configuration set (SES authorizes a send against both) and on the contact list of its guardrails.
 */
export function grantSend(scope: Construct, target: SendTarget,
  grantee: iam.IGrantable, options: SendEmailGrantOptions): iam.Grant {
  checkKind('grantSendEmail grantee', grantee, typeof grantee === 'object' && grantee !== null && typeof grantee.grantPrincipal === 'object',
    'an iam.IGrantable (a role, a user, a function...)');
  checkOptions('grantSendEmail', options, '{ fromAddressInDomainOnly: true }');
  checkKnownKeys('grantSendEmail', options, GRANT_OPTION_KEYS);
  const fromAddressInDomainOnly = optionalBoolean('grantSendEmail fromAddressInDomainOnly', options.fromAddressInDomainOnly);
  const resourceArns = [target.identityArn];
  if (target.configurationSet) {
    resourceArns.push(Stack.of(scope).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: target.configurationSet.configurationSetName,
    }));
  }
  // The contact list, resource type `contact-list` (arn:${Partition}:ses:${Region}:${Account}:contact-list/
  // ${ContactListName}, Service Authorization Reference, "Amazon Simple Email Service v2"). That page lists
  // identity, configuration-set and template as the resources of ses:SendEmail, not the contact list a send
  // names in ListManagementOptions; the grant covers the list too, so that a send with list management
  // stays allowed should SES authorize it against the list as it does against the configuration set.
  if (target.contactListName !== undefined) {
    resourceArns.push(Stack.of(scope).formatArn({ service: 'ses', resource: 'contact-list', resourceName: target.contactListName }));
  }
  return iam.Grant.addToPrincipal({
    grantee,
    actions: ['ses:SendEmail', 'ses:SendRawEmail'],
    resourceArns,
    conditions: fromAddressInDomainOnly ? { StringLike: { 'ses:FromAddress': `*@${target.domainName}` } } : undefined,
  });
}
