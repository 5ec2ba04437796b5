import apiTokenOnly from './api-token-only';
import ownAccount from './own-account';

export default { 'api-token-only': apiTokenOnly, 'own-account': ownAccount };
