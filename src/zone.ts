import { Stack, Token } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { IConstruct } from 'constructs';
import { referenceOf } from './app-keys';
import { describeValue, isWithin, normalizeDomainName } from './validation';

// The hosted zone and the domain inside it.

/** The zone's name without trailing dot, or undefined where it is unknown (`HostedZone.fromHostedZoneId`). */
export function zoneNameOf(zone: route53.IHostedZone): string | undefined {
  if (typeof zone !== 'object' || zone === null || typeof (zone as any).hostedZoneId !== 'string') {
    throw new Error(`hostedZone must be a route53.IHostedZone (e.g. route53.HostedZone.fromLookup(...)), got ${describeValue(zone)}`);
  }
  if (zone instanceof route53.PrivateHostedZone) {
    throw privateZoneError(zone);
  }
  let name: string;
  try {
    name = zone.zoneName;
  } catch {
    return undefined;
  }
  return normalizeDomainName('hostedZone.zoneName', name);
}

/**
 * A zone associated with a VPC is private: SES and receivers read only public DNS, so SES could never
 * verify the domain. Read from the zone's CloudFormation resource, so `addVpc` after the construct
 * counts too; an imported zone (`fromLookup` with `privateZone`) cannot be told apart.
 */
export function privateZoneProblem(zone: route53.IHostedZone): string | undefined {
  const cfn = zone.node.defaultChild;
  if (!(cfn instanceof route53.CfnHostedZone)) return undefined;
  const vpcs = Stack.of(cfn).resolve(cfn.vpcs);
  return Array.isArray(vpcs) && vpcs.length > 0 ? privateZoneError(zone).message : undefined;
}

function privateZoneError(zone: IConstruct): Error {
  return new Error(`hostedZone ${zone.node.path} is a private hosted zone: SES verifies the domain, and receivers check SPF, DKIM and DMARC, `
    + 'in public DNS only, so the domain could never be verified. Give the public hosted zone of the domain');
}

/**
 * A zone made in another stack is used by reference to its id, which CDK refuses at synth across
 * accounts, and across regions unless the using stack sets `crossRegionReferences` (then CDK passes it
 * through SSM parameters). Fail first, saying what works: the zone imported in this stack.
 */
export function checkZoneStack(scope: IConstruct, zone: route53.IHostedZone): void {
  const target = referenceOf(zone.hostedZoneId)?.target;
  if (!target) return;
  const [producer, consumer] = [Stack.of(target), Stack.of(scope)];
  const env = (stack: Stack) => ({
    account: Token.isUnresolved(stack.account) ? 'an unknown account' : `account ${stack.account}`,
    region: Token.isUnresolved(stack.region) ? 'an unknown region' : stack.region,
  });
  const [from, to] = [env(producer), env(consumer)];
  if (producer === consumer) return;
  const made = `hostedZone ${zone.node.path} is made in stack ${producer.node.path}`;
  if (from.account !== to.account) {
    throw new Error(`${made} (${from.account}), but this construct's stack ${consumer.node.path} is in ${to.account}: a stack writes record sets only `
      + `into zones of its own account, and CDK cannot pass the zone's id across accounts. Put the construct in a stack of ${from.account}, or give a zone of ${to.account}`);
  }
  if (from.region === to.region || (consumer as any)._crossRegionReferences === true) return;
  throw new Error(`${made} (${from.region}), but this construct's stack ${consumer.node.path} is in ${to.region}: CDK cannot pass the zone's id across `
    + `regions without crossRegionReferences and fails the synth. Import the zone in ${consumer.node.path} instead, `
    + "with route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId, zoneName }) or route53.HostedZone.fromLookup, "
    + 'so that each stack writes its own records (README, "One domain in several regions")');
}

/** The sending domain: the prop, or the zone's name; it must lie inside the zone. */
export function resolveDomainName(domainName: string | undefined, zoneName: string | undefined, hasZone: boolean): string {
  if (domainName === undefined) {
    if (zoneName === undefined) {
      throw new Error(hasZone
        ? 'domainName is required: the hosted zone has no known zone name (HostedZone.fromHostedZoneId); give domainName or use HostedZone.fromHostedZoneAttributes'
        : 'domainName is required when no hostedZone is given');
    }
    return zoneName;
  }
  // normalizeDomainName checks the kind first (`domainName must be a string such as 'example.com', got ...`).
  const name = normalizeDomainName('domainName', domainName);
  if (zoneName !== undefined && !Token.isUnresolved(name) && !Token.isUnresolved(zoneName) && !isWithin(name, zoneName)) {
    throw new Error(`domainName '${domainName}' is not inside the hosted zone '${zoneName}'; give a name that ends with '${zoneName}' or the zone that holds it`);
  }
  return name;
}
