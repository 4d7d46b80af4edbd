// The README's sample run of `reports` ("Reading DMARC reports"): a folder as `aws s3 sync` leaves it, with two
// reports in the shapes Google and Microsoft send and the notification SES stores when the rule is created.
import { mkdirSync, writeFileSync, rmSync } from 'fs';
import { join } from 'path';
import { DAY, googleShaped, microsoftShaped, NOV_1 } from './fixtures';
export function writeSample(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'AMAZON_SES_SETUP_NOTIFICATION'), 'From: no-reply-aws@amazon.com\r\nSubject: Amazon SES Setup Notification\r\n\r\nThis is a test.\r\n');
  writeFileSync(join(dir, '3k2bq1vn0s7cqdg2l8r5s6t7u8v9w0x1'), googleShaped({
    id: '4817362950184736291',
    begin: NOV_1,
    end: NOV_1 + 7 * DAY,
    rows: [
      { ip: '54.240.3.14', count: 1480, dkim: 'pass', spf: 'pass', envelopeFrom: 'mail.example.com', authDkim: ['example.com/5cxj2pjlvbxebaihpnavifjmvyqwyoxr/pass', 'amazonses.com/224i4yxa5dv7c2xz3womw6peuasteono/pass'], authSpf: ['mail.example.com/mfrom/pass'] },
      { ip: '203.0.113.40', count: 21, dkim: 'fail', spf: 'fail', envelopeFrom: 'bounces.crm.example', authDkim: ['crm.example/k1/pass'], authSpf: ['bounces.crm.example/mfrom/pass'] },
    ],
  }));
  writeFileSync(join(dir, 'bq7l2m9d1c5e8f0a3g6h4i2j7k1l5m8n'), microsoftShaped({
    id: 'a5f2c1e07d3b4b6e9c8d0f1e2a3b4c5d',
    begin: NOV_1 + DAY,
    end: NOV_1 + 8 * DAY,
    rows: [
      { ip: '54.240.3.22', count: 512, dkim: 'pass', spf: 'pass', envelopeFrom: 'mail.example.com', envelopeTo: 'outlook.com', authDkim: ['example.com/5cxj2pjlvbxebaihpnavifjmvyqwyoxr/pass'], authSpf: ['mail.example.com/mfrom/pass'] },
      { ip: '198.51.100.7', count: 3, dkim: 'fail', spf: 'fail', envelopeFrom: 'example.com', envelopeTo: 'outlook.com', authSpf: ['example.com/mfrom/fail'] },
    ],
  }));
}
