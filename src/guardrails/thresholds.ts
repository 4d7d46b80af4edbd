import { Annotations, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { checkKind } from '../validation';

// SES's enforcement levels for the reputation rates, per account and region (Amazon SES sending review
// process FAQ; AWS re:Post knowledge center "ses-reputation-dashboard-bounce-rate"): at the review level
// SES puts the account under review, at the pause level it may pause the account's sending.
// Reputation.BounceRate and Reputation.ComplaintRate are decimal numbers from 0 to 1 (SES developer guide,
// "Creating reputation monitoring alarms using CloudWatch": "Multiply either of these metrics by 100").

/** A bounce rate of 5 % puts the account under review (SES sending review FAQ). */
export const SES_BOUNCE_RATE_REVIEW = 0.05;
/** At a bounce rate of 10 % SES may pause the account's sending (SES sending review FAQ). */
export const SES_BOUNCE_RATE_PAUSE = 0.10;
/** A complaint rate of 0.1 % puts the account under review (SES sending review FAQ). */
export const SES_COMPLAINT_RATE_REVIEW = 0.001;
/** At a complaint rate of 0.5 % SES may pause the account's sending (SES sending review FAQ). */
export const SES_COMPLAINT_RATE_PAUSE = 0.005;

/**
 * The default alarm thresholds: half of SES's review levels. AWS's reputation-dashboard guide suggests
 * alarms at 0.05 and 0.001, which are the review levels themselves: an alarm there fires when the review
 * has begun. Half leaves time to clean the list before SES looks at the account.
 */
export const DEFAULT_BOUNCE_RATE_THRESHOLD = SES_BOUNCE_RATE_REVIEW / 2;
export const DEFAULT_COMPLAINT_RATE_THRESHOLD = SES_COMPLAINT_RATE_REVIEW / 2;

/** What one reputation metric is checked against. */
export interface RateLevels {
  readonly prop: string;
  readonly review: number;
  readonly pause: number;
}

export const BOUNCE_LEVELS: RateLevels = { prop: 'bounceRateThreshold', review: SES_BOUNCE_RATE_REVIEW, pause: SES_BOUNCE_RATE_PAUSE };
export const COMPLAINT_LEVELS: RateLevels = { prop: 'complaintRateThreshold', review: SES_COMPLAINT_RATE_REVIEW, pause: SES_COMPLAINT_RATE_PAUSE };

/** A rate as people read it: 0.025 -> '2.5 %'. */
export function percent(rate: number): string {
  return `${Number((rate * 100).toPrecision(6))} %`;
}

/**
 * An alarm threshold: a rate greater than 0 and at most 1, not above SES's pause level; at or above the
 * review level it is allowed with a warning (the alarm then fires only once the review has begun).
 */
export function checkThreshold(scope: IConstruct, levels: RateLevels, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  checkKind(levels.prop, value, typeof value === 'number', 'a number, a rate from 0 to 1 (0.05 is 5 %)');
  const rate = value as number;
  if (Token.isUnresolved(rate)) return rate; // known only at deploy time
  if (!Number.isFinite(rate) || rate <= 0 || rate > 1) {
    throw new Error(`${levels.prop} must be a rate greater than 0 and at most 1 (0.05 is 5 %), got ${rate}`);
  }
  if (rate > levels.pause) {
    throw new Error(`${levels.prop} ${rate} (${percent(rate)}) is above SES's pause level of ${levels.pause} (${percent(levels.pause)}): by then SES may `
      + `already have paused the account's sending. Use at most ${levels.pause}, and below the review level ${levels.review} (${percent(levels.review)}) to be warned in time`);
  }
  if (rate >= levels.review) {
    Annotations.of(scope).addWarningV2('cdk-verified-mail-domain:reputationThresholdAtReview',
      `${levels.prop} ${rate} (${percent(rate)}) is at or above SES's review level of ${levels.review} (${percent(levels.review)}): the alarm fires only once SES `
      + 'may already be reviewing the account. Use a lower threshold to be warned in time');
  }
  return rate;
}
