import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { parseMailAddress } from '../mail-address';

// What can be checked of any action from the config its bind(rule) returned, the construct's own and
// aws-cdk-lib's (aws-ses-actions) alike: one action per entry, ARNs in the rule's region, a bounce's
// sender, and actions after a Stop. Values that are tokens are known only at deploy: never an error.
// Internal.

/** The ARNs an action config may name, by action and field, as the messages name them. */
const ARN_FIELDS: Array<[string, string, string]> = [
  ['s3Action', 'topicArn', 'SNS topic'], ['s3Action', 'kmsKeyArn', 'KMS key'],
  ['snsAction', 'topicArn', 'SNS topic'],
  ['lambdaAction', 'functionArn', 'Lambda function'], ['lambdaAction', 'topicArn', 'SNS topic'],
  ['bounceAction', 'topicArn', 'SNS topic'], ['stopAction', 'topicArn', 'SNS topic'],
  ['workmailAction', 'topicArn', 'SNS topic'],
];

/** Throws (or warns) for what SES would refuse, or never do, in the `index`th action of `count`. */
export function checkActionConfig(scope: Construct, index: number, count: number, config: ses.ReceiptRuleActionConfig): void {
  const prop = `inboundMail receiving actions[${index}]`;
  const kinds = Object.entries(config ?? {}).filter(([, v]) => v !== undefined && v !== null).map(([k]) => k);
  // SES API reference, ReceiptAction: "An instance of this data type can represent only one action."
  if (kinds.length !== 1) {
    throw new Error(`${prop} bind(rule) returned ${kinds.length === 0 ? 'no action' : `${kinds.length} actions (${kinds.join(', ')})`}; `
      + 'SES takes exactly one action per entry (an addHeaderAction, bounceAction, lambdaAction, s3Action, snsAction, stopAction or workmailAction): give each action its own entry');
  }
  const [kind] = kinds;
  const action = (config as Record<string, Record<string, unknown>>)[kind];
  const region = Stack.of(scope).region;
  for (const [k, field, what] of ARN_FIELDS) {
    const arn = k === kind ? action[field] : undefined;
    if (typeof arn !== 'string' || Token.isUnresolved(arn) || Token.isUnresolved(region)) continue;
    // SES developer guide, "Regions and Amazon SES" (email receiving): SES delivers only to topics,
    // functions and keys of the region it receives in.
    const theirs = arn.split(':')[3];
    if (theirs && theirs !== region) {
      throw new Error(`${prop} ${kind} ${field} '${arn}' names a ${what} in ${theirs}, but SES receives this domain's mail in ${region} `
        + `and delivers only to SNS topics, Lambda functions and KMS keys of that region; use one in ${region}`);
    }
  }
  const sender = kind === 'bounceAction' ? action.sender : undefined;
  if (typeof sender === 'string' && !Token.isUnresolved(sender)) parseMailAddress(`${prop} bounceAction sender`, sender, { example: 'mailer-daemon@example.com' });
  // SES developer guide, "Stop action": it terminates the evaluation of the receipt rule set.
  if (kind === 'stopAction' && index < count - 1) {
    Annotations.of(scope).addWarningV2('cdk-verified-mail-domain:receivingActionsAfterStop',
      `${prop} is a Stop action, which ends the processing of the rule set: actions[${index + 1}..${count - 1}] after it never run. Put the Stop action last`);
  }
}
