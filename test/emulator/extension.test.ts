// The emulator extension (test/emulator/) against the documented behaviours it claims, through the AWS
// APIs a deploy uses (the AWS CLI in the emulator's Python): chosen zone ids, Route53 refusing a record set
// that already exists (whole batch refused), AWS::SES::EmailIdentity's Ref and Easy DKIM attributes with
// the documented tokens, a RecordSetGroup refused over an existing record and deleted with its stack.
// Skipped, with one line saying why, where Python with moto is missing.
import { aws, Emulator, emulatorDkimToken, emulatorMissing, startEmulator } from '../helpers/emulator';

const ZONE_ID = 'Z0123456789EXAMPLE';
const txt = (name: string, value: string) => ({ Name: name, Type: 'TXT', TTL: 300, ResourceRecords: [{ Value: `"${value}"` }] });
const batch = (...sets: object[]) => JSON.stringify({ Changes: sets.map((s) => ({ Action: 'CREATE', ResourceRecordSet: s })) });
const exists = (name: string, type: string) => `Tried to create resource record set [name='${name}', type='${type}'] but it already exists`;

const missing = emulatorMissing();
if (missing) console.log(missing);

(missing ? describe.skip : describe)('the emulator extension', () => {
  let emulator: Emulator;

  async function names(zoneId = ZONE_ID): Promise<string[]> {
    const answer = await aws(emulator, ['route53', 'list-resource-record-sets', '--hosted-zone-id', zoneId]);
    return answer.ResourceRecordSets.map((s: any) => `${s.Name} ${s.Type}`);
  }
  async function change(...sets: object[]) {
    return aws(emulator, ['route53', 'change-resource-record-sets', '--hosted-zone-id', ZONE_ID, '--change-batch', batch(...sets)]);
  }

  beforeAll(async () => {
    emulator = await startEmulator(['--zone-id', 'other.example=Z0OTHEREXAMPLE1']);
  }, 60_000);
  afterAll(async () => {
    await emulator?.stop();
  }, 15_000);

  test.each([
    ['example.com', `/hostedzone/${ZONE_ID}`],
    ['other.example', '/hostedzone/Z0OTHEREXAMPLE1'],
  ])('creating the zone %s gives the id %s', async (zone, id) => {
    const answer = await aws(emulator, ['route53', 'create-hosted-zone', '--name', zone, '--caller-reference', zone]);
    expect(answer.HostedZone.Id).toBe(id);
  }, 30_000);

  test('a CREATE of a record set that exists is refused, with the whole batch', async () => {
    await change(txt('taken.example.com', 'first'));
    await expect(change(txt('fresh.example.com', 'x'), txt('TAKEN.example.com.', 'second')))
      .rejects.toThrow(exists('TAKEN.example.com.', 'TXT'));
    expect(await names()).toEqual(['example.com. NS', 'example.com. SOA', 'taken.example.com. TXT']);
    const answer = await aws(emulator, ['route53', 'list-resource-record-sets', '--hosted-zone-id', ZONE_ID,
      '--start-record-name', 'taken.example.com', '--start-record-type', 'TXT', '--max-items', '1']);
    expect(answer.ResourceRecordSets).toEqual([{ Name: 'taken.example.com.', Type: 'TXT', TTL: 300, ResourceRecords: [{ Value: '"first"' }] }]);
  }, 60_000);

  test('an identity stack gives the identity as Ref and the documented Easy DKIM names and values, and its delete removes it', async () => {
    const template = {
      Resources: { Identity: { Type: 'AWS::SES::EmailIdentity', Properties: { EmailIdentity: 'dkim.example.com' } } },
      Outputs: Object.fromEntries([
        ['Ref', { Value: { Ref: 'Identity' } }],
        ...[1, 2, 3].flatMap((n) => [
          [`Name${n}`, { Value: { 'Fn::GetAtt': ['Identity', `DkimDNSTokenName${n}`] } }],
          [`Value${n}`, { Value: { 'Fn::GetAtt': ['Identity', `DkimDNSTokenValue${n}`] } }],
        ]),
      ]),
    };
    // CreateStack (not a change set): moto evaluates the Outputs.
    await aws(emulator, ['cloudformation', 'create-stack', '--stack-name', 'identity', '--template-body', JSON.stringify(template)], 'eu-west-1');
    const stack = (await aws(emulator, ['cloudformation', 'describe-stacks', '--stack-name', 'identity'], 'eu-west-1')).Stacks[0];
    const token = (n: number) => emulatorDkimToken('123456789012', 'eu-west-1', 'dkim.example.com', n);
    expect(Object.fromEntries(stack.Outputs.map((o: any) => [o.OutputKey, o.OutputValue]))).toEqual({
      Ref: 'dkim.example.com',
      ...Object.fromEntries([1, 2, 3].flatMap((n) => [
        [`Name${n}`, `${token(n)}._domainkey.dkim.example.com`],
        [`Value${n}`, `${token(n)}.dkim.amazonses.com`],
      ])),
    });
    expect(new Set([1, 2, 3].map(token)).size).toBe(3);
    expect(token(1)).not.toBe(emulatorDkimToken('123456789012', 'us-east-1', 'dkim.example.com', 1));
    const listed = await aws(emulator, ['sesv2', 'list-email-identities'], 'eu-west-1');
    expect(listed.EmailIdentities.map((i: any) => i.IdentityName)).toEqual(['dkim.example.com']);

    await aws(emulator, ['cloudformation', 'delete-stack', '--stack-name', 'identity'], 'eu-west-1');
    expect((await aws(emulator, ['sesv2', 'list-email-identities'], 'eu-west-1')).EmailIdentities).toEqual([]);
  }, 60_000);

  test('a record-set group over an existing record set is refused whole, and a group stack\'s delete removes its records', async () => {
    const group = (...sets: object[]) => JSON.stringify({
      Resources: { Group: { Type: 'AWS::Route53::RecordSetGroup', Properties: { HostedZoneId: ZONE_ID, RecordSets: sets } } },
    });
    const set = (name: string) => ({ Name: name, Type: 'TXT', TTL: '300', ResourceRecords: ['"g"'] });
    await expect(aws(emulator, ['cloudformation', 'create-stack', '--stack-name', 'refused',
      '--template-body', group(set('g1.example.com.'), set('taken.example.com.'))]))
      .rejects.toThrow(exists('taken.example.com.', 'TXT'));
    expect(await names()).toEqual(['example.com. NS', 'example.com. SOA', 'taken.example.com. TXT']);

    await aws(emulator, ['cloudformation', 'create-stack', '--stack-name', 'group', '--template-body', group(set('g1.example.com'), set('g2.example.com.'))]);
    expect(await names()).toEqual(['example.com. NS', 'example.com. SOA', 'g1.example.com. TXT', 'g2.example.com. TXT', 'taken.example.com. TXT']);
    await aws(emulator, ['cloudformation', 'delete-stack', '--stack-name', 'group']);
    expect(await names()).toEqual(['example.com. NS', 'example.com. SOA', 'taken.example.com. TXT']);
  }, 60_000);
});
