import { App, Aws, CfnParameter, Lazy, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct, IConstruct } from 'constructs';
import { markDomain, markPurpose } from '../src/app-marks';
import { nameKey, RecordSetClaim, recordSetClaims, recordSetCollisions } from '../src/app-records';
import { setTwice } from './helpers/util';

// recordSetClaims, recordSetCollisions and nameKey directly, on plain L1 record sets.

const ENV = { account: '111111111111', region: 'eu-west-1' };

function stack(app = new App(), id = 'Test', env: { account?: string; region?: string } = ENV): Stack {
  return new Stack(app, id, { env });
}

function all(app: IConstruct): IConstruct[] {
  return app.node.findAll();
}

function set(scope: Construct, id: string, props: Partial<route53.CfnRecordSetProps>): route53.CfnRecordSet {
  return new route53.CfnRecordSet(scope, id, { name: 'www.example.org', type: 'TXT', resourceRecords: ['"x"'], ttl: '300', hostedZoneId: 'Z1', ...props });
}

/** The claims without the construct and domain objects, for exact comparison. */
function plain(claims: RecordSetClaim[]): object[] {
  return claims.map(({ construct, domain, ...rest }) => ({ ...rest, construct: construct.node.path, domain: domain?.node.path }));
}

describe('nameKey', () => {
  test.each([
    ['www.Example.ORG', 'www.example.org.'],
    ['example.org.', 'example.org.'],
    ['*.example.org', '*.example.org.'],
  ])('%s is keyed as %s', (name, key) => {
    expect(nameKey(new Stack(), name)).toBe(key);
  });

  test('a token is keyed by its expression within the stack', () => {
    const s = stack();
    expect(nameKey(s, `x.${Aws.REGION}.example.org`)).toBe('{"Fn::Join":["",["x.",{"Ref":"AWS::Region"},".example.org"]]} in stack Test');
  });
});

describe('recordSetClaims', () => {
  test('a record set in a zone given by literal id: the id without /hostedzone/, type upper case, the user\'s', () => {
    const app = new App();
    set(stack(app), 'Set', { hostedZoneId: '/hostedzone/Z1', type: 'txt', name: 'WWW.example.org' });
    expect(plain(recordSetClaims(all(app)))).toEqual([{
      zone: 'id:Z1',
      zoneLabel: 'hosted zone Z1',
      name: 'www.example.org.',
      type: 'TXT',
      setIdentifier: '',
      owner: 'Test/Set',
      construct: 'Test/Set',
      domain: undefined,
      kind: undefined,
    }]);
  });

  test('a zone given by reference is keyed by the zone construct, named where its name is known', () => {
    const app = new App();
    const s = stack(app);
    const zone = new route53.PublicHostedZone(s, 'Zone', { zoneName: 'example.org' });
    set(s, 'Set', { hostedZoneId: zone.hostedZoneId, setIdentifier: 'blue' });
    const [claim] = recordSetClaims(all(app));
    expect([claim.zone, claim.zoneLabel, claim.setIdentifier, claim.matchedByName]).toEqual([
      'ref:Test/Zone/Resource.Ref', 'hosted zone example.org (Test/Zone)', '"blue" in stack Test', undefined,
    ]);
  });

  test('a zone id that is another expression is keyed by it', () => {
    const app = new App();
    const s = stack(app);
    set(s, 'Set', { hostedZoneId: `Z${Aws.ACCOUNT_ID}` });
    const [claim] = recordSetClaims(all(app));
    const key = '{"Fn::Join":["",["Z",{"Ref":"AWS::AccountId"}]]} in stack Test';
    expect([claim.zone, claim.zoneLabel]).toEqual([`expr:${key}`, `hosted zone ${key}`]);
  });

  test('a zone given by name is the one zone of that name the app has in the account', () => {
    const app = new App();
    const s = stack(app);
    new route53.PublicHostedZone(s, 'Zone', { zoneName: 'example.org' });
    set(s, 'Set', { hostedZoneId: undefined, hostedZoneName: 'Example.org.' });
    const [claim] = recordSetClaims(all(app));
    expect([claim.zone, claim.zoneLabel, claim.matchedByName]).toEqual(['ref:Test/Zone/Resource.Ref', 'hosted zone example.org (Test/Zone)',
      "Test/Set gives its zone by name (HostedZoneName 'Example.org.'), taken as hosted zone example.org (Test/Zone): "
      + 'the only zone of that name the app has in account 111111111111, and CloudFormation writes a set given by name to the one zone of that name in the account']);
  });

  test.each([
    ['two zones of that name in the account', (_app: App, s: Stack) => {
      new route53.PublicHostedZone(s, 'Zone1', { zoneName: 'example.org' });
      new route53.PublicHostedZone(s, 'Zone2', { zoneName: 'example.org' });
    }],
    ['the zone of that name in another account', (app: App) => {
      new route53.PublicHostedZone(stack(app, 'Other', { ...ENV, account: '222222222222' }), 'Zone', { zoneName: 'example.org' });
    }],
    ['no zone of that name', () => undefined],
  ])('a zone given by name stays keyed by its name with %s', (_, make) => {
    const app = new App();
    const s = stack(app);
    make(app, s);
    set(s, 'Set', { hostedZoneId: undefined, hostedZoneName: 'example.org' });
    const claim = recordSetClaims(all(app)).find((c) => c.construct.node.path === 'Test/Set')!;
    expect([claim.zone, claim.zoneLabel, claim.matchedByName]).toEqual(['name:example.org.', 'hosted zone example.org.', undefined]);
  });

  test('a zone name that is a token is keyed by its expression and never matched', () => {
    const app = new App();
    const s = stack(app);
    new route53.PublicHostedZone(s, 'Zone', { zoneName: 'example.org' });
    set(s, 'Set', { hostedZoneId: undefined, hostedZoneName: new CfnParameter(s, 'ZoneName').valueAsString });
    const claim = recordSetClaims(all(app))[0];
    expect([claim.zone, claim.zoneLabel, claim.matchedByName]).toEqual(['name:{"Ref":"ZoneName"}', 'hosted zone {"Ref":"ZoneName"}', undefined]);
  });

  test('a record-set group: one claim per set, the group\'s zone unless the set names its own; a token set is resolved', () => {
    const app = new App();
    const s = stack(app);
    new route53.CfnRecordSetGroup(s, 'Group', {
      hostedZoneId: 'Z1',
      recordSets: [
        { name: 'a.example.org', type: 'TXT', resourceRecords: ['"a"'], ttl: '300' },
        { name: 'b.example.org', type: 'mx', resourceRecords: ['10 mx.example.org'], ttl: '300', hostedZoneId: 'Z2' },
        Lazy.any({ produce: () => ({ name: 'c.example.org', type: 'TXT', resourceRecords: ['"c"'], ttl: '300' }) }) as any,
      ],
    });
    expect(recordSetClaims(all(app)).map((c) => [c.zone, c.name, c.type, c.owner])).toEqual([
      ['id:Z1', 'a.example.org.', 'TXT', 'Test/Group'],
      ['id:Z2', 'b.example.org.', 'MX', 'Test/Group'],
      ['id:Z1', 'c.example.org.', 'TXT', 'Test/Group'],
    ]);
  });

  test('the construct\'s own set: owner with its purpose, its domain and kind; a zone by literal id takes the domain\'s zone name', () => {
    const app = new App();
    const s = stack(app);
    const domain = new Construct(s, 'Mail');
    markDomain(domain, { domainName: 'example.org', defaultMailFromLabel: 'bounce', zoneName: 'Example.org' });
    markPurpose(set(domain, 'Group', { name: 'bounce.example.org', type: 'MX', hostedZoneId: 'Z9' }), 'custom MAIL FROM', ['mailFromMx']);
    set(s, 'ByName', { hostedZoneId: undefined, hostedZoneName: 'example.org' });
    const [ours, byName] = recordSetClaims(all(app));
    expect(plain([ours])).toEqual([{
      zone: 'id:Z9',
      zoneLabel: 'hosted zone Z9',
      name: 'bounce.example.org.',
      type: 'MX',
      setIdentifier: '',
      owner: 'Test/Mail/Group (custom MAIL FROM)',
      construct: 'Test/Mail/Group',
      domain: 'Test/Mail',
      kind: 'mailFromMx',
    }]);
    // The user's set given by the name example.org lands in Z9, whose name is known from the construct.
    expect([byName.zone, byName.matchedByName !== undefined]).toEqual(['id:Z9', true]);
  });

  test('a marked set outside any VerifiedMailDomain has no domain and no kind', () => {
    const app = new App();
    markPurpose(set(stack(app), 'Set', {}), 'p', ['dkim']);
    const [claim] = recordSetClaims(all(app));
    expect([claim.owner, claim.domain, claim.kind]).toEqual(['Test/Set (p)', undefined, undefined]);
  });
});

describe('recordSetCollisions', () => {
  function collisions(make: (s: Stack) => void): Array<[string, string, string]> {
    const app = new App();
    make(stack(app));
    return recordSetCollisions(recordSetClaims(all(app))).map((c) => [c.message, c.subject.node.path, c.short]);
  }

  test.each<[string, (s: Stack) => void]>([
    ['other names', (s) => { set(s, 'A', {}); set(s, 'B', { name: 'mail.example.org' }); }],
    ['other types', (s) => { set(s, 'A', {}); set(s, 'B', { type: 'MX' }); }],
    ['other zones', (s) => { set(s, 'A', {}); set(s, 'B', { hostedZoneId: 'Z2' }); }],
    ['distinct set identifiers', (s) => { set(s, 'A', { setIdentifier: 'a' }); set(s, 'B', { setIdentifier: 'b' }); }],
    ['a CNAME alone at its name', (s) => { set(s, 'A', { type: 'CNAME', name: 'www.example.org' }); set(s, 'B', { name: 'other.example.org' }); }],
  ])('no collision with %s', (_, make) => {
    expect(collisions(make)).toEqual([]);
  });

  test.each<[string, (s: Stack) => void]>([
    ['the same set twice', (s) => { set(s, 'A', {}); set(s, 'B', { name: 'WWW.example.org.' }); }],
    ['the same set identifier twice', (s) => { set(s, 'A', { setIdentifier: 'a' }); set(s, 'B', { setIdentifier: 'a' }); }],
    ['a plain set beside one with a set identifier', (s) => { set(s, 'A', { setIdentifier: 'a' }); set(s, 'B', {}); }],
    ['a set with an identifier beside a plain one', (s) => { set(s, 'A', {}); set(s, 'B', { setIdentifier: 'b' }); }],
  ])('%s collides, the second set is the subject', (_, make) => {
    expect(collisions(make)).toEqual([[setTwice('TXT', 'www.example.org.', 'hosted zone Z1', 'Test/B', 'Test/A'), 'Test/B', 'TXT www.example.org.']]);
  });

  test('a set made three times is reported twice, each against the first', () => {
    expect(collisions((s) => ['A', 'B', 'C'].forEach((id) => set(s, id, {}))).map(([m]) => m)).toEqual([
      setTwice('TXT', 'www.example.org.', 'hosted zone Z1', 'Test/B', 'Test/A'),
      setTwice('TXT', 'www.example.org.', 'hosted zone Z1', 'Test/C', 'Test/A'),
    ]);
  });

  test('a CNAME beside other records names each of them', () => {
    expect(collisions((s) => {
      set(s, 'Txt', {});
      set(s, 'Cname', { type: 'CNAME' });
      set(s, 'Mx', { type: 'MX' });
    })).toEqual([[
      'CNAME record set www.example.org. (by Test/Cname) shares its name with the TXT record set of Test/Txt and the MX record set of Test/Mx in hosted zone Z1. '
      + 'A CNAME must be the only record at its name (RFC 1034 section 3.6.2) and Route53 refuses the change; move one of them to another name',
      'Test/Cname', 'CNAME www.example.org.',
    ]]);
  });

  test.each<[string, string | undefined, string]>([
    ['the default label', undefined, "from mailFromSubdomain 'bounce' (the default): give mailFromSubdomain a label no other record uses"],
    ['a given label', 'rp', "from mailFromSubdomain 'rp': give mailFromSubdomain a label no other record uses (the default is 'bounce')"],
  ])('a collision at the MAIL FROM domain says which mailFromSubdomain made it: %s', (_, mailFromSubdomain, note) => {
    const [[message]] = collisions((s) => {
      const domain = new Construct(s, 'Mail');
      markDomain(domain, { domainName: 'example.org', defaultMailFromLabel: 'bounce', mailFromSubdomain });
      set(s, 'Mine', { name: 'bounce.example.org', type: 'MX' });
      markPurpose(set(domain, 'Group', { name: 'bounce.example.org', type: 'MX' }), 'custom MAIL FROM', ['mailFromMx']);
    });
    expect(message).toBe(`${setTwice('MX', 'bounce.example.org.', 'hosted zone Z1', 'Test/Mine', 'Test/Mail/Group (custom MAIL FROM)')}`
      + `. bounce.example.org. is the MAIL FROM domain of Test/Mail, ${note}`);
  });

  test('a collision found through a zone given by name says how the zone was matched', () => {
    const [[message]] = collisions((s) => {
      const zone = new route53.PublicHostedZone(s, 'Zone', { zoneName: 'example.org' });
      set(s, 'ById', { hostedZoneId: zone.hostedZoneId });
      set(s, 'ByName', { hostedZoneId: undefined, hostedZoneName: 'example.org.' });
    });
    expect(message).toBe(`${setTwice('TXT', 'www.example.org.', 'hosted zone example.org (Test/Zone)', 'Test/ByName', 'Test/ById')}`
      + ". Test/ByName gives its zone by name (HostedZoneName 'example.org.'), taken as hosted zone example.org (Test/Zone): the only zone of that name "
      + 'the app has in account 111111111111, and CloudFormation writes a set given by name to the one zone of that name in the account');
  });

  test('the same zone across two stacks of one account is recognised by reference', () => {
    const app = new App();
    const zone = new route53.PublicHostedZone(stack(app, 'Zones'), 'Zone', { zoneName: 'example.org' });
    set(stack(app, 'A'), 'Set', { hostedZoneId: zone.hostedZoneId });
    set(stack(app, 'B'), 'Set', { hostedZoneId: zone.hostedZoneId });
    expect(recordSetCollisions(recordSetClaims(all(app))).map((c) => c.message)).toEqual([
      setTwice('TXT', 'www.example.org.', 'hosted zone example.org (Zones/Zone)', 'B/Set', 'A/Set'),
    ]);
  });

  test('names that are tokens collide only when they are the same expression in one stack', () => {
    const app = new App();
    const s = stack(app);
    const name = new CfnParameter(s, 'Name').valueAsString;
    set(s, 'A', { name });
    set(s, 'B', { name });
    set(stack(app, 'Other'), 'C', { name: new CfnParameter(stack(app, 'Third'), 'Name').valueAsString });
    expect(recordSetCollisions(recordSetClaims(all(app))).map((c) => c.short)).toEqual(['TXT Test/Name.Ref']);
  });
});
