import { IdentityReader, isComplete } from '../../src/waiter/is-complete.lambda';
import { onEvent } from '../../src/waiter/on-event.lambda';
import { IdentityStatus, VerificationProperties, WaiterEvent } from '../../src/waiter/protocol';

const PROPS: VerificationProperties = {
  IdentityName: 'example.org',
  MailFromDomain: 'bounce.example.org',
  TimeoutSeconds: '1800',
  DkimRecords: [
    'tok1._domainkey.example.org. 1800 IN CNAME tok1.dkim.amazonses.com.',
    'tok2._domainkey.example.org. 1800 IN CNAME tok2.dkim.amazonses.com.',
    'tok3._domainkey.example.org. 1800 IN CNAME tok3.dkim.amazonses.com.',
  ],
  MailFromRecords: ['bounce.example.org. 1800 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.'],
};
const START = new Date('2026-11-22T10:00:00.000Z');
const DEADLINE = '2026-11-22T10:30:00.000Z';

function waitEvent(requestType: 'Create' | 'Update' | 'Delete' = 'Create', props: VerificationProperties = PROPS): WaiterEvent {
  return {
    RequestType: requestType,
    PhysicalResourceId: 'ses-verification:example.org',
    ResourceProperties: props,
    Data: { WaitStarted: START.toISOString(), WaitDeadline: DEADLINE },
  };
}

/** A fake SESv2 that answers GetEmailIdentity with the given responses in turn (the last one repeats). */
function ses(...responses: IdentityStatus[]): IdentityReader & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    getEmailIdentity: async (name: string) => {
      calls.push(name);
      return responses[Math.min(calls.length - 1, responses.length - 1)];
    },
  };
}

const PENDING: IdentityStatus = {
  VerifiedForSendingStatus: false,
  VerificationStatus: 'PENDING',
  DkimAttributes: { Status: 'PENDING' },
  MailFromAttributes: { MailFromDomain: 'bounce.example.org', MailFromDomainStatus: 'PENDING' },
};
const VERIFIED: IdentityStatus = {
  VerifiedForSendingStatus: true,
  VerificationStatus: 'SUCCESS',
  DkimAttributes: { Status: 'SUCCESS' },
  MailFromAttributes: { MailFromDomain: 'bounce.example.org', MailFromDomainStatus: 'SUCCESS' },
};
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);

describe('onEvent', () => {
  test('Create: one physical id per identity, the deadline TimeoutSeconds after now', () => {
    expect(onEvent({ RequestType: 'Create', ResourceProperties: PROPS }, START)).toEqual({
      PhysicalResourceId: 'ses-verification:example.org',
      Data: { WaitStarted: '2026-11-22T10:00:00.000Z', WaitDeadline: '2026-11-22T10:30:00.000Z' },
    });
  });

  test('Update starts a new wait with the new timeout', () => {
    const result = onEvent({ RequestType: 'Update', PhysicalResourceId: 'ses-verification:example.org', ResourceProperties: { ...PROPS, TimeoutSeconds: '600' } }, START);
    expect(result).toEqual({
      PhysicalResourceId: 'ses-verification:example.org',
      Data: { WaitStarted: '2026-11-22T10:00:00.000Z', WaitDeadline: '2026-11-22T10:10:00.000Z' },
    });
  });

  test('Delete keeps the physical id and does nothing else', () => {
    expect(onEvent({ RequestType: 'Delete', PhysicalResourceId: 'ses-verification:example.org', ResourceProperties: PROPS }, START))
      .toEqual({ PhysicalResourceId: 'ses-verification:example.org' });
  });
});

describe('isComplete', () => {
  test('pending, then pending, then verified: not complete twice, then complete', async () => {
    const fake = ses(PENDING, { ...PENDING, DkimAttributes: { Status: 'SUCCESS' } }, VERIFIED);
    expect(await isComplete(waitEvent(), fake, at(1))).toEqual({ IsComplete: false });
    expect(await isComplete(waitEvent(), fake, at(2))).toEqual({ IsComplete: false });
    expect(await isComplete(waitEvent(), fake, at(3))).toEqual({ IsComplete: true });
    expect(fake.calls).toEqual(['example.org', 'example.org', 'example.org']);
  });

  test('DKIM SUCCESS but not yet verified for sending keeps waiting', async () => {
    const fake = ses({ ...VERIFIED, VerifiedForSendingStatus: false });
    expect(await isComplete(waitEvent(), fake, at(1))).toEqual({ IsComplete: false });
  });

  test('MAIL FROM still PENDING keeps waiting; TEMPORARY_FAILURE too', async () => {
    expect(await isComplete(waitEvent(), ses({ ...VERIFIED, MailFromAttributes: { MailFromDomainStatus: 'PENDING' } }), at(1)))
      .toEqual({ IsComplete: false });
    expect(await isComplete(waitEvent(), ses({ ...VERIFIED, DkimAttributes: { Status: 'TEMPORARY_FAILURE' } }), at(1)))
      .toEqual({ IsComplete: false });
  });

  test('without a custom MAIL FROM its status is not asked for', async () => {
    const props = { ...PROPS, MailFromDomain: '', MailFromRecords: [] };
    const fake = ses({ VerifiedForSendingStatus: true, DkimAttributes: { Status: 'SUCCESS' } });
    expect(await isComplete(waitEvent('Create', props), fake, at(1))).toEqual({ IsComplete: true });
  });

  test('DKIM FAILED fails at once, naming the three DKIM records', async () => {
    const fake = ses({ ...PENDING, DkimAttributes: { Status: 'FAILED' }, MailFromAttributes: { MailFromDomainStatus: 'SUCCESS' } });
    await expect(isComplete(waitEvent(), fake, at(1))).rejects.toThrow(new Error([
      'Domain example.org is not verified for sending: SES reports the verification FAILED.',
      'DKIM status FAILED: SES has not found these records:',
      '  tok1._domainkey.example.org. 1800 IN CNAME tok1.dkim.amazonses.com.',
      '  tok2._domainkey.example.org. 1800 IN CNAME tok2.dkim.amazonses.com.',
      '  tok3._domainkey.example.org. 1800 IN CNAME tok3.dkim.amazonses.com.',
      'Check that the records resolve in public DNS (dig +short <name> <type>) and that the domain\'s NS records point to the zone that holds them.',
    ].join('\n')));
  });

  test('MAIL FROM FAILED fails at once, naming the MX record, with SES\'s last DNS error', async () => {
    const fake = ses({ ...VERIFIED, MailFromAttributes: { MailFromDomainStatus: 'FAILED' }, VerificationInfo: { ErrorType: 'TYPE_NOT_FOUND' } });
    await expect(isComplete(waitEvent(), fake, at(1))).rejects.toThrow(new Error([
      'Domain example.org is not verified for sending: SES reports the verification FAILED (SES\'s last DNS check: TYPE_NOT_FOUND).',
      'MAIL FROM bounce.example.org status FAILED: SES has not found this record:',
      '  bounce.example.org. 1800 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.',
      'Check that the records resolve in public DNS (dig +short <name> <type>) and that the domain\'s NS records point to the zone that holds them.',
    ].join('\n')));
  });

  test('timeout: still pending at the deadline fails, naming every record SES has not found', async () => {
    const fake = ses(PENDING);
    expect(await isComplete(waitEvent(), fake, at(29))).toEqual({ IsComplete: false });
    await expect(isComplete(waitEvent(), fake, at(30))).rejects.toThrow(new Error([
      'Domain example.org is not verified for sending: SES has not verified it within 30 minutes.',
      'DKIM status PENDING: SES has not found these records:',
      '  tok1._domainkey.example.org. 1800 IN CNAME tok1.dkim.amazonses.com.',
      '  tok2._domainkey.example.org. 1800 IN CNAME tok2.dkim.amazonses.com.',
      '  tok3._domainkey.example.org. 1800 IN CNAME tok3.dkim.amazonses.com.',
      'MAIL FROM bounce.example.org status PENDING: SES has not found this record:',
      '  bounce.example.org. 1800 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.',
      'Check that the records resolve in public DNS (dig +short <name> <type>) and that the domain\'s NS records point to the zone that holds them.',
    ].join('\n')));
  });

  test('timeout with only MAIL FROM missing names only the MX record', async () => {
    const fake = ses({ ...VERIFIED, MailFromAttributes: { MailFromDomainStatus: 'PENDING' } });
    await expect(isComplete(waitEvent(), fake, at(31))).rejects.toThrow(/within 30 minutes\.\nMAIL FROM bounce\.example\.org status PENDING: SES has not found this record:\n {2}bounce\.example\.org\. 1800 IN MX 10 feedback-smtp\.eu-west-1\.amazonses\.com\.\nCheck/);
  });

  test('verified at the deadline completes rather than failing', async () => {
    expect(await isComplete(waitEvent(), ses(VERIFIED), at(45))).toEqual({ IsComplete: true });
  });

  test('Delete completes at once without asking SES', async () => {
    const fake = ses(PENDING);
    expect(await isComplete(waitEvent('Delete'), fake, at(1))).toEqual({ IsComplete: true });
    expect(fake.calls).toEqual([]);
  });

  test('a retried poll with the same event gives the same answer (read-only)', async () => {
    const fake = ses(PENDING);
    const event = waitEvent('Update');
    expect(await isComplete(event, fake, at(5))).toEqual({ IsComplete: false });
    expect(await isComplete(event, fake, at(5))).toEqual({ IsComplete: false });
    expect(fake.calls).toHaveLength(2);
  });

  test('an event without the deadline from onEvent fails clearly', async () => {
    const event = { ...waitEvent(), Data: undefined };
    await expect(isComplete(event, ses(PENDING), at(1))).rejects.toThrow(new Error(
      "The verification wait of example.org has no deadline (Data.WaitDeadline is 'undefined'); the onEvent handler sets it"));
  });

  test.each<[string, WaiterEvent['Data'], string]>([
    ['no WaitDeadline', {}, 'undefined'],
    ['an empty WaitDeadline', { WaitDeadline: '' }, ''],
    ['a WaitDeadline that is no date', { WaitDeadline: 'soon' }, 'soon'],
  ])('an event with %s fails clearly without asking SES', async (_, data, shown) => {
    const fake = ses(PENDING);
    await expect(isComplete({ ...waitEvent(), Data: data }, fake, at(1))).rejects.toThrow(new Error(
      `The verification wait of example.org has no deadline (Data.WaitDeadline is '${shown}'); the onEvent handler sets it`));
    expect(fake.calls).toEqual([]);
  });

  test.each<[string, IdentityStatus, object]>([
    ['pending', PENDING, { verifiedForSending: false, dkim: 'PENDING', mailFrom: 'PENDING' }],
    ['an empty answer', {}, {}],
  ])('each poll that keeps waiting logs one line of the state: %s', async (_, answer, state) => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await isComplete(waitEvent(), ses(answer), at(1))).toEqual({ IsComplete: false });
      expect(log.mock.calls).toEqual([[JSON.stringify({ identity: 'example.org', ...state, deadline: DEADLINE })]]);
    } finally {
      log.mockRestore();
    }
  });

  test('a poll that completes or fails logs nothing', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await isComplete(waitEvent(), ses(VERIFIED), at(1))).toEqual({ IsComplete: true });
      await expect(isComplete(waitEvent(), ses(PENDING), at(30))).rejects.toThrow(Error);
      expect(log.mock.calls).toEqual([]);
    } finally {
      log.mockRestore();
    }
  });

  test('an SES error (e.g. the identity is gone) fails the poll with that error', async () => {
    const reader: IdentityReader = { getEmailIdentity: async () => { throw new Error('NotFoundException: Email identity example.org does not exist'); } };
    await expect(isComplete(waitEvent(), reader, at(1))).rejects.toThrow(new Error('NotFoundException: Email identity example.org does not exist'));
  });
});

describe('Lambda entry points', () => {
  test('the isComplete handler sends SESv2 GetEmailIdentity for the identity through the AWS SDK', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require('@aws-sdk/client-sesv2');
    const send = jest.spyOn(sdk.SESv2Client.prototype, 'send').mockImplementation(async () => VERIFIED);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { handler } = require('../../src/waiter/is-complete.lambda');
      const event = { ...waitEvent(), Data: { WaitDeadline: new Date(Date.now() + 60_000).toISOString() } };
      expect(await handler(event, {})).toEqual({ IsComplete: true });
      expect(send).toHaveBeenCalledTimes(1);
      const command = send.mock.calls[0][0] as { constructor: { name: string }; input: unknown };
      expect(command.constructor.name).toBe('GetEmailIdentityCommand');
      expect(command.input).toEqual({ EmailIdentity: 'example.org' });
    } finally {
      send.mockRestore();
    }
  });

  test('the isComplete handler makes its SESv2 client once and reuses it', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require('@aws-sdk/client-sesv2');
    const send = jest.spyOn(sdk.SESv2Client.prototype, 'send').mockImplementation(async () => VERIFIED);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { handler } = require('../../src/waiter/is-complete.lambda');
      const event = { ...waitEvent(), Data: { WaitDeadline: new Date(Date.now() + 60_000).toISOString() } };
      await handler(event, {});
      await handler(event, {});
      expect(send.mock.contexts).toHaveLength(2);
      expect(send.mock.contexts[1]).toBe(send.mock.contexts[0]);
    } finally {
      send.mockRestore();
    }
  });

  test('the onEvent handler ignores the Lambda context argument and uses the clock', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { handler } = require('../../src/waiter/on-event.lambda');
    const before = Date.now();
    const result = await handler({ RequestType: 'Create', ResourceProperties: PROPS }, { awsRequestId: 'x' });
    expect(result.PhysicalResourceId).toBe('ses-verification:example.org');
    const deadline = Date.parse(result.Data.WaitDeadline) - Date.parse(result.Data.WaitStarted);
    expect(deadline).toBe(1800 * 1000);
    expect(Date.parse(result.Data.WaitStarted)).toBeGreaterThanOrEqual(before);
  });
});
