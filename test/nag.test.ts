import { App, Aspects, SecretValue, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  DkimSigning, Dmarc, DmarcAlignment, DmarcFailureReportOption, DmarcPolicy, InboundMail, Spf, SpfAll, VerifiedMailDomain,
} from '../src';

// cdk-nag's AwsSolutions pack over stacks that use every option of the construct: no errors, no warnings.
function nagged(build: (stack: Stack, zone: route53.IHostedZone) => void): Stack {
  const app = new App();
  const stack = new Stack(app, 'Nag', { env: { account: '123456789012', region: 'eu-west-1' } });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z123EXAMPLE', zoneName: 'example.org' });
  build(stack, zone);
  Aspects.of(stack).add(new AwsSolutionsChecks({ verbose: true }));
  app.synth();
  return stack;
}

function expectClean(stack: Stack): void {
  expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
}

test('Easy DKIM with every other option passes AwsSolutions', () => {
  const stack = nagged((s, zone) => {
    const configurationSet = new ses.ConfigurationSet(s, 'Set');
    new VerifiedMailDomain(s, 'Mail', {
      hostedZone: zone,
      domainName: 'mail.example.org',
      dkim: DkimSigning.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
      mailFromSubdomain: 'return',
      mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.REJECT_MESSAGE,
      spf: Spf.publish({ include: ['_spf.google.com'], ip4: ['192.0.2.0/24'], ip6: ['2001:db8::/32'], a: true, mx: true, all: SpfAll.FAIL }),
      domainTxtValues: ['site-verification=abc'],
      dmarc: Dmarc.publish({
        policy: DmarcPolicy.REJECT,
        subdomainPolicy: DmarcPolicy.QUARANTINE,
        nonExistentSubdomainPolicy: DmarcPolicy.REJECT,
        aggregateReportAddresses: ['dmarc@example.org'],
        failureReportAddresses: ['ruf@example.org'],
        dkimAlignment: DmarcAlignment.STRICT,
        failureReportOptions: [DmarcFailureReportOption.ANY_FAIL],
        testing: true,
      }),
      inboundMail: InboundMail.servers([{ host: 'mx1.example.net', priority: 10 }]),
      configurationSet,
      recordOutputs: true,
    });
  });
  expectClean(stack);
});

test('BYODKIM, SES receiving, null MX and a grant pass AwsSolutions', () => {
  const stack = nagged((s, zone) => {
    const mail = new VerifiedMailDomain(s, 'Mail', {
      hostedZone: zone,
      dkim: DkimSigning.byoDkim({ selector: 'sel', privateKey: SecretValue.secretsManager('dkim-key') }),
      customMailFrom: false,
      inboundMail: InboundMail.ses(),
    });
    const role = new iam.Role(s, 'Sender', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    mail.grantSendEmail(role, { fromAddressInDomainOnly: true });
    new VerifiedMailDomain(s, 'Parked', { hostedZone: zone, domainName: 'parked.example.org', inboundMail: InboundMail.none() });
  });
  expectClean(stack);
});

test('the nag pack runs and reports (a bare IAM user with an inline policy is flagged)', () => {
  // Guards the two tests above against a pack that silently checks nothing.
  const stack = nagged((s) => {
    const user = new iam.User(s, 'User');
    user.addToPolicy(new iam.PolicyStatement({ actions: ['ses:*'], resources: ['*'] }));
  });
  expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-IAM5'))).not.toEqual([]);
});
