// The example app that `npm run example` synthesizes into cdk.out/. It needs no AWS credentials:
// the zone is imported by its attributes and the stack has an explicit account and region.
import { App, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { DmarcPolicy, Dmarc, InboundMail, Spf, VerifiedMailDomain } from '../src';

const app = new App();
const stack = new Stack(app, 'VerifiedMailDomainExample', {
  env: { account: '123456789012', region: 'eu-west-1' },
});

const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', {
  hostedZoneId: 'Z0123456789EXAMPLE',
  zoneName: 'example.com',
});

new VerifiedMailDomain(stack, 'Mail', {
  hostedZone: zone,
  // The domain's other sender, besides SES.
  spf: Spf.publish({ include: ['_spf.google.com'] }),
  dmarc: Dmarc.publish({
    policy: DmarcPolicy.QUARANTINE,
    aggregateReportAddresses: ['dmarc-reports@example.com'],
  }),
  // Mail to @example.com is received by SES in eu-west-1.
  inboundMail: InboundMail.ses(),
});

app.synth();
