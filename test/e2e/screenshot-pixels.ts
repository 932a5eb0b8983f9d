/// <reference lib="dom" />
import type { BrowserContext } from 'playwright-core';

/**
 * The share of a PNG's pixels in the report's red (#b3261e, give or take anti-aliasing), decoded by
 * the browser itself on a blank page: no image library needed to check what a screenshot shows.
 */
export async function redPixels(context: BrowserContext, png: Buffer): Promise<{ width: number; height: number; share: number }> {
  const page = await context.newPage();
  try {
    return await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const g = canvas.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const data = g.getImageData(0, 0, img.width, img.height).data;
      let red = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - 179) < 24 && Math.abs(data[i + 1]! - 38) < 24 && Math.abs(data[i + 2]! - 30) < 24) red++;
      return { width: img.width, height: img.height, share: red / (img.width * img.height) };
    }, png.toString('base64'));
  } finally {
    await page.close();
  }
}
