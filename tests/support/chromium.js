'use strict';
// Headless Chromium for the browser tests: Debian's `chromium` package driven by playwright-core (which
// cannot download browsers here). The flags keep Chromium off the network: without the background-
// networking ones it keeps trying to reach Google's hosts, which this machine refuses.
const fs = require('node:fs');
const { chromium } = require('playwright-core');

const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox', // CI runs as root
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Options for playwright's launch/launchServer; each launch gets a new empty temporary profile. */
function chromiumLaunchOptions() {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  return { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 60000 };
}

/** A browser for one script (resolves to playwright's Browser). */
const launchChromium = () => chromium.launch(chromiumLaunchOptions());

module.exports = { CHROMIUM_PATH, CHROMIUM_ARGS, chromiumLaunchOptions, launchChromium };
