import { RemovalPolicy, Token } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct, IDependable } from 'constructs';
import { markPurpose } from './app-marks';
import { RecordEntry } from './context';
import { ROUTE53_MAX_RECORDS_PER_CHANGE, ROUTE53_RECORD_SET_MAX, TXT_STRING_MAX } from './limits';
import { MailDnsRecord, renderRoute53Values } from './records';

/** How the construct's records become CloudFormation resources in the hosted zone. */
export enum RecordRendering {
  /**
   * One `AWS::Route53::RecordSetGroup` per domain: every record in one atomic Route53 change, two
   * resources per domain with the defaults (the identity and the group). A domain whose records are
   * too long for one change (more than 16,000 characters of values) gets more groups.
   */
  RECORD_SET_GROUP = 'RECORD_SET_GROUP',
  /**
   * One `AWS::Route53::RecordSet` per record, eight resources per domain with the defaults: the
   * rendering of releases before the record-set groups, for stacks deployed with it (see the README,
   * "Moving a deployed stack to record-set groups").
   */
  RECORD_SET_PER_RECORD = 'RECORD_SET_PER_RECORD',
}

/**
 * The largest share of one change request a group is given: half of Route53's 32,000 characters,
 * because a change that UPSERTs a record counts its characters twice, and half of its 1,000 records.
 */
const GROUP_MAX_CHARACTERS = ROUTE53_RECORD_SET_MAX / 2;
const GROUP_MAX_RECORDS = ROUTE53_MAX_RECORDS_PER_CHANGE / 2;

/** Renders the records into the zone as `rendering` says; returns the resources the records live in. */
export function renderRecords(
  scope: Construct, zone: route53.IHostedZone, entries: RecordEntry[], rendering: RecordRendering, removalPolicy: RemovalPolicy | undefined,
): IDependable[] {
  const resources = rendering === RecordRendering.RECORD_SET_PER_RECORD
    ? entries.map((e) => recordSet(scope, e.id, zone, e))
    : chunks(entries).map((group, i) => recordSetGroup(scope, i === 0 ? 'RecordSetGroup' : `RecordSetGroup${i + 1}`, zone, group));
  if (removalPolicy !== undefined) resources.forEach((r) => r.applyRemovalPolicy(removalPolicy));
  return resources;
}

function recordSet(scope: Construct, id: string, zone: route53.IHostedZone, e: RecordEntry): route53.CfnRecordSet {
  const set = new route53.CfnRecordSet(scope, id, { hostedZoneId: zone.hostedZoneId, ...recordSetProperty(e.record) });
  markPurpose(set, [e.record.purpose], [e.kind]);
  return set;
}

function recordSetGroup(scope: Construct, id: string, zone: route53.IHostedZone, entries: RecordEntry[]): route53.CfnRecordSetGroup {
  const group = new route53.CfnRecordSetGroup(scope, id, {
    hostedZoneId: zone.hostedZoneId,
    recordSets: entries.map((e) => recordSetProperty(e.record)),
  });
  markPurpose(group, entries.map((e) => e.record.purpose), entries.map((e) => e.kind));
  return group;
}

function recordSetProperty(record: MailDnsRecord): route53.CfnRecordSetGroup.RecordSetProperty {
  return { name: record.name, type: record.type, resourceRecords: renderRoute53Values(record), ttl: String(record.ttl) };
}

/** Splits the records, in order, into groups within the share of one change request. */
function chunks(entries: RecordEntry[]): RecordEntry[][] {
  const groups: RecordEntry[][] = [];
  let current: RecordEntry[] = [];
  let characters = 0;
  let values = 0;
  for (const e of entries) {
    const record = e.record;
    // A token (an Easy DKIM value, say) is counted as one 255-character string: its length is known only at deploy.
    const size = renderRoute53Values(record).reduce((n, v) => n + (Token.isUnresolved(v) ? TXT_STRING_MAX : v.length), 0);
    if (current.length > 0 && (characters + size > GROUP_MAX_CHARACTERS || values + record.values.length > GROUP_MAX_RECORDS)) {
      groups.push(current);
      current = [];
      characters = 0;
      values = 0;
    }
    current.push(e);
    characters += size;
    values += record.values.length;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
