import * as cdk from 'aws-cdk-lib';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { applyCompliance, logGroupsOf, useHandlerRuntime } from '../src/provider-compliance';

// The providers' compliance on its own: a custom-resource provider built here (an inline handler and
// aws-cdk-lib's provider framework), with a log group of its own, given what provider-compliance does.

const IAM4 = {
  id: 'AwsSolutions-IAM4',
  reason: 'AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch logs; aws-cdk-lib attaches it to every Lambda role, including the provider framework\'s',
  applies_to: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
};
const IAM5 = {
  id: 'AwsSolutions-IAM5',
  reason: 'The provider framework (aws-cdk-lib custom_resources.Provider) grants lambda:InvokeFunction on the handler and its versions (<arn>:*); it invokes nothing else',
  applies_to: [{ regex: '/^Resource::<.*\\.Arn>:\\*$/' }],
};

/** The newest aws-cdk-lib line (projenrc/newest.json), told by an API the peer floor lacks. */
const NEWEST_LINE = 'Validations' in cdk;

/** Runtimes by name, so that the peer floor (aws-cdk-lib 2.93, without NODEJS_20_X) has them too. */
const NODE20 = new lambda.Runtime('nodejs20.x', lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true });
const NODE22 = new lambda.Runtime('nodejs22.x', lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true });

function provider() {
  const stack = new Stack(new App(), 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
  const holder = new Construct(stack, 'Activator');
  const onEvent = new lambda.Function(holder, 'OnEvent', { runtime: NODE20, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});') });
  new cr.Provider(holder, 'Provider', { onEventHandler: onEvent });
  const group = new logs.LogGroup(holder, 'Logs');
  const outside = new logs.LogGroup(stack, 'Outside');
  return { stack, holder, onEvent, group, outside };
}

const suppressions = (resource: { Metadata?: { cdk_nag?: { rules_to_suppress: unknown[] } } }) => resource.Metadata?.cdk_nag?.rules_to_suppress;

test('logGroupsOf finds the log groups under the scope and none outside it', () => {
  const { stack, holder, group, outside } = provider();
  const found = logGroupsOf(holder);
  expect(found).toContain(group.node.defaultChild);
  expect(found).not.toContain(outside.node.defaultChild);
  expect(found.every((g) => g.cfnResourceType === 'AWS::Logs::LogGroup')).toBe(true);
  expect(logGroupsOf(new Construct(stack, 'Empty'))).toEqual([]);
});

test('useHandlerRuntime gives every function of the provider the handler\'s runtime', () => {
  const { stack, holder } = provider();
  useHandlerRuntime(holder, NODE22);
  const runtimes = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')).map((f) => f.Properties.Runtime);
  expect(runtimes).toEqual(['nodejs22.x', 'nodejs22.x']);
});

test('the provider\'s log groups are kept a year and deleted with the stack; one outside is left as it is', () => {
  const { stack, holder, group, outside } = provider();
  applyCompliance(holder);
  const resources = Template.fromStack(stack).toJSON().Resources;
  const mine = resources[stack.getLogicalId(group.node.defaultChild as logs.CfnLogGroup)];
  expect([mine.Properties.RetentionInDays, mine.DeletionPolicy, mine.UpdateReplacePolicy]).toEqual([365, 'Delete', 'Delete']);
  const theirs = resources[stack.getLogicalId(outside.node.defaultChild as logs.CfnLogGroup)];
  expect([theirs.Properties.RetentionInDays, theirs.DeletionPolicy]).toEqual([731, 'Retain']);
});

test('every role of the provider suppresses IAM4 for the basic execution role, every policy IAM5 for <arn>:* only', () => {
  const { stack, holder } = provider();
  applyCompliance(holder);
  const template = Template.fromStack(stack);
  const roles = Object.values(template.findResources('AWS::IAM::Role'));
  expect(roles.map(suppressions)).toEqual([[IAM4], [IAM4]]);
  const policies = Object.values(template.findResources('AWS::IAM::Policy'));
  expect(policies.length).toBeGreaterThan(0);
  expect(policies.map(suppressions)).toEqual(policies.map(() => [IAM5]));
});

test('a wildcard reason adds an IAM5 suppression for Resource::* to every policy, with that reason', () => {
  const { stack, holder } = provider();
  applyCompliance(holder, 'ses:SetActiveReceiptRuleSet has no resource-level permissions');
  const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
  expect(policies.map(suppressions)).toEqual(policies.map(() => [
    IAM5, { id: 'AwsSolutions-IAM5', reason: 'ses:SetActiveReceiptRuleSet has no resource-level permissions', applies_to: ['Resource::*'] },
  ]));
});

test('nothing outside the scope is given a suppression', () => {
  const { stack, holder } = provider();
  const other = new lambda.Function(stack, 'Other', { runtime: NODE20, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});') });
  applyCompliance(holder, 'reason');
  const role = Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(other.role!.node.defaultChild as iam.CfnRole)];
  expect(suppressions(role)).toBeUndefined();
});

/** A provider with isComplete, as the verification waiter has, given what provider-compliance does. */
function waiterProvider() {
  const stack = new Stack(new App(), 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
  const holder = new Construct(stack, 'Waiter');
  const fn = (id: string) => new lambda.Function(holder, id, { runtime: NODE20, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});') });
  new cr.Provider(holder, 'Provider', { onEventHandler: fn('OnEvent'), isCompleteHandler: fn('IsComplete') });
  applyCompliance(holder);
  return { stack, holder };
}

// aws-cdk-lib 2.93's provider framework makes its waiter state machine as a plain CfnResource, so the
// branch runs on the newest line only (`npx projen test:newest`, and the mutation run of this module).
(NEWEST_LINE ? test : test.skip)('a provider with isComplete: its waiter state machine suppresses SF2 and every policy of the waiter IAM5 for log delivery on *', () => {
  const { stack, holder } = waiterProvider();
  const template = Template.fromStack(stack);
  const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  expect(machines.map(suppressions)).toEqual([[{
    id: 'AwsSolutions-SF2',
    reason: 'The waiter state machine has one task that calls the isComplete Lambda until SES reports the domain verified; X-Ray tracing would add xray:* on every resource to its role and show nothing the Lambda logs do not',
  }]]);
  const logDelivery = {
    id: 'AwsSolutions-IAM5',
    reason: 'CloudWatch Logs log delivery actions (logs:CreateLogDelivery and the others aws-cdk-lib grants the state machine role for its logging) support no resource-level permissions, so they are granted on *',
    applies_to: ['Resource::*'],
  };
  // The waiter's own policy (its role's, under the waiter construct) gets both IAM5 suppressions; the
  // functions' policies, outside the waiter, only the provider's.
  const waiterPolicies = holder.node.findChild('Provider').node.findChild('waiter-state-machine').node.findAll()
    .filter((c): c is iam.CfnPolicy => c instanceof iam.CfnPolicy).map((p) => stack.getLogicalId(p));
  expect(waiterPolicies).toHaveLength(1);
  const policies = template.findResources('AWS::IAM::Policy');
  for (const [id, policy] of Object.entries(policies)) {
    expect([id, suppressions(policy)]).toEqual([id, waiterPolicies.includes(id) ? [IAM5, logDelivery] : [IAM5]]);
  }
});

/** The acknowledgements aws-cdk-lib's Validations recorded on a construct (metadata aws:cdk:acknowledged-rules). */
const acknowledged = (c: Construct) => Object.assign({}, ...c.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').map((m) => m.data));
const VPC = 'The waiter\'s functions call only the SES API (GetEmailIdentity) and the provider framework; a VPC would add NAT or endpoints and protect nothing';
const LOG_KEY = 'The provider\'s logs hold only its own progress (state transitions without execution data, the domain or rule set it waits on or activates; no mail); '
  + 'a customer managed KMS key would add a key and its cost for nothing secret';

(NEWEST_LINE ? test : test.skip)('the acknowledgements for cdk-nag 3 and cfn-guard: on the provider, each invoked function, a wildcard, and each log group', () => {
  const { stack, holder, onEvent, group } = provider();
  applyCompliance(holder, 'ses:SetActiveReceiptRuleSet has no resource-level permissions');
  const invoked = stack.getLogicalId(onEvent.node.defaultChild as lambda.CfnFunction);
  expect(acknowledged(holder)).toEqual({
    'AwsSolutions::AwsSolutions-IAM5[Resource::*]': 'ses:SetActiveReceiptRuleSet has no resource-level permissions',
    [`AwsSolutions::${IAM4.id}[${IAM4.applies_to[0]}]`]: IAM4.reason,
    [`AwsSolutions::AwsSolutions-IAM5[Resource::<${invoked}.Arn>:*]`]: IAM5.reason,
    'cdk-validator-cfnguard::lambda_inside_vpc_check': VPC,
  });
  expect(acknowledged(group)).toEqual({ 'cdk-validator-cfnguard::cloudwatch_log_group_encrypted_check': LOG_KEY });
});

(NEWEST_LINE ? test : test.skip)('the waiter state machine\'s acknowledgements: SF2, log delivery on *, and cfn-guard\'s tracing check', () => {
  const { holder } = waiterProvider();
  const sf2 = 'The waiter state machine has one task that calls the isComplete Lambda until SES reports the domain verified; X-Ray tracing would add xray:* on every resource to its role and show nothing the Lambda logs do not';
  expect(acknowledged(holder.node.findChild('Provider').node.findChild('waiter-state-machine') as Construct)).toEqual({
    'AwsSolutions::AwsSolutions-SF2': sf2,
    'AwsSolutions::AwsSolutions-IAM5[Resource::*]': 'CloudWatch Logs log delivery actions (logs:CreateLogDelivery and the others aws-cdk-lib grants the state machine role for its logging) support no resource-level permissions, so they are granted on *',
    'cdk-validator-cfnguard::step_functions_state_machine_tracing_enabled_check': sf2,
  });
});

(NEWEST_LINE ? test : test.skip)('without a wildcard reason no Resource::* finding is acknowledged', () => {
  const { holder } = provider();
  applyCompliance(holder);
  expect(Object.keys(acknowledged(holder)).sort()).toEqual([
    `AwsSolutions::${IAM4.id}[${IAM4.applies_to[0]}]`,
    expect.stringMatching(/^AwsSolutions::AwsSolutions-IAM5\[Resource::<ActivatorOnEvent[0-9A-F]{8}\.Arn>:\*\]$/),
    'cdk-validator-cfnguard::lambda_inside_vpc_check',
  ]);
});
