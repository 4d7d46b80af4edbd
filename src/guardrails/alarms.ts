import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { onceDisagreements, requestOnce } from './once';
import { percent } from './thresholds';
import { guardrailTopic, topicKey } from './topic';

// CloudWatch alarms on SES's reputation metrics (namespace AWS/SES): Reputation.BounceRate and
// Reputation.ComplaintRate, for the account (no dimension) and per configuration set (dimension
// ses:configuration-set, published only when the set has reputation metrics enabled).
//
// How they are evaluated, and why:
// - Statistic Maximum: each datapoint already is SES's rate over a representative volume of recent mail
//   (SES blog "Announcing the reputation dashboard": rates are not computed over a fixed time period), so
//   averaging within a period only hides the highest rate SES saw; the maximum is what SES reviews on.
// - Period 1 hour, 1 of 1 evaluation periods: the rate moves slowly (it spans many sends), SES does not
//   document how often it publishes it, and an hour holds at least one datapoint while mail is sent; one
//   breaching hour is enough, since SES acts on the rate, not on how long it stayed high.
// - treatMissingData IGNORE: SES does not publish the rates on a documented schedule (the SES guide,
//   "Creating reputation monitoring alarms using CloudWatch": the metrics "might not appear" before the
//   first bounce or complaint). A missing hour says nothing about the reputation; IGNORE keeps the last
//   state, so an alarm raised before sending stopped (or was paused) stays raised instead of turning OK
//   for want of data.

/** The two alarm thresholds and where the alarms notify. */
export interface AlarmSettings {
  readonly bounceRate: number;
  readonly complaintRate: number;
  /** The user's alarm topic, or undefined for the guardrail topic of the alarms' stack. */
  readonly topic?: sns.ITopic;
}

/** Adds the bounce-rate and complaint-rate alarms in `scope`, for one configuration set or (no set) the account. */
export function reputationAlarms(scope: Construct, settings: AlarmSettings, setName?: string): cloudwatch.Alarm[] {
  const topic = settings.topic ?? guardrailTopic(scope).topic;
  const of = setName === undefined ? 'the account in this region (all its mail)' : `configuration set ${setName}`;
  const alarms = [
    { id: 'BounceRateAlarm', metric: 'Reputation.BounceRate', threshold: settings.bounceRate, what: 'bounce rate', review: '5 %' },
    { id: 'ComplaintRateAlarm', metric: 'Reputation.ComplaintRate', threshold: settings.complaintRate, what: 'complaint rate', review: '0.1 %' },
  ].map((a) => {
    const alarm = new cloudwatch.Alarm(scope, a.id, {
      metric: new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName: a.metric,
        dimensionsMap: setName === undefined ? undefined : { 'ses:configuration-set': setName },
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
      threshold: a.threshold,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: cloudwatch.TreatMissingData.IGNORE,
      alarmDescription: `The SES ${a.what} of ${of} reached ${Token.isUnresolved(a.threshold) ? 'its threshold' : percent(a.threshold)}; `
        + `SES reviews the account at ${a.review}. See the README of cdk-verified-mail-domain, "Staying out of SES's review queue"`,
    });
    alarm.addAlarmAction(new actions.SnsAction(topic));
    return alarm;
  });
  return alarms;
}

/** The id of the account alarms at the top of the stack that holds them. */
export const ACCOUNT_ALARMS_ID = 'VerifiedMailDomainAccountReputation';

/** The alarm settings as messages name them, and as two asks are compared. */
export function describeAlarms(s: AlarmSettings): string {
  const topic = s.topic ? `SNS topic ${topicKey(s.topic)}` : 'the guardrail topic';
  return `bounce rate ${s.bounceRate}, complaint rate ${s.complaintRate}, alarms to ${topic}`;
}

/** The kind of the account alarms among the resources made once per environment (once.ts). */
const KIND = 'accountAlarms';

/**
 * The account alarms exist once per account and region: the first domain (in construction order) of an
 * environment that asks for them makes them at the top of its stack, with its thresholds; later domains,
 * in that stack or another of the environment, only record their ask, which the app-wide check compares
 * (accountAlarmAppErrors). The environment is that of `guard`; an environment-agnostic stack is its own
 * environment (its account and region are unknown at synth). The alarms' names are CloudFormation's, so
 * when the first domain goes and they move to another stack, the new ones are created before the old
 * ones are deleted without a name conflict.
 */
export function requestAccountAlarms(guard: Construct, domain: IConstruct, settings: AlarmSettings): void {
  requestOnce(guard, { kind: KIND, name: '', owner: domain.node.path, settings: describeAlarms(settings), subject: domain }, () => {
    const alarms = new Construct(Stack.of(guard), ACCOUNT_ALARMS_ID);
    reputationAlarms(alarms, settings);
    return alarms;
  });
}

/** One message per domain whose ask differs from the account alarms of its environment, reported on that domain. */
export function accountAlarmAppErrors(scope: IConstruct): Array<{ subject: IConstruct; message: string }> {
  return onceDisagreements(scope, KIND).map(({ made, asked }) => ({
    subject: asked.subject,
    message: `The SES account reputation alarms of ${asked.env.label} exist once, made for ${made.owner} (${made.settings}), but ${asked.owner} `
      + `asks for ${asked.settings}. Give every domain of the account and region the same bounceRateThreshold, complaintRateThreshold and alarmTopic, `
      + 'or accountAlarms: false on the others',
  }));
}
