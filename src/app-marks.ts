import { IConstruct } from 'constructs';

// What the app-wide checks read from the construct tree besides the L1s themselves: marks the
// VerifiedMailDomain puts on its own resources (what each record set is for) and on itself (the
// domain it serves). Symbols on the constructs, not module state.

const PURPOSE = Symbol.for('cdk-verified-mail-domain.purpose');
const KIND = Symbol.for('cdk-verified-mail-domain.recordKind');
const DOMAIN = Symbol.for('cdk-verified-mail-domain.domain');

/** What a VerifiedMailDomain tells the app-wide checks about itself. */
export interface DomainMark {
  /** The identity's domain, without trailing dot (may be a token). */
  readonly domainName: string;
  /** The custom MAIL FROM domain, when one is used. */
  readonly mailFromDomain?: string;
  /** The `mailFromSubdomain` prop as given, or undefined when the default label is used. */
  readonly mailFromSubdomain?: string;
  /** The label used when `mailFromSubdomain` is not given (`bounce`, or `<primary label>-<region>`). */
  readonly defaultMailFromLabel: string;
  /** The hosted zone's name without trailing dot, when the construct has a zone with a known name. */
  readonly zoneName?: string;
  /** The construct of the primary region, when this one serves another region. */
  readonly primary?: IConstruct;
}

/**
 * Marks a CloudFormation resource or output made by a VerifiedMailDomain with what it is for: one
 * purpose, or one per record set of a record-set group, and what kind of record each is.
 */
export function markPurpose(construct: IConstruct, purpose: string | string[], kinds?: string[]): void {
  (construct as any)[PURPOSE] = Array.isArray(purpose) ? purpose : [purpose];
  if (kinds) (construct as any)[KIND] = kinds;
}

/** What the construct's resource (or its `index`th record set) is for; undefined for the user's. */
export function purposeOf(construct: IConstruct, index = 0): string | undefined {
  return (construct as any)[PURPOSE]?.[index];
}

/** True for a resource or output the construct made. */
export function isOurs(construct: IConstruct): boolean {
  return (construct as any)[PURPOSE] !== undefined;
}

/** The record kind (record-model.ts RecordKind) of the construct's resource or its `index`th record set. */
export function kindOf(construct: IConstruct, index = 0): string | undefined {
  return (construct as any)[KIND]?.[index];
}

export function markDomain(construct: IConstruct, mark: DomainMark): void {
  (construct as any)[DOMAIN] = mark;
}

export function domainMarkOf(construct: IConstruct): DomainMark | undefined {
  return (construct as any)[DOMAIN];
}

/** The VerifiedMailDomain a construct belongs to: the nearest marked scope, itself included. */
export function domainOf(construct: IConstruct): IConstruct | undefined {
  return construct.node.scopes.slice().reverse().find((s) => domainMarkOf(s) !== undefined);
}
