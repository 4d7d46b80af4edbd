import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { VerifiedMailDomain, VerifiedMailDomainProps } from '../../src';

// Fixtures of the guardrail tests.

export const ENV = { account: '123456789012', region: 'eu-west-1' };

/** A stack of a new app in `env` (null: environment-agnostic), with an imported zone example.org. */
export function guardStack(id = 'Test', app = new App(), env: { account: string; region: string } | null = ENV): { app: App; stack: Stack } {
  const stack = new Stack(app, id, { env: env ?? undefined });
  route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
  return { app, stack };
}

/** A domain `<id in lower case>.example.org` in the stack's zone. */
export function domain(stack: Stack, id: string, props: VerifiedMailDomainProps = {}): VerifiedMailDomain {
  const zone = stack.node.findChild('Zone') as route53.IHostedZone;
  return new VerifiedMailDomain(stack, id, { hostedZone: zone, domainName: `${id.toLowerCase()}.example.org`, ...props });
}

/** The logical id of a construct's CloudFormation resource. */
export function logicalId(construct: Construct): string {
  const child = construct.node.defaultChild ?? construct;
  return Stack.of(construct).getLogicalId(child as any);
}

/** `arn:<partition>:<rest>` as formatArn renders it, `rest` given as Fn::Join parts. */
export function arn(...rest: unknown[]): object {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ...rest]] };
}

/** The resources of one type, as a list of their properties. */
export function propertiesOf(stack: Stack, type: string): any[] {
  return Object.values(Template.fromStack(stack).findResources(type)).map((r) => r.Properties);
}

/** The warnings with the given id (`cdk-verified-mail-domain:<id>`) of the stack, as text. */
export function warningsOf(stack: Stack, id: string): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(`cdk-verified-mail-domain:${id}`))
    .map((w) => String(w.entry.data).replace(/ \[ack: .*\]$/, ''));
}

/** The alarm CloudFormation properties the guard writes, for one metric and (optionally) one configuration set. */
export function alarm(metric: 'BounceRate' | 'ComplaintRate', threshold: number, topic: object, set?: object): object {
  return {
    Namespace: 'AWS/SES',
    MetricName: `Reputation.${metric}`,
    Statistic: 'Maximum',
    Period: 3600,
    EvaluationPeriods: 1,
    DatapointsToAlarm: 1,
    Threshold: threshold,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'ignore',
    AlarmActions: [topic],
    ...(set ? { Dimensions: [{ Name: 'ses:configuration-set', Value: set }] } : {}),
  };
}
