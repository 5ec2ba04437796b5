'use strict';
// Headless Chromium for the browser tests: Debian's `chromium` package driven by playwright-core (which
// cannot download browsers here). The flags keep Chromium off the network: without the background-
// networking ones it keeps trying to reach Google's hosts, which this machine refuses.
const fs = require('node:fs');
const { chromium } = require('playwright-core');

const EXECUTABLE = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox', // CI runs as root
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser with a new empty profile (playwright makes a temporary one per launch); playwright's Browser. */
async function launchChromium() {
  if (!fs.existsSync(EXECUTABLE)) {
    throw new Error(`Chromium not found at ${EXECUTABLE}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: EXECUTABLE, headless: true, args: ARGS, timeout: 60000 });
}

module.exports = { launchChromium };
