// onEvent handler of the receipt rule set activation (custom_resources.Provider, no isComplete): asks SES
// which set is active, then activates ours, deactivates it, or changes nothing, as `decide` says. It
// reads before it writes, so a retried event finds its own work done and sends nothing.
import { DescribeActiveReceiptRuleSetCommand, SESClient, SetActiveReceiptRuleSetCommand } from '@aws-sdk/client-ses';
import { ActivationEvent, ActivationResult, decide } from './activation';

let defaultClient: SESClient | undefined;

/** Lambda entry point (Lambda's second argument, the context, is not used). */
export async function handler(event: ActivationEvent): Promise<ActivationResult> {
  // One client per container, created on first use, so warm invocations reuse its connections.
  defaultClient ??= new SESClient({});
  return onEvent(event, defaultClient);
}

export async function onEvent(event: ActivationEvent, client: SESClient): Promise<ActivationResult> {
  const described = await client.send(new DescribeActiveReceiptRuleSetCommand({}));
  // No Metadata (or an empty name) means no set is active.
  const active = described.Metadata?.Name || undefined;
  const decision = decide(event, active);
  console.log(JSON.stringify({
    requestType: event.RequestType,
    ruleSet: event.ResourceProperties.RuleSetName,
    previouslyActive: active ?? '',
    action: decision.action,
  }));

  switch (decision.action) {
    case 'refuse':
      // The provider framework fails the resource with this message, and CloudFormation shows it.
      throw new Error(decision.error);
    case 'activate':
      await client.send(new SetActiveReceiptRuleSetCommand({ RuleSetName: decision.ruleSetName }));
      return decision.result;
    case 'deactivate':
      // Without a RuleSetName SES deactivates the active set, leaving none.
      await client.send(new SetActiveReceiptRuleSetCommand({}));
      return decision.result;
    case 'none':
      return decision.result;
  }
}
