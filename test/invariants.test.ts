import { templateViolations, txtStrings } from './helpers/invariants';
import { CFN_MAX_OUTPUTS, DNS_NAME_MAX, ROUTE53_RECORD_SET_MAX, ROUTE53_VALUE_MAX } from '../src/limits';

// The invariants test/setup.ts checks on every template, tested on hand-made templates: each one
// passes at its limit and fails one past it, with its exact message.

const ZONE = { Ref: 'Zone' };

function recordSet(name: unknown, type: string, values: unknown[], extra: Record<string, unknown> = {}) {
  return { Type: 'AWS::Route53::RecordSet', Properties: { HostedZoneId: ZONE, Name: name, Type: type, ResourceRecords: values, TTL: '300', ...extra } };
}

/** A name of `length` characters (without trailing dot); the invariants count characters, not labels. */
function nameOf(length: number): string {
  return `${'a'.repeat(length - '.example.org'.length)}.example.org`;
}

/** An MX value of `length` characters. */
function mxOf(length: number): string {
  return `10 ${'x'.repeat(length - 3)}`;
}

/** A TXT value as Route53 takes it: the text split into quoted 255-character strings. */
function txt(text: string): string {
  return (text.match(/.{1,255}/g) ?? ['']).map((s) => `"${s}"`).join(' ');
}

function many(count: number, make: (i: number) => unknown): Record<string, unknown> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`R${i}`, make(i)]));
}

describe('txtStrings', () => {
  test.each<[string, string[]]>([
    ['"v=spf1 -all"', ['v=spf1 -all']],
    ['"first" "second"', ['first', 'second']],
    ['""', ['']],
    ['"say \\"hi\\"" "back\\\\slash"', ['say "hi"', 'back\\slash']],
  ])('%s holds %p', (value, strings) => {
    expect(txtStrings(value)).toEqual(strings);
  });

  test('an unquoted value is refused', () => {
    expect(() => txtStrings('v=spf1 -all')).toThrow(new Error('TXT value v=spf1 -all is not quoted'));
  });
});

describe('templateViolations', () => {
  test('a clean template holds every invariant', () => {
    const template = {
      Resources: {
        Zone: { Type: 'AWS::Route53::HostedZone', Properties: { Name: 'example.org.' } },
        Spf: recordSet('example.org.', 'TXT', ['"v=spf1 include:amazonses.com ~all"', txt('x'.repeat(600))]),
        Mx: recordSet('bounce.example.org.', 'MX', ['10 feedback-smtp.eu-west-1.amazonses.com']),
        Dkim: recordSet({ 'Fn::GetAtt': ['Identity', 'DkimDNSTokenName1'] }, 'CNAME', [{ 'Fn::GetAtt': ['Identity', 'DkimDNSTokenValue1'] }]),
        Group: {
          Type: 'AWS::Route53::RecordSetGroup',
          Properties: { HostedZoneId: ZONE, RecordSets: [{ Name: '_dmarc.example.org.', Type: 'TXT', ResourceRecords: ['"v=DMARC1; p=none"'], TTL: '300' }] },
        },
      },
      Outputs: { Records: { Value: 'example.org. 1800 IN TXT "v=spf1 include:amazonses.com ~all"' } },
    };
    expect(templateViolations(template)).toEqual([]);
  });

  test('an empty template holds every invariant', () => {
    expect(templateViolations({})).toEqual([]);
  });

  test('an unquoted TXT value cannot be checked and throws', () => {
    expect(() => templateViolations({ Resources: { R: recordSet('example.org.', 'TXT', ['v=spf1 -all']) } })).toThrow(new Error('TXT value v=spf1 -all is not quoted'));
  });

  test.each<[string, any, string[]]>([
    [`a name of ${DNS_NAME_MAX} characters and a trailing dot`,
      { Resources: { R: recordSet(`${nameOf(DNS_NAME_MAX)}.`, 'TXT', ['"a"']) } }, []],
    [`a name of ${DNS_NAME_MAX + 1} characters`,
      { Resources: { R: recordSet(nameOf(DNS_NAME_MAX + 1), 'TXT', ['"a"']) } }, ['R: name 254 characters']],
    [`a value of ${ROUTE53_VALUE_MAX} characters`,
      { Resources: { R: recordSet('example.org.', 'MX', [mxOf(ROUTE53_VALUE_MAX)]) } }, []],
    [`a value of ${ROUTE53_VALUE_MAX + 1} characters`,
      { Resources: { R: recordSet('example.org.', 'MX', [mxOf(ROUTE53_VALUE_MAX + 1)]) } }, ['R: value of 4001 characters']],
    ['a TXT string of 255 characters',
      { Resources: { R: recordSet('example.org.', 'TXT', [`"${'a'.repeat(255)}"`]) } }, []],
    ['a TXT string of 255 characters with escapes, counted once each',
      { Resources: { R: recordSet('example.org.', 'TXT', [`"${'\\"'.repeat(255)}"`]) } }, []],
    ['a TXT string of 256 characters',
      { Resources: { R: recordSet('example.org.', 'TXT', [`"${'a'.repeat(255)}" "b" "${'c'.repeat(256)}"`]) } }, ['R: TXT string of 256 characters']],
    [`a record set of ${ROUTE53_RECORD_SET_MAX} characters`,
      { Resources: { R: recordSet('example.org.', 'MX', Array(ROUTE53_RECORD_SET_MAX / ROUTE53_VALUE_MAX).fill(mxOf(ROUTE53_VALUE_MAX))) } }, []],
    [`a record set of ${ROUTE53_RECORD_SET_MAX + 1} characters`,
      { Resources: { R: recordSet('example.org.', 'MX', [...Array(ROUTE53_RECORD_SET_MAX / ROUTE53_VALUE_MAX).fill(mxOf(ROUTE53_VALUE_MAX)), 'x']) } },
      ['R: record set of 32001 characters']],
  ])('%s', (_, template, violations) => {
    expect(templateViolations(template)).toEqual(violations);
  });

  const group = (sets: unknown[]) => ({ Type: 'AWS::Route53::RecordSetGroup', Properties: { HostedZoneId: ZONE, RecordSets: sets } });

  test.each<[string, any, string[]]>([
    ['the same name and type in a RecordSet and a RecordSetGroup', {
      Resources: {
        Own: recordSet('Example.ORG.', 'TXT', ['"a"']),
        Group: group([{ Name: '_dmarc.example.org.', Type: 'TXT', ResourceRecords: ['"b"'] }, { Name: 'example.org', Type: 'TXT', ResourceRecords: ['"c"'] }]),
      },
    }, ['Group[1]: TXT example.org also made by Own']],
    ['the same name and type in two zones', {
      Resources: {
        Own: recordSet('example.org.', 'TXT', ['"a"']),
        Group: group([{ HostedZoneId: { Ref: 'Other' }, Name: 'example.org.', Type: 'TXT', ResourceRecords: ['"b"'] }]),
      },
    }, []],
    ['the same name with another type', {
      Resources: { Own: recordSet('example.org.', 'TXT', ['"a"']), Group: group([{ Name: 'example.org.', Type: 'MX', ResourceRecords: ['10 mx.example.org'] }]) },
    }, []],
    ['the same name and type with different set identifiers', {
      Resources: {
        One: recordSet('www.example.org.', 'A', ['192.0.2.1'], { SetIdentifier: 'one', Weight: 1 }),
        Two: recordSet('www.example.org.', 'A', ['192.0.2.2'], { SetIdentifier: 'two', Weight: 1 }),
      },
    }, []],
    ['a CNAME beside a TXT record set', {
      Resources: {
        Txt: recordSet('www.example.org.', 'TXT', ['"a"']),
        Alias: recordSet('www.example.org.', 'CNAME', ['elsewhere.example.net']),
      },
    }, ['{"Ref":"Zone"} www.example.org: CNAME beside TXT, CNAME']],
    ['a CNAME alone at its name', {
      Resources: {
        Txt: recordSet('example.org.', 'TXT', ['"a"']),
        Alias: recordSet('www.example.org.', 'CNAME', ['elsewhere.example.net']),
      },
    }, []],
  ])('%s', (_, template, violations) => {
    expect(templateViolations(template)).toEqual(violations);
  });

  test.each<[string, any, string[]]>([
    [`${CFN_MAX_OUTPUTS} outputs`, { Outputs: many(CFN_MAX_OUTPUTS, (i) => ({ Value: `v${i}` })) }, []],
    [`${CFN_MAX_OUTPUTS + 1} outputs`, { Outputs: many(CFN_MAX_OUTPUTS + 1, (i) => ({ Value: `v${i}` })) }, ['201 outputs']],
    ['500 resources', { Resources: many(500, () => ({ Type: 'AWS::SNS::Topic' })) }, []],
    ['501 resources', { Resources: many(501, () => ({ Type: 'AWS::SNS::Topic' })) }, ['501 resources']],
  ])('%s', (_, template, violations) => {
    expect(templateViolations(template)).toEqual(violations);
  });

  test('every broken invariant is reported, one message each', () => {
    const template = {
      Resources: {
        Long: recordSet(nameOf(DNS_NAME_MAX + 1), 'TXT', [`"${'a'.repeat(256)}"`]),
        Alias: recordSet(nameOf(DNS_NAME_MAX + 1), 'CNAME', ['elsewhere.example.net']),
      },
      Outputs: many(CFN_MAX_OUTPUTS + 1, (i) => ({ Value: `v${i}` })),
    };
    expect(templateViolations(template)).toEqual([
      'Long: name 254 characters',
      'Long: TXT string of 256 characters',
      'Alias: name 254 characters',
      `{"Ref":"Zone"} ${nameOf(DNS_NAME_MAX + 1)}: CNAME beside TXT, CNAME`,
      '201 outputs',
    ]);
  });
});
