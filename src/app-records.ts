import { Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { IConstruct } from 'constructs';
import { accountOf, expressionKey, referenceOf } from './app-keys';
import { domainMarkOf, domainOf, kindOf, purposeOf } from './app-marks';
import { fqdn, RecordKind } from './record-model';

// The app-wide record-set checks: every record set of the app, the construct's and the user's, keyed
// as Route53 keys them (zone, name, type, set identifier), so that a set made twice, or a CNAME beside
// another record, is found at synth instead of failing the deploy halfway.

/** One record set as Route53 keys it, with the construct that makes it. */
export interface RecordSetClaim {
  readonly zone: string;
  readonly zoneLabel: string;
  readonly name: string;
  readonly type: string;
  readonly setIdentifier: string;
  /** The construct path and, for ours, what the record set is for. */
  readonly owner: string;
  /** The L1 (record set or group) that makes it. */
  readonly construct: IConstruct;
  /** The VerifiedMailDomain that makes it; undefined for the user's. */
  readonly domain?: IConstruct;
  /** The record kind, for the construct's own. */
  readonly kind?: string;
  /** How the zone was matched by its name, for messages; undefined when addressed by id. */
  readonly matchedByName?: string;
}

/** A record set made twice, or a CNAME beside other records: the message and the claims involved. */
export interface Collision {
  readonly message: string;
  /** The construct the message is about: the second record set (or the CNAME's). */
  readonly subject: IConstruct;
  readonly claims: RecordSetClaim[];
  /** `TYPE name`, for a root cause that lists the collisions it explains. */
  readonly short: string;
}

/** A zone as the claims see it, before zones addressed by name are matched to zones addressed by id. */
interface ZoneSeen {
  key: string;
  label: string;
  /** The zone's name, lower case with trailing dot, where known. */
  name?: string;
  /** The zone's account (record sets are written in their stack's account). */
  account: { key: string; label: string };
  /** The `HostedZoneName` as given, for a zone addressed by name. */
  givenName?: string;
}

/** A claim before zones given by name are matched: its zone as seen, and the fields matching may change. */
interface RawClaim extends Omit<RecordSetClaim, 'zone' | 'zoneLabel' | 'matchedByName'> {
  zone: ZoneSeen;
}

/** What the claims of one record set or group share, computed once per construct. */
interface Source {
  readonly construct: IConstruct;
  readonly stack: Stack;
  readonly path: string;
  readonly domain?: IConstruct;
  readonly account: { key: string; label: string };
  /** The construct's hostedZone name, lower case with trailing dot, where known. */
  readonly ownZoneName?: string;
}

/** Every record set of the app's record sets and record-set groups. */
export function recordSetClaims(all: IConstruct[]): RecordSetClaim[] {
  const raw: RawClaim[] = [];
  const hostedZones: ZoneSeen[] = [];
  for (const c of all) {
    if (c instanceof route53.CfnRecordSet) {
      const source = sourceOf(c);
      raw.push(claimOf(source, 0, zoneSeen(source, c.hostedZoneId, c.hostedZoneName), c.name, c.type, c.setIdentifier));
    } else if (c instanceof route53.CfnRecordSetGroup) {
      const source = sourceOf(c);
      const stack = source.stack;
      const sets = Array.isArray(c.recordSets) ? c.recordSets : stack.resolve(c.recordSets);
      // L1 property objects (camelCase); an element may itself be a token.
      const list = (Array.isArray(sets) ? sets : []).map((r: unknown) => (Tokenization.isResolvable(r) ? stack.resolve(r) : r));
      let groupZone: ZoneSeen | undefined;
      list.forEach((set: any, i: number) => {
        const own = set.hostedZoneId !== undefined || set.hostedZoneName !== undefined;
        const zone = own ? zoneSeen(source, set.hostedZoneId, set.hostedZoneName) : groupZone ??= zoneSeen(source, c.hostedZoneId, c.hostedZoneName);
        raw.push(claimOf(source, i, zone, set.name, set.type, set.setIdentifier));
      });
    } else if (c instanceof route53.CfnHostedZone) {
      const stack = Stack.of(c);
      hostedZones.push({ ...refZone(stack, c.ref, c), account: accountOf(stack) });
    }
  }
  return matchZonesByName(raw, hostedZones);
}

function sourceOf(construct: IConstruct): Source {
  const stack = Stack.of(construct);
  const domain = purposeOf(construct) !== undefined ? domainOf(construct) : undefined;
  // The construct's zone name is known where its hostedZone has one (a zone imported by id has none).
  const zoneName = domain ? domainMarkOf(domain)!.zoneName : undefined;
  const ownZoneName = zoneName !== undefined && !Token.isUnresolved(zoneName) ? fqdn(zoneName.toLowerCase()) : undefined;
  return { construct, stack, path: construct.node.path, domain, account: accountOf(stack), ownZoneName };
}

function zoneSeen(source: Source, zoneId: unknown, zoneName: unknown): ZoneSeen {
  const zone: ZoneSeen = { ...zoneOf(source.stack, zoneId, zoneName), account: source.account };
  // A zone without a name of its own (by id, or a token name) is taken to be the construct's hostedZone.
  if (zone.name === undefined) zone.name = source.ownZoneName;
  return zone;
}

function claimOf(source: Source, index: number, zone: ZoneSeen, name: unknown, type: unknown, setIdentifier: unknown): RawClaim {
  const { construct, stack, domain } = source;
  const purpose = purposeOf(construct, index);
  return {
    zone,
    name: nameKey(stack, name),
    type: String(type).toUpperCase(),
    setIdentifier: setIdentifier === undefined ? '' : expressionKey(stack, setIdentifier),
    owner: purpose ? `${source.path} (${purpose})` : source.path,
    construct,
    domain,
    kind: domain ? kindOf(construct, index) : undefined,
  };
}

/**
 * A hosted zone as a comparable key: a literal id (without `/hostedzone/`), the zone construct a
 * reference points to (so the same zone is recognised across stacks), the resolved expression, or the
 * `HostedZoneName` (matched to a zone addressed by id later).
 */
function zoneOf(stack: Stack, zoneId: unknown, zoneName: unknown): Omit<ZoneSeen, 'account'> {
  if (zoneId === undefined || zoneId === null) {
    const literal = typeof zoneName === 'string' && !Token.isUnresolved(zoneName);
    const name = literal ? nameKey(stack, zoneName) : JSON.stringify(stack.resolve(zoneName));
    return { key: `name:${name}`, label: `hosted zone ${name}`, name: literal ? name : undefined, givenName: literal ? zoneName : undefined };
  }
  if (typeof zoneId === 'string' && !Token.isUnresolved(zoneId)) {
    const id = zoneId.replace(/^\/?hostedzone\//, '');
    return { key: `id:${id}`, label: `hosted zone ${id}` };
  }
  const target = referenceOf(zoneId)?.target;
  if (target) return refZone(stack, zoneId, target);
  const key = expressionKey(stack, zoneId);
  return { key: `expr:${key}`, label: `hosted zone ${key}` };
}

function refZone(stack: Stack, zoneId: unknown, target: IConstruct): Omit<ZoneSeen, 'account'> {
  const targetName = target instanceof route53.CfnHostedZone ? target.name : undefined;
  const known = targetName !== undefined && !Token.isUnresolved(targetName);
  const shown = known ? `${targetName.replace(/\.$/, '')} ` : '';
  return {
    key: `ref:${expressionKey(stack, zoneId)}`,
    label: `hosted zone ${shown}(${target.node.scope!.node.path})`,
    name: known ? fqdn(targetName.toLowerCase()) : undefined,
  };
}

/**
 * A record set given by `HostedZoneName` lands in the one zone of that name in its account:
 * CloudFormation refuses the stack when the account has no zone of that name or more than one
 * (AWS::Route53::RecordSet, HostedZoneName). So it is the zone the app addresses by id when that zone
 * has the name (known from a zone of the app, or the construct's hostedZone) and is the only zone of
 * that name the app knows in the account. Otherwise it is compared only with sets given by the same name.
 */
function matchZonesByName(raw: RawClaim[], hostedZones: ZoneSeen[]): RecordSetClaim[] {
  const nameOfId = new Map<string, string>();
  for (const { zone } of raw) if (zone.name && !zone.givenName) nameOfId.set(zone.key, zone.name);
  const byName = new Map<string, Map<string, ZoneSeen>>();
  for (const zone of [...hostedZones, ...raw.map((c) => c.zone)]) {
    const name = zone.givenName ? undefined : zone.name ?? nameOfId.get(zone.key);
    if (name === undefined) continue;
    const key = `${zone.account.key} ${name}`;
    byName.set(key, (byName.get(key) ?? new Map()).set(zone.key, zone));
  }
  return raw.map((claim) => {
    const zone = claim.zone;
    const candidates = zone.givenName ? [...byName.get(`${zone.account.key} ${zone.name}`)?.values() ?? []] : [];
    const done = claim as unknown as { zone: string; zoneLabel: string; matchedByName?: string };
    if (candidates.length !== 1) {
      done.zone = zone.key;
      done.zoneLabel = zone.label;
      return done as unknown as RecordSetClaim;
    }
    const [match] = candidates;
    done.zone = match.key;
    done.zoneLabel = match.label;
    done.matchedByName = `${claim.construct.node.path} gives its zone by name (HostedZoneName '${zone.givenName}'), taken as ${match.label}: `
      + `the only zone of that name the app has in ${zone.account.label}, and CloudFormation writes a set given by name to the one zone of that name in the account`;
    return done as unknown as RecordSetClaim;
  });
}

/** A record name as Route53 compares it: lower case with one trailing dot; an expression as resolved. */
export function nameKey(stack: Stack, name: unknown): string {
  if (typeof name === 'string' && !Token.isUnresolved(name)) {
    return fqdn(name.toLowerCase());
  }
  return expressionKey(stack, name);
}

/**
 * Route53 holds one record set per zone, name and type: CloudFormation fails the deploy halfway on a
 * second one. Record sets with routing policies share a name and type only with distinct set
 * identifiers, and never beside a plain record set. A CNAME must be the only record at its name
 * (RFC 1034 section 3.6.2; Route53 refuses the change).
 */
export function recordSetCollisions(claims: RecordSetClaim[]): Collision[] {
  const collisions: Collision[] = [];
  const bySet = new Map<string, RecordSetClaim[]>();
  const byName = new Map<string, RecordSetClaim[]>();
  for (const claim of claims) {
    const setKey = `${claim.zone} ${claim.name} ${claim.type}`;
    const earlier = bySet.get(setKey) ?? [];
    const previous = earlier.find((e) => e.setIdentifier === claim.setIdentifier || e.setIdentifier === '' || claim.setIdentifier === '');
    if (previous) {
      collisions.push({
        message: `${claim.type} record set ${claim.name} would be created twice in ${claim.zoneLabel}: by ${claim.owner} and by ${previous.owner}. `
          + `Route53 holds one set per name and type; change the domain names or options so they differ${notes([claim, previous])}`,
        subject: claim.construct,
        claims: [claim, previous],
        short: `${claim.type} ${claim.name}`,
      });
      continue;
    }
    bySet.set(setKey, [...earlier, claim]);
    const nameKeyOfClaim = `${claim.zone} ${claim.name}`;
    byName.set(nameKeyOfClaim, [...byName.get(nameKeyOfClaim) ?? [], claim]);
  }
  for (const atName of byName.values()) {
    const cname = atName.find((c) => c.type === 'CNAME');
    const others = atName.filter((c) => c.type !== 'CNAME');
    if (cname && others.length > 0) {
      const list = others.map((o) => `the ${o.type} record set of ${o.owner}`).join(' and ');
      collisions.push({
        message: `CNAME record set ${cname.name} (by ${cname.owner}) shares its name with ${list} in ${cname.zoneLabel}. `
          + `A CNAME must be the only record at its name (RFC 1034 section 3.6.2) and Route53 refuses the change; move one of them to another name${notes(atName)}`,
        subject: cname.construct,
        claims: atName,
        short: `CNAME ${cname.name}`,
      });
    }
  }
  return collisions;
}

/** What a collision's claims add to its message: the prop that made a MAIL FROM name, how a zone was matched by name. */
function notes(claims: RecordSetClaim[]): string {
  const lines = new Set<string>();
  for (const claim of claims) {
    const mark = claim.domain ? domainMarkOf(claim.domain) : undefined;
    if (mark && (claim.kind === RecordKind.MAIL_FROM_MX || claim.kind === RecordKind.MAIL_FROM_SPF)) {
      const label = mark.mailFromSubdomain === undefined ? `'${mark.defaultMailFromLabel}' (the default)` : `'${mark.mailFromSubdomain}'`;
      lines.add(`${claim.name} is the MAIL FROM domain of ${claim.domain!.node.path}, from mailFromSubdomain ${label}: `
        + `give mailFromSubdomain a label no other record uses${mark.mailFromSubdomain === undefined ? '' : ` (the default is '${mark.defaultMailFromLabel}')`}`);
    }
    if (claim.matchedByName) lines.add(claim.matchedByName);
  }
  return [...lines].map((l) => `. ${l}`).join('');
}
