import { parseMailAddress } from '../src/mail-address';

// The one mail-address parser (DMARC report addresses, receipt rule recipients): its messages in the
// singular and the list form, and what it returns.

test.each([
  ['info@example.org', 'info', 'example.org'],
  ['First.Last+tag@Example.ORG.', 'First.Last+tag', 'example.org'],
  ["o'brien!#$%&*/=?^_`{|}~-@example.org", "o'brien!#$%&*/=?^_`{|}~-", 'example.org'],
  [`${'a'.repeat(64)}@example.org`, 'a'.repeat(64), 'example.org'],
])('%s is local part %s at %s', (value, localPart, domain) => {
  expect(parseMailAddress('p', value, { example: 'info@example.org' })).toEqual({ localPart, domain });
});

test.each([
  ['no @', 'example.org', "p must be an e-mail address like 'info@example.org', got 'example.org'"],
  ['an empty local part', '@example.org', "p must be an e-mail address like 'info@example.org', got '@example.org'"],
  ['a leading dot', '.info@example.org', "p must be an e-mail address like 'info@example.org', got '.info@example.org'"],
  ['a trailing dot', 'info.@example.org', "p must be an e-mail address like 'info@example.org', got 'info.@example.org'"],
  ['a double dot', 'in..fo@example.org', "p must be an e-mail address like 'info@example.org', got 'in..fo@example.org'"],
  ['a space', 'in fo@example.org', "p must be an e-mail address like 'info@example.org', got 'in fo@example.org'"],
  ['two @', 'a@b@example.org', "p must be an e-mail address like 'info@example.org', got 'a@b@example.org'"],
  ['a quoted local part', '"a b"@example.org', "p must be an e-mail address like 'info@example.org', got '\"a b\"@example.org'"],
  ['65 characters', `${'a'.repeat(65)}@example.org`, `p must have a local part (before '@') of at most 64 characters (RFC 5321), got 65 in '${'a'.repeat(65)}@example.org'`],
  ['no @ and non-ASCII: the form is what is wrong', 'jörg.example.org', "p must be an e-mail address like 'info@example.org', got 'jörg.example.org'"],
  ['non-ASCII', 'jörg@example.org', "p must contain only printable ASCII characters, got 'jörg' (character \"ö\" at 1)"],
  ['a bad domain', 'info@exa_mple.org', "p labels may hold only letters, digits and inner hyphens, got 'exa_mple' in 'exa_mple.org'"],
])('%s: %s fails with the exact message', (_name, value, message) => {
  expect(() => parseMailAddress('p', value, { example: 'info@example.org' })).toThrow(new Error(message));
});

test('the list form names the entries, and shows what the user gave', () => {
  expect(() => parseMailAddress('dmarc.rua', 'example.org', { example: 'dmarc@example.com', entries: true, shown: 'mailto:example.org' }))
    .toThrow(new Error("dmarc.rua entries must be e-mail addresses like 'dmarc@example.com', got 'mailto:example.org'"));
  expect(() => parseMailAddress('dmarc.rua', `${'r'.repeat(65)}@example.org`, { example: 'dmarc@example.com', entries: true, shown: 'mailto:x' }))
    .toThrow(new Error("dmarc.rua entries must have a local part (before '@') of at most 64 characters (RFC 5321), got 65 in 'mailto:x'"));
});
