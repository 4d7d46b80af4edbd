// The example app that `npm run example` synthesizes into cdk.out/. It needs no AWS credentials:
// the zone is imported by its attributes and the stack has an explicit account and region.
import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  ContactList, Deliverability, DmarcPolicy, Dmarc, DmarcReports, InboundMail, ReceiptRuleSetChoice, ReceivingAction, Spf, SubscriptionStatus,
  VerificationWait,
  VerifiedMailDomain,
} from '../src';

const app = new App();
const stack = new Stack(app, 'VerifiedMailDomainExample', {
  env: { account: '123456789012', region: 'eu-west-1' },
});

const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', {
  hostedZoneId: 'Z0123456789EXAMPLE',
  zoneName: 'example.com',
});

const inbox = new s3.Bucket(stack, 'Inbox', {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  encryption: s3.BucketEncryption.S3_MANAGED,
  enforceSSL: true,
});

const mail = new VerifiedMailDomain(stack, 'Mail', {
  hostedZone: zone,
  // The domain's other sender, besides SES.
  spf: Spf.publish({ include: ['_spf.google.com'] }),
  dmarc: Dmarc.publish({ policy: DmarcPolicy.QUARANTINE }),
  // DMARC reports received by this stack: the record's rua is dmarc@dmarc-reports.example.com, whose MX is
  // SES in eu-west-1, and a receipt rule (in the inbound rule set below) stores each report in a new bucket.
  dmarcReports: DmarcReports.receive(),
  // Mail to @example.com is received by SES in eu-west-1 and stored in a bucket of this stack, through a
  // new receipt rule set that the stack activates (it refuses to replace another active set).
  inboundMail: InboundMail.ses({
    actions: [ReceivingAction.s3({ bucket: inbox, objectKeyPrefix: 'inbox/' })],
    ruleSet: ReceiptRuleSetChoice.create(),
  }),
  // Deliverability guardrails: a configuration set with reputation metrics and suppression of bounces and
  // complaints, its bounces and complaints on the stack's encrypted guardrail topic, and alarms on the
  // set's and the account's bounce and complaint rates at half of SES's review levels. And one-click
  // unsubscribe: SES's contact list (one per account and region) with two topics; mail sent with
  // ListManagementOptions naming it gets SES's List-Unsubscribe and List-Unsubscribe-Post headers.
  deliverability: Deliverability.guard({
    contactList: ContactList.create({
      contactListName: 'example-com',
      topics: [
        { topicName: 'newsletter', displayName: 'Monthly newsletter', defaultSubscriptionStatus: SubscriptionStatus.OPT_IN },
        { topicName: 'offers', displayName: 'Offers', description: 'Sales and discounts, now and then', defaultSubscriptionStatus: SubscriptionStatus.OPT_OUT },
      ],
    }),
  }),
  // The deploy ends only once SES reports the domain verified (DKIM and the MAIL FROM domain), so whatever
  // sends mail after the deploy can; a domain SES has not verified within 30 minutes fails the deploy,
  // naming the records it has not found.
  waitForVerification: VerificationWait.untilVerified(),
});

// The same domain also sends from us-east-1: its own identity, Easy DKIM keys and MAIL FROM domain
// (bounce-us-east-1.example.com), written by its own stack into the zone; SPF, DMARC and the inbound MX
// stay with the primary above.
const secondRegion = new Stack(app, 'VerifiedMailDomainSecondRegionExample', {
  env: { account: '123456789012', region: 'us-east-1' },
});
new VerifiedMailDomain(secondRegion, 'Mail', {
  hostedZone: route53.HostedZone.fromHostedZoneAttributes(secondRegion, 'Zone', { hostedZoneId: 'Z0123456789EXAMPLE', zoneName: 'example.com' }),
  primary: mail,
});

// DNS kept outside Route53 (a registrar or another provider): no hosted zone. The stack creates the
// SES identity and lists every record in one CloudFormation output, `Records`, in zone-file syntax.
const external = new Stack(app, 'VerifiedMailDomainExternalDnsExample', {
  env: { account: '123456789012', region: 'eu-west-1' },
});
const externalMail = new VerifiedMailDomain(external, 'Mail', {
  domainName: 'example.net',
  dmarc: Dmarc.publish({ aggregateReportAddresses: ['dmarc@example.net'] }),
  // Mail to @example.net goes to the domain's own mail server.
  inboundMail: InboundMail.servers([{ host: 'mx.example.net', priority: 10 }]),
});
// The whole set as one zone file, ready to paste once the stack is deployed.
new CfnOutput(external, 'ZoneFile', { value: externalMail.zoneFile() });

app.synth();
