import * as ses from 'aws-cdk-lib/aws-ses';
import { ReceiptRuleSetChoice } from './rule-sets';

// Receiving with SES: a receipt rule for the domain in a rule set, whose actions deliver each message
// in the order given. A new rule set is activated by a custom resource (two Lambda functions: its
// handler and the provider framework's) unless `activate: false`.

/** The MX to SES's receiving endpoint of the stack's region. */
export interface SesEndpointOptions {
  /**
   * Allow receiving in a region not on the list of regions where SES receives mail (for a region added
   * after this release). Without it, an MX to SES, a receipt rule or a bucket in such a region fails at synth.
   * @default false
   */
  readonly allowUnlistedRegion?: boolean;
}

/** Receiving with SES: the rule for the domain and where its messages go. */
export interface SesReceivingOptions extends SesEndpointOptions {
  /**
   * What SES does with each message, in this order (at most 10): the construct's own
   * `ReceivingAction.s3/sns/lambda`, whose grants it scopes to this rule, and any other
   * `ses.IReceiptRuleAction`, such as aws-cdk-lib's `aws-ses-actions` (AddHeader, Bounce, Stop,
   * WorkMail, Lambda, S3, Sns), which grant what they grant themselves.
   */
  readonly actions: ses.IReceiptRuleAction[];
  /** The rule set that holds the rule: an existing one (`fromReceiptRuleSet`), or a new one the construct activates. */
  readonly ruleSet: ReceiptRuleSetChoice;
  /**
   * The recipients the rule matches: addresses or domains inside the domain.
   * @default - the domain itself: every address of it
   */
  readonly recipients?: string[];
  /**
   * Scan messages for spam and viruses.
   * @default true
   */
  readonly scanEnabled?: boolean;
  /**
   * Whether SES refuses mail not sent over TLS (`ses.TlsPolicy.REQUIRE`).
   * @default - `ses.TlsPolicy.OPTIONAL` (or what the deprecated `tlsRequired` says)
   */
  readonly tlsPolicy?: ses.TlsPolicy;
  /**
   * Refuse mail not sent over TLS.
   * @default false
   * @deprecated use `tlsPolicy: ses.TlsPolicy.REQUIRE` (or `ses.TlsPolicy.OPTIONAL` for `false`);
   * given with `tlsPolicy`, the two must agree
   */
  readonly tlsRequired?: boolean;
}
