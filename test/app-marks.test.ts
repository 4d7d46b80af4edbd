import { App, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DomainMark, domainMarkOf, domainOf, isOurs, kindOf, markDomain, markPurpose, purposeOf } from '../src/app-marks';

// The marks on the construct tree, directly.

function tree(): { stack: Stack; domain: Construct; child: Construct; grandchild: Construct; other: Construct } {
  const stack = new Stack(new App(), 'Test');
  const domain = new Construct(stack, 'Mail');
  const child = new Construct(domain, 'Records');
  const grandchild = new Construct(child, 'Set');
  const other = new Construct(stack, 'Other');
  return { stack, domain, child, grandchild, other };
}

const MARK: DomainMark = { domainName: 'example.org', mailFromDomain: 'bounce.example.org', defaultMailFromLabel: 'bounce', zoneName: 'example.org' };

describe('purposes and kinds', () => {
  test('one purpose, no kinds', () => {
    const { child } = tree();
    markPurpose(child, 'custom MAIL FROM');
    expect([purposeOf(child), purposeOf(child, 1), kindOf(child), isOurs(child)]).toEqual(['custom MAIL FROM', undefined, undefined, true]);
    expect(Symbol.for('cdk-verified-mail-domain.recordKind') in child).toBe(false);
  });

  test('marking again without kinds keeps the kinds', () => {
    const { child } = tree();
    markPurpose(child, 'a', ['dkim']);
    markPurpose(child, 'b');
    expect([purposeOf(child), kindOf(child)]).toEqual(['b', 'dkim']);
  });

  test('a purpose and a kind per record set of a group, by index', () => {
    const { child } = tree();
    markPurpose(child, ['DMARC', 'SPF'], ['dmarc', 'domainTxt']);
    expect([0, 1, 2].map((i) => [purposeOf(child, i), kindOf(child, i)])).toEqual([['DMARC', 'dmarc'], ['SPF', 'domainTxt'], [undefined, undefined]]);
  });

  test('a construct never marked is the user\'s', () => {
    const { other } = tree();
    expect([purposeOf(other), kindOf(other), isOurs(other)]).toEqual([undefined, undefined, false]);
  });

  test('marks are per construct, not shared', () => {
    const { child, other } = tree();
    markPurpose(child, 'a', ['dkim']);
    expect([isOurs(other), kindOf(other)]).toEqual([false, undefined]);
  });

  test('marks are symbols on the construct, readable by another copy of the module (Symbol.for)', () => {
    const { child } = tree();
    markPurpose(child, 'x', ['dkim']);
    expect((child as any)[Symbol.for('cdk-verified-mail-domain.purpose')]).toEqual(['x']);
    expect((child as any)[Symbol.for('cdk-verified-mail-domain.recordKind')]).toEqual(['dkim']);
  });
});

describe('domain marks', () => {
  test('the mark of a marked construct, none of another', () => {
    const { domain, other } = tree();
    markDomain(domain, MARK);
    expect(domainMarkOf(domain)).toBe(MARK);
    expect(domainMarkOf(other)).toBeUndefined();
  });

  test('domainOf: the nearest marked scope, itself included', () => {
    const { domain, child, grandchild, other, stack } = tree();
    markDomain(domain, MARK);
    expect(domainOf(domain)).toBe(domain);
    expect(domainOf(child)).toBe(domain);
    expect(domainOf(grandchild)).toBe(domain);
    expect(domainOf(other)).toBeUndefined();
    expect(domainOf(stack)).toBeUndefined();
  });

  test('domainOf: a nested marked scope is nearer than an outer one', () => {
    const { domain, child, grandchild } = tree();
    markDomain(domain, MARK);
    markDomain(child, { ...MARK, domainName: 'inner.example.org' });
    expect(domainOf(grandchild)).toBe(child);
  });
});
