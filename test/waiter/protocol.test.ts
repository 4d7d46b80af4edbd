import { IdentityStatus, judge, VerificationProperties } from '../../src/waiter/protocol';

// judge() directly: one GetEmailIdentity answer, the clock and the deadline in, a verdict out.

const DKIM = [
  'a._domainkey.example.net. 1800 IN CNAME a.dkim.amazonses.com.',
  'b._domainkey.example.net. 1800 IN CNAME b.dkim.amazonses.com.',
  'c._domainkey.example.net. 1800 IN CNAME c.dkim.amazonses.com.',
];
const MX = ['mail.example.net. 1800 IN MX 10 feedback-smtp.us-east-1.amazonses.com.'];
const WITH_MAIL_FROM: VerificationProperties = {
  IdentityName: 'example.net', MailFromDomain: 'mail.example.net', TimeoutSeconds: '3600', DkimRecords: DKIM, MailFromRecords: MX,
};
const WITHOUT_MAIL_FROM: VerificationProperties = { ...WITH_MAIL_FROM, MailFromDomain: '', MailFromRecords: [] };

const DEADLINE = new Date('2026-03-01T12:00:00.000Z');
const BEFORE = new Date(DEADLINE.getTime() - 1);
const AT = new Date(DEADLINE.getTime());
const AFTER = new Date(DEADLINE.getTime() + 1);

function status(sending: boolean | undefined, dkim: string | undefined, mailFrom: string | undefined, errorType?: string): IdentityStatus {
  return {
    VerifiedForSendingStatus: sending,
    DkimAttributes: dkim === undefined ? undefined : { Status: dkim },
    MailFromAttributes: mailFrom === undefined ? undefined : { MailFromDomain: 'mail.example.net', MailFromDomainStatus: mailFrom },
    VerificationInfo: errorType === undefined ? undefined : { ErrorType: errorType },
  };
}

const DKIM_PROBLEM = (s: string) => `DKIM status ${s}: SES has not found these records:\n  ${DKIM.join('\n  ')}`;
const MX_PROBLEM = (s: string) => `MAIL FROM mail.example.net status ${s}: SES has not found this record:\n  ${MX[0]}`;
const ADVICE = 'Check that the records resolve in public DNS (dig +short <name> <type>) and that the domain\'s NS records point to the zone that holds them.';
const failure = (why: string, ...problems: string[]) => [`Domain example.net is not verified for sending: ${why}.`, ...problems, ADVICE].join('\n');

describe('done', () => {
  test.each<[string, VerificationProperties, IdentityStatus, Date]>([
    ['all SUCCESS with custom MAIL FROM, before the deadline', WITH_MAIL_FROM, status(true, 'SUCCESS', 'SUCCESS'), BEFORE],
    ['all SUCCESS after the deadline (success wins over a timeout)', WITH_MAIL_FROM, status(true, 'SUCCESS', 'SUCCESS'), AFTER],
    ['no custom MAIL FROM: its status is not read, even when absent', WITHOUT_MAIL_FROM, status(true, 'SUCCESS', undefined), BEFORE],
    ['no custom MAIL FROM: a FAILED MAIL FROM status is ignored', WITHOUT_MAIL_FROM, status(true, 'SUCCESS', 'FAILED'), AT],
  ])('%s', (_, props, s, now) => {
    expect(judge(props, s, now, DEADLINE)).toEqual({ done: true });
  });
});

describe('keeps waiting (no failure) before the deadline', () => {
  test.each<[string, IdentityStatus]>([
    ['DKIM SUCCESS but not verified for sending', status(false, 'SUCCESS', 'SUCCESS')],
    ['VerifiedForSendingStatus missing', status(undefined, 'SUCCESS', 'SUCCESS')],
    ['DKIM PENDING', status(true, 'PENDING', 'SUCCESS')],
    ['DKIM TEMPORARY_FAILURE', status(true, 'TEMPORARY_FAILURE', 'SUCCESS')],
    ['DKIM attributes missing (NOT_STARTED)', status(true, undefined, 'SUCCESS')],
    ['MAIL FROM PENDING', status(true, 'SUCCESS', 'PENDING')],
    ['MAIL FROM attributes missing (NOT_STARTED)', status(true, 'SUCCESS', undefined)],
    ['an empty answer', {}],
  ])('%s', (_, s) => {
    expect(judge(WITH_MAIL_FROM, s, BEFORE, DEADLINE)).toEqual({ done: false });
  });
});

describe('fails', () => {
  test.each<[string, VerificationProperties, IdentityStatus, Date, string]>([
    ['DKIM FAILED before the deadline, MAIL FROM fine', WITH_MAIL_FROM, status(false, 'FAILED', 'SUCCESS'), BEFORE,
      failure('SES reports the verification FAILED', DKIM_PROBLEM('FAILED'))],
    ['MAIL FROM FAILED before the deadline, with SES\'s last DNS check', WITH_MAIL_FROM, status(true, 'SUCCESS', 'FAILED', 'HOST_NOT_FOUND'), BEFORE,
      failure('SES reports the verification FAILED (SES\'s last DNS check: HOST_NOT_FOUND)', MX_PROBLEM('FAILED'))],
    ['both FAILED: DKIM first, then MAIL FROM', WITH_MAIL_FROM, status(false, 'FAILED', 'FAILED'), BEFORE,
      failure('SES reports the verification FAILED', DKIM_PROBLEM('FAILED'), MX_PROBLEM('FAILED'))],
    ['FAILED wins over the timeout in the reason', WITH_MAIL_FROM, status(false, 'FAILED', 'PENDING'), AFTER,
      failure('SES reports the verification FAILED', DKIM_PROBLEM('FAILED'), MX_PROBLEM('PENDING'))],
    ['exactly at the deadline, still PENDING', WITH_MAIL_FROM, status(false, 'PENDING', 'PENDING'), AT,
      failure('SES has not verified it within 60 minutes', DKIM_PROBLEM('PENDING'), MX_PROBLEM('PENDING'))],
    ['after the deadline, only MAIL FROM missing', WITH_MAIL_FROM, status(true, 'SUCCESS', undefined), AFTER,
      failure('SES has not verified it within 60 minutes', MX_PROBLEM('NOT_STARTED'))],
    ['after the deadline, DKIM SUCCESS but not verified for sending names the DKIM records', WITHOUT_MAIL_FROM, status(false, 'SUCCESS', undefined), AFTER,
      failure('SES has not verified it within 60 minutes', DKIM_PROBLEM('SUCCESS'))],
    ['after the deadline, no DKIM attributes, an empty ErrorType is not shown', WITHOUT_MAIL_FROM, status(true, undefined, undefined, ''), AFTER,
      failure('SES has not verified it within 60 minutes', DKIM_PROBLEM('NOT_STARTED'))],
  ])('%s', (_, props, s, now, message) => {
    expect(judge(props, s, now, DEADLINE)).toEqual({ done: false, failure: message });
  });

  test.each([
    ['1', '1 second'],
    ['5', '5 seconds'],
    ['119', '119 seconds'],
    ['120', '2 minutes'],
    ['149', '2 minutes'],
    ['150', '3 minutes'],
    ['1800', '30 minutes'],
  ])('TimeoutSeconds %s reads as %s (seconds below two minutes, else rounded minutes)', (seconds, minutes) => {
    const verdict = judge({ ...WITHOUT_MAIL_FROM, TimeoutSeconds: seconds }, status(false, 'PENDING', undefined), AT, DEADLINE);
    expect(verdict).toEqual({ done: false, failure: failure(`SES has not verified it within ${minutes}`, DKIM_PROBLEM('PENDING')) });
  });

  test('one DKIM record is named in the singular', () => {
    const props = { ...WITHOUT_MAIL_FROM, DkimRecords: [DKIM[0]] };
    expect(judge(props, status(false, 'FAILED', undefined), BEFORE, DEADLINE)).toEqual({
      done: false,
      failure: failure('SES reports the verification FAILED', `DKIM status FAILED: SES has not found this record:\n  ${DKIM[0]}`),
    });
  });
});
