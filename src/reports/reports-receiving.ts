import { Duration, Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IDependable } from 'constructs';
import { acknowledge, nag2 } from '../provider-compliance';
import { ReceivingAction } from '../receiving/actions';
import { checkBucketRegion, checkNoDefaultRetention, checkObjectKeyPrefix } from '../receiving/resource-checks';
import { renderReceiving } from '../receiving/rule';
import { ReceiptRuleSetChoice } from '../receiving/rule-sets';
import { checkDuration } from '../validation';

// The resources of DmarcReports.receive(): the bucket (unless the user gives one) and the receipt rule of
// the reports domain, made by the receiving feature's own rule, grants and rule-set choice. Internal.

/** What the reports' rule is made of, defaults applied. */
export interface ReportsReceiving {
  readonly bucket?: s3.IBucket;
  readonly objectKeyPrefix: string;
  readonly expiration: Duration;
  readonly ruleSet: ReceiptRuleSetChoice;
  readonly allowUnlistedRegion?: boolean;
}

/** Why the reports bucket has no access logs, versioning, object lock, event notifications or KMS key (cdk-nag and cfn-guard). */
const BUCKET_REASON = 'The DMARC reports bucket holds only what SES delivers for the reports address (the aggregate reports receivers send, '
  + 'which name sending IPs and domains, no message content): SES writes each report once under its own message id and nothing rewrites one, '
  + 'so versioning and object lock keep nothing more; SSE-S3 encrypts them without a key to pay for and grant; access logs and event notifications '
  + 'would record or announce only SES\'s own deliveries. A bucket of your own can have any of them (dmarcReports bucket)';
/** The cfn-guard rules the reports bucket is acknowledged for, with BUCKET_REASON. */
const GUARD_RULES = [
  's3_bucket_default_encryption_kms_check', 's3_bucket_logging_enabled_check', 's3_bucket_object_lock_enabled_check',
  's3_bucket_versioning_enabled_check', 's3_event_notifications_enabled_check',
];

/** The bucket and the rule that stores every message to the reports domain there; throws naming the prop. */
export function receiveReports(scope: Construct, domain: { domainName: string; region: string }, address: string, options: ReportsReceiving,
  dependsOn: IDependable[]): void {
  const holder = new Construct(scope, 'DmarcReports');
  // An empty prefix is no prefix (SES's S3 action then writes at the bucket's top).
  const prefix = checkObjectKeyPrefix('dmarcReports objectKeyPrefix', options.objectKeyPrefix) || undefined;
  const bucket = options.bucket ?? newBucket(holder, options.expiration);
  checkBucketRegion('dmarcReports bucket', bucket, options.allowUnlistedRegion);
  checkNoDefaultRetention('dmarcReports bucket', bucket);
  renderReceiving(holder, domain, {
    actions: [ReceivingAction.s3({ bucket, objectKeyPrefix: prefix })],
    ruleSet: options.ruleSet,
    // Only the address the DMARC record names: mail to any other address of the reports domain is refused.
    recipients: [address],
    allowUnlistedRegion: options.allowUnlistedRegion,
  }, dependsOn);
}

/**
 * S3 PutBucketLifecycleConfiguration, Expiration Days: "a non-zero positive integer"; a bucket keeps
 * reports for whole days. A token amount passes when given in days (`Duration.days(param.valueAsNumber)`).
 */
function checkExpiration(expiration: Duration): Duration {
  checkDuration('dmarcReports expiration', expiration);
  let days: number;
  try {
    days = expiration.toDays({ integral: false });
  } catch {
    throw new Error('dmarcReports expiration must be a whole number of days; one whose amount is a token must be given in days (Duration.days(token)), '
      + `got ${expiration.toString().replace(/\(.*\)$/, '(<token>)')}`);
  }
  if (!Token.isUnresolved(days) && (days < 1 || !Number.isInteger(days))) {
    throw new Error(`dmarcReports expiration must be a whole number of days, at least one (S3 lifecycle expiration), got ${expiration.toHumanString()}`);
  }
  return expiration;
}

function newBucket(scope: Construct, expiration: Duration): s3.Bucket {
  checkExpiration(expiration);
  const bucket = new s3.Bucket(scope, 'Bucket', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    lifecycleRules: [{ expiration, abortIncompleteMultipartUploadAfter: Duration.days(1) }],
  });
  const cfn = bucket.node.defaultChild as s3.CfnBucket;
  nag2(cfn, [{ id: 'AwsSolutions-S1', reason: BUCKET_REASON }]);
  acknowledge(bucket, [
    { id: 'AwsSolutions::AwsSolutions-S1', reason: BUCKET_REASON },
    ...GUARD_RULES.map((rule) => ({ id: `cdk-validator-cfnguard::${rule}`, reason: BUCKET_REASON })),
  ]);
  return bucket;
}
