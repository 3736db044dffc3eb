/** Debian's Chromium, as the browser tests and the benchmarks drive it; neither downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Headless, without the browser's own background work. The omnibox popup is switched off:
 * Chromium 156 draws it as a web page of its own in every new window (a context), which took
 * 1.2 s of a renderer's CPU and 0.6 s of the browser's per window, beside the page under test
 * on a two-core machine; no page of Koda's is in the address bar's popup.
 */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup',
];
