import { App, CfnOutput, Stack, Stage } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { VerifiedMailDomain } from '../src';
import { failures, setTwice, synthError } from './helpers/util';

// Where the app-wide messages are reported: on the construct each is about, so CDK prints its path,
// in the order of the construct tree; within one construct the root cause first. One computation per
// synth serves every construct, and a second synth reports the same, once.

const env = { account: '123456789012', region: 'eu-west-1' };

function identityTwice(label: string, second: string, first: string, follow: string): string {
  return `The SES identity ${label} would be created twice: by ${second} and by ${first}. `
    + 'SES holds one identity per domain in an account and region and refuses the second at deploy; use one construct per domain and region'
    + (follow ? `. The record sets the two make twice follow from it and are not listed apart: ${follow}` : '');
}

/** Two constructs for example.org in one zone, and a user's TXT at www twice, in `scope`. */
function build(scope: Stack): void {
  const zone = new route53.PublicHostedZone(scope, 'Zone', { zoneName: 'example.org' });
  new route53.TxtRecord(scope, 'A', { zone, recordName: 'www', values: ['a'] });
  new VerifiedMailDomain(scope, 'One', { hostedZone: zone });
  new VerifiedMailDomain(scope, 'Two', { hostedZone: zone });
  new route53.TxtRecord(scope, 'B', { zone, recordName: 'www', values: ['b'] });
}

const expected = (prefix: string) => failures([
  [`${prefix}Test/Two/Identity/Resource`, identityTwice('example.org in account 123456789012 in eu-west-1', `${prefix}Test/Two/Identity/Resource`,
    `${prefix}Test/One/Identity/Resource`, 'MX bounce.example.org., TXT bounce.example.org., TXT example.org., TXT _dmarc.example.org. '
    + `in hosted zone example.org (${prefix}Test/Zone)`)],
  [`${prefix}Test/B/Resource`, setTwice('TXT', 'www.example.org.', `hosted zone example.org (${prefix}Test/Zone)`, `${prefix}Test/B/Resource`, `${prefix}Test/A/Resource`)],
]);

test('each message is on the construct it is about, in tree order, the root cause with the record sets that follow from it', () => {
  const app = new App();
  build(new Stack(app, 'Test', { env }));
  expect(synthError(app)).toEqual(expected(''));
});

test('a second synth reports the same messages, once each', () => {
  const app = new App();
  build(new Stack(app, 'Test', { env }));
  expect(synthError(app)).toEqual(expected(''));
  expect(synthError(app)).toEqual(expected(''));
});

test('inside a Stage the messages carry the stage\'s paths', () => {
  const app = new App();
  const stage = new Stage(app, 'Prod');
  build(new Stack(stage, 'Test', { env }));
  expect(synthError(app)).toEqual(expected('Prod/'));
});

test('a stack-wide limit is reported on the stack', () => {
  const app = new App();
  const stack = new Stack(app, 'Test', { env });
  for (let i = 0; i < 200; i++) new CfnOutput(stack, `Out${i}`, { value: `v${i}` });
  new VerifiedMailDomain(stack, 'Mail', { domainName: 'example.org' });
  expect(synthError(app).split('\n')[1]).toMatch(/^ {2}\[Test\] Stack Test has 201 outputs/);
});

test('a problem fixed between two synths is no longer reported', () => {
  const app = new App();
  const stack = new Stack(app, 'Test', { env });
  const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.org' });
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
  const own = new route53.CfnRecordSet(stack, 'Own', { hostedZoneId: zone.hostedZoneId, name: '_dmarc.example.org.', type: 'TXT', resourceRecords: ['"x"'], ttl: '60' });
  expect(synthError(app)).toEqual(failures([['Test/Own', setTwice('TXT', '_dmarc.example.org.', 'hosted zone example.org (Test/Zone)', 'Test/Own',
    'Test/Mail/RecordSetGroup (DMARC policy)')]]));
  own.name = '_dmarc.shop.example.org.';
  expect(synthError(app)).toEqual('');
});
