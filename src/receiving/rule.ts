import { Annotations, Aws, Names } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct, IDependable } from 'constructs';
import { dependOnNamedSet } from './app-checks';
import { checkReceivingOptions } from './options';
import { SesReceivingOptions } from './receiving';
import { receivesMail, receivingRegionsText } from './regions';

// The receipt rule of a domain: internal, used by InboundMail.ses(receiving).

/** The ARN of a receipt rule, for aws:SourceArn. */
export function receiptRuleArn(ruleSetName: string, ruleName: string): string {
  return `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:receipt-rule-set/${ruleSetName}:receipt-rule/${ruleName}`;
}

/** A rule name SES accepts (64 characters at most), stable for the construct's path. */
export function ruleNameFor(scope: Construct): string {
  return Names.uniqueResourceName(scope, { maxLength: 64, separator: '-' });
}

/** Creates the rule (and, when chosen, the rule set and its activation) for the domain. */
export function renderReceiving(scope: Construct, domainName: string, region: string, options: SesReceivingOptions, dependsOn: IDependable[]): void {
  const { recipients, outside } = checkReceivingOptions(domainName, options);
  if (outside.length > 0) {
    Annotations.of(scope).addWarningV2('cdk-verified-mail-domain:receivingBelowDomain',
      `inboundMail receiving ${outside.join(', ')} lie below ${domainName}, where this construct publishes no MX: their mail reaches SES only `
      + `if those names have an MX of 10 inbound-smtp.${region}.amazonaws.com`);
  }
  if (!receivesMail(region) && !options.allowUnlistedRegion) {
    throw new Error(`inboundMail receiving is configured in ${region}, which is not among the regions where SES receives mail (${receivingRegionsText()}); `
      + 'use one of them, or set allowUnlistedRegion: true if SES receives there now');
  }
  const ruleSet = options.ruleSet._bind(scope);
  const ruleName = ruleNameFor(scope);
  const conditions = {
    StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    ArnLike: { 'aws:SourceArn': receiptRuleArn(ruleSet.name, ruleName) },
  };
  const bound = options.actions.map((a, i) => a._bind(scope, i, conditions));
  const rule = new ses.CfnReceiptRule(scope, 'ReceiptRule', {
    ruleSetName: ruleSet.name,
    rule: {
      name: ruleName,
      enabled: true,
      recipients,
      scanEnabled: options.scanEnabled ?? true,
      tlsPolicy: options.tlsRequired ? 'Require' : 'Optional',
      actions: bound.map((b) => b.property),
    },
  });
  dependOnNamedSet(rule);
  // SES checks its permissions when the rule is created: the grants come first.
  for (const d of [...bound.flatMap((b) => b.dependsOn), ...dependsOn]) rule.node.addDependency(d);
  ruleSet.activation?.(rule);
}
