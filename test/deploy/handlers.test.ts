// The rule-set activator's and the verification waiter's Lambda handlers against the emulator's SES
// (moto's SES v1 receipt-rule APIs and SESv2 identities), for every state moto can reach: activate, already
// active (a retried event sends nothing), refuse another active set, replace it when told, move from our old
// set on Update, deactivate ours on Delete and leave another's; a pending identity and a deadline passed,
// records in a private zone (not found), DKIM found but not the MAIL FROM MX, and verified once both are
// published (test/emulator/ses_verification.py). A FAILED identity, which the emulator never reaches, stays
// in test/waiter/handlers.test.ts with the client mocked. Skipped, with one line saying why, where Python with moto is missing.
import { DescribeActiveReceiptRuleSetCommand, SESClient } from '@aws-sdk/client-ses';
import { GetEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { onEvent } from '../../src/receiving/activate.lambda';
import { ActivationEvent, refusal } from '../../src/receiving/activation';
import { isComplete } from '../../src/waiter/is-complete.lambda';
import { WaiterEvent } from '../../src/waiter/protocol';
import { aws, Emulator, emulatorDkimToken, emulatorMissing, startEmulator } from '../helpers/emulator';

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
    // An identity with a custom MAIL FROM domain, made as CloudFormation makes it (ses_types.py keeps the
    // MailFromAttributes); its records go into the zone one kind at a time (ses_verification.py).
    const DOMAIN = 'wait.example.org';
    const token = (n: number) => emulatorDkimToken('123456789012', REGION, DOMAIN, n);
    const dkim = [1, 2, 3].map((n) => ({ Name: `${token(n)}._domainkey.${DOMAIN}.`, Type: 'CNAME', TTL: 1800, ResourceRecords: [{ Value: `${token(n)}.dkim.amazonses.com` }] }));
    const mx = { Name: `bounce.${DOMAIN}.`, Type: 'MX', TTL: 1800, ResourceRecords: [{ Value: `10 feedback-smtp.${REGION}.amazonses.com` }] };
    const props = {
      IdentityName: DOMAIN,
      MailFromDomain: `bounce.${DOMAIN}`,
      TimeoutSeconds: '600',
      DkimRecords: dkim.map((r) => `${r.Name} 1800 IN CNAME ${r.ResourceRecords[0].Value}.`),
      MailFromRecords: [`${mx.Name} 1800 IN MX ${mx.ResourceRecords[0].Value}.`],
    };
    const wait = (deadline: Date): WaiterEvent => ({ RequestType: 'Create', ResourceProperties: props, Data: { WaitDeadline: deadline.toISOString() } });
    const hint = 'Check that the records resolve in public DNS (dig +short <name> <type>) and that the domain\'s NS records point to the zone that holds them.';
    let reader: { getEmailIdentity: (name: string) => Promise<any> };
    const publish = async (zoneId: string, sets: object[]) => aws(emulator, ['route53', 'change-resource-record-sets', '--hosted-zone-id', zoneId,
      '--change-batch', JSON.stringify({ Changes: sets.map((s) => ({ Action: 'CREATE', ResourceRecordSet: s })) })]);
    const zone = async (name: string, extra: string[] = []) => (await aws(emulator, ['route53', 'create-hosted-zone', '--name', name, '--caller-reference', `${name}${extra.length}`, ...extra])).HostedZone.Id;
    const later = () => new Date(Date.now() + 60_000);

    beforeAll(async () => {
      const identity = { Type: 'AWS::SES::EmailIdentity', Properties: { EmailIdentity: DOMAIN, MailFromAttributes: { MailFromDomain: `bounce.${DOMAIN}` } } };
      await aws(emulator, ['cloudformation', 'create-stack', '--stack-name', 'wait', '--template-body', JSON.stringify({ Resources: { Identity: identity } })], REGION);
      const sesv2 = new SESv2Client(config());
      reader = { getEmailIdentity: (name) => sesv2.send(new GetEmailIdentityCommand({ EmailIdentity: name })) };
    }, 30_000);

    test('an identity SES has not verified yet, before the deadline: not complete', async () => {
      const now = new Date();
      expect(await isComplete(wait(later()), reader, now)).toEqual({ IsComplete: false });
      expect((await reader.getEmailIdentity(DOMAIN)).DkimAttributes.Status).toBe('PENDING');
    });

    test('past the deadline: the deploy fails naming the records SES has not found', async () => {
      const now = new Date();
      await expect(isComplete(wait(now), reader, now)).rejects.toThrow(new Error([
        'Domain wait.example.org is not verified for sending: SES has not verified it within 10 minutes.',
        'DKIM status PENDING: SES has not found these records:', ...props.DkimRecords.map((r) => `  ${r}`),
        'MAIL FROM bounce.wait.example.org status PENDING: SES has not found this record:', `  ${props.MailFromRecords[0]}`,
        hint,
      ].join('\n')));
    });

    test('records in a private hosted zone are not public DNS: still not complete', async () => {
      const vpc = (await aws(emulator, ['ec2', 'create-vpc', '--cidr-block', '10.0.0.0/16'], REGION)).Vpc.VpcId;
      const privateZone = await zone(DOMAIN, ['--vpc', `VPCRegion=${REGION},VPCId=${vpc}`, '--hosted-zone-config', 'PrivateZone=true']);
      await publish(privateZone, [...dkim, mx]);
      expect(await isComplete(wait(later()), reader, new Date())).toEqual({ IsComplete: false });
    });

    test('the DKIM records published, the MAIL FROM MX not: not complete, and past the deadline only the MX is named', async () => {
      const publicZone = await zone(DOMAIN);
      await publish(publicZone, dkim);
      expect(await isComplete(wait(later()), reader, new Date())).toEqual({ IsComplete: false });
      const status = await reader.getEmailIdentity(DOMAIN);
      expect([status.VerifiedForSendingStatus, status.DkimAttributes.Status, status.MailFromAttributes]).toEqual(
        [true, 'SUCCESS', { MailFromDomain: `bounce.${DOMAIN}`, MailFromDomainStatus: 'PENDING', BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' }]);
      const now = new Date();
      await expect(isComplete(wait(now), reader, now)).rejects.toThrow(new Error([
        'Domain wait.example.org is not verified for sending: SES has not verified it within 10 minutes.',
        'MAIL FROM bounce.wait.example.org status PENDING: SES has not found this record:', `  ${props.MailFromRecords[0]}`,
        hint,
      ].join('\n')));

      // The MX in place: verified for sending, DKIM and MAIL FROM, so the wait is over.
      await publish(publicZone, [mx]);
      expect(await isComplete(wait(later()), reader, new Date())).toEqual({ IsComplete: true });
      expect((await reader.getEmailIdentity(DOMAIN)).MailFromAttributes.MailFromDomainStatus).toBe('SUCCESS');
    });
  });
});
