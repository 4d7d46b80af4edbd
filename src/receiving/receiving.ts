import { ReceivingAction } from './actions';
import { ReceiptRuleSetChoice } from './rule-sets';

// Receiving with SES: a receipt rule for the domain in a rule set, whose actions deliver each message
// in the order given. Only the opt-in activation of a new rule set adds a Lambda.

/** Receiving with SES: the rule for the domain and where its messages go. */
export interface SesReceivingOptions {
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
  /**
   * Allow receiving in a region not on the list of regions where SES receives mail (for a region added
   * after this release).
   * @default false
   */
  readonly allowUnlistedRegion?: boolean;
}
