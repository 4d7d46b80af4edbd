import * as ses from 'aws-cdk-lib/aws-ses';
import { Deliverability, VerifiedMailDomain } from '../../src';
import { zoneStack } from '../helpers/util';

// What the guard writes into the domain's cloud-assembly metadata for `cdk-verified-mail-domain check`
// (its bulk-sender section: test/command/check/bulk-sender.test.ts).

describe('what the check command reads of the guard (the domain\'s cloud-assembly metadata)', () => {
  const metadataOf = (mail: VerifiedMailDomain) => mail.node.metadata.find((m) => m.type === 'cdk-verified-mail-domain:domain')!.data;

  test('a guarded domain: the destination, the events, the alarms and whether it asked for the account alarms', () => {
    const { stack, zone } = zoneStack();
    const mail = new VerifiedMailDomain(stack, 'Mail', {
      hostedZone: zone,
      deliverability: Deliverability.guard({ complaintRateThreshold: 0.0008, accountAlarms: false, additionalEvents: [ses.EmailSendingEvent.SEND] }),
    });
    expect(metadataOf(mail).deliverability).toEqual({
      eventDestination: `the guardrail topic of stack ${stack.node.path}`,
      events: ['bounce', 'complaint', 'reject', 'deliveryDelay', 'renderingFailure', 'send'],
      alarms: 'bounce rate 0.025, complaint rate 0.0008, alarms to the guardrail topic',
      accountAlarms: false,
    });
  });

  test('a domain without the guard has no deliverability entry', () => {
    const { stack, zone } = zoneStack();
    expect(metadataOf(new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone })).deliverability).toBeUndefined();
  });
});
