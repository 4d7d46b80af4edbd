import { IConstruct } from 'constructs';
import { accountAlarmsOf } from './alarms';
import { domainOf } from '../app-marks';
import { tenantAppErrors } from './tenant';
import { vdmAppErrors } from './vdm';

// App-wide check of the deliverability guardrails: the account's reputation alarms exist once per
// account and region (alarms.ts makes them for the first domain that asks). Every other domain of that
// environment that asks for them must ask for what they were made with, or its thresholds or alarm topic
// would be dropped silently. Runs with the other app-wide checks (app-checks.ts).

/** One message per domain whose ask differs from the account alarms of its environment, reported on that domain. */
export function guardrailAppErrors(constructs: IConstruct[]): Array<{ subject: IConstruct; message: string }> {
  const { made, asked } = accountAlarmsOf(constructs);
  const errors: Array<{ subject: IConstruct; message: string }> = [];
  for (const request of asked) {
    const alarms = made.find((m) => m.env.key === request.env.key);
    if (!alarms || alarms.owner === request.owner || alarms.settings === request.settings) continue;
    errors.push({
      subject: domainOf(request.construct) ?? request.construct,
      message: `The SES account reputation alarms of ${request.env.label} exist once, made for ${alarms.owner} (${alarms.settings}), but ${request.owner} `
      + `asks for ${request.settings}. Give every domain of the account and region the same bounceRateThreshold, complaintRateThreshold and alarmTopic, `
      + 'or accountAlarms: false on the others',
    });
  }
  return [...errors, ...vdmAppErrors(constructs), ...tenantAppErrors(constructs)];
}
