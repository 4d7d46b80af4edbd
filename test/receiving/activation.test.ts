import { DescribeActiveReceiptRuleSetCommand, SESClient, SetActiveReceiptRuleSetCommand } from '@aws-sdk/client-ses';
import { mockClient } from 'aws-sdk-client-mock';
import { handler, onEvent } from '../../src/receiving/activate.lambda';
import { ActivationEvent, ActivationProperties, decide } from '../../src/receiving/activation';

const OURS = 'mail-example-org';
const OTHER = 'legacy-rules';
const PROPS: ActivationProperties = { RuleSetName: OURS, ReplaceActive: 'false' };
const REFUSAL = `The receipt rule set '${OTHER}' is active in this account and region; activating '${OURS}' would stop it receiving mail. `
  + `Add this domain's rule to it instead (ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', '${OTHER}'))), `
  + 'deactivate it first, or set replaceActive: true';

const ses = mockClient(SESClient);
const client = new SESClient({});
let log: jest.SpyInstance;

beforeEach(() => {
  ses.reset();
  ses.on(SetActiveReceiptRuleSetCommand).resolves({});
  log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterEach(() => {
  log.mockRestore();
});

afterAll(() => {
  ses.restore();
});

/** SES answers DescribeActiveReceiptRuleSet with this set active (none when undefined). */
function activeSet(name: string | undefined) {
  ses.on(DescribeActiveReceiptRuleSetCommand).resolves(name === undefined ? {} : { Metadata: { Name: name } });
}

function event(requestType: 'Create' | 'Update' | 'Delete', props: ActivationProperties = PROPS, extra: Partial<ActivationEvent> = {}): ActivationEvent {
  return { RequestType: requestType, ResourceProperties: props, ...extra };
}

/** The inputs of every SetActiveReceiptRuleSet call, in order. */
function setActiveInputs() {
  return ses.commandCalls(SetActiveReceiptRuleSetCommand).map((call) => call.args[0].input);
}

describe('Create', () => {
  test('no set active: activates ours', async () => {
    activeSet(undefined);
    expect(await onEvent(event('Create'), client)).toEqual({
      PhysicalResourceId: `active-receipt-rule-set:${OURS}`,
      Data: { PreviouslyActive: '' },
    });
    expect(ses.commandCalls(DescribeActiveReceiptRuleSetCommand)).toHaveLength(1);
    expect(setActiveInputs()).toEqual([{ RuleSetName: OURS }]);
  });

  test('Metadata with an empty name counts as none active', async () => {
    ses.on(DescribeActiveReceiptRuleSetCommand).resolves({ Metadata: { Name: '' } });
    expect((await onEvent(event('Create'), client)).Data).toEqual({ PreviouslyActive: '' });
    expect(setActiveInputs()).toEqual([{ RuleSetName: OURS }]);
  });

  test('this set already active: sends no SetActive', async () => {
    activeSet(OURS);
    expect(await onEvent(event('Create'), client)).toEqual({
      PhysicalResourceId: `active-receipt-rule-set:${OURS}`,
      Data: { PreviouslyActive: OURS },
    });
    expect(setActiveInputs()).toEqual([]);
  });

  test.each(['false', '', 'TRUE', 'yes'])('another set active, ReplaceActive %j: refuses with the exact message and changes nothing', async (replace) => {
    activeSet(OTHER);
    await expect(onEvent(event('Create', { ...PROPS, ReplaceActive: replace }), client)).rejects.toThrow(new Error(REFUSAL));
    expect(setActiveInputs()).toEqual([]);
  });

  test('another set active, replace chosen: activates ours and reports the one it replaced', async () => {
    activeSet(OTHER);
    expect(await onEvent(event('Create', { ...PROPS, ReplaceActive: 'true' }), client)).toEqual({
      PhysicalResourceId: `active-receipt-rule-set:${OURS}`,
      Data: { PreviouslyActive: OTHER },
    });
    expect(setActiveInputs()).toEqual([{ RuleSetName: OURS }]);
  });

  test('a retried Create after success sends no second SetActive and returns the same result', async () => {
    ses.on(DescribeActiveReceiptRuleSetCommand)
      .resolvesOnce({})
      .resolves({ Metadata: { Name: OURS } });
    const first = await onEvent(event('Create'), client);
    const retry = await onEvent(event('Create'), client);
    expect(retry.PhysicalResourceId).toBe(first.PhysicalResourceId);
    expect(ses.commandCalls(DescribeActiveReceiptRuleSetCommand)).toHaveLength(2);
    expect(setActiveInputs()).toEqual([{ RuleSetName: OURS }]);
  });

  test('no RuleSetName: refuses rather than send SetActive without a name (which deactivates every set)', async () => {
    activeSet(undefined);
    await expect(onEvent(event('Create', { ...PROPS, RuleSetName: '' }), client)).rejects.toThrow(new Error("The receipt rule set activation has no RuleSetName (got '')"));
    expect(setActiveInputs()).toEqual([]);
  });
});

describe('Update', () => {
  const A: ActivationProperties = { RuleSetName: 'set-a', ReplaceActive: 'false' };
  const B: ActivationProperties = { RuleSetName: 'set-b', ReplaceActive: 'false' };
  const update = event('Update', B, { PhysicalResourceId: 'active-receipt-rule-set:set-a', OldResourceProperties: A });

  test('from set A (active, ours before) to set B: activates B under a new physical id; the old resource\'s Delete then changes nothing', async () => {
    activeSet('set-a');
    expect(await onEvent(update, client)).toEqual({
      PhysicalResourceId: 'active-receipt-rule-set:set-b',
      Data: { PreviouslyActive: 'set-a' },
    });
    expect(setActiveInputs()).toEqual([{ RuleSetName: 'set-b' }]);

    // CloudFormation deletes the replaced resource with its old properties; B is active now.
    activeSet('set-b');
    const cleanup = event('Delete', A, { PhysicalResourceId: 'active-receipt-rule-set:set-a' });
    expect(await onEvent(cleanup, client)).toEqual({ PhysicalResourceId: 'active-receipt-rule-set:set-a' });
    expect(setActiveInputs()).toEqual([{ RuleSetName: 'set-b' }]);
  });

  test('from set A to set B while a third set is active: refuses', async () => {
    activeSet(OTHER);
    await expect(onEvent(update, client)).rejects.toThrow(new Error(
      `The receipt rule set '${OTHER}' is active in this account and region; activating 'set-b' would stop it receiving mail. `
      + `Add this domain's rule to it instead (ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', '${OTHER}'))), `
      + 'deactivate it first, or set replaceActive: true'));
    expect(setActiveInputs()).toEqual([]);
  });

  test('same set, still active: sends no SetActive', async () => {
    activeSet(OURS);
    const same = event('Update', { ...PROPS, ReplaceActive: 'true' }, { PhysicalResourceId: `active-receipt-rule-set:${OURS}`, OldResourceProperties: PROPS });
    expect(await onEvent(same, client)).toEqual({
      PhysicalResourceId: `active-receipt-rule-set:${OURS}`,
      Data: { PreviouslyActive: OURS },
    });
    expect(setActiveInputs()).toEqual([]);
  });
});

describe('Delete', () => {
  const del = event('Delete', PROPS, { PhysicalResourceId: `active-receipt-rule-set:${OURS}` });

  test('ours still active: deactivates (SetActive with no RuleSetName)', async () => {
    activeSet(OURS);
    expect(await onEvent(del, client)).toEqual({ PhysicalResourceId: `active-receipt-rule-set:${OURS}` });
    expect(setActiveInputs()).toEqual([{}]);
  });

  test('another set active: changes nothing', async () => {
    activeSet(OTHER);
    expect(await onEvent(del, client)).toEqual({ PhysicalResourceId: `active-receipt-rule-set:${OURS}` });
    expect(setActiveInputs()).toEqual([]);
  });

  test('no set active: changes nothing', async () => {
    activeSet(undefined);
    expect(await onEvent(del, client)).toEqual({ PhysicalResourceId: `active-receipt-rule-set:${OURS}` });
    expect(setActiveInputs()).toEqual([]);
  });
});

describe('SES errors', () => {
  test('DescribeActive rejecting (AccessDenied) fails the event with that message and sends nothing else', async () => {
    const denied = Object.assign(new Error('User: arn:aws:sts::111111111111:assumed-role/x/y is not authorized to perform: ses:DescribeActiveReceiptRuleSet'), { name: 'AccessDenied' });
    ses.on(DescribeActiveReceiptRuleSetCommand).rejects(denied);
    await expect(onEvent(event('Create'), client)).rejects.toThrow(denied.message);
    expect(setActiveInputs()).toEqual([]);
  });

  test('SetActive rejecting (the set does not exist) fails the event with that message', async () => {
    activeSet(undefined);
    ses.on(SetActiveReceiptRuleSetCommand).rejects(Object.assign(new Error(`Rule set does not exist: ${OURS}`), { name: 'RuleSetDoesNotExist' }));
    await expect(onEvent(event('Create'), client)).rejects.toThrow(new Error(`Rule set does not exist: ${OURS}`));
  });
});

describe('logging', () => {
  test('one JSON line per event: request type, ours, previously active, action', async () => {
    activeSet(OTHER);
    await onEvent(event('Create', { ...PROPS, ReplaceActive: 'true' }), client);
    await expect(onEvent(event('Create'), client)).rejects.toThrow();
    expect(log.mock.calls.map((args) => JSON.parse(args[0]))).toEqual([
      { requestType: 'Create', ruleSet: OURS, previouslyActive: OTHER, action: 'activate' },
      { requestType: 'Create', ruleSet: OURS, previouslyActive: OTHER, action: 'refuse' },
    ]);
  });
});

describe('logging with no set active', () => {
  test('previously active is an empty string', async () => {
    activeSet(undefined);
    await onEvent(event('Delete'), client);
    expect(log.mock.calls.map((args) => JSON.parse(args[0]))).toEqual([{ requestType: 'Delete', ruleSet: OURS, previouslyActive: '', action: 'none' }]);
  });
});

describe('decide (pure)', () => {
  test('Delete with no RuleSetName and none active changes nothing; without a physical id it returns undefined', () => {
    expect(decide(event('Delete', { ...PROPS, RuleSetName: '' }), undefined)).toEqual({ action: 'none', result: { PhysicalResourceId: undefined } });
    expect(decide(event('Delete'), OURS)).toEqual({ action: 'deactivate', result: { PhysicalResourceId: undefined } });
  });

  test('Delete of an event without properties\' name and no set active changes nothing', () => {
    const props = {} as ActivationProperties;
    expect(decide(event('Delete', props, { PhysicalResourceId: 'x' }), undefined)).toEqual({ action: 'none', result: { PhysicalResourceId: 'x' } });
  });

  test('Update without OldResourceProperties refuses to replace another active set', () => {
    expect(decide(event('Update'), OTHER)).toEqual({ action: 'refuse', error: REFUSAL });
  });

  test('Create does not treat OldResourceProperties as ours (only Update does)', () => {
    expect(decide(event('Create', PROPS, { OldResourceProperties: { RuleSetName: OTHER } }), OTHER)).toEqual({ action: 'refuse', error: REFUSAL });
  });
});

describe('Lambda entry point', () => {
  test('handler creates one SES client and sends the commands through it', async () => {
    activeSet(undefined);
    expect(await handler(event('Create'))).toEqual({
      PhysicalResourceId: `active-receipt-rule-set:${OURS}`,
      Data: { PreviouslyActive: '' },
    });
    activeSet(OURS);
    await handler(event('Create'));
    const clients = new Set(ses.calls().map((call) => call.thisValue));
    expect(clients.size).toBe(1);
    expect(clients.has(client)).toBe(false);
    expect(setActiveInputs()).toEqual([{ RuleSetName: OURS }]);
  });
});
