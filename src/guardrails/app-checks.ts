import { IConstruct } from 'constructs';
import { accountAlarmAppErrors } from './alarms';
import { contactListAppErrors } from './contact-list';
import { tenantAppErrors } from './tenant';
import { vdmAppErrors } from './vdm';

// App-wide check of the deliverability guardrails: what SES holds once per account and region (the
// reputation alarms, the VDM attributes, the contact list) or once per name in it (a tenant) is made for
// the first domain that asks (once.ts); every other domain of that environment must ask for what was
// made, or its settings would be dropped silently (or, for the contact list, the deploy would fail).
// Each module says how its asks disagree; this gathers them for the other app-wide checks (app-checks.ts).

/** One message per domain whose ask differs from what its environment has, reported on that domain. */
export function guardrailAppErrors(root: IConstruct, constructs: IConstruct[]): Array<{ subject: IConstruct; message: string }> {
  return [...accountAlarmAppErrors(root), ...vdmAppErrors(root, constructs), ...tenantAppErrors(root), ...contactListAppErrors(root)];
}
