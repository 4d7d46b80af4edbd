import { Stack, Token } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { IConstruct } from 'constructs';
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
  if (typeof domainName !== 'string') {
    throw new Error(`domainName must be a string such as 'example.com', got ${describeValue(domainName)}`);
  }
  const name = normalizeDomainName('domainName', domainName);
  if (zoneName !== undefined && !Token.isUnresolved(name) && !Token.isUnresolved(zoneName) && !isWithin(name, zoneName)) {
    throw new Error(`domainName '${domainName}' is not inside the hosted zone '${zoneName}'; give a name that ends with '${zoneName}' or the zone that holds it`);
  }
  return name;
}
