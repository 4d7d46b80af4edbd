import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, IConstruct } from 'constructs';

// What the construct's custom-resource providers (the verification waiter, the receipt rule set
// activator) do for compliance checkers, without a dependency on any of them: they turn on what can be
// turned on, and acknowledge the rest, each with a reason, for cdk-nag 2 (metadata `cdk_nag` on the
// CloudFormation resource) and for cdk-nag 3 and other policy-validation plugins (aws-cdk-lib's
// `Validations.of(scope).acknowledge`, present from 2.257). Only findings on the providers' own
// resources are acknowledged.

const IAM4_REASON = 'AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch logs; aws-cdk-lib attaches it to every Lambda role, including the provider framework\'s';
const IAM5_REASON = 'The provider framework (aws-cdk-lib custom_resources.Provider) grants lambda:InvokeFunction on the handler and its versions (<arn>:*); it invokes nothing else';
const SF2_REASON = 'The waiter state machine has one task that calls the isComplete Lambda until SES reports the domain verified; X-Ray tracing would add xray:* on every resource to its role and show nothing the Lambda logs do not';
const LOG_DELIVERY_REASON = 'CloudWatch Logs log delivery actions (logs:CreateLogDelivery and the others aws-cdk-lib grants the state machine role for its logging) support no resource-level permissions, so they are granted on *';
const VPC_REASON = 'The waiter\'s functions call only the SES API (GetEmailIdentity) and the provider framework; a VPC would add NAT or endpoints and protect nothing';
const LOG_KEY_REASON = 'The provider\'s logs hold only its own progress (state transitions without execution data, the domain or rule set it waits on or activates; no mail); a customer managed KMS key would add a key and its cost for nothing secret';
const BASIC_EXECUTION_ROLE = 'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

/**
 * Runs every Lambda of a provider on its handlers' runtime: aws-cdk-lib picks the framework's own, and
 * older releases pick one Lambda no longer creates (nodejs18.x in 2.93). Also a finding of every pack.
 */
export function useHandlerRuntime(scope: IConstruct, runtime: lambda.Runtime): void {
  for (const child of scope.node.findAll()) {
    if (child instanceof lambda.CfnFunction) child.runtime = runtime.name;
  }
}

/**
 * Turns on and acknowledges what the checkers report on a provider of the construct (the verification
 * waiter, the rule-set activator), after it is built. `wildcardReason`: why a policy in it grants on
 * `*` (actions with no resource-level permissions), when one does.
 */
export function applyCompliance(scope: Construct, wildcardReason?: string): void {
  const stack = cdk.Stack.of(scope);
  for (const group of logGroupsOf(scope)) {
    // The log groups newer aws-cdk-lib makes: the state machine's, and each function's under
    // `@aws-cdk/aws-lambda:useCdkManagedLogGroup` (which `cdk init` sets). Kept a year (cfn-guard
    // CT.CLOUDWATCH.PR.2 asks for at least 365 days), not forever, and deleted with the stack
    // (aws-cdk-lib retains them by default), so that `cdk destroy` leaves none of the provider behind.
    group.addPropertyOverride('RetentionInDays', 365);
    group.applyRemovalPolicy(cdk.RemovalPolicy.DESTROY);
    acknowledge(group.node.scope!, [{ id: 'cdk-validator-cfnguard::cloudwatch_log_group_encrypted_check', reason: LOG_KEY_REASON }]);
  }
  const invoked = invokedWithVersions(scope, stack);
  for (const child of scope.node.findAll()) {
    if (child instanceof iam.CfnRole) {
      nag2(child, [{ id: 'AwsSolutions-IAM4', reason: IAM4_REASON, applies_to: [BASIC_EXECUTION_ROLE] }]);
    } else if (child instanceof iam.CfnPolicy) {
      nag2(child, [{ id: 'AwsSolutions-IAM5', reason: IAM5_REASON, applies_to: [{ regex: '/^Resource::<.*\\.Arn>:\\*$/' }] }]);
      if (wildcardReason) nag2(child, [{ id: 'AwsSolutions-IAM5', reason: wildcardReason, applies_to: ['Resource::*'] }]);
    }
  }
  if (wildcardReason) acknowledge(scope, [{ id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]', reason: wildcardReason }]);
  acknowledge(scope, [
    { id: `AwsSolutions::AwsSolutions-IAM4[${BASIC_EXECUTION_ROLE}]`, reason: IAM4_REASON },
    ...invoked.map((logicalId) => ({ id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`, reason: IAM5_REASON })),
  ]);
  // Newer aws-cdk-lib's waiter state machine, with its role: no tracing, and log delivery granted on *.
  for (const machine of scope.node.findAll().filter((c): c is sfn.CfnStateMachine => c instanceof sfn.CfnStateMachine)) {
    const waiter = machine.node.scope!;
    nag2(machine, [{ id: 'AwsSolutions-SF2', reason: SF2_REASON }]);
    for (const policy of waiter.node.findAll().filter((c): c is iam.CfnPolicy => c instanceof iam.CfnPolicy)) {
      nag2(policy, [{ id: 'AwsSolutions-IAM5', reason: LOG_DELIVERY_REASON, applies_to: ['Resource::*'] }]);
    }
    acknowledge(waiter, [
      { id: 'AwsSolutions::AwsSolutions-SF2', reason: SF2_REASON },
      { id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]', reason: LOG_DELIVERY_REASON },
      // cfn-guard (@cdklabs/cdk-validator-cfnguard), Control Tower proactive controls.
      { id: 'cdk-validator-cfnguard::step_functions_state_machine_tracing_enabled_check', reason: SF2_REASON },
    ]);
  }
  acknowledge(scope, [{ id: 'cdk-validator-cfnguard::lambda_inside_vpc_check', reason: VPC_REASON }]);
}

/**
 * The log groups of a provider (applyCompliance deletes them with the stack): its custom resources depend
 * on them, so that on delete the handlers' last run writes to log groups CloudFormation has not deleted
 * yet (Lambda would make them again, outside the stack and with no expiry).
 */
export function logGroupsOf(scope: IConstruct): cdk.CfnResource[] {
  return scope.node.findAll().filter((c): c is cdk.CfnResource => cdk.CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::Logs::LogGroup');
}

/** cdk-nag 2 reads suppressions from the resource's metadata. */
export function nag2(resource: cdk.CfnResource, rules: object[]): void {
  const existing = (resource.getMetadata('cdk_nag') as { rules_to_suppress?: object[] } | undefined)?.rules_to_suppress ?? [];
  resource.addMetadata('cdk_nag', { rules_to_suppress: [...existing, ...rules] });
}

/** aws-cdk-lib's Validations (2.257 and later), used through feature detection so that older releases still work. */
export function acknowledge(scope: IConstruct, rules: Array<{ id: string; reason: string }>): void {
  const validations = (cdk as any).Validations;
  if (typeof validations?.of !== 'function') return;
  validations.of(scope).acknowledge(...rules);
}

/**
 * The logical ids of the waiter's functions that a policy in it may invoke with their versions
 * (`<arn>:*`): the findings cdk-nag 3 reports one by one as `Resource::<LogicalId.Arn>:*`.
 */
function invokedWithVersions(scope: IConstruct, stack: cdk.Stack): string[] {
  const functions = scope.node.findAll().filter((c): c is lambda.Function => c instanceof lambda.Function);
  const text = scope.node.findAll().filter((c): c is iam.Policy => c instanceof iam.Policy)
    .map((p) => JSON.stringify(stack.resolve(p.document))).join('\n');
  return functions
    .map((fn) => stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction))
    .filter((id) => text.includes(`{"Fn::GetAtt":["${id}","Arn"]},":*"`));
}
