import { ReceivingAction } from './actions';
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
  /** What SES does with each message, in this order. */
  readonly actions: ReceivingAction[];
  /** The rule set that holds the rule: an existing one, or a new one the construct activates. */
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
   * Refuse mail not sent over TLS.
   * @default false
   */
  readonly tlsRequired?: boolean;
}
