import { App, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { InboundMail, ReceiptRuleSetChoice, ReceivingAction, VerifiedMailDomain } from '../../src';
import { failures, synthError } from '../helpers/util';

// Recipients at a MAIL FROM domain of another VerifiedMailDomain of the app (a second region's, or the
// user's own rule): that name's only MX is SES's feedback endpoint, so the rule would never fire.

function regionStack(app: App, region: string): { stack: Stack; zone: route53.IHostedZone } {
  const stack = new Stack(app, `Mail-${region}`, { env: { account: '123456789012', region } });
  return { stack, zone: route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789', zoneName: 'example.org' }) };
}

const NEVER_FIRES = (rule: string, i: number, recipient: string, owner: string, label: string) => `The receipt rule ${rule} receives for recipients[${i}] '${recipient}', `
  + `at the MAIL FROM domain of ${owner} (mailFromSubdomain '${label}'), whose only MX is SES's feedback endpoint: mail to it never reaches a receipt rule. `
  + `Receive at another address, or give ${owner} another mailFromSubdomain`;

test('the primary receiving for the second region\'s MAIL FROM domain is an error on its rule; other recipients and .<domain> pass', () => {
  const app = new App();
  const first = regionStack(app, 'eu-west-1');
  const primary = new VerifiedMailDomain(first.stack, 'Mail', {
    hostedZone: first.zone,
    inboundMail: InboundMail.ses({
      actions: [ReceivingAction.sns(new sns.Topic(first.stack, 'T'))],
      ruleSet: ReceiptRuleSetChoice.existing('inbox'),
      recipients: ['info@example.org', '.example.org', 'Postmaster@Bounce-US-East-1.example.org'],
    }),
  });
  const second = regionStack(app, 'us-east-1');
  new VerifiedMailDomain(second.stack, 'Mail', { hostedZone: second.zone, primaryRegion: primary });
  expect(synthError(app)).toEqual(failures([
    ['Mail-eu-west-1/Mail/ReceiptRule', NEVER_FIRES('Mail-eu-west-1/Mail/ReceiptRule', 2, 'Postmaster@bounce-us-east-1.example.org', 'Mail-us-east-1/Mail', 'bounce-us-east-1')],
  ]));
});

test('a rule of the user\'s own for the construct\'s MAIL FROM domain is an error; one for another name is not', () => {
  const app = new App();
  const { stack, zone } = regionStack(app, 'eu-west-1');
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
  new ses.CfnReceiptRule(stack, 'Own', { ruleSetName: 'inbox', rule: { recipients: ['bounce.example.org.', 'shop.example.org'], enabled: true } });
  expect(synthError(app)).toEqual(failures([
    ['Mail-eu-west-1/Own', NEVER_FIRES('Mail-eu-west-1/Own', 0, 'bounce.example.org.', 'Mail-eu-west-1/Mail', 'bounce')],
  ]));

  const fine = new App();
  const other = regionStack(fine, 'eu-west-1');
  new VerifiedMailDomain(other.stack, 'Mail', { hostedZone: other.zone });
  new ses.CfnReceiptRule(other.stack, 'Own', { ruleSetName: 'inbox', rule: { recipients: ['shop.example.org'], enabled: true } });
  expect(synthError(fine)).toEqual('');
});
