import { OnEventFunction } from '../../src/waiter/on-event-function';
import { describeBundledFunction } from '../helpers/bundled-functions';

describeBundledFunction(OnEventFunction, 'waiter/on-event');
