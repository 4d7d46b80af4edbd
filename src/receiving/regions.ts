import { Token } from 'aws-cdk-lib';

// Where SES receives mail. Internal data with its source; the MX record and the receipt rule both read it.
//
// Source: the regions whose CloudFormation registry has the receipt rule types (AWS::SES::ReceiptRuleSet,
// ::ReceiptRule, ::ReceiptFilter), from AWS's per-region resource schemas as published in
// aws-cloudformation/cfn-lint ("Update CloudFormation schemas to 2026-06-15", commit 6022295), commercial
// partition only. They are the same 22 regions that public copies of the "Email receiving endpoints"
// table of https://docs.aws.amazon.com/general/latest/gr/ses.html list in 2026; that table itself could
// not be read where this list was made (no internet). Regions where SES sends but has no receipt rule
// types: ap-south-2, ap-southeast-5, ca-west-1, eu-central-2, me-central-1, us-gov-east-1, us-gov-west-1.

/** The day of the AWS data the list is taken from. */
export const SES_RECEIVING_REGIONS_AS_OF = '2026-06-15';

/** Regions with an SES email receiving endpoint (`inbound-smtp.<region>.amazonaws.com`), as of the date above. */
export const SES_RECEIVING_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'ca-central-1', 'sa-east-1',
  'eu-central-1', 'eu-north-1', 'eu-south-1', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'af-south-1', 'il-central-1', 'me-south-1',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3',
];

/** True unless the region is known and not on the list (an environment-agnostic stack's region is a token). */
export function receivesMail(region: string): boolean {
  return Token.isUnresolved(region) || SES_RECEIVING_REGIONS.includes(region);
}

/** The list and its date, for messages. */
export function receivingRegionsText(): string {
  return `as of ${SES_RECEIVING_REGIONS_AS_OF}: ${SES_RECEIVING_REGIONS.join(', ')}`;
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
