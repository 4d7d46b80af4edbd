import { IsCompleteFunction } from '../../src/waiter/is-complete-function';
import { describeBundledFunction } from '../helpers/bundled-functions';

describeBundledFunction(IsCompleteFunction, 'waiter/is-complete');
