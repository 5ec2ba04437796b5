// Facts the server and the admin share: both bundles compile these files in; neither side imports the
// other's code. One module per subject.
export * from './plugin';
