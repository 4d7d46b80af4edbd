import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { templateRecordSets } from './template-records';

/** A stack in eu-west-1 with the public zone example.org. */
export function zoneStack(zoneName = 'example.org', region = 'eu-west-1'): { stack: Stack; zone: route53.PublicHostedZone } {
  const app = new App();
  const stack = new Stack(app, 'Test', { env: { account: '123456789012', region } });
  const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName });
  return { stack, zone };
}

/** One Route53 record set as the template holds it. */
export interface RecordSetProps {
  readonly Name: unknown;
  readonly Type: string;
  readonly ResourceRecords: unknown[];
  readonly TTL: string;
}

/**
 * Every Route53 record set of the stack, keyed by logical id: a record set resource under its own id,
 * each record set of a record-set group as `<group id>[<index>]`. TTLs and zones are those of the set.
 */
export function recordSets(stack: Stack): Record<string, RecordSetProps> {
  return Object.fromEntries(templateRecordSets(Template.fromStack(stack).toJSON())
    .map((s) => [s.key, { Name: s.Name, Type: s.Type, ResourceRecords: s.ResourceRecords, TTL: s.TTL! }]));
}

/** The record sets with a literal name, as `NAME TYPE` -> values. */
export function literalRecords(stack: Stack): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const r of Object.values(recordSets(stack))) {
    if (typeof r.Name === 'string') out[`${r.Name} ${r.Type}`] = r.ResourceRecords;
  }
  return out;
}

/** The message the app's synthesis fails with, '' when it succeeds. */
export function synthError(app: App): string {
  try {
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

/** The text CDK fails synthesis with for validation errors of the construct at `path` ('' for the app root). */
export function validationFailure(messages: string[], path = ''): string {
  return ['Validation failed with the following errors:', ...messages.map((m) => `  [${path}] ${m}`)].join('\n');
}

/** The text CDK fails synthesis with, one `[path, message]` per error, in the order CDK reports them. */
export function failures(lines: Array<[string, string]>): string {
  return ['Validation failed with the following errors:', ...lines.map(([path, m]) => `  [${path}] ${m}`)].join('\n');
}

export function setTwice(type: string, name: string, zone: string, second: string, first: string): string {
  return `${type} record set ${name} would be created twice in ${zone}: by ${second} and by ${first}. `
    + 'Route53 holds one set per name and type; change the domain names or options so they differ';
}
