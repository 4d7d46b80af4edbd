/**
 * What the receipt rule set activation custom resource and its Lambda handler exchange, and the
 * decision the handler makes from the set SES reports active. Internal: not exported from the package.
 *
 * SES receives mail only through the active receipt rule set, and an account and region has at most
 * one. Activating a set silently deactivates the one before, so this decision never replaces a set
 * that is not this resource's own unless the user said so (ReplaceActive).
 */

/** Properties of the activation custom resource (strings: CloudFormation passes strings). */
export interface ActivationProperties {
  /** The receipt rule set to make active. */
  readonly RuleSetName: string;
  /** 'true' to activate even when another set is active (that set stops receiving mail); anything else refuses. */
  readonly ReplaceActive: string;
}

/** The parts of a CloudFormation custom resource event (as the provider framework passes it) used here. */
export interface ActivationEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: ActivationProperties;
  /** On Update: the properties before it. */
  readonly OldResourceProperties?: Partial<ActivationProperties>;
}

/** What the onEvent handler returns to the provider framework. */
export interface ActivationResult {
  readonly PhysicalResourceId?: string;
  /** On Create and Update: the set that was active before ('' when none), for Fn::GetAtt. */
  readonly Data?: { readonly PreviouslyActive: string };
}

/** What to do with SES for one event, and what to return or throw. */
export type Decision =
  | { readonly action: 'activate'; readonly ruleSetName: string; readonly result: ActivationResult }
  | { readonly action: 'deactivate'; readonly result: ActivationResult }
  | { readonly action: 'none'; readonly result: ActivationResult }
  | { readonly action: 'refuse'; readonly error: string };

/**
 * One physical id per rule set name: when the name changes, CloudFormation replaces the resource and
 * then deletes the old one with the old properties, and that Delete finds the new set active and
 * leaves it alone.
 */
export function physicalResourceId(ruleSetName: string): string {
  return `active-receipt-rule-set:${ruleSetName}`;
}

/** The error CloudFormation shows when another set is active and replacing it was not chosen. */
export function refusal(active: string, ours: string): string {
  return `The receipt rule set '${active}' is active in this account and region; activating '${ours}' would stop it receiving mail. `
    + `Add this domain's rule to it instead (ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', '${active}'))), `
    + 'deactivate it first, or set replaceActive: true';
}

/**
 * Decides from the name of the set SES reports active (undefined when none):
 * - Create / Update: activate ours unless it is already active (so a retried event sends nothing);
 *   refuse when another set is active and ReplaceActive is not 'true'. On Update the set this
 *   resource activated before (OldResourceProperties.RuleSetName) counts as ours: moving from it to
 *   the new set is the change the user deployed, not a takeover of someone else's set.
 * - Delete: deactivate only when the active set is still ours. SES refuses to delete the active set,
 *   so leaving ours active would fail the stack's deletion of it; any other active set belongs to
 *   someone else (or replaced ours since) and keeps receiving mail.
 */
export function decide(event: ActivationEvent, active: string | undefined): Decision {
  const ours = event.ResourceProperties.RuleSetName;
  if (event.RequestType === 'Delete') {
    const result = { PhysicalResourceId: event.PhysicalResourceId };
    return active !== undefined && active === ours ? { action: 'deactivate', result } : { action: 'none', result };
  }

  if (!ours) {
    // SetActiveReceiptRuleSet without a name deactivates every set: never send that by mistake.
    return { action: 'refuse', error: `The receipt rule set activation has no RuleSetName (got '${ours}')` };
  }
  const result = { PhysicalResourceId: physicalResourceId(ours), Data: { PreviouslyActive: active ?? '' } };
  if (active === ours) {
    return { action: 'none', result };
  }
  const previouslyOurs = event.RequestType === 'Update' && active === event.OldResourceProperties?.RuleSetName;
  if (active !== undefined && !previouslyOurs && event.ResourceProperties.ReplaceActive !== 'true') {
    return { action: 'refuse', error: refusal(active, ours) };
  }
  return { action: 'activate', ruleSetName: ours, result };
}
