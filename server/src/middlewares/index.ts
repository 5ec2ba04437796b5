import billingErrors from './billing-errors';

export default { 'billing-errors': billingErrors };
