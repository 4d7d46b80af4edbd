import { Annotations, CfnResource, Stack, Token } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct, IConstruct } from 'constructs';
import { SES_CONFIGURATION_SET_NAME_MAX } from '../limits';
import { checkSesName } from '../validation';

// The guarded configuration set: created for the domain, or the user's extended. Either way it has
// reputation metrics on (the per-set reputation metrics exist only then: SES developer guide,
// "Reputation metrics ... for a configuration set"), sending on, and suppression of addresses that
// bounce or complain at the configuration-set level.

const SUPPRESSED = ['BOUNCE', 'COMPLAINT'];

/** A configuration set name: letters, digits, underscores, dashes, at most 64 characters (limits.ts). */
export function checkConfigurationSetName(prop: string, name: unknown): void {
  checkSesName(prop, name, SES_CONFIGURATION_SET_NAME_MAX, 'SES configuration set names');
}

/** A new configuration set with the guard's settings. */
export function createGuardedSet(scope: Construct, name: string | undefined): ses.ConfigurationSet {
  checkConfigurationSetName('deliverability configurationSetName', name);
  return new ses.ConfigurationSet(scope, 'ConfigurationSet', {
    configurationSetName: name,
    reputationMetrics: true,
    sendingEnabled: true,
    suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
  });
}

/**
 * Turns the guard's settings on in the user's configuration set where the user left them unset. A
 * choice the user made stays: reputation metrics turned off is an error (the set's alarms would never
 * see data); sending turned off or a different suppression list is kept, with a warning. A set imported
 * by name cannot be changed: a warning says what to check.
 */
export function extendUserSet(scope: IConstruct, set: ses.IConfigurationSet): void {
  const cfn = set.node.defaultChild;
  if (!cfn || !CfnResource.isCfnResource(cfn) || cfn.cfnResourceType !== 'AWS::SES::ConfigurationSet') {
    Annotations.of(scope).addWarningV2('cdk-verified-mail-domain:deliverabilityImportedSet',
      `configurationSet ${set.node.path} is imported, so the deliverability guard cannot change it: turn on its reputation metrics (or the set's alarms see no data) `
      + 'and its suppression of bounces and complaints yourself');
    return;
  }
  const l1 = cfn as ses.CfnConfigurationSet;
  checkConfigurationSetName(`configurationSet ${set.node.path} name`, l1.name);
  // A property (or a field of it) that is a token is decided at deploy time: left alone.
  const reputation = l1.reputationOptions as ses.CfnConfigurationSet.ReputationOptionsProperty | undefined;
  if (reputation === undefined) {
    l1.reputationOptions = { reputationMetricsEnabled: true };
  } else if (!Token.isUnresolved(reputation)) {
    if (reputation.reputationMetricsEnabled === false) {
      throw new Error(`configurationSet ${set.node.path} has reputationMetrics: false, but deliverability alarms on its reputation metrics, which SES then never publishes. `
        + 'Turn reputationMetrics on (or leave it unset) or drop deliverability');
    }
    if (reputation.reputationMetricsEnabled === undefined) l1.reputationOptions = { ...reputation, reputationMetricsEnabled: true };
  }

  const sending = l1.sendingOptions as ses.CfnConfigurationSet.SendingOptionsProperty | undefined;
  if (sending === undefined) {
    l1.sendingOptions = { sendingEnabled: true };
  } else if (!Token.isUnresolved(sending) && sending.sendingEnabled === false) {
    Annotations.of(scope).addWarningV2('cdk-verified-mail-domain:deliverabilitySendingDisabled',
      `configurationSet ${set.node.path} has sendingEnabled: false, which the deliverability guard keeps: mail sent with it is refused until you turn sending on`);
  }

  const suppression = l1.suppressionOptions as ses.CfnConfigurationSet.SuppressionOptionsProperty | undefined;
  const reasons = suppression === undefined || Token.isUnresolved(suppression) ? undefined : suppression.suppressedReasons;
  const narrower = Array.isArray(reasons) && !Token.isUnresolved(reasons) && !SUPPRESSED.every((r) => reasons.includes(r));
  if (suppression === undefined) {
    l1.suppressionOptions = { suppressedReasons: SUPPRESSED };
  } else if (narrower) {
    Annotations.of(scope).addWarningV2('cdk-verified-mail-domain:deliverabilitySuppression',
      `configurationSet ${set.node.path} suppresses ${reasons!.length ? reasons!.join(' and ') : 'nothing'} at the configuration-set level, which the deliverability guard keeps; `
      + 'mail to addresses that bounced or complained before then counts against the account\'s rates again. Use ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS or leave it unset');
  }
}

/** The set's ARN, SES's `aws:SourceArn` when it publishes the set's events. */
export function configurationSetArn(set: ses.IConfigurationSet): string {
  return Stack.of(set).formatArn({ service: 'ses', resource: 'configuration-set', resourceName: set.configurationSetName });
}
