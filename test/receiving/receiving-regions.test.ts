import { Stack, Token } from 'aws-cdk-lib';
import {
  checkReceivingRegion, checkSesEndpointRegion, receivesMail, receivingRegionsText, SesReceivingRegions,
} from '../../src/receiving/receiving-regions';

// The one region rule of receiving on its own: the list, its text for messages, and the two checks.

const LISTED = 'us-east-1, us-east-2, us-west-1, us-west-2, ca-central-1, sa-east-1, eu-central-1, eu-north-1, eu-south-1, '
  + 'eu-west-1, eu-west-2, eu-west-3, af-south-1, il-central-1, me-south-1, ap-northeast-1, ap-northeast-2, ap-northeast-3, '
  + 'ap-south-1, ap-southeast-1, ap-southeast-2, ap-southeast-3';
const NOT_AMONG = `which is not among the regions where SES receives mail (as of 2026-06-15: ${LISTED})`;
const tokenRegion = () => new Stack().region;

test('receivingRegionsText gives the date and the 22 regions in the list\'s order', () => {
  expect(receivingRegionsText()).toBe(`as of 2026-06-15: ${LISTED}`);
  expect(LISTED.split(', ')).toHaveLength(22);
});

test('SesReceivingRegions.ALL and AS_OF are the list the checks read, and its day', () => {
  expect(SesReceivingRegions.ALL.join(', ')).toBe(LISTED);
  expect(SesReceivingRegions.AS_OF).toBe('2026-06-15');
});

test.each<[string, boolean]>([
  ['eu-west-1', true], ['us-east-1', true], ['ap-southeast-3', true], ['il-central-1', true],
  // Regions where SES sends but has no receipt rules, and names that are no region.
  ['ap-south-2', false], ['eu-central-2', false], ['ca-west-1', false], ['us-gov-west-1', false], ['cn-north-1', false],
  ['EU-WEST-1', false], [' eu-west-1', false], ['', false],
])('receivesMail of the region %j is %s', (region, expected) => {
  expect(receivesMail(region)).toBe(expected);
  expect(SesReceivingRegions.receivesMail(region)).toBe(expected);
});

test('receivesMail is true for a token region', () => {
  expect(Token.isUnresolved(tokenRegion())).toBe(true);
  expect(receivesMail(tokenRegion())).toBe(true);
  expect(SesReceivingRegions.receivesMail(tokenRegion())).toBe(true);
});

test.each<[string, unknown, string]>([
  ['a number', 1, 'number 1'],
  ['undefined', undefined, 'undefined'],
  ['a list', ['eu-west-1'], 'a list'],
])('SesReceivingRegions.receivesMail refuses %s', (_title, region, got) => {
  expect(() => SesReceivingRegions.receivesMail(region as string))
    .toThrow(new Error(`SesReceivingRegions.receivesMail region must be a region name such as 'eu-west-1', got ${got}`));
});

test('checkReceivingRegion refuses an unlisted region: subject, region, the list, the remedy and the default override', () => {
  expect(() => checkReceivingRegion('the bucket is in', 'eu-central-2', undefined, 'use a bucket in one of them'))
    .toThrow(new Error(`the bucket is in eu-central-2, ${NOT_AMONG}; use a bucket in one of them, or set allowUnlistedRegion: true if SES receives there now`));
});

test('checkReceivingRegion names the override it is given', () => {
  expect(() => checkReceivingRegion('S', 'ca-west-1', false, 'R', 'set receiving allowUnlistedRegion: true'))
    .toThrow(new Error(`S ca-west-1, ${NOT_AMONG}; R, or set receiving allowUnlistedRegion: true if SES receives there now`));
});

test.each<[string, string, boolean | undefined]>([
  ['a listed region', 'eu-west-1', undefined],
  ['a listed region with the override false', 'eu-west-1', false],
  ['an unlisted region with the override', 'eu-central-2', true],
])('checkReceivingRegion passes %s', (_title, region, allow) => {
  expect(() => checkReceivingRegion('S', region, allow, 'R')).not.toThrow();
});

test('checkReceivingRegion never refuses a token region', () => {
  expect(() => checkReceivingRegion('S', tokenRegion(), false, 'R')).not.toThrow();
});

test.each<[boolean, string]>([
  [true, 'and receipt rule work'],
  [false, 'works'],
])('checkSesEndpointRegion with the rule %s names the MX and what works', (withRule, what) => {
  expect(() => checkSesEndpointRegion('ap-south-2', withRule, undefined, 'InboundMail.ses()', 'set allowUnlistedRegion: true in InboundMail.ses'))
    .toThrow(new Error(`inboundMail is InboundMail.ses(), whose MX inbound-smtp.ap-south-2.amazonaws.com ${what} only if SES receives mail in ap-south-2, `
      + `${NOT_AMONG}; use a stack in one of them or InboundMail.servers(...), or set allowUnlistedRegion: true in InboundMail.ses if SES receives there now`));
});

test.each<[string, string, boolean | undefined]>([
  ['a listed region', 'us-west-2', undefined],
  ['an unlisted region with the override', 'me-central-1', true],
])('checkSesEndpointRegion passes %s', (_title, region, allow) => {
  expect(() => checkSesEndpointRegion(region, true, allow, 'F', 'O')).not.toThrow();
});

test('checkSesEndpointRegion never refuses a token region', () => {
  expect(() => checkSesEndpointRegion(tokenRegion(), true, undefined, 'F', 'O')).not.toThrow();
});
