import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Dmarc, Spf, VerifiedMailDomain, VerifiedMailDomainProps } from '../src';
import { setTwice, synthError, validationFailure, zoneStack } from './helpers/util';

// The MAIL FROM props: nothing given is dropped when customMailFrom is false, and a MAIL FROM domain
// that collides with the user's records is named by the prop that makes it.

const ZONE = 'hosted zone example.org (Test/Zone)';
const MX = 'custom MAIL FROM: SES bounce and complaint feedback (MX)';
const TXT = 'custom MAIL FROM: SPF of the envelope sender';

describe('with customMailFrom false', () => {
  test.each<[string, VerifiedMailDomainProps, string]>([
    ['mailFromBehaviorOnMxFailure REJECT_MESSAGE', { mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.REJECT_MESSAGE },
      'mailFromBehaviorOnMxFailure (REJECT_MESSAGE) is set but customMailFrom is false: SES applies it only to a custom MAIL FROM domain; remove one of them'],
    ['mailFromBehaviorOnMxFailure USE_DEFAULT_VALUE', { mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE },
      'mailFromBehaviorOnMxFailure (USE_DEFAULT_VALUE) is set but customMailFrom is false: SES applies it only to a custom MAIL FROM domain; remove one of them'],
    ['mailFromSubdomain', { mailFromSubdomain: 'mail' }, 'mailFromSubdomain (\'mail\') is set but customMailFrom is false; remove one of them'],
  ])('%s is refused, not dropped', (_, props, message) => {
    const { stack, zone } = zoneStack();
    expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, customMailFrom: false, ...props })).toThrow(message);
  });

  test('alone, it publishes no MAIL FROM domain and sets none on the identity', () => {
    const { stack, zone } = zoneStack();
    const mail = new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, customMailFrom: false });
    expect(mail.mailFromDomain).toBeUndefined();
    const identities = Object.values(Template.fromStack(stack).findResources('AWS::SES::EmailIdentity'));
    expect(identities.map((i: any) => i.Properties.MailFromAttributes)).toEqual([undefined]);
  });

  test('mailFromBehaviorOnMxFailure with a custom MAIL FROM reaches the identity', () => {
    const { stack, zone } = zoneStack();
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.REJECT_MESSAGE });
    Template.fromStack(stack).hasResourceProperties('AWS::SES::EmailIdentity', {
      MailFromAttributes: { MailFromDomain: 'bounce.example.org', BehaviorOnMxFailure: 'REJECT_MESSAGE' },
    });
  });
});

describe('a MAIL FROM domain on a name the user\'s records hold', () => {
  const hint = (name: string, owner: string, label: string) => `. ${name} is the MAIL FROM domain of ${owner}, from mailFromSubdomain ${label}`;

  test.each<[string, (stack: Stack, zone: route53.IHostedZone) => void, Partial<VerifiedMailDomainProps>, string, string]>([
    ['mailFromSubdomain \'www\' beside the user\'s CNAME at www', (stack, zone) => {
      new route53.CnameRecord(stack, 'Www', { zone, recordName: 'www', domainName: 'site.example.net' });
    }, { mailFromSubdomain: 'www' }, 'Test/Www/Resource',
    `CNAME record set www.example.org. (by Test/Www/Resource) shares its name with the MX record set of Test/Mail/RecordSetGroup (${MX}) and the TXT record set `
      + `of Test/Mail/RecordSetGroup (${TXT}) in ${ZONE}. A CNAME must be the only record at its name (RFC 1034 section 3.6.2) and Route53 refuses the change; `
      + 'move one of them to another name' + hint('www.example.org.', 'Test/Mail', '\'www\'')
      + ': give mailFromSubdomain a label no other record uses (the default is \'bounce\')'],
    ['mailFromSubdomain \'Mail\' beside the user\'s MX at mail', (stack, zone) => {
      new route53.MxRecord(stack, 'Inbox', { zone, recordName: 'mail', values: [{ priority: 10, hostName: 'mx.example.net' }] });
    }, { mailFromSubdomain: 'Mail' }, 'Test/Mail/RecordSetGroup',
    setTwice('MX', 'mail.example.org.', ZONE, `Test/Mail/RecordSetGroup (${MX})`, 'Test/Inbox/Resource') + hint('mail.example.org.', 'Test/Mail', '\'Mail\'')
      + ': give mailFromSubdomain a label no other record uses (the default is \'bounce\')'],
    ['the default label beside the user\'s TXT at bounce', (stack, zone) => {
      new route53.TxtRecord(stack, 'Old', { zone, recordName: 'bounce', values: ['v=spf1 -all'] });
    }, {}, 'Test/Mail/RecordSetGroup',
    setTwice('TXT', 'bounce.example.org.', ZONE, `Test/Mail/RecordSetGroup (${TXT})`, 'Test/Old/Resource') + hint('bounce.example.org.', 'Test/Mail', '\'bounce\' (the default)')
      + ': give mailFromSubdomain a label no other record uses'],
  ])('%s names mailFromSubdomain, its value and what to do', (_, addRecords, props, path, message) => {
    const { stack, zone } = zoneStack();
    addRecords(stack, zone);
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, spf: Spf.none(), dmarc: Dmarc.none(), ...props });
    expect(synthError(stack.node.root as App)).toEqual(validationFailure([message], path));
  });

  test('a second region\'s default label beside the user\'s CNAME names that default', () => {
    const app = new App();
    const zoneIn = (stack: Stack) => route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789', zoneName: 'example.org' });
    const eu = new Stack(app, 'Eu', { env: { account: '123456789012', region: 'eu-west-1' } });
    const primary = new VerifiedMailDomain(eu, 'Mail', { hostedZone: zoneIn(eu) });
    const us = new Stack(app, 'Us', { env: { account: '123456789012', region: 'us-east-1' } });
    const usZone = zoneIn(us);
    new route53.CnameRecord(us, 'Alias', { zone: usZone, recordName: 'bounce-us-east-1', domainName: 'x.example.net' });
    new VerifiedMailDomain(us, 'Mail', { hostedZone: usZone, primary });
    expect(synthError(app)).toEqual(validationFailure([
      `CNAME record set bounce-us-east-1.example.org. (by Us/Alias/Resource) shares its name with the MX record set of Us/Mail/RecordSetGroup (${MX}) `
      + `and the TXT record set of Us/Mail/RecordSetGroup (${TXT}) in hosted zone Z0123456789. A CNAME must be the only record at its name (RFC 1034 section 3.6.2) `
      + 'and Route53 refuses the change; move one of them to another name' + hint('bounce-us-east-1.example.org.', 'Us/Mail', '\'bounce-us-east-1\' (the default)')
      + ': give mailFromSubdomain a label no other record uses',
    ], 'Us/Alias/Resource'));
  });
});
