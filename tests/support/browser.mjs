// Headless Chromium for the browser tests (tests/cards/render-cards.mjs, tests/teams/playground-browser.test.mjs):
// Debian's /usr/bin/chromium driven by puppeteer-core, offline, with a fresh profile that is removed on close.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

/** Debian's Chromium (apt-get install chromium), or CHROMIUM_PATH. */
export function chromiumPath() {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`No Chromium at ${path}: apt-get install -y chromium fonts-liberation fonts-dejavu-core fonts-noto-color-emoji`);
  }
  return path;
}

/**
 * Starts headless Chromium with no network of its own (no background requests, updates, sync or QUIC) and a
 * fresh user-data-dir. `close()` on the returned browser also removes that folder.
 */
export async function launchBrowser({ width = 1280, height = 900 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'gmgbot-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    userDataDir: profile,
    defaultViewport: { width, height, deviceScaleFactor: 1 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--no-default-browser-check',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-extensions',
      '--disable-default-apps', '--disable-domain-reliability', '--metrics-recording-only', '--mute-audio',
      '--hide-scrollbars', '--font-render-hinting=none',
    ],
  });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    try {
      await close();
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  };
  return browser;
}
