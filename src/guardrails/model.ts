import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ContactListUse } from './contact-list';

// Internal shapes the guardrail modules pass between them (not part of the public API).

/** The configuration set an event destination or alarm is for, with its ARN (SES's `aws:SourceArn`). */
export interface GuardedSet {
  readonly name: string;
  readonly arn: string;
}

/**
 * What the guard tells `cdk-verified-mail-domain check` (in the domain's cloud-assembly metadata): plain
 * data, read by the command without aws-cdk-lib.
 */
export interface DeliverabilityMetadata {
  /** Where SES publishes the sending events, in words (an SNS topic, the default event bus, CloudWatch). */
  readonly eventDestination: string;
  /** The event types published. */
  readonly events: string[];
  /** The configuration set's reputation alarms: thresholds and where they notify, in words. */
  readonly alarms: string;
  /** Whether the domain asked for the account's reputation alarms. */
  readonly accountAlarms: boolean;
}

/** What the guard gives the domain. */
export interface GuardedDomain {
  readonly configurationSet: ses.IConfigurationSet;
  /** What the check command reads of the guard. */
  readonly metadata: DeliverabilityMetadata;
  /** The stack's guardrail topic, when the guard sends events or alarms there. */
  readonly topic?: sns.ITopic;
  /** Associates the domain's identity (its ARN) with the domain's tenant, when it has one. */
  readonly bindIdentity?: (identityArn: string) => void;
  /** The contact list the domain's mail names for one-click unsubscribe, when the guard has one. */
  readonly contactList?: ContactListUse;
}
