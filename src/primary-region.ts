import { Annotations, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { MailDnsRecord } from './records';

// One domain in several regions: SES identities are regional, each region has its own Easy DKIM
// tokens and needs its own MAIL FROM domain (the MAIL FROM domain holds exactly one MX, SES's
// feedback endpoint of one region). The construct in the primary region publishes what the domain
// needs once (SPF, DMARC, report authorizations, inbound MX); one in another region refers to it and
// publishes only its own region's records.

/** What a construct in another region reads from the primary: plain values, never its tokens. */
export interface PrimaryDomain extends IConstruct {
  readonly domainName: string;
  readonly mailFromDomain?: string;
  readonly records: MailDnsRecord[];
}

/** The primary, by the prop that named it: `primary`, or `primaryRegion`, its deprecated name. */
export interface NamedPrimary {
  readonly construct: PrimaryDomain;
  /** The prop the user set, for the messages. */
  readonly prop: 'primary' | 'primaryRegion';
}

/**
 * The primary a construct names, if any. `primaryRegion` is the 0.x name of `primary`: it still works,
 * with a warning saying to rename it; both at once are refused, since they could name two constructs.
 */
export function primaryOf(
  scope: IConstruct, props: { readonly primary?: PrimaryDomain; readonly primaryRegion?: PrimaryDomain },
): NamedPrimary | undefined {
  if (props.primary !== undefined && props.primaryRegion !== undefined) {
    throw new Error(`primary (${props.primary.node.path}) and primaryRegion (${props.primaryRegion.node.path}) are both set: primaryRegion is the deprecated `
      + 'name of primary; set only primary');
  }
  if (props.primaryRegion !== undefined) {
    Annotations.of(scope).addWarningV2('cdk-verified-mail-domain:primaryRegionDeprecated',
      `primaryRegion is deprecated: rename it to primary (the same construct, ${props.primaryRegion.node.path}; the same records)`);
    return { construct: props.primaryRegion, prop: 'primaryRegion' };
  }
  return props.primary === undefined ? undefined : { construct: props.primary, prop: 'primary' };
}

/** The props a secondary must not set, because the primary publishes them once for every region. */
const SHARED_PROPS = ['spf', 'domainTxtValues', 'dmarc', 'dmarcReports', 'inboundMail'];

/**
 * Checks a construct that names a primary: the same domain, another region, and none of the shared
 * records. Returns the default MAIL FROM label of this region (`<primary label>-<region>`).
 */
export function checkSecondary(scope: IConstruct, named: NamedPrimary, props: Record<string, unknown>, domainName: string): string {
  const { construct: primary, prop } = named;
  const region = Stack.of(scope).region;
  const primaryRegion = Stack.of(primary).region;
  if (!Token.isUnresolved(domainName) && !Token.isUnresolved(primary.domainName) && domainName !== primary.domainName) {
    throw new Error(`${prop} ${primary.node.path} is for ${primary.domainName}, but this construct is for ${domainName}; a primary serves the same domain`);
  }
  if (!Token.isUnresolved(region) && region === primaryRegion) {
    throw new Error(`${prop} ${primary.node.path} is in ${region} too; SES holds one identity per domain and region, so use that construct instead of a second one`);
  }
  const given = SHARED_PROPS.filter((p) => props[p] !== undefined);
  if (given.length > 0) {
    throw new Error(`${given.join(', ')} must not be set with ${prop}: ${primary.node.path} publishes the SPF, DMARC and inbound MX of ${primary.domainName} once for every region; set them there`);
  }
  return secondaryMailFromLabel(primary.mailFromDomain, primary.domainName, region);
}

/** The default MAIL FROM label of a further region: the primary's label with the region (`bounce-us-east-1`). */
export function secondaryMailFromLabel(primaryMailFromDomain: string | undefined, domainName: string, region: string): string {
  const primaryLabel = primaryMailFromDomain?.slice(0, -(domainName.length + 1)) ?? 'bounce';
  return `${primaryLabel}-${region}`;
}

/**
 * A further region's MAIL FROM domain must differ from the primary's: it holds exactly one MX, SES's
 * feedback endpoint of one region (SES developer guide, "Using a custom MAIL FROM domain").
 */
export function checkSecondaryMailFrom(
  scope: IConstruct, named: NamedPrimary, mailFromDomain: string | undefined, subdomain: string | undefined,
): void {
  const primary = named.construct;
  const theirs = primary.mailFromDomain;
  // A literal equal to the primary's: theirs is that literal too.
  if (mailFromDomain === undefined || Token.isUnresolved(mailFromDomain) || mailFromDomain !== theirs) return;
  const region = Stack.of(scope).region;
  throw new Error(`mailFromSubdomain '${subdomain}' makes the MAIL FROM domain ${mailFromDomain}, which ${named.prop} ${primary.node.path} already uses in `
    + `${Stack.of(primary).region}. A MAIL FROM domain holds exactly one MX, SES's feedback endpoint of one region, so each region needs its own: `
    + `leave mailFromSubdomain unset for this region's default '${secondaryMailFromLabel(theirs, primary.domainName, region)}', or give another label`);
}

/** True when the primary already publishes this very record (a BYODKIM key shared by both regions). */
export function publishedByPrimary(record: MailDnsRecord, primary: PrimaryDomain): boolean {
  const key = (r: MailDnsRecord) => (Token.isUnresolved(r.name) || r.values.some((v) => Token.isUnresolved(v))
    ? undefined : JSON.stringify([r.name, r.type, r.values]));
  const own = key(record);
  return own !== undefined && primary.records.some((r) => key(r) === own);
}
