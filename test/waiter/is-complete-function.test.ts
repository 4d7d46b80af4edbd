import { IsCompleteFunction } from '../../src/waiter/is-complete-function';
import { describeWaiterFunction } from '../helpers/waiter-functions';

describeWaiterFunction(IsCompleteFunction, 'is-complete');
