import { IConstruct } from 'constructs';
import { accountAlarmsOf } from './alarms';
import { contactListsOf } from './contact-list';
import { domainOf } from '../app-marks';
import { tenantAppErrors } from './tenant';
import { vdmAppErrors } from './vdm';

// App-wide check of the deliverability guardrails: the account's reputation alarms exist once per
// account and region (alarms.ts makes them for the first domain that asks). Every other domain of that
// environment that asks for them must ask for what they were made with, or its thresholds or alarm topic
// would be dropped silently. The same for the contact list (contact-list.ts), which SES allows once per
// account and region: every ask of an environment must be for the list made there (or, when none is
// made, for one existing list), else the deploy fails or a domain's topics are dropped. Runs with the
// other app-wide checks (app-checks.ts).

/** One message per domain whose ask differs from the account alarms or the contact list of its environment, reported on that domain. */
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
  return [...errors, ...vdmAppErrors(constructs), ...tenantAppErrors(constructs), ...contactListErrors(constructs)];
}

/**
 * One message per domain whose contact list is not the one of its environment: the list made there, or,
 * when none is, the first existing list asked for. An ask for an existing list by the made list's name is
 * the same list.
 */
function contactListErrors(constructs: IConstruct[]): Array<{ subject: IConstruct; message: string }> {
  const { made, asked } = contactListsOf(constructs);
  const errors: Array<{ subject: IConstruct; message: string }> = [];
  for (const ask of asked) {
    const list = made.find((m) => m.env.key === ask.env.key) ?? asked.find((a) => a.env.key === ask.env.key)!;
    const same = list.settings === ask.settings || (ask.existing && list.name === ask.name);
    if (same || list.owner === ask.owner) continue;
    errors.push({
      subject: ask.domain,
      message: `SES allows one contact list per account and region, and ${list.owner} asks for ${list.settings} in ${ask.env.label}, but ${ask.owner} `
      + `asks for ${ask.settings}. Give every domain of the account and region the same contactList (ContactList.create with the same options, or `
      + `ContactList.fromContactListName('${list.name}'))`,
    });
  }
  return errors;
}
