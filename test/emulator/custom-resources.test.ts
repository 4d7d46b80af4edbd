// The emulator extension's provider framework custom resources (test/emulator/custom_resources.py) against
// the documented behaviours it claims, through CloudFormation: the user's onEvent handler runs in Node with
// Create, Update (with the old properties) and Delete requests, its PhysicalResourceId and Data become the
// resource's id and Fn::GetAtt attributes, and a thrown error fails the resource with its message (the
// update rolled back, with an Update back to the old properties). The handler is written here and writes
// each request it gets to a file. Skipped, with one line saying why, where Python with moto is missing.
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { aws, EMULATOR_PYTHON, Emulator, emulatorMissing, startEmulator } from '../helpers/emulator';

const REGION = 'eu-west-1';
/** The onEvent handler: each request to the log file, then an answer, or an error when Value is 'boom'. */
const HANDLER = `
const fs = require('fs');
exports.handler = async (event) => {
  fs.appendFileSync(process.env.LOG, JSON.stringify({ type: event.RequestType, id: event.PhysicalResourceId, value: event.ResourceProperties.Value,
    old: event.OldResourceProperties && event.OldResourceProperties.Value }) + '\\n');
  if (event.ResourceProperties.Value === 'boom') throw new Error('the handler refuses boom');
  return event.RequestType === 'Create' ? { PhysicalResourceId: 'thing-1', Data: { Answer: 'got ' + event.ResourceProperties.Value } }
    : { Data: { Answer: 'now ' + event.ResourceProperties.Value } };
};`;

const missing = emulatorMissing();
if (missing) console.log(missing);

(missing ? describe.skip : describe)('the emulator extension: provider framework custom resources', () => {
  let emulator: Emulator;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'custom-resources-test-'));
  const log = path.join(scratch, 'requests.jsonl');
  let framework = '';
  const cfn = (args: string[]) => aws(emulator, ['cloudformation', ...args], REGION);
  const requests = () => readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const template = (value: string) => JSON.stringify({
    Resources: { Thing: { Type: 'Custom::Thing', Properties: { ServiceToken: framework, Value: value } } },
    Outputs: { Answer: { Value: { 'Fn::GetAtt': ['Thing', 'Answer'] } }, Id: { Value: { Ref: 'Thing' } } },
  });
  async function apply(name: string, type: string, value: string): Promise<any> {
    await cfn(['create-change-set', '--stack-name', 'Custom', '--change-set-name', name, '--change-set-type', type, '--template-body', template(value)]);
    await cfn(['execute-change-set', '--stack-name', 'Custom', '--change-set-name', name]);
    return (await cfn(['describe-stacks', '--stack-name', 'Custom'])).Stacks[0];
  }
  const outputs = (stack: any) => Object.fromEntries((stack.Outputs ?? []).map((o: any) => [o.OutputKey, o.OutputValue]));

  beforeAll(async () => {
    emulator = await startEmulator();
    writeFileSync(log, '');
    const zip = path.join(scratch, 'handler.zip');
    execFileSync(EMULATOR_PYTHON, ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").writestr("index.js", sys.argv[2])', zip, HANDLER]);
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    const role = (await aws(emulator, ['iam', 'create-role', '--role-name', 'custom-resources-test', '--assume-role-policy-document', JSON.stringify(trust)])).Role.Arn;
    const create = (name: string, env: object) => aws(emulator, ['lambda', 'create-function', '--function-name', name, '--runtime', 'nodejs20.x',
      '--handler', 'index.handler', '--role', role, '--zip-file', `fileb://${zip}`, '--environment', JSON.stringify({ Variables: env })], REGION);
    const onEvent = await create('OnEvent', { LOG: log });
    framework = (await create('Framework', { USER_ON_EVENT_FUNCTION_ARN: onEvent.FunctionArn })).FunctionArn;
  }, 60_000);
  afterAll(async () => {
    await emulator?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }, 15_000);

  test('Create runs onEvent; its PhysicalResourceId is the Ref and its Data the attributes', async () => {
    const stack = await apply('one', 'CREATE', 'a');
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(outputs(stack)).toEqual({ Answer: 'got a', Id: 'thing-1' });
    expect(requests()).toEqual([{ type: 'Create', value: 'a' }]);
  }, 60_000);

  test('Update sends the old properties and the id; the id stays when onEvent returns none', async () => {
    const stack = await apply('two', 'UPDATE', 'b');
    expect([stack.StackStatus, outputs(stack)]).toEqual(['UPDATE_COMPLETE', { Answer: 'now b', Id: 'thing-1' }]);
    expect(requests().slice(1)).toEqual([{ type: 'Update', id: 'thing-1', value: 'b', old: 'a' }]);
  }, 60_000);

  test('a thrown error fails the resource with its message; the rollback sends an Update back to the old properties', async () => {
    const stack = await apply('three', 'UPDATE', 'boom');
    expect(stack.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    const events = (await cfn(['describe-stack-events', '--stack-name', 'Custom'])).StackEvents;
    expect(events.filter((e: any) => e.ResourceStatus === 'UPDATE_FAILED').map((e: any) => [e.LogicalResourceId, e.ResourceStatusReason]))
      .toEqual([['Thing', 'the handler refuses boom']]);
    expect(requests().slice(2)).toEqual([
      { type: 'Update', id: 'thing-1', value: 'boom', old: 'b' },
      { type: 'Update', id: 'thing-1', value: 'b', old: 'boom' },
    ]);
  }, 60_000);

  test('deleting the stack sends Delete with the id', async () => {
    await cfn(['delete-stack', '--stack-name', 'Custom']);
    expect(requests().slice(4)).toEqual([{ type: 'Delete', id: 'thing-1', value: 'b' }]);
  }, 60_000);
});
