import { OnEventFunction } from '../../src/waiter/on-event-function';
import { describeWaiterFunction } from '../helpers/waiter-functions';

describeWaiterFunction(OnEventFunction, 'on-event');
