/**
 * What the verification waiter's custom resource and its two Lambda handlers exchange, and the
 * decision the isComplete handler makes. Internal: not exported from the package.
 */

/** Properties of the `Custom::SesVerification` resource (strings: CloudFormation passes strings). */
export interface VerificationProperties {
  /** The SES identity (the domain) to ask about. */
  readonly IdentityName: string;
  /** The custom MAIL FROM domain, or '' when SES's own is used. */
  readonly MailFromDomain: string;
  /** Whole seconds the handler waits before it fails the deploy with the missing records. */
  readonly TimeoutSeconds: string;
  /** The DKIM records SES looks up, in zone-file syntax. */
  readonly DkimRecords: string[];
  /** The MAIL FROM MX record SES looks up, in zone-file syntax ([] without custom MAIL FROM). */
  readonly MailFromRecords: string[];
}

/** The parts of a CloudFormation custom resource event (as the provider framework passes it) used here. */
export interface WaiterEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: VerificationProperties;
  /** Set by the onEvent handler: when the wait started and when it gives up (ISO 8601). */
  readonly Data?: { readonly WaitStarted?: string; readonly WaitDeadline?: string };
}

/** The fields of SESv2 GetEmailIdentity's response that decide whether the domain is ready. */
export interface IdentityStatus {
  readonly VerifiedForSendingStatus?: boolean;
  readonly VerificationStatus?: string;
  readonly DkimAttributes?: { readonly Status?: string };
  readonly MailFromAttributes?: { readonly MailFromDomain?: string; readonly MailFromDomainStatus?: string };
  readonly VerificationInfo?: { readonly ErrorType?: string; readonly LastCheckedTimestamp?: Date | string };
}

/** The outcome of one poll. */
export type Verdict =
  | { readonly done: true }
  | { readonly done: false; readonly failure?: string };

/**
 * Decides from one GetEmailIdentity answer: done when SES may send from the domain, DKIM is SUCCESS
 * and (with a custom MAIL FROM) MAIL FROM is SUCCESS; a failure message when SES gave up (FAILED) or
 * the deadline has passed; otherwise keep waiting (PENDING, TEMPORARY_FAILURE, NOT_STARTED).
 */
export function judge(props: VerificationProperties, status: IdentityStatus, now: Date, deadline: Date): Verdict {
  const dkim = status.DkimAttributes?.Status ?? 'NOT_STARTED';
  const mailFrom = props.MailFromDomain ? status.MailFromAttributes?.MailFromDomainStatus ?? 'NOT_STARTED' : 'SUCCESS';
  const sending = status.VerifiedForSendingStatus === true;
  if (sending && dkim === 'SUCCESS' && mailFrom === 'SUCCESS') {
    return { done: true };
  }

  const failed = dkim === 'FAILED' || mailFrom === 'FAILED';
  const timedOut = now.getTime() >= deadline.getTime();
  if (!failed && !timedOut) {
    return { done: false };
  }

  const problems: string[] = [];
  if (dkim !== 'SUCCESS' || !sending) {
    problems.push(`DKIM status ${dkim}: SES has not found ${plural(props.DkimRecords.length, 'this record', 'these records')}:\n${indent(props.DkimRecords)}`);
  }
  if (mailFrom !== 'SUCCESS') {
    problems.push(`MAIL FROM ${props.MailFromDomain} status ${mailFrom}: SES has not found this record:\n${indent(props.MailFromRecords)}`);
  }
  const why = failed
    ? 'SES reports the verification FAILED'
    : `SES has not verified it within ${spell(Number(props.TimeoutSeconds))}`;
  const info = status.VerificationInfo?.ErrorType ? ` (SES's last DNS check: ${status.VerificationInfo.ErrorType})` : '';
  const failure = [
    `Domain ${props.IdentityName} is not verified for sending: ${why}${info}.`,
    ...problems,
    'Check that the records resolve in public DNS (dig +short <name> <type>) and that the domain\'s NS records point to the zone that holds them.',
  ].join('\n');
  return { done: false, failure };
}

function indent(lines: string[]): string {
  return lines.map((l) => `  ${l}`).join('\n');
}

/** A wait as people say it: seconds below two minutes, whole minutes (rounded) from there. */
function spell(seconds: number): string {
  return seconds < 120 ? `${seconds} ${plural(seconds, 'second', 'seconds')}` : `${Math.round(seconds / 60)} minutes`;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
