import settings from './settings';
import gateway from './gateway';

export default {
  settings,
  gateway,
};
