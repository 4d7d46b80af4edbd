import { ActivateFunction } from '../../src/receiving/activate-function';
import { describeBundledFunction } from '../helpers/bundled-functions';

describeBundledFunction(ActivateFunction, 'receiving/activate');
