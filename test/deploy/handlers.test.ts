// The rule-set activator's and the verification waiter's Lambda handlers against the emulator's SES
// (moto's SES v1 receipt-rule APIs and SESv2 identities), for every state moto can reach: activate, already
// active (a retried event sends nothing), refuse another active set, replace it when told, move from our old
// set on Update, deactivate ours on Delete and leave another's; a pending identity and a deadline passed.
// Verified and failed identities, which moto never reaches, stay in test/waiter/handlers.test.ts with the
// client mocked. Skipped, with one line saying why, where Python with moto is missing.
import { DescribeActiveReceiptRuleSetCommand, SESClient } from '@aws-sdk/client-ses';
import { GetEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { onEvent } from '../../src/receiving/activate.lambda';
import { ActivationEvent, refusal } from '../../src/receiving/activation';
import { isComplete } from '../../src/waiter/is-complete.lambda';
import { WaiterEvent } from '../../src/waiter/protocol';
import { aws, Emulator, emulatorMissing, startEmulator } from '../helpers/emulator';

const REGION = 'eu-west-1';
const missing = emulatorMissing();
if (missing) console.log(missing);

(missing ? describe.skip : describe)('the Lambda handlers against the emulator\'s SES', () => {
  let emulator: Emulator;
  let ses: SESClient;
  /** The commands the activator sent, by name, since the last call. */
  let sent: string[] = [];
  /** The activator's client: the real one, each command it sends recorded on the way. */
  let recording: SESClient;
  const config = () => ({ region: REGION, endpoint: `http://127.0.0.1:${emulator.port}`, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const active = async () => (await ses.send(new DescribeActiveReceiptRuleSetCommand({}))).Metadata?.Name;
  const event = (type: ActivationEvent['RequestType'], ruleSet: string, extra: Partial<ActivationEvent> = {}): ActivationEvent => ({
    RequestType: type, PhysicalResourceId: `active-receipt-rule-set:${ruleSet}`, ResourceProperties: { RuleSetName: ruleSet, ReplaceActive: 'false' }, ...extra,
  });
  async function activate(e: ActivationEvent) {
    sent = [];
    return onEvent(e, recording);
  }

  beforeAll(async () => {
    emulator = await startEmulator();
    ses = new SESClient(config());
    recording = { send: (command: any) => { sent.push(command.constructor.name); return ses.send(command); } } as unknown as SESClient;
    for (const name of ['Ours', 'Renamed', 'Theirs']) await aws(emulator, ['ses', 'create-receipt-rule-set', '--rule-set-name', name], REGION);
  }, 60_000);
  afterAll(async () => {
    ses?.destroy();
    await emulator?.stop();
  }, 15_000);

  test('Create with no set active activates ours; the same event again finds it active and sends nothing', async () => {
    expect(await active()).toBeUndefined();
    expect(await activate(event('Create', 'Ours'))).toEqual({ PhysicalResourceId: 'active-receipt-rule-set:Ours', Data: { PreviouslyActive: '' } });
    expect(sent).toEqual(['DescribeActiveReceiptRuleSetCommand', 'SetActiveReceiptRuleSetCommand']);
    expect(await active()).toBe('Ours');
    expect(await activate(event('Create', 'Ours'))).toEqual({ PhysicalResourceId: 'active-receipt-rule-set:Ours', Data: { PreviouslyActive: 'Ours' } });
    expect(sent).toEqual(['DescribeActiveReceiptRuleSetCommand']);
  });

  test('Update from our old set to a new one moves; another active set is refused unless ReplaceActive is true', async () => {
    await activate(event('Update', 'Renamed', { OldResourceProperties: { RuleSetName: 'Ours' } }));
    expect(await active()).toBe('Renamed');
    await aws(emulator, ['ses', 'set-active-receipt-rule-set', '--rule-set-name', 'Theirs'], REGION);
    await expect(activate(event('Create', 'Ours'))).rejects.toThrow(new Error(refusal('Theirs', 'Ours')));
    expect(sent).toEqual(['DescribeActiveReceiptRuleSetCommand']);
    expect(await active()).toBe('Theirs');
    const replace = event('Create', 'Ours', { ResourceProperties: { RuleSetName: 'Ours', ReplaceActive: 'true' } });
    expect(await activate(replace)).toEqual({ PhysicalResourceId: 'active-receipt-rule-set:Ours', Data: { PreviouslyActive: 'Theirs' } });
    expect(await active()).toBe('Ours');
  });

  test('Delete deactivates our set, so that it can be deleted; another active set is left alone', async () => {
    expect(await activate(event('Delete', 'Ours'))).toEqual({ PhysicalResourceId: 'active-receipt-rule-set:Ours' });
    expect(await active()).toBeUndefined();
    await aws(emulator, ['ses', 'delete-receipt-rule-set', '--rule-set-name', 'Ours'], REGION);
    await aws(emulator, ['ses', 'set-active-receipt-rule-set', '--rule-set-name', 'Theirs'], REGION);
    await activate(event('Delete', 'Renamed'));
    expect(sent).toEqual(['DescribeActiveReceiptRuleSetCommand']);
    expect(await active()).toBe('Theirs');
  });

  describe('the waiter\'s isComplete', () => {
    const props = { IdentityName: 'wait.example.org', MailFromDomain: '', TimeoutSeconds: '600', DkimRecords: ['a._domainkey.wait.example.org. CNAME a.dkim.amazonses.com.'], MailFromRecords: [] };
    const wait = (deadline: Date): WaiterEvent => ({ RequestType: 'Create', ResourceProperties: props, Data: { WaitDeadline: deadline.toISOString() } });
    let reader: { getEmailIdentity: (name: string) => Promise<any> };

    beforeAll(async () => {
      await aws(emulator, ['sesv2', 'create-email-identity', '--email-identity', props.IdentityName], REGION);
      const sesv2 = new SESv2Client(config());
      reader = { getEmailIdentity: (name) => sesv2.send(new GetEmailIdentityCommand({ EmailIdentity: name })) };
    }, 30_000);

    test('an identity SES has not verified yet, before the deadline: not complete', async () => {
      const now = new Date();
      expect(await isComplete(wait(new Date(now.getTime() + 60_000)), reader, now)).toEqual({ IsComplete: false });
    });

    test('past the deadline: the deploy fails naming the records SES has not found', async () => {
      const now = new Date();
      await expect(isComplete(wait(now), reader, now)).rejects.toThrow(new Error([
        'Domain wait.example.org is not verified for sending: SES has not verified it within 10 minutes.',
        'DKIM status NOT_STARTED: SES has not found this record:',
        '  a._domainkey.wait.example.org. CNAME a.dkim.amazonses.com.',
        'Check that the records resolve in public DNS (dig +short <name> <type>) and that the domain\'s NS records point to the zone that holds them.',
      ].join('\n')));
    });
  });
});
