// isComplete handler of the verification waiter: asks SESv2 GetEmailIdentity whether the domain is
// verified. It only reads, so the framework may call it again and again, and a retried deploy is safe.
import { GetEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { IdentityStatus, judge, WaiterEvent } from './protocol';

/** The one SESv2 call the handler makes (a seam for the tests). */
export interface IdentityReader {
  getEmailIdentity(identityName: string): Promise<IdentityStatus>;
}

let defaultReader: IdentityReader | undefined;
function sesReader(): IdentityReader {
  if (!defaultReader) {
    const client = new SESv2Client({});
    defaultReader = {
      getEmailIdentity: (name) => client.send(new GetEmailIdentityCommand({ EmailIdentity: name })),
    };
  }
  return defaultReader;
}

/** Lambda entry point (Lambda's second argument, the context, is not used). */
export async function handler(event: WaiterEvent) {
  return isComplete(event, sesReader(), new Date());
}

export async function isComplete(event: WaiterEvent, reader: IdentityReader, now: Date) {
  if (event.RequestType === 'Delete') {
    return { IsComplete: true };
  }
  const props = event.ResourceProperties;
  const deadlineText = event.Data?.WaitDeadline;
  const deadline = deadlineText ? new Date(deadlineText) : new Date(NaN);
  if (Number.isNaN(deadline.getTime())) {
    throw new Error(`The verification wait of ${props.IdentityName} has no deadline (Data.WaitDeadline is '${deadlineText}'); the onEvent handler sets it`);
  }
  const status = await reader.getEmailIdentity(props.IdentityName);
  const verdict = judge(props, status, now, deadline);
  if (verdict.done) {
    return { IsComplete: true };
  }
  if (verdict.failure) {
    // The provider framework fails the resource with this message, and CloudFormation shows it.
    throw new Error(verdict.failure);
  }
  console.log(JSON.stringify({
    identity: props.IdentityName,
    verifiedForSending: status.VerifiedForSendingStatus,
    dkim: status.DkimAttributes?.Status,
    mailFrom: status.MailFromAttributes?.MailFromDomainStatus,
    deadline: deadlineText,
  }));
  return { IsComplete: false };
}
