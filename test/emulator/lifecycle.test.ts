// The emulator extension's CloudFormation stack operations (test/emulator/cfn_lifecycle.py) and Route53
// DELETE (route53_types.py) against the documented behaviours they claim, through the AWS CLI: an update
// creates before it cleans up and keeps what DeletionPolicy Retain keeps, a resource without Properties stays
// and a receipt rule changes in place, a generated state machine name fits, a failed resource rolls the create
// or the update back, change sets belong to their stack, a missing one is ChangeSetNotFound, an SSM-typed
// parameter's previous value is its name, and a DELETE must name the record set's values. Skipped, with
// one line saying why, where Python with moto is missing.
import { aws, Emulator, emulatorMissing, startEmulator } from '../helpers/emulator';

const ZONE = 'Z0LIFECYCLEZONE1';
const REGION = 'eu-west-1';
const txt = (name: string, value: string, extra: object = {}) => ({
  Type: 'AWS::Route53::RecordSet',
  ...extra,
  Properties: { HostedZoneId: ZONE, Name: `${name}.lifecycle.example.`, Type: 'TXT', TTL: '300', ResourceRecords: [`"${value}"`] },
});

const missing = emulatorMissing();
if (missing) console.log(missing);

(missing ? describe.skip : describe)('the emulator extension: stack operations and record deletes', () => {
  let emulator: Emulator;
  const cfn = (args: string[]) => aws(emulator, ['cloudformation', ...args], REGION);
  /** Creates (or updates) `stack` with `resources` through a change set, as the CDK CLI does, and returns its status. */
  async function apply(stack: string, name: string, resources: object, type = 'UPDATE', parameters: string[] = []): Promise<string> {
    await cfn(['create-change-set', '--stack-name', stack, '--change-set-name', name, '--change-set-type', type,
      '--template-body', JSON.stringify({ Resources: resources }), ...parameters]);
    await cfn(['execute-change-set', '--stack-name', stack, '--change-set-name', name]);
    return (await cfn(['describe-stacks', '--stack-name', stack])).Stacks[0].StackStatus;
  }
  async function zone(): Promise<string[]> {
    const answer = await aws(emulator, ['route53', 'list-resource-record-sets', '--hosted-zone-id', ZONE]);
    return answer.ResourceRecordSets.filter((s: any) => s.Type === 'TXT').map((s: any) => `${s.Name} ${s.ResourceRecords[0].Value}`);
  }
  const reasons = async (stack: string) => (await cfn(['describe-stack-events', '--stack-name', stack])).StackEvents
    .filter((e: any) => e.ResourceStatusReason && e.LogicalResourceId !== stack).map((e: any) => `${e.LogicalResourceId} ${e.ResourceStatus} ${e.ResourceStatusReason}`);

  beforeAll(async () => {
    emulator = await startEmulator(['--zone-id', `lifecycle.example=${ZONE}`]);
    await aws(emulator, ['route53', 'create-hosted-zone', '--name', 'lifecycle.example', '--caller-reference', 'lifecycle']);
  }, 60_000);
  afterAll(async () => {
    await emulator?.stop();
  }, 15_000);

  test('an update creates and updates first, then deletes what left the template, except what DeletionPolicy Retain keeps', async () => {
    expect(await apply('Order', 'one', { Kept: txt('kept', 'k', { DeletionPolicy: 'Retain' }), Gone: txt('gone', 'g'), Changed: txt('changed', 'v1') }, 'CREATE'))
      .toBe('CREATE_COMPLETE');
    expect(await apply('Order', 'two', { Changed: txt('changed', 'v2'), Added: txt('added', 'a') })).toBe('UPDATE_COMPLETE');
    expect((await zone()).sort()).toEqual([
      'added.lifecycle.example. "a"', 'changed.lifecycle.example. "v2"', 'kept.lifecycle.example. "k"',
    ]);
    const resources = await cfn(['describe-stack-resources', '--stack-name', 'Order']);
    expect(resources.StackResources.map((r: any) => r.LogicalResourceId).sort()).toEqual(['Added', 'Changed']);
  }, 60_000);

  test('an update keeps a resource without Properties as it is, and changes a receipt rule in place', async () => {
    const rule = (recipients: string[]) => ({ Type: 'AWS::SES::ReceiptRule', Properties: { RuleSetName: { Ref: 'Set' }, Rule: { Name: 'inbound', Enabled: true, Recipients: recipients } } });
    expect(await apply('Receive', 'one', { Set: { Type: 'AWS::SES::ReceiptRuleSet' }, Rule: rule(['lifecycle.example']) }, 'CREATE')).toBe('CREATE_COMPLETE');
    const before = (await cfn(['describe-stack-resources', '--stack-name', 'Receive'])).StackResources.map((r: any) => [r.LogicalResourceId, r.PhysicalResourceId]);
    expect(await apply('Receive', 'two', { Set: { Type: 'AWS::SES::ReceiptRuleSet' }, Rule: rule(['lifecycle.example', 'other.example']) })).toBe('UPDATE_COMPLETE');
    const after = (await cfn(['describe-stack-resources', '--stack-name', 'Receive'])).StackResources.map((r: any) => [r.LogicalResourceId, r.PhysicalResourceId]);
    expect(after).toEqual(before);
    const set = before.find(([id]: string[]) => id === 'Set')[1];
    const described = await aws(emulator, ['ses', 'describe-receipt-rule', '--rule-set-name', set, '--rule-name', 'inbound'], REGION);
    expect(described.Rule.Recipients).toEqual(['lifecycle.example', 'other.example']);
  }, 60_000);

  test('a state machine of a stack with a long name gets a generated name within Step Functions\' 80 characters', async () => {
    const stack = 'AStackWithAVeryLongNameAsTheCdkGivesNestedConstructs';
    const machine = {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: { RoleArn: 'arn:aws:iam::123456789012:role/machine', DefinitionString: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }) },
    };
    expect(await apply(stack, 'one', { ProviderwaiterstatemachineWithALongLogicalId0123456789: machine }, 'CREATE')).toBe('CREATE_COMPLETE');
    const arn = (await cfn(['describe-stack-resources', '--stack-name', stack])).StackResources[0].PhysicalResourceId;
    const name = arn.split(':').pop();
    // <stack>-<logical id>-<suffix>, the stack and logical id part cut to fit.
    expect(name).toHaveLength(80);
    expect(name).toMatch(/^AStackWithAVeryLongNameAsTheCdkGivesNestedConstructs-Providerwaiter-[A-Z0-9]{12}$/);
  }, 60_000);

  test('a resource that fails rolls a create back: ROLLBACK_COMPLETE, what it made deleted, the reason on the resource', async () => {
    expect(await apply('Fails', 'one', { First: txt('first', 'f'), Taken: txt('kept', 'again', { DependsOn: 'First' }) }, 'CREATE')).toBe('ROLLBACK_COMPLETE');
    expect(await zone()).not.toContain('first.lifecycle.example. "f"');
    expect(await reasons('Fails')).toContain(
      "Taken CREATE_FAILED InvalidChangeBatch: Tried to create resource record set [name='kept.lifecycle.example.', type='TXT'] but it already exists");
  }, 60_000);

  test('a resource that fails rolls an update back: UPDATE_ROLLBACK_COMPLETE, the change undone, the template kept', async () => {
    const before = await zone();
    expect(await apply('Order', 'three', { Changed: txt('changed', 'v3'), Added: txt('added', 'a'), Taken: txt('kept', 'again', { DependsOn: 'Changed' }) }))
      .toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(await zone()).toEqual(before);
    const template = await cfn(['get-template', '--stack-name', 'Order']);
    expect(Object.keys(template.TemplateBody.Resources).sort()).toEqual(['Added', 'Changed']);
    expect(await reasons('Order')).toContain(
      "Taken UPDATE_FAILED InvalidChangeBatch: Tried to create resource record set [name='kept.lifecycle.example.', type='TXT'] but it already exists");
  }, 60_000);

  test('a change set name is looked up in its own stack, and one that is gone is ChangeSetNotFound', async () => {
    await cfn(['create-change-set', '--stack-name', 'Order', '--change-set-name', 'same', '--change-set-type', 'UPDATE', '--template-body', JSON.stringify({ Resources: { Changed: txt('changed', 'v4') } })]);
    await cfn(['create-change-set', '--stack-name', 'Other', '--change-set-name', 'same', '--change-set-type', 'CREATE',
      '--template-body', JSON.stringify({ Resources: { Other: txt('other', 'o') } })]);
    const described = async (stack: string) => (await cfn(['describe-change-set', '--stack-name', stack, '--change-set-name', 'same'])).StackName;
    expect([await described('Order'), await described('Other')]).toEqual(['Order', 'Other']);
    await cfn(['delete-change-set', '--stack-name', 'Other', '--change-set-name', 'same']);
    await expect(described('Other')).rejects.toThrow('An error occurred (ChangeSetNotFound) when calling the DescribeChangeSet operation: ChangeSet [same] does not exist');
    expect(await described('Order')).toBe('Order');
  }, 60_000);

  test('UsePreviousValue of an SSM-typed parameter reuses the parameter name, which the update resolves again', async () => {
    await aws(emulator, ['ssm', 'put-parameter', '--name', '/lifecycle/version', '--value', '7', '--type', 'String'], REGION);
    const withParameter = (value: string) => JSON.stringify({
      Parameters: { Version: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/lifecycle/version' } },
      Resources: { Record: txt('ssm', value) },
    });
    await cfn(['create-change-set', '--stack-name', 'Ssm', '--change-set-name', 'one', '--change-set-type', 'CREATE', '--template-body', withParameter('1')]);
    await cfn(['execute-change-set', '--stack-name', 'Ssm', '--change-set-name', 'one']);
    await cfn(['create-change-set', '--stack-name', 'Ssm', '--change-set-name', 'two', '--change-set-type', 'UPDATE', '--template-body', withParameter('2'),
      '--parameters', 'ParameterKey=Version,UsePreviousValue=true']);
    await cfn(['execute-change-set', '--stack-name', 'Ssm', '--change-set-name', 'two']);
    expect((await cfn(['describe-stacks', '--stack-name', 'Ssm'])).Stacks[0].StackStatus).toBe('UPDATE_COMPLETE');
    expect(await zone()).toContain('ssm.lifecycle.example. "2"');
  }, 60_000);

  test.each([
    ['not in the zone', { Name: 'none.lifecycle.example.', TTL: 300, Value: '"x"' }, "Tried to delete resource record set [name='none.lifecycle.example.', type='TXT'] but it was not found"],
    ['another TTL', { Name: 'kept.lifecycle.example.', TTL: 60, Value: '"k"' }, "Tried to delete resource record set [name='kept.lifecycle.example.', type='TXT'] but the values provided do not match the current values"],
    ['another value', { Name: 'kept.lifecycle.example.', TTL: 300, Value: '"x"' }, "Tried to delete resource record set [name='kept.lifecycle.example.', type='TXT'] but the values provided do not match the current values"],
  ])('a DELETE of a record set %s is refused', async (_, s, message) => {
    const batch = { Changes: [{ Action: 'DELETE', ResourceRecordSet: { Name: s.Name, Type: 'TXT', TTL: s.TTL, ResourceRecords: [{ Value: s.Value }] } }] };
    await expect(aws(emulator, ['route53', 'change-resource-record-sets', '--hosted-zone-id', ZONE, '--change-batch', JSON.stringify(batch)]))
      .rejects.toThrow(`An error occurred (InvalidChangeBatch) when calling the ChangeResourceRecordSets operation: ${message}`);
  }, 30_000);

  test('a DELETE with the values of a record set a stack made deletes it', async () => {
    const batch = { Changes: [{ Action: 'DELETE', ResourceRecordSet: { Name: 'kept.lifecycle.example.', Type: 'TXT', TTL: 300, ResourceRecords: [{ Value: '"k"' }] } }] };
    await aws(emulator, ['route53', 'change-resource-record-sets', '--hosted-zone-id', ZONE, '--change-batch', JSON.stringify(batch)]);
    expect(await zone()).not.toContain('kept.lifecycle.example. "k"');
  }, 30_000);
});
