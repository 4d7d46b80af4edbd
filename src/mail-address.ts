import { MAIL_LOCAL_PART_MAX } from './limits';
import { checkPrintableAscii, normalizeDomainName } from './validation';

// The one parser of mail addresses (`local@domain`): DMARC report addresses and the recipients of a
// receipt rule. Internal.

/** A mail address split at its last '@', the domain normalized (lower case, punycode, no trailing dot). */
export interface MailAddress {
  readonly localPart: string;
  readonly domain: string;
}

/**
 * RFC 5322 section 3.2.3, `dot-atom`: atext characters in dot-separated runs, no leading, trailing or
 * double '.' (quoted local parts are not accepted: no receiver's form of an address needs them here).
 */
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/** How a caller's messages show the address. */
export interface MailAddressMessage {
  /** An address of the right form, for the message. */
  readonly example: string;
  /** The prop is a list: "<prop> entries must be e-mail addresses". */
  readonly entries?: boolean;
  /** What the user gave, when it is more than the address (`mailto:a@b`). */
  readonly shown?: string;
}

/**
 * The address, checked: printable ASCII, a dot-atom local part of 1-64 characters, a valid domain.
 * Throws `<prop> must be an e-mail address like '<example>', got '<value>'`, or with `entries`
 * (a list prop) `<prop> entries must be e-mail addresses like ...`.
 */
export function parseMailAddress(prop: string, value: string, message: MailAddressMessage): MailAddress {
  const { example, entries, shown = value } = message;
  const at = value.lastIndexOf('@');
  const localPart = value.slice(0, Math.max(at, 0));
  checkPrintableAscii(prop, localPart);
  const subject = entries ? `${prop} entries` : prop;
  // Without an '@', or with nothing before it, the local part is empty, which is not a dot-atom.
  if (!DOT_ATOM.test(localPart)) {
    throw new Error(`${subject} must be ${entries ? 'e-mail addresses' : 'an e-mail address'} like '${example}', got '${shown}'`);
  }
  // RFC 5321 section 4.5.3.1.1: a local part of at most 64 octets (limits.ts).
  if (localPart.length > MAIL_LOCAL_PART_MAX) {
    throw new Error(`${subject} must have a local part (before '@') of at most ${MAIL_LOCAL_PART_MAX} characters (RFC 5321), got ${localPart.length} in '${shown}'`);
  }
  return { localPart, domain: normalizeDomainName(prop, value.slice(at + 1)) };
}
