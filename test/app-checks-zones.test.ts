import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { Dmarc, Spf, VerifiedMailDomain } from '../src';
import { setTwice, synthError, validationFailure } from './helpers/util';

// Record sets given by HostedZoneName (as templates brought in with CfnInclude often are) against the
// construct's, given by zone id: CloudFormation writes a set given by name to the one zone of that name
// in the stack's account, so it is that zone when the app knows exactly one zone of the name there.

const account = '123456789012';
const env = { account, region: 'eu-west-1' };
const SPF = 'SPF of the domain';

/** What a collision message adds when one side was matched to the zone by its name. */
function byName(owner: string, given: string, zone: string, where = `account ${account}`): string {
  return `. ${owner} gives its zone by name (HostedZoneName '${given}'), taken as ${zone}: the only zone of that name the app has in ${where}, `
    + 'and CloudFormation writes a set given by name to the one zone of that name in the account';
}

/** A user's TXT record set at the apex, given by the zone's name. */
function apexByName(stack: Stack, hostedZoneName: string, id = 'Own'): route53.CfnRecordSet {
  return new route53.CfnRecordSet(stack, id, { hostedZoneName, name: 'example.org.', type: 'TXT', resourceRecords: ['"own"'], ttl: '300' });
}

type ZoneMaker = (stack: Stack) => route53.IHostedZone;
const zones: Array<[string, ZoneMaker, string]> = [
  ['a PublicHostedZone of the app', (stack) => new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.org' }), 'hosted zone example.org (Test/Zone)'],
  ['a zone imported with fromHostedZoneAttributes', (stack) => route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: 'Z0123456789', zoneName: 'example.org',
  }), 'hosted zone Z0123456789'],
];

describe.each(zones)('the construct in %s', (_, makeZone, zoneLabel) => {
  test.each(['example.org.', 'example.org', 'EXAMPLE.Org.'])('a record set given by HostedZoneName %p collides with the SPF record set', (given) => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: makeZone(stack) });
    apexByName(stack, given);
    expect(synthError(app)).toEqual(validationFailure([
      setTwice('TXT', 'example.org.', zoneLabel, 'Test/Own', `Test/Mail/RecordSetGroup (${SPF})`) + byName('Test/Own', given, zoneLabel),
    ], 'Test/Own'));
  });

  test('a record-set group given by HostedZoneName collides at the DMARC name, from another stack of the account', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: makeZone(stack) });
    const other = new Stack(app, 'Other', { env: { account, region: 'us-east-1' } });
    new route53.CfnRecordSetGroup(other, 'Group', {
      hostedZoneName: 'example.org.',
      recordSets: [
        { name: 'www.example.org.', type: 'A', resourceRecords: ['192.0.2.1'], ttl: '300' },
        { name: '_dmarc.example.org.', type: 'TXT', resourceRecords: ['"v=DMARC1; p=reject"'], ttl: '300' },
      ],
    });
    expect(synthError(app)).toEqual(validationFailure([
      setTwice('TXT', '_dmarc.example.org.', zoneLabel, 'Other/Group', 'Test/Mail/RecordSetGroup (DMARC policy)') + byName('Other/Group', 'example.org.', zoneLabel),
    ], 'Other/Group'));
  });

  test('a CNAME given by HostedZoneName at the MAIL FROM domain names mailFromSubdomain and the match', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: makeZone(stack), spf: Spf.none(), dmarc: Dmarc.none() });
    new route53.CfnRecordSet(stack, 'Alias', { hostedZoneName: 'example.org.', name: 'bounce.example.org.', type: 'CNAME', resourceRecords: ['x.example.net'], ttl: '300' });
    expect(synthError(app)).toEqual(validationFailure([
      'CNAME record set bounce.example.org. (by Test/Alias) shares its name with the MX record set of Test/Mail/RecordSetGroup (custom MAIL FROM: SES bounce '
      + 'and complaint feedback (MX)) and the TXT record set of Test/Mail/RecordSetGroup (custom MAIL FROM: SPF of the envelope sender) '
      + `in ${zoneLabel}. A CNAME must be the only record at its name (RFC 1034 section 3.6.2) and Route53 refuses the change; move one of them to another name. `
      + 'bounce.example.org. is the MAIL FROM domain of Test/Mail, from mailFromSubdomain \'bounce\' (the default): give mailFromSubdomain a label no other record uses'
      + byName('Test/Alias', 'example.org.', zoneLabel),
    ], 'Test/Alias'));
  });
});

test('a template brought in with CfnInclude, its record set given by HostedZoneName, collides with the construct\'s', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'include-'));
  const templateFile = path.join(dir, 'legacy.json');
  fs.writeFileSync(templateFile, JSON.stringify({
    Resources: {
      SiteVerification: {
        Type: 'AWS::Route53::RecordSet',
        Properties: { HostedZoneName: 'example.org.', Name: 'example.org.', Type: 'TXT', TTL: '300', ResourceRecords: ['"google-site-verification=abc"'] },
      },
    },
  }));
  const app = new App();
  const stack = new Stack(app, 'Test', { env });
  const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.org' });
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
  new CfnInclude(stack, 'Legacy', { templateFile });
  const zoneLabel = 'hosted zone example.org (Test/Zone)';
  expect(synthError(app)).toEqual(validationFailure([
    setTwice('TXT', 'example.org.', zoneLabel, 'Test/Legacy/SiteVerification', `Test/Mail/RecordSetGroup (${SPF})`)
    + byName('Test/Legacy/SiteVerification', 'example.org.', zoneLabel),
  ], 'Test/Legacy/SiteVerification'));
  fs.rmSync(dir, { recursive: true });
});

describe('a record set given by HostedZoneName is not matched where the zone it lands in is not known', () => {
  const cases: Array<[string, (app: App, stack: Stack) => void]> = [
    ['the construct\'s zone is imported by id only (its name is unknown)', (_app, stack) => {
      new VerifiedMailDomain(stack, 'Mail', { hostedZone: route53.HostedZone.fromHostedZoneId(stack, 'Zone', 'Z0123456789'), domainName: 'example.org' });
      apexByName(stack, 'example.org.');
    }],
    ['the app has two zones of that name in the account (CloudFormation would refuse the name)', (_app, stack) => {
      new VerifiedMailDomain(stack, 'Mail', { hostedZone: new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.org' }) });
      new route53.PrivateHostedZone(stack, 'Private', { zoneName: 'example.org', vpc: new ec2.Vpc(stack, 'Vpc') });
      apexByName(stack, 'example.org.');
    }],
    ['the record set is in a stack of another account', (app, stack) => {
      new VerifiedMailDomain(stack, 'Mail', { hostedZone: new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.org' }) });
      apexByName(new Stack(app, 'Elsewhere', { env: { account: '210987654321', region: 'eu-west-1' } }), 'example.org.');
    }],
    ['the record set is in an environment-agnostic stack (its account is unknown)', (app, stack) => {
      new VerifiedMailDomain(stack, 'Mail', { hostedZone: new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.org' }) });
      apexByName(new Stack(app, 'Agnostic'), 'example.org.');
    }],
    ['the name is another zone\'s', (_app, stack) => {
      new VerifiedMailDomain(stack, 'Mail', { hostedZone: new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.org' }) });
      new route53.CfnRecordSet(stack, 'Own', { hostedZoneName: 'org.', name: 'example.org.', type: 'TXT', resourceRecords: ['"own"'], ttl: '300' });
    }],
  ];

  test.each(cases)('%s', (_, build) => {
    const app = new App();
    build(app, new Stack(app, 'Test', { env }));
    expect(synthError(app)).toEqual('');
  });
});

test('in one environment-agnostic stack, a record set given by the zone\'s name is matched', () => {
  const app = new App();
  const stack = new Stack(app, 'Test');
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.org' }) });
  apexByName(stack, 'example.org.');
  const zoneLabel = 'hosted zone example.org (Test/Zone)';
  expect(synthError(app)).toEqual(validationFailure([
    setTwice('TXT', 'example.org.', zoneLabel, 'Test/Own', `Test/Mail/RecordSetGroup (${SPF})`) + byName('Test/Own', 'example.org.', zoneLabel, 'the account of stack Test'),
  ], 'Test/Own'));
});

test('two record sets given by the same HostedZoneName collide with each other, as before', () => {
  const app = new App();
  const stack = new Stack(app, 'Test', { env });
  new VerifiedMailDomain(stack, 'Mail', { domainName: 'example.com' });
  apexByName(stack, 'example.org.', 'One');
  apexByName(stack, 'Example.org', 'Two');
  expect(synthError(app)).toEqual(validationFailure([setTwice('TXT', 'example.org.', 'hosted zone example.org.', 'Test/Two', 'Test/One')], 'Test/Two'));
});
