// What only the verification waiter's provider turns on; the compliance helpers every provider of
// the construct shares are in ../provider-compliance.ts.

/** The Provider props that turn on what newer aws-cdk-lib allows: logging every state machine event (AwsSolutions-SF1). */
export function waiterLoggingProps(): Record<string, unknown> {
  // Both props exist in newer aws-cdk-lib, whose framework does not log by default; older releases
  // ignore them (their waiter is a plain resource without logging).
  return { disableWaiterStateMachineLogging: false, waiterStateMachineLogOptions: { level: 'ALL' } };
}
