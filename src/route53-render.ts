import { RemovalPolicy } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { markPurpose } from './app-checks';
import { RecordEntry } from './context';
import { renderRoute53Values } from './records';

/**
 * Renders the records as Route53 record sets in the zone, one `AWS::Route53::RecordSet` each, under
 * the entry's id. Each is marked with its purpose for the app-wide collision messages.
 */
export function renderRecordSets(
  scope: Construct, zone: route53.IHostedZone, entries: RecordEntry[], removalPolicy: RemovalPolicy | undefined,
): route53.CfnRecordSet[] {
  return entries.map(({ id, record }) => {
    const set = new route53.CfnRecordSet(scope, id, {
      hostedZoneId: zone.hostedZoneId,
      name: record.name,
      type: record.type,
      resourceRecords: renderRoute53Values(record),
      ttl: String(record.ttl),
    });
    markPurpose(set, record.purpose);
    if (removalPolicy !== undefined) set.applyRemovalPolicy(removalPolicy);
    return set;
  });
}
