// Integration test: one domain in two regions. The primary region's stack publishes the identity, its
// Easy DKIM and MAIL FROM records, SPF and DMARC; the second region's stack, naming it `primary`,
// publishes only its own identity's Easy DKIM records and its MAIL FROM domain (bounce-<region>).
// Each stack's deploy waits until SES reports that region's identity verified (or fails naming the
// records SES has not found), so a deploy that ends is the test passing in both regions.
//
// Without AWS, `npm test` compares this app's synthesized output with the committed snapshot
// (test/integ.second-region.ts.snapshot). Against your own account:
//
//   INTEG_ZONE_NAME=example.com INTEG_HOSTED_ZONE_ID=Z0123... \
//     npx integ-runner --language typescript --update-on-failed integ.second-region.ts
//
// The zone must be a public zone of that account, and its domain must not already be an SES identity
// in either region: the primary's is the one the runner deploys to (CDK_DEFAULT_REGION), the second
// INTEG_SECOND_REGION (eu-west-1 unless set, us-east-1 when the primary is eu-west-1).
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { VerificationWait, VerifiedMailDomain } from '../src';
import { CurrentNodeRuntime } from './helpers/integ-runtime';

const zoneName = process.env.INTEG_ZONE_NAME ?? 'integ.example.com';
const hostedZoneId = process.env.INTEG_HOSTED_ZONE_ID ?? 'Z0000000000000INTEG';
// The primary is in the region the runner deploys to; the second region is another one.
const primaryRegion = process.env.CDK_DEFAULT_REGION ?? 'us-east-1';
const secondRegion = process.env.INTEG_SECOND_REGION ?? (primaryRegion === 'eu-west-1' ? 'us-east-1' : 'eu-west-1');

const app = new App();

/** A stack in one region with the zone imported by its attributes: no cross-region reference. */
function regionStack(id: string, region: string): { stack: Stack; hostedZone: route53.IHostedZone } {
  const stack = new Stack(app, id, { env: { region } });
  return { stack, hostedZone: route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId, zoneName }) };
}

const first = regionStack('VerifiedMailDomainPrimaryInteg', primaryRegion);
const primary = new VerifiedMailDomain(first.stack, 'Mail', {
  hostedZone: first.hostedZone,
  waitForVerification: VerificationWait.untilVerified(),
});

const second = regionStack('VerifiedMailDomainSecondRegionInteg', secondRegion);
new VerifiedMailDomain(second.stack, 'Mail', {
  hostedZone: second.hostedZone,
  primary,
  waitForVerification: VerificationWait.untilVerified(),
});

new IntegTest(app, 'VerifiedMailDomainSecondRegionIntegTest', { testCases: [first.stack, second.stack] });

// The assertion Lambdas on the current Node.js runtime (see the aspect).
Aspects.of(app).add(new CurrentNodeRuntime());
