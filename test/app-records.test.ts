import { App, Aws, CfnParameter, Lazy, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { markDomain, markPurpose } from '../src/app-marks';
import { nameKey, RecordSetClaim, recordSetClaims, recordSetCollisions } from '../src/app-records';
import { allConstructs as all, recordSet as set, recordStack as stack } from './helpers/record-sets';
import { setTwice } from './helpers/util';

// recordSetClaims, recordSetCollisions and nameKey directly, on plain L1 record sets (how zones are keyed
// and matched by name: app-records-zones.test.ts).

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

  test.each<[string, unknown, string]>([
    ['a resolved expression', { Ref: 'Name' }, '{"Ref":"Name"} in stack Test'],
    ['no name', undefined, 'undefined in stack Test'],
  ])('a name that is %s is keyed by it within the stack', (_, name, key) => {
    expect(nameKey(stack(), name)).toBe(key);
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

  test('a record-set group without record sets has no claims', () => {
    const app = new App();
    new route53.CfnRecordSetGroup(stack(app), 'Group', { hostedZoneId: 'Z1' });
    expect(recordSetClaims(all(app))).toEqual([]);
  });

  test('a set of a group that gives its own zone by name is not in the group\'s zone; resolved expressions in a set are keyed by them', () => {
    const app = new App();
    const s = stack(app);
    const [zoneId, zoneName] = [new CfnParameter(s, 'ZoneId').valueAsString, new CfnParameter(s, 'ZoneName').valueAsString];
    new route53.CfnRecordSetGroup(s, 'Group', {
      hostedZoneId: 'Z1',
      recordSets: [
        { name: 'a.example.org', type: 'TXT', resourceRecords: ['"a"'], ttl: '300', hostedZoneName: 'other.org' },
        Lazy.any({ produce: () => ({ name: 'b.example.org', type: 'TXT', hostedZoneId: zoneId }) }) as any,
        Lazy.any({ produce: () => ({ name: 'c.example.org', type: 'TXT', hostedZoneName: zoneName }) }) as any,
      ],
    });
    expect(recordSetClaims(all(app)).map((c) => [c.zone, c.zoneLabel])).toEqual([
      ['name:other.org.', 'hosted zone other.org.'],
      ['expr:{"Ref":"ZoneId"} in stack Test', 'hosted zone {"Ref":"ZoneId"} in stack Test'],
      ['name:{"Ref":"ZoneName"}', 'hosted zone {"Ref":"ZoneName"}'],
    ]);
  });

  test('the user\'s set inside a VerifiedMailDomain is the user\'s: no domain, no kind, not the domain\'s zone name', () => {
    const app = new App();
    const s = stack(app);
    const domain = new Construct(s, 'Mail');
    markDomain(domain, { domainName: 'example.org', defaultMailFromLabel: 'bounce', zoneName: 'example.org' });
    set(domain, 'Mine', { hostedZoneId: 'Z9' });
    set(s, 'ByName', { hostedZoneId: undefined, hostedZoneName: 'example.org' });
    expect(recordSetClaims(all(app)).map((c) => [c.owner, c.domain, c.kind, c.zone])).toEqual([
      ['Test/Mail/Mine', undefined, undefined, 'id:Z9'], ['Test/ByName', undefined, undefined, 'name:example.org.'],
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

  test('a collision holds both claims, the second first', () => {
    const app = new App();
    const s = stack(app);
    set(s, 'A', {});
    set(s, 'B', {});
    expect(recordSetCollisions(recordSetClaims(all(app))).map((c) => c.claims.map((k) => k.owner))).toEqual([['Test/B', 'Test/A']]);
  });

  test.each<[string, string | undefined, string, string, string]>([
    ['the default label', undefined, 'MX', 'mailFromMx', "from mailFromSubdomain 'bounce' (the default): give mailFromSubdomain a label no other record uses"],
    ['a given label', 'rp', 'MX', 'mailFromMx', "from mailFromSubdomain 'rp': give mailFromSubdomain a label no other record uses (the default is 'bounce')"],
    ['its SPF record', undefined, 'TXT', 'mailFromSpf', "from mailFromSubdomain 'bounce' (the default): give mailFromSubdomain a label no other record uses"],
  ])('a collision at the MAIL FROM domain says which mailFromSubdomain made it: %s', (_, mailFromSubdomain, type, kind, note) => {
    const [[message]] = collisions((s) => {
      const domain = new Construct(s, 'Mail');
      markDomain(domain, { domainName: 'example.org', defaultMailFromLabel: 'bounce', mailFromSubdomain });
      set(s, 'Mine', { name: 'bounce.example.org', type });
      markPurpose(set(domain, 'Group', { name: 'bounce.example.org', type }), 'custom MAIL FROM', [kind]);
    });
    expect(message).toBe(`${setTwice(type, 'bounce.example.org.', 'hosted zone Z1', 'Test/Mine', 'Test/Mail/Group (custom MAIL FROM)')}`
      + `. bounce.example.org. is the MAIL FROM domain of Test/Mail, ${note}`);
  });

  test('a collision of another record of the construct has no MAIL FROM note', () => {
    expect(collisions((s) => {
      const domain = new Construct(s, 'Mail');
      markDomain(domain, { domainName: 'example.org', defaultMailFromLabel: 'bounce' });
      set(s, 'Mine', { name: '_dmarc.example.org' });
      markPurpose(set(domain, 'Group', { name: '_dmarc.example.org' }), 'DMARC', ['dmarc']);
    })).toEqual([[setTwice('TXT', '_dmarc.example.org.', 'hosted zone Z1', 'Test/Mine', 'Test/Mail/Group (DMARC)'), 'Test/Mine', 'TXT _dmarc.example.org.']]);
  });

  test('two MAIL FROM domains made twice: a note for each construct', () => {
    const [[message]] = collisions((s) => ['One', 'Two'].forEach((id) => {
      const domain = new Construct(s, id);
      markDomain(domain, { domainName: 'example.org', defaultMailFromLabel: 'bounce' });
      markPurpose(set(domain, 'Group', { name: 'bounce.example.org', type: 'MX' }), 'custom MAIL FROM', ['mailFromMx']);
    }));
    const note = (path: string) => `. bounce.example.org. is the MAIL FROM domain of ${path}, from mailFromSubdomain 'bounce' (the default): `
      + 'give mailFromSubdomain a label no other record uses';
    expect(message).toBe(setTwice('MX', 'bounce.example.org.', 'hosted zone Z1', 'Test/Two/Group (custom MAIL FROM)', 'Test/One/Group (custom MAIL FROM)')
      + note('Test/Two') + note('Test/One'));
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
