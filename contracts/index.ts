// Facts the server and the admin share: both bundles compile these files in; neither side imports the
// other's code. One module per subject.
export * from './plugin';
export * from './money';
export * from './billing';
export * from './pricing';
export * from './plans';
export * from './codes';
export * from './payments';
export * from './settings';
export * from './permissions';
export * from './api';
