import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import {
  BOUNCE_LEVELS, checkThreshold, COMPLAINT_LEVELS, DEFAULT_BOUNCE_RATE_THRESHOLD, DEFAULT_COMPLAINT_RATE_THRESHOLD, percent, RateLevels,
} from '../../src/guardrails/thresholds';

const WARNING_ID = 'cdk-verified-mail-domain:reputationThresholdAtReview';

function stack(): Stack {
  return new Stack(new App(), 'Test');
}

function warnings(s: Stack): string[] {
  return Annotations.fromStack(s).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
}

test('levels and defaults: SES\'s review and pause levels, defaults at half the review level', () => {
  expect(BOUNCE_LEVELS).toEqual({ prop: 'bounceRateThreshold', review: 0.05, pause: 0.1 });
  expect(COMPLAINT_LEVELS).toEqual({ prop: 'complaintRateThreshold', review: 0.001, pause: 0.005 });
  expect(DEFAULT_BOUNCE_RATE_THRESHOLD).toBe(0.025);
  expect(DEFAULT_COMPLAINT_RATE_THRESHOLD).toBe(0.0005);
});

test.each([
  [0.025, '2.5 %'],
  [0.05, '5 %'],
  [0.1, '10 %'],
  [0.001, '0.1 %'],
  [0.0005, '0.05 %'],
  [0.07, '7 %'], // 0.07 * 100 is 7.000000000000001 in floating point
  [1, '100 %'],
])('percent(%s) is %s', (rate, text) => {
  expect(percent(rate)).toBe(text);
});

const review = (levels: RateLevels, rate: number, p: string) =>
  `${levels.prop} ${rate} (${p}) is at or above SES's review level of ${levels.review} (${percent(levels.review)}): the alarm fires only once SES `
  + 'may already be reviewing the account. Use a lower threshold to be warned in time';

describe.each<[string, RateLevels, number, number]>([
  ['bounce', BOUNCE_LEVELS, 0.05, 0.1],
  ['complaint', COMPLAINT_LEVELS, 0.001, 0.005],
])('%s rate', (_, levels, reviewLevel, pauseLevel) => {
  const below = reviewLevel - 1e-9;
  test.each([
    ['just above 0', 1e-9],
    ['just below the review level', below],
  ])('%s is allowed without a warning', (__, rate) => {
    const s = stack();
    expect(checkThreshold(s, levels, rate)).toBe(rate);
    expect(warnings(s)).toEqual([]);
  });

  test.each([
    ['at the review level', reviewLevel],
    ['at the pause level', pauseLevel],
  ])('%s is allowed with the warning', (__, rate) => {
    const s = stack();
    expect(checkThreshold(s, levels, rate)).toBe(rate);
    expect(warnings(s)).toEqual([`${review(levels, rate, percent(rate))} [ack: ${WARNING_ID}]`]);
  });

  test.each([
    ['just above the pause level', pauseLevel + 1e-9],
    ['1 (100 %)', 1],
  ])('%s is refused as above the pause level', (__, rate) => {
    expect(() => checkThreshold(stack(), levels, rate)).toThrow(new Error(
      `${levels.prop} ${rate} (${percent(rate)}) is above SES's pause level of ${pauseLevel} (${percent(pauseLevel)}): by then SES may `
      + `already have paused the account's sending. Use at most ${pauseLevel}, and below the review level ${reviewLevel} (${percent(reviewLevel)}) to be warned in time`));
  });

  test.each([0, -0.01, 1.0000001, NaN, Infinity, -Infinity])('%s is not a rate', (rate) => {
    expect(() => checkThreshold(stack(), levels, rate)).toThrow(new Error(
      `${levels.prop} must be a rate greater than 0 and at most 1 (0.05 is 5 %), got ${rate}`));
  });

  test('undefined is left unset, with no warning', () => {
    const s = stack();
    expect(checkThreshold(s, levels, undefined)).toBeUndefined();
    expect(warnings(s)).toEqual([]);
  });

  test.each([
    ['a string', '0.05', 'string "0.05"'],
    ['null', null, 'null'],
    ['a boolean', true, 'boolean true'],
  ])('%s is refused by kind', (__, value, shown) => {
    expect(() => checkThreshold(stack(), levels, value)).toThrow(new Error(
      `${levels.prop} must be a number, a rate from 0 to 1 (0.05 is 5 %), got ${shown}`));
  });

  test('a token is passed through: no error, no warning', () => {
    const s = stack();
    const token = new CfnParameter(s, 'Rate', { type: 'Number' }).valueAsNumber;
    expect(checkThreshold(s, levels, token)).toBe(token);
    expect(warnings(s)).toEqual([]);
  });
});
