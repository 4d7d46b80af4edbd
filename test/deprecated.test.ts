import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { VerifiedMailDomain, VerifiedMailDomainProps } from '../src';
import { recordSets } from './helpers/util';

// The 0.x names keep working: each synthesizes the very templates of the name that replaces it, and
// says, in a warning with an id, what to use instead (README, "Migrating from 0.x").

const account = '123456789012';

/** A domain in eu-west-1 and a second region, us-east-1, that names it by `link`; both stacks' templates. */
function twoRegions(link: (primary: VerifiedMailDomain) => VerifiedMailDomainProps) {
  const app = new App();
  const stacks = ['eu-west-1', 'us-east-1'].map((region) => new Stack(app, `Mail-${region}`, { env: { account, region } }));
  const zones = stacks.map((stack) => route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789', zoneName: 'example.org' }));
  const primary = new VerifiedMailDomain(stacks[0], 'Mail', { hostedZone: zones[0] });
  const second = new VerifiedMailDomain(stacks[1], 'Mail', { hostedZone: zones[1], ...link(primary) });
  return { stacks, second, templates: stacks.map((stack) => Template.fromStack(stack).toJSON()) };
}

describe('primaryRegion, the 0.x name of primary', () => {
  const renamed = twoRegions((primary) => ({ primary }));
  const deprecated = twoRegions((primary) => ({ primaryRegion: primary }));

  test('synthesizes the same templates as primary, in both regions', () => {
    expect(deprecated.templates).toEqual(renamed.templates);
  });

  test('the second region writes only its own records: its DKIM CNAMEs and its MAIL FROM domain', () => {
    const sets = Object.values(recordSets(deprecated.stacks[1]));
    expect(sets.filter((s) => typeof s.Name === 'string').map((s) => `${s.Name} ${s.Type} ${JSON.stringify(s.ResourceRecords)} ${s.TTL}`).sort()).toEqual([
      'bounce-us-east-1.example.org. MX ["10 feedback-smtp.us-east-1.amazonses.com"] 1800',
      'bounce-us-east-1.example.org. TXT ["\\"v=spf1 include:amazonses.com ~all\\""] 1800',
    ]);
    expect(sets.filter((s) => typeof s.Name !== 'string').map((s) => s.Type)).toEqual(['CNAME', 'CNAME', 'CNAME']);
    expect(deprecated.second.records.map((r) => r.purpose)).toEqual(renamed.second.records.map((r) => r.purpose));
    Template.fromStack(deprecated.stacks[1]).hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'example.org',
      MailFromAttributes: { MailFromDomain: 'bounce-us-east-1.example.org', BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' },
    });
    expect(deprecated.second.mailFromDomain).toBe('bounce-us-east-1.example.org');
  });

  test('warns, with its id, to rename it to primary; primary itself warns of nothing', () => {
    const warnings = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => [w.id, w.entry.data]);
    expect(warnings(deprecated.stacks[1])).toEqual([['/Mail-us-east-1/Mail',
      'primaryRegion is deprecated: rename it to primary (the same construct, Mail-eu-west-1/Mail; the same records) '
      + '[ack: cdk-verified-mail-domain:primaryRegionDeprecated]']]);
    expect(warnings(renamed.stacks[1])).toEqual([]);
  });
});
