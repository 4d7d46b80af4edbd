import { App, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { VerifiedMailDomain } from '../src';
import { setTwice, synthError, validationFailure, zoneStack } from './helpers/util';

// The app-wide record-set checks where record sets come in groups, carry routing policies, or have
// deploy-time names in several stacks.

const env = { account: '123456789012', region: 'eu-west-1' };
const ZONE = 'hosted zone example.org (Test/Zone)';

describe('record-set groups', () => {
  test('a group of two record sets at different names is no collision', () => {
    const { stack, zone } = zoneStack();
    new route53.CfnRecordSetGroup(stack, 'Group', {
      hostedZoneId: zone.hostedZoneId,
      recordSets: [
        { name: 'www.example.org.', type: 'A', resourceRecords: ['192.0.2.1'], ttl: '300' },
        { name: 'api.example.org.', type: 'A', resourceRecords: ['192.0.2.2'], ttl: '300' },
      ],
    });
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
    expect(synthError(stack.node.root as App)).toEqual('');
  });

  test('a group record at the construct\'s DMARC name collides, naming both', () => {
    const { stack, zone } = zoneStack();
    new route53.CfnRecordSetGroup(stack, 'Group', {
      hostedZoneId: zone.hostedZoneId,
      recordSets: [{ name: '_DMARC.example.org', type: 'TXT', resourceRecords: ['"v=DMARC1; p=reject"'], ttl: '300' }],
    });
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
    expect(synthError(stack.node.root as App)).toEqual(validationFailure([
      setTwice('TXT', '_dmarc.example.org.', ZONE, 'Test/Mail/RecordSetGroup (DMARC policy)', 'Test/Group'),
    ], 'Test/Mail/RecordSetGroup'));
  });
});

describe('routing policies', () => {
  const weighted = (stack: Stack, zone: route53.IHostedZone, id: string, setIdentifier?: string) => new route53.CfnRecordSet(stack, id, {
    hostedZoneId: zone.hostedZoneId,
    name: 'www.example.org.',
    type: 'A',
    resourceRecords: ['192.0.2.1'],
    ttl: '300',
    ...(setIdentifier ? { setIdentifier, weight: 1 } : {}),
  });

  test('a plain record set beside a weighted one at the same name and type collides (Route53 refuses the mix)', () => {
    const { stack, zone } = zoneStack();
    weighted(stack, zone, 'Weighted', 'one');
    weighted(stack, zone, 'Plain');
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
    expect(synthError(stack.node.root as App)).toEqual(validationFailure([setTwice('A', 'www.example.org.', ZONE, 'Test/Plain', 'Test/Weighted')], 'Test/Plain'));
  });

  test('two weighted record sets with different identifiers pass', () => {
    const { stack, zone } = zoneStack();
    weighted(stack, zone, 'One', 'one');
    weighted(stack, zone, 'Two', 'two');
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
    expect(synthError(stack.node.root as App)).toEqual('');
  });
});

describe('deploy-time names in several stacks', () => {
  test('constructs with the same id in two stacks, for different domains of one zone, do not collide on their Easy DKIM names', () => {
    const app = new App();
    const a = new Stack(app, 'A', { env });
    const b = new Stack(app, 'B', { env });
    const zone = new route53.PublicHostedZone(a, 'Zone', { zoneName: 'example.org' });
    new VerifiedMailDomain(a, 'Mail', { hostedZone: zone, domainName: 'a.example.org' });
    new VerifiedMailDomain(b, 'Mail', { hostedZone: zone, domainName: 'b.example.org' });
    expect(synthError(app)).toEqual('');
  });

  test('the same identity attribute used as a name twice, from two stacks, collides', () => {
    const app = new App();
    const a = new Stack(app, 'A', { env });
    const b = new Stack(app, 'B', { env });
    const zone = new route53.PublicHostedZone(a, 'Zone', { zoneName: 'example.org' });
    const mail = new VerifiedMailDomain(a, 'Mail', { hostedZone: zone });
    new route53.CfnRecordSet(b, 'Copy', {
      hostedZoneId: zone.hostedZoneId, name: mail.emailIdentity.dkimDnsTokenName1, type: 'CNAME', resourceRecords: ['x.example.net'], ttl: '300',
    });
    expect(synthError(app)).toEqual(validationFailure([
      setTwice('CNAME', 'A/Mail/Identity/Resource.DkimDNSTokenName1', 'hosted zone example.org (A/Zone)', 'B/Copy', 'A/Mail/RecordSetGroup (Easy DKIM key 1)'),
    ], 'B/Copy'));
  });
});
