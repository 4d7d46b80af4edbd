// onEvent handler of the verification waiter: records when the wait started and when it gives up.
// It calls no AWS API; the isComplete handler does the polling. Create and Update start a new wait;
// Delete changes nothing (the framework then calls isComplete, which completes at once).
import { VerificationProperties } from './protocol';

interface OnEventRequest {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: VerificationProperties;
}

/** Lambda entry point (Lambda's second argument, the context, is not used). */
export async function handler(event: OnEventRequest) {
  return onEvent(event, new Date());
}

export function onEvent(event: OnEventRequest, now: Date) {
  const props = event.ResourceProperties;
  if (event.RequestType === 'Delete') {
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  const timeoutMs = Number(props.TimeoutSeconds) * 1000;
  return {
    // One physical id per identity: a new domain replaces the resource, and the old one's Delete is a no-op.
    PhysicalResourceId: `ses-verification:${props.IdentityName}`,
    Data: {
      WaitStarted: now.toISOString(),
      WaitDeadline: new Date(now.getTime() + timeoutMs).toISOString(),
    },
  };
}
