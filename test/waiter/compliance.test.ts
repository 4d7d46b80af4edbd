import { waiterLoggingProps } from '../../src/waiter/compliance';

// The waiter's own Provider props (the shared compliance helpers: test/provider-compliance.test.ts).

test('the waiter state machine logs every event, and its logging is not turned off (AwsSolutions-SF1)', () => {
  expect(waiterLoggingProps()).toEqual({ disableWaiterStateMachineLogging: false, waiterStateMachineLogOptions: { level: 'ALL' } });
});

test('each call gives a fresh object, so one provider cannot change another one\'s props', () => {
  const first = waiterLoggingProps();
  (first.waiterStateMachineLogOptions as { level: string }).level = 'ERROR';
  expect(waiterLoggingProps()).toEqual({ disableWaiterStateMachineLogging: false, waiterStateMachineLogOptions: { level: 'ALL' } });
});
