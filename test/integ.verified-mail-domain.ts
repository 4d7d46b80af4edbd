// Integration test: deploys VerifiedMailDomain into a real hosted zone and asserts, through SESv2
// GetEmailIdentity, that SES reports the domain verified for sending with DKIM and MAIL FROM in place.
//
// Without AWS, `npm test` compares this app's synthesized output with the committed snapshot
// (test/integ.verified-mail-domain.ts.snapshot). Against your own account:
//
//   INTEG_ZONE_NAME=example.com INTEG_HOSTED_ZONE_ID=Z0123... \
//     npx integ-runner --language typescript --update-on-failed
//
// The zone must be a public zone of that account, and its domain must not already be an SES identity.
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Aspects, Duration, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { VerificationWait, VerifiedMailDomain } from '../src';
import { CurrentNodeRuntime } from './helpers/integ-runtime';

const zoneName = process.env.INTEG_ZONE_NAME ?? 'integ.example.com';
const hostedZoneId = process.env.INTEG_HOSTED_ZONE_ID ?? 'Z0000000000000INTEG';

const app = new App();
const stack = new Stack(app, 'VerifiedMailDomainInteg');
const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId, zoneName });
// The stack's deploy itself waits until SES reports the domain verified (or fails naming the records).
const mail = new VerifiedMailDomain(stack, 'Mail', { hostedZone, waitForVerification: VerificationWait.untilVerified() });

const integ = new IntegTest(app, 'VerifiedMailDomainIntegTest', { testCases: [stack] });

// SES checks the DKIM CNAMEs and the MAIL FROM MX itself, usually within minutes of the records
// appearing; the assertion polls for up to an hour.
integ.assertions
  .awsApiCall('SESV2', 'getEmailIdentity', { EmailIdentity: mail.domainName })
  .expect(ExpectedResult.objectLike({
    VerifiedForSendingStatus: true,
    DkimAttributes: { Status: 'SUCCESS' },
    MailFromAttributes: { MailFromDomain: mail.mailFromDomain, MailFromDomainStatus: 'SUCCESS' },
  }))
  .waitForAssertions({ interval: Duration.minutes(1), totalTimeout: Duration.hours(1) });

// The assertion Lambdas on the current Node.js runtime (see the aspect).
Aspects.of(app).add(new CurrentNodeRuntime());
