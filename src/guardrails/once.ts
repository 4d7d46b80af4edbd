import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { environmentOf } from '../app-keys';

// Resources SES holds once per account and region (or once per name in it), asked for by any number of
// domains: the first ask of an environment (in construction order) that can make the resource makes it,
// later asks only record theirs, and the app-wide check compares every ask with what was made (or, when
// nothing is made, with the first ask), so that no domain's settings are dropped silently.
//
// Used by the account's reputation alarms (alarms.ts), VDM attributes (vdm.ts), tenants (tenant.ts) and
// contact list (contact-list.ts). The state lives on the app's root construct (tree state, not module
// state): one registry per app, so each ask is a map lookup, not a walk of the whole tree.

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
  /** The construct a disagreement of this ask is reported on. */
  readonly subject: IConstruct;
  /** What the kind's own `agree` compares besides the settings (e.g. the contact list's name). */
  readonly detail?: unknown;
}

/** What a module asks for: the environment is that of the scope that asks. */
export type OnceRequest = Omit<OnceAsk, 'env' | 'subject'> & { readonly subject?: IConstruct };

/** The resource of an ask: the construct made for it and the ask it was made for. */
export interface Once<T extends IConstruct = IConstruct> {
  readonly construct: T;
  readonly made: OnceAsk;
  /** Whether this ask made it. */
  readonly first: boolean;
}

interface Registry {
  /** By kind, name and environment: the construct made and its ask. */
  readonly made: Map<string, { construct: IConstruct; made: OnceAsk }>;
  /** By kind, name and environment: the first ask. */
  readonly firsts: Map<string, OnceAsk>;
  /** Every ask, in the order they were made. */
  readonly asks: OnceAsk[];
}

const REGISTRY = Symbol.for('cdk-verified-mail-domain.once');

function registryOf(scope: IConstruct): Registry {
  const root = scope.node.root as any;
  root[REGISTRY] ??= { made: new Map(), firsts: new Map(), asks: [] };
  return root[REGISTRY];
}

function slotOf(ask: OnceAsk): string {
  return JSON.stringify([ask.kind, ask.name, ask.env.key]);
}

/**
 * Records the ask of `scope` (its environment is the ask's) and returns the resource of its kind, name
 * and environment: the one made for an earlier ask, else the one `make` makes now. Without `make` (an
 * ask for something that exists outside the app) nothing is made, and the result is the earlier one, if any.
 */
export function requestOnce<T extends IConstruct>(scope: IConstruct, request: OnceRequest, make: () => T): Once<T>;
export function requestOnce(scope: IConstruct, request: OnceRequest): Once | undefined;
export function requestOnce(scope: IConstruct, request: OnceRequest, make?: () => IConstruct): Once | undefined {
  const ask: OnceAsk = { ...request, env: environmentOf(Stack.of(scope)), subject: request.subject ?? scope };
  const registry = registryOf(scope);
  registry.asks.push(ask);
  const slot = slotOf(ask);
  if (!registry.firsts.has(slot)) registry.firsts.set(slot, ask);
  const existing = registry.made.get(slot);
  if (existing) return { ...existing, first: false };
  if (!make) return undefined;
  const made = { construct: make(), made: ask };
  registry.made.set(slot, made);
  return { ...made, first: true };
}

/** An ask that differs from what was made for its resource (or from the first ask, when none was made). */
export interface OnceDisagreement {
  readonly made: OnceAsk;
  readonly asked: OnceAsk;
}

/**
 * Every ask of `kind` in the app of `scope` that disagrees with what its resource was made with (or,
 * when nothing was made, with the first ask of its resource). Asks of the same domain never disagree;
 * `agree` says when two settings are the same (by default, the same text).
 */
export function onceDisagreements(
  scope: IConstruct, kind: string, agree: (made: OnceAsk, asked: OnceAsk) => boolean = (m, a) => m.settings === a.settings,
): OnceDisagreement[] {
  const registry = registryOf(scope);
  const found: OnceDisagreement[] = [];
  for (const asked of registry.asks) {
    if (asked.kind !== kind) continue;
    const slot = slotOf(asked);
    const made = registry.made.get(slot)?.made ?? registry.firsts.get(slot)!;
    if (made.owner !== asked.owner && !agree(made, asked)) found.push({ made, asked });
  }
  return found;
}

/** The constructs made for the asks of `kind` in the app of `scope`, with what they were made for. */
export function madeOnce(scope: IConstruct, kind: string): Array<{ construct: IConstruct; made: OnceAsk }> {
  return [...registryOf(scope).made.values()].filter(({ made }) => made.kind === kind);
}
