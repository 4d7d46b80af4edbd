import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ContactListUse } from './contact-list';

// Internal shapes the guardrail modules pass between them (not part of the public API).

/** The configuration set an event destination or alarm is for, with its ARN (SES's `aws:SourceArn`). */
export interface GuardedSet {
  readonly name: string;
  readonly arn: string;
}

/** What the guard gives the domain. */
export interface GuardedDomain {
  readonly configurationSet: ses.IConfigurationSet;
  /** The stack's guardrail topic, when the guard sends events or alarms there. */
  readonly topic?: sns.ITopic;
  /** The contact list the domain's mail names for one-click unsubscribe, when the guard has one. */
  readonly contactList?: ContactListUse;
}
