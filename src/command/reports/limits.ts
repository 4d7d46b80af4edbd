// What the `reports` command reads at most, in one place: every reader checks its input against these before it
// reads more, so a decompression bomb, a file of gigabytes or a zip of thousands of entries costs a bounded amount of
// memory and time, and ends as a one-line error naming the file. The README's table of limits lists them.

/** The most the command reads of one input. */
export interface ReadLimits {
  /** Bytes of one file or S3 object, as stored. */
  readonly inputBytes: number;
  /** Bytes that one input may expand to, summed over every gzip, zip entry and mail part inside it. */
  readonly expandedBytes: number;
  /** Entries of one zip archive. */
  readonly zipEntries: number;
  /** How deep containers nest: mail holding a zip holding XML is 2. */
  readonly nesting: number;
  /** Lines starting with `--` (MIME boundaries) in one mail, counted before the mail is parsed. */
  readonly mailParts: number;
}

const MIB = 1024 * 1024;

/** The limits the command runs with. */
export const READ_LIMITS: ReadLimits = {
  // SES receiving accepts messages of at most 40 MB, headers included (SES developer guide, "Service quotas":
  // "Maximum message size (including attachments)" for email receiving): an object its S3 action stored is never
  // larger. A little room above that for reports saved by other means.
  inputBytes: 48 * MIB,
  // Aggregate reports compress about 20 to 1; a daily report of a big sender is a few megabytes of XML. The parsed
  // report costs about ten times its XML in memory, so 64 MiB stays under a gigabyte.
  expandedBytes: 64 * MIB,
  // A reporter sends one XML file per archive; a few more allow for a README or a second report.
  zipEntries: 16,
  nesting: 3,
  // A report mail has two to four parts. Each empty part costs the MIME parser far more than its bytes: a mail of
  // nothing but boundaries would take minutes and gigabytes.
  mailParts: 256,
};

/** `48 MiB`, `512 bytes`: a size as the messages write it. */
export function sizeText(bytes: number): string {
  return bytes >= MIB && bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`;
}
