import { Token } from 'aws-cdk-lib';
import { checkKind } from '../validation';

// Where SES receives mail: the one region rule of receiving, with its data and source. The MX to SES,
// the receipt rule and the bucket an S3 action writes to all read it.
//
// Source: the regions whose CloudFormation registry has the receipt rule types (AWS::SES::ReceiptRuleSet,
// ::ReceiptRule, ::ReceiptFilter), from AWS's per-region resource schemas as published in
// aws-cloudformation/cfn-lint ("Update CloudFormation schemas to 2026-06-15", commit 6022295), commercial
// partition only. They are the same 22 regions that public copies of the "Email receiving endpoints"
// table of https://docs.aws.amazon.com/general/latest/gr/ses.html list in 2026; that table itself could
// not be read where this list was made (no internet). Regions where SES sends but has no receipt rule
// types: ap-south-2, ap-southeast-5, ca-west-1, eu-central-2, me-central-1, us-gov-east-1, us-gov-west-1.

/** The day of the AWS data the list is taken from. */
const AS_OF = '2026-06-15';

/** The list the checks read (SesReceivingRegions.ALL is a copy, so that changing it changes no check). */
const REGIONS: readonly string[] = Object.freeze([
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'ca-central-1', 'sa-east-1',
  'eu-central-1', 'eu-north-1', 'eu-south-1', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'af-south-1', 'il-central-1', 'me-south-1',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3',
]);

/**
 * The regions where SES receives mail (an email receiving endpoint `inbound-smtp.<region>.amazonaws.com`
 * and receipt rules), as the construct's synth checks know them. A region added after `AS_OF` fails
 * those checks until you set `allowUnlistedRegion: true`.
 */
export class SesReceivingRegions {
  /** The regions where SES receives mail, as of `AS_OF` (commercial partition). */
  public static readonly ALL: string[] = [...REGIONS];

  /** The day (YYYY-MM-DD) of the AWS data `ALL` is taken from. */
  public static readonly AS_OF: string = AS_OF;

  /**
   * True if the region is in `ALL`, and for an unresolved token (an environment-agnostic stack's
   * region), which the construct never treats as wrong.
   * @param region a region name such as `eu-west-1`
   */
  public static receivesMail(region: string): boolean {
    checkKind('SesReceivingRegions.receivesMail region', region, typeof region === 'string', "a region name such as 'eu-west-1'");
    return receivesMail(region);
  }

  private constructor() {
    // Only the static members.
  }
}

/** True unless the region is known and not on the list (an environment-agnostic stack's region is a token). */
export function receivesMail(region: string): boolean {
  return Token.isUnresolved(region) || REGIONS.includes(region);
}

/** The list and its date, for messages. */
export function receivingRegionsText(): string {
  return `as of ${AS_OF}: ${REGIONS.join(', ')}`;
}

/**
 * The one region rule of receiving: SES receives mail, and writes to S3, only in the regions above
 * (SES developer guide, "Email receiving" regions and "Deliver to S3 bucket action": the bucket "must
 * exist in a region where SES Email receiving is available"). Throws `<subject> <region>, which is not
 * among ...; <remedy>` unless the region is a token, is listed, or the user allows a region newer than
 * the list (allowUnlistedRegion).
 */
export function checkReceivingRegion(subject: string, region: string, allowUnlistedRegion: boolean | undefined, remedy: string,
  override = 'set allowUnlistedRegion: true'): void {
  if (receivesMail(region) || allowUnlistedRegion === true) return;
  throw new Error(`${subject} ${region}, which is not among the regions where SES receives mail (${receivingRegionsText()}); `
    + `${remedy}, or ${override} if SES receives there now`);
}

/**
 * The rule for an MX to SES's receiving endpoint (and the receipt rule with it): an MX to an
 * inbound-smtp host that does not exist bounces every message to the domain, and SES refuses a
 * receipt rule there. `factory` is how the user chose it, `override` where allowUnlistedRegion goes.
 */
export function checkSesEndpointRegion(region: string, withRule: boolean, allowUnlistedRegion: boolean | undefined,
  factory: string, override: string): void {
  const what = `MX inbound-smtp.${region}.amazonaws.com ${withRule ? 'and receipt rule work' : 'works'}`;
  checkReceivingRegion(`inboundMail is ${factory}, whose ${what} only if SES receives mail in`,
    region, allowUnlistedRegion, 'use a stack in one of them or InboundMail.servers(...)', override);
}
