import { Stack, Token } from 'aws-cdk-lib';
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

/** The props a secondary must not set, because the primary publishes them once for every region. */
const SHARED_PROPS = ['spf', 'domainTxtValues', 'dmarc', 'inboundMail'];

/**
 * Checks a construct that names a primary region: the same domain, another region, and none of the
 * shared records. Returns the default MAIL FROM label of this region (`<primary label>-<region>`).
 */
export function checkSecondary(scope: IConstruct, primary: PrimaryDomain, props: Record<string, unknown>, domainName: string): string {
  const region = Stack.of(scope).region;
  const primaryRegion = Stack.of(primary).region;
  if (!Token.isUnresolved(domainName) && !Token.isUnresolved(primary.domainName) && domainName !== primary.domainName) {
    throw new Error(`primaryRegion ${primary.node.path} is for ${primary.domainName}, but this construct is for ${domainName}; a primary region serves the same domain`);
  }
  if (!Token.isUnresolved(region) && !Token.isUnresolved(primaryRegion) && region === primaryRegion) {
    throw new Error(`primaryRegion ${primary.node.path} is in ${region} too; SES holds one identity per domain and region, so use that construct instead of a second one`);
  }
  const given = SHARED_PROPS.filter((p) => props[p] !== undefined);
  if (given.length > 0) {
    throw new Error(`${given.join(', ')} must not be set with primaryRegion: ${primary.node.path} publishes the SPF, DMARC and inbound MX of ${primary.domainName} once for every region; set them there`);
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
  scope: IConstruct, primary: PrimaryDomain, mailFromDomain: string | undefined, subdomain: string | undefined,
): void {
  const theirs = primary.mailFromDomain;
  if (mailFromDomain === undefined || theirs === undefined || Token.isUnresolved(mailFromDomain) || Token.isUnresolved(theirs)) return;
  if (mailFromDomain !== theirs) return;
  const region = Stack.of(scope).region;
  throw new Error(`mailFromSubdomain '${subdomain}' makes the MAIL FROM domain ${mailFromDomain}, which primaryRegion ${primary.node.path} already uses in `
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
