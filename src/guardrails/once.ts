import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { environmentOf } from '../app-keys';

// Resources SES holds once per account and region (or once per name in it), asked for by any number of
// domains: the first ask of an environment (in construction order) makes the resource, later asks only
// record theirs, and the app-wide check compares every ask with what was made, so that no domain's
// settings are dropped silently. State lives on the constructs (tree state, not module state).
//
// Used by the account's VDM attributes (vdm.ts) and the tenants (tenant.ts). The account alarms
// (alarms.ts) follow the same pattern with their own marks.

/** One ask for a resource of `kind` (and `name`) in an environment. */
export interface OnceAsk {
  /** What is asked for, e.g. 'vdm' or 'tenant'. */
  readonly kind: string;
  /** The name within its kind and environment ('' when there is one per environment). */
  readonly name: string;
  readonly env: { readonly key: string; readonly label: string };
  /** The path of the domain that asks. */
  readonly owner: string;
  /** The settings asked for, as messages name them and as two asks are compared. */
  readonly settings: string;
}

/** What was made for the first ask, kept on the construct made. */
const MADE = Symbol.for('cdk-verified-mail-domain.madeOnce');
/** The asks of a domain, kept on the domain. */
const ASKS = Symbol.for('cdk-verified-mail-domain.asksOnce');

function sameResource(a: OnceAsk, b: OnceAsk): boolean {
  return a.kind === b.kind && a.name === b.name && a.env.key === b.env.key;
}

/**
 * Records the ask of `domain` and returns the construct made for the first ask of its kind, name and
 * environment, which `make` makes when this is the first.
 */
export function requestOnce<T extends IConstruct>(domain: IConstruct, ask: Omit<OnceAsk, 'env'>, make: () => T): { construct: IConstruct; first: boolean; made: OnceAsk } {
  const request: OnceAsk = { ...ask, env: environmentOf(Stack.of(domain)) };
  (domain as any)[ASKS] = [...(domain as any)[ASKS] ?? [], request];
  const existing = domain.node.root.node.findAll().find((c) => (c as any)[MADE] && sameResource((c as any)[MADE], request));
  if (existing) return { construct: existing, first: false, made: (existing as any)[MADE] };
  const construct = make();
  (construct as any)[MADE] = request;
  return { construct, first: true, made: request };
}

/** An ask that differs from what was made for its resource, with the domain that asked. */
export interface OnceDisagreement {
  readonly made: OnceAsk;
  readonly asked: OnceAsk;
  readonly domain: IConstruct;
}

/** Every ask of `kind` in the app whose settings differ from those the resource was made with. */
export function onceDisagreements(constructs: IConstruct[], kind: string): OnceDisagreement[] {
  const made: OnceAsk[] = constructs.map((c) => (c as any)[MADE] as OnceAsk | undefined).filter((m): m is OnceAsk => m?.kind === kind);
  const found: OnceDisagreement[] = [];
  for (const domain of constructs) {
    for (const asked of ((domain as any)[ASKS] ?? []) as OnceAsk[]) {
      // `made` holds only this kind, and sameResource compares the kind: asks of other kinds match none.
      const first = made.find((m) => sameResource(m, asked));
      if (first && first.owner !== asked.owner && first.settings !== asked.settings) found.push({ made: first, asked, domain });
    }
  }
  return found;
}

/** The constructs made for the first asks of `kind`, with what they were made for. */
export function madeOnce(constructs: IConstruct[], kind: string): Array<{ construct: IConstruct; made: OnceAsk }> {
  return constructs.filter((c) => (c as any)[MADE]?.kind === kind).map((c) => ({ construct: c, made: (c as any)[MADE] }));
}
