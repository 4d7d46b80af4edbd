import { IConstruct } from 'constructs';
import { RecordEntry } from './context';
import { DeliverabilityMetadata } from './guardrails/model';
import { RecordKind } from './record-model';

// What the construct writes into the cloud assembly for `cdk-verified-mail-domain check`: one metadata
// entry per domain on the construct's node (cdk.out/manifest.json, under the stack's artifact, keyed by
// the construct path). Tokens in it are resolved to CloudFormation expressions at synth; the check
// takes the Easy DKIM names and values, known only after deploy, from the record outputs.

/** The metadata type; the check reads entries of this type only. */
export const DOMAIN_METADATA_TYPE = 'cdk-verified-mail-domain:domain';

/** One record as the check expects it. A deploy-time name or value is a CloudFormation expression. */
export interface MetadataRecord {
  readonly kind: RecordKind;
  readonly name: unknown;
  readonly type: string;
  readonly values: unknown[];
  readonly ttl: number;
  readonly purpose: string;
}

/**
 * The contact list a domain's guardrails give it for one-click unsubscribe (`Deliverability.guard`'s
 * `contactList`): SES adds the List-Unsubscribe headers to mail sent with it in `ListManagementOptions`.
 */
export interface MetadataContactList {
  /** The list's name (a CloudFormation expression when it is a token). */
  readonly name: unknown;
  /** The names of the topics the app creates; empty for an existing list, whose topics the app does not know. */
  readonly topics: string[];
  /** True for the account's own list (`ContactList.fromContactListName`), which the app does not create. */
  readonly existing: boolean;
}

/** A domain as the check sees it. */
export interface DomainMetadata {
  /** Format version of this entry. */
  readonly version: 1;
  readonly domain: string;
  readonly mailFromDomain?: string;
  readonly region: string;
  /** The hosted zone's name, when the construct writes the records into Route53. */
  readonly hostedZone?: string;
  /** The logical id of the output that holds the domain's records after deploy, if any. */
  readonly output?: string;
  /** The domain's contact list for one-click unsubscribe, when its guardrails have one. */
  readonly contactList?: MetadataContactList;
  readonly records: MetadataRecord[];
  /** The deliverability guardrails, when the domain has them. */
  readonly deliverability?: DeliverabilityMetadata;
}

/** Writes a domain's metadata entry on the construct's node. */
export function writeDomainMetadata(scope: IConstruct, data: Omit<DomainMetadata, 'version' | 'records'>, entries: RecordEntry[]): void {
  const records: MetadataRecord[] = entries.map(({ kind, record }) => ({
    kind, name: record.name, type: record.type, values: record.values, ttl: record.ttl, purpose: record.purpose,
  }));
  const entry: DomainMetadata = { version: 1, ...data, records };
  scope.node.addMetadata(DOMAIN_METADATA_TYPE, entry);
}
