import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct, IDependable } from 'constructs';
import { fqdn, RecordKind } from './record-model';
import { MailDnsRecord } from './records';

// RecordKind lives in record-model.ts (shared with the command); the value classes import it from here with the rest.
export { RecordKind } from './record-model';

/** A record together with the construct id it is rendered under and the props that make it. */
export interface RecordEntry {
  readonly id: string;
  readonly kind: RecordKind;
  readonly record: MailDnsRecord;
  /** The prop (or props) that make the record's name, for limit messages. */
  readonly nameFrom: string;
  /** The prop that makes the record's values, for limit messages; one per value where they differ. */
  readonly valuesFrom: string | string[];
}

/** What a record is and the props that make its name and values. */
export interface RecordSources {
  readonly kind: RecordKind;
  readonly name: string;
  readonly values: string | string[];
}

/**
 * What a value class needs to compute its records. Internal: not part of the public API.
 */
export interface RecordContext {
  /** The VerifiedMailDomain, for annotations. */
  readonly scope: Construct;
  /** The identity's domain, normalized, without trailing dot (may be a token). */
  readonly domainName: string;
  /** The custom MAIL FROM domain, when one is used. */
  readonly mailFromDomain?: string;
  /** The stack's region (may be a token). */
  readonly region: string;
  /** The hosted zone's name without trailing dot, when a zone with a known name is given. */
  readonly zoneName?: string;
  /** TTL of every record, in seconds. */
  readonly ttl: number;
  /** The SES identity (its DKIM attributes feed the Easy DKIM records). */
  readonly identity: ses.EmailIdentity;
}

/** Builds a record entry whose name is `name` with a trailing dot (tokens are left as they are). */
export function entry(
  ctx: RecordContext,
  id: string,
  name: string,
  type: route53.RecordType,
  values: string[],
  purpose: string,
  sources: RecordSources,
): RecordEntry {
  const record: MailDnsRecord = { name: fqdn(name), type, values, ttl: ctx.ttl, purpose };
  return { id, kind: sources.kind, record, nameFrom: sources.name, valuesFrom: sources.values };
}

/** What the waiter checks, from the VerifiedMailDomain. Internal: not part of the public API. */
export interface WaiterTarget {
  readonly identityName: string;
  readonly identityArn: string;
  readonly mailFromDomain?: string;
  readonly dkimRecords: string[];
  readonly mailFromRecords: string[];
  /** False when the records go to another DNS provider (no hosted zone): the wait then warns. */
  readonly inHostedZone: boolean;
  /** The identity and every record set: the wait starts after all of them exist. */
  readonly dependsOn: IDependable[];
}
