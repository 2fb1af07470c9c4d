// WCAG AA contrast of the toolbar and the canvas controls, in the light and the dark theme, worked
// out from the computed styles the browser actually paints: 4.5:1 for text, 3:1 for icons (the zoom
// buttons' SVG glyphs and the toolbar's one-glyph buttons).
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/server';

interface Finding {
  what: string;
  ratio: number;
  needed: number;
}

/** Runs in the page: the contrast of each enabled control's foreground against what is behind it. */
function measure(page: Page): Promise<Finding[]> {
  return page.evaluate(() => {
    type RGBA = [number, number, number, number];
    const probe = document.createElement('canvas').getContext('2d')!;
    // Any CSS colour (rgb(), color(srgb …), names) to RGBA, through a canvas so every syntax works.
    const parse = (css: string): RGBA => {
      probe.clearRect(0, 0, 1, 1);
      probe.fillStyle = '#000';
      probe.fillStyle = css;
      probe.fillRect(0, 0, 1, 1);
      const d = probe.getImageData(0, 0, 1, 1).data;
      return [d[0]!, d[1]!, d[2]!, d[3]! / 255];
    };
    const over = (top: RGBA, below: RGBA): RGBA => {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i]! * a + below[i]! * (1 - a)).concat(1) as RGBA;
    };
    /** The colour painted behind `el`: its own and its ancestors' backgrounds, composited. */
    const backdrop = (el: Element | null): RGBA => {
      const layers: RGBA[] = [];
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      let out: RGBA = [255, 255, 255, 1];
      for (const layer of layers.reverse()) out = over(layer, out);
      return out;
    };
    const luminance = ([r, g, b]: RGBA) => {
      const lin = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const ratio = (a: RGBA, b: RGBA) => {
      const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (l1 + 0.05) / (l2 + 0.05);
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const out: Array<{ what: string; ratio: number; needed: number }> = [];
    const name = (el: Element) =>
      el.getAttribute('data-testid') ??
      el.getAttribute('aria-label') ??
      el.getAttribute('title') ??
      el.textContent!.trim();

    // Toolbar: every enabled button and the document title; a one-glyph button is an icon.
    for (const el of document.querySelectorAll(
      '[data-testid="toolbar"] button:not(:disabled), [data-testid="toolbar"] .doc-name, [data-testid="toolbar"] .doc-path',
    )) {
      if (!visible(el)) continue;
      const fg = over(parse(getComputedStyle(el).color), backdrop(el));
      const icon = [...(el.textContent ?? '').trim()].length <= 1;
      out.push({ what: `toolbar ${name(el)}`, ratio: ratio(fg, backdrop(el)), needed: icon ? 3 : 4.5 });
    }
    // Canvas controls: the zoom, fit and minimap buttons draw SVG icons in their fill colour.
    for (const el of document.querySelectorAll('.react-flow__controls-button')) {
      if (!visible(el)) continue;
      const svg = el.querySelector('svg');
      const fill = svg ? getComputedStyle(svg).fill : getComputedStyle(el).color;
      const fg = over(parse(fill), backdrop(el));
      out.push({ what: `canvas ${name(el)}`, ratio: ratio(fg, backdrop(el)), needed: 3 });
    }
    return out;
  });
}

// The dark theme both ways: picked with the toggle on a light system (where the browser's own button
// colours stay light: the zoom buttons were 1.07:1 there) and followed from a dark system.
const CASES = [
  { theme: 'light', system: 'light', toggle: false },
  { theme: 'dark', system: 'light', toggle: true },
  { theme: 'dark', system: 'dark', toggle: false },
] as const;

for (const { theme, system, toggle } of CASES) {
  test(`toolbar and canvas controls meet WCAG AA contrast in the ${theme} theme (${toggle ? 'picked with the toggle' : `system ${system}`})`, async ({
    page,
    sluice,
  }) => {
    await page.emulateMedia({ colorScheme: system });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(sluice.url);
    await page.getByTestId('example-Numbers pipeline').click();
    await expect(page.locator('.react-flow__controls-button')).toHaveCount(4);
    if (toggle) await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.mouse.move(700, 400); // no hover colours
    const findings = await measure(page);
    expect(findings.filter((f) => f.what.startsWith('toolbar')).length).toBeGreaterThan(6);
    expect(findings.filter((f) => f.what.startsWith('canvas'))).toHaveLength(4);
    const failing = findings
      .filter((f) => f.ratio < f.needed)
      .map((f) => `${f.what}: ${f.ratio.toFixed(2)}:1 < ${f.needed}:1`);
    expect(failing).toEqual([]);
  });
}
