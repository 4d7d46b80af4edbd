import { Token } from 'aws-cdk-lib';
import { renderTxtValue } from '../src/records';

describe('renderTxtValue', () => {
  test('quotes a short value as one string', () => {
    expect(renderTxtValue('v=spf1 include:amazonses.com ~all')).toBe('"v=spf1 include:amazonses.com ~all"');
  });

  test('splits at exactly 255 characters', () => {
    expect(renderTxtValue('a'.repeat(255))).toBe(`"${'a'.repeat(255)}"`);
    expect(renderTxtValue('a'.repeat(256))).toBe(`"${'a'.repeat(255)}" "a"`);
    expect(renderTxtValue('x'.repeat(600))).toBe(`"${'x'.repeat(255)}" "${'x'.repeat(255)}" "${'x'.repeat(90)}"`);
  });

  test('escapes quotes and backslashes', () => {
    expect(renderTxtValue('say "hi" \\o/')).toBe('"say \\"hi\\" \\\\o/"');
  });

  test('renders an empty value as one empty string', () => {
    expect(renderTxtValue('')).toBe('""');
  });

  test('quotes a token whole', () => {
    const token = Token.asString({ Ref: 'Param' });
    expect(renderTxtValue(token)).toBe(`"${token}"`);
  });
});
