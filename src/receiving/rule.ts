import { Annotations, Names, Stack } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct, IDependable } from 'constructs';
import { checkActionConfig } from './action-checks';
import { dependOnNamedSet } from './app-checks';
import { checkReceivingOptions, ReceivingDomain } from './options';
import { SesReceivingOptions } from './receiving';
import { receiptRuleFor } from './rule-binding';

// The receipt rule of a domain: internal, used by InboundMail.ses(receiving).

/** A rule name SES accepts (64 characters at most), stable for the construct's path. */
export function ruleNameFor(scope: Construct): string {
  return Names.uniqueResourceName(scope, { maxLength: 64, separator: '-' });
}

/** Creates the rule (and, when chosen, the rule set and its activation) for the domain. */
export function renderReceiving(scope: Construct, domain: ReceivingDomain, options: SesReceivingOptions, dependsOn: IDependable[]): void {
  const { domainName, region } = domain;
  const { recipients, outside, tlsPolicy } = checkReceivingOptions(domain, options);
  if (outside.length > 0) {
    Annotations.of(scope).addWarningV2('cdk-verified-mail-domain:receivingBelowDomain',
      `inboundMail receiving ${outside.join(', ')} lie below ${domainName}, where this construct publishes no MX: their mail reaches SES only `
      + `if those names have an MX of 10 inbound-smtp.${region}.amazonaws.com`);
  }
  const ruleSet = options.ruleSet._bind(scope);
  const ruleName = ruleNameFor(scope);
  const target = {
    stack: Stack.of(scope),
    ruleSetName: ruleSet.name,
    literalRuleSetName: ruleSet.literalName,
    ruleName,
    allowUnlistedRegion: options.allowUnlistedRegion,
  };
  const properties = { name: ruleName, enabled: true, recipients, scanEnabled: options.scanEnabled ?? true, tlsPolicy };
  const rule = new ses.CfnReceiptRule(scope, 'ReceiptRule', { ruleSetName: ruleSet.name, rule: properties });
  // Each action binds to the rule as aws-cdk-lib's ses.ReceiptRule binds it: the construct's own
  // actions add their grants, aws-ses-actions add theirs, and every grant becomes a dependency of the rule.
  const actions = options.actions.map((action, index) => {
    const config = action.bind(receiptRuleFor(rule, { scope, index, target }));
    checkActionConfig(scope, index, options.actions.length, config);
    return config as ses.CfnReceiptRule.ActionProperty;
  });
  rule.rule = { ...properties, actions };
  dependOnNamedSet(rule);
  // SES checks its permissions when the rule is created: the grants come first.
  for (const d of dependsOn) rule.node.addDependency(d);
  ruleSet.activation?.(rule);
}
