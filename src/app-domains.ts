import { Stack, Token } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { IConstruct } from 'constructs';
import { environmentOf } from './app-keys';
import { domainMarkOf, domainOf } from './app-marks';
import { Collision } from './app-records';
import { secondaryMailFromLabel } from './primary-region';

// The app-wide checks of whole domains: one SES identity per domain in an account and region, and one
// domain in several regions without primary. Each is the root cause of the record-set
// collisions between the two constructs, so its message lists them and they are not reported apart.

/** One message and the construct it is about. */
export interface AppProblem {
  readonly subject: IConstruct;
  readonly message: string;
}

interface IdentitySeen {
  readonly key: string;
  readonly label: string;
  readonly construct: IConstruct;
  readonly domain?: IConstruct;
}

/**
 * The SES identity as a key: one identity per name in an account and region (SES refuses the second).
 * An environment-agnostic stack's account or region is unknown, so its identities are compared only
 * within that stack.
 */
export function identityOf(c: ses.CfnEmailIdentity): IdentitySeen | undefined {
  const name = c.emailIdentity;
  if (Token.isUnresolved(name)) return undefined;
  const normalized = name.toLowerCase().replace(/\.$/, '');
  const env = environmentOf(Stack.of(c));
  return { key: `${env.key} ${normalized}`, label: `${normalized} in ${env.label}`, construct: c, domain: domainOf(c) };
}

/** The root causes, and the collisions they explain (to be left out of the report). */
export function rootCauses(
  identities: IdentitySeen[], domains: IConstruct[], collisions: Collision[],
): { problems: AppProblem[]; explained: Set<Collision> } {
  const explained = new Set<Collision>();
  const between = (a: IConstruct | undefined, b: IConstruct | undefined): Collision[] => (a && b
    ? collisions.filter((c) => !explained.has(c) && c.claims.every((k) => k.domain === a || k.domain === b)
      && c.claims.some((k) => k.domain === a) && c.claims.some((k) => k.domain === b))
    : []);
  const problems: AppProblem[] = [];
  const seen = new Map<string, IdentitySeen>();
  for (const identity of identities) {
    const first = seen.get(identity.key);
    if (!first) {
      seen.set(identity.key, identity);
      continue;
    }
    const follow = between(identity.domain, first.domain);
    follow.forEach((c) => explained.add(c));
    problems.push({
      subject: identity.construct,
      message: `The SES identity ${identity.label} would be created twice: by ${identity.construct.node.path} and by ${first.construct.node.path}. `
        + `SES holds one identity per domain in an account and region and refuses the second at deploy; use one construct per domain and region${following(follow)}`,
    });
  }
  // Only constructs of one domain name can be one domain in two regions.
  const byName = new Map<string, IConstruct[]>();
  for (const d of domains) byName.set(domainMarkOf(d)!.domainName, [...byName.get(domainMarkOf(d)!.domainName) ?? [], d]);
  for (const same of byName.values()) {
    for (const [i, second] of same.entries()) {
      for (const first of same.slice(0, i)) {
        const problem = missingPrimary(first, second, between(second, first));
        if (problem) {
          problems.push(problem.problem);
          problem.follow.forEach((c) => explained.add(c));
        }
      }
    }
  }
  return { problems, explained };
}

/**
 * Two constructs for one domain in two regions, neither naming the other its primary: both publish
 * the domain's SPF, DMARC and MAIL FROM domain, so their record sets collide in a shared zone.
 */
function missingPrimary(
  first: IConstruct, second: IConstruct, follow: Collision[],
): { problem: AppProblem; follow: Collision[] } | undefined {
  const [a, b] = [domainMarkOf(first)!, domainMarkOf(second)!];
  const [regionA, regionB] = [Stack.of(first).region, Stack.of(second).region];
  if (follow.length === 0 || a.primary || b.primary) return undefined;
  if (Token.isUnresolved(regionA) || Token.isUnresolved(regionB) || regionA === regionB) return undefined;
  // Constructs of one domain name only (rootCauses groups them by it); a token is not known to be one domain.
  if (Token.isUnresolved(a.domainName)) return undefined;
  const label = secondaryMailFromLabel(a.mailFromDomain, a.domainName, regionB);
  return {
    follow,
    problem: {
      subject: second,
      message: `${a.domainName} has a VerifiedMailDomain in ${regionA} (${first.node.path}) and one in ${regionB} (${second.node.path}), and neither names the other `
        + `its primary, so each publishes the domain's records as if it were the only region. Give ${second.node.path} the prop primary: the construct `
        + `of ${regionA} (${first.node.path}); it then publishes only its own region's Easy DKIM and MAIL FROM records (the MAIL FROM domain `
        + `${label}.${a.domainName} unless mailFromSubdomain says otherwise), and ${first.node.path} the SPF, DMARC and inbound MX for both${following(follow)}`,
    },
  };
}

/** The collisions a root cause explains, grouped by zone, as a last sentence of its message. */
function following(follow: Collision[]): string {
  if (follow.length === 0) return '';
  const byZone = new Map<string, string[]>();
  for (const c of follow) byZone.set(c.claims[0].zoneLabel, [...byZone.get(c.claims[0].zoneLabel) ?? [], c.short]);
  const lists = [...byZone].map(([zone, shorts]) => `${shorts.join(', ')} in ${zone}`).join('; ');
  return `. The record sets the two make twice follow from it and are not listed apart: ${lists}`;
}
