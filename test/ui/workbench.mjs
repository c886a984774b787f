// What the UI tests share about the workbench: where things are, and how a person reaches them.

/** Contributed status bar items get the DOM id `<publisher>.<name>.<item id>`. */
export const STREAK = '.statusbar-item[id="hands-on.hands-on.handsOn.streak"]';
/** View containers: the <a> inside the activity bar's <li> carries the aria-label. */
export const ACTIVITY_ICON = '.activitybar .action-label[aria-label^="Hands-On"]';
export const SIDEBAR = '.part.sidebar';

/** Opens Quick Open (Ctrl+P) or the Command Palette (F1), types `text` and accepts the first match. */
export async function runInPalette(page, text, { quickOpen = false } = {}) {
  await page.keyboard.press(quickOpen ? 'Control+P' : 'F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(text);
  // Wait for the list to show a match before accepting it.
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 15_000 });
}

/** The first frame (webviews nest iframes) holding an element that matches `selector`. */
export async function waitForFrame(page, selector, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if ((await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no frame showed ${selector} within ${timeoutMs} ms`);
}

/** Text of the first frame (webviews nest iframes) whose body matches `pattern`. */
export async function waitForFrameText(page, pattern, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const text = await frame.locator('body').innerText({ timeout: 1_000 }).catch(() => '');
      if (pattern.test(text)) return text;
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`no frame showed ${pattern} within ${timeoutMs} ms`);
}
