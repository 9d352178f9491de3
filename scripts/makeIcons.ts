/**
 * Draws the trustline app icons: a speech bubble with a tick (a question asked, answered by
 * the policy). `npx tsx scripts/makeIcons.ts` rewrites appPackage/color.png (192x192, white
 * mark on the accent colour) and appPackage/outline.png (32x32, white on transparent, as Teams
 * requires). Shapes are signed distance fields sampled 4x4 a pixel, so edges are antialiased.
 */
import fs from 'node:fs';
import path from 'node:path';
import { encodePng, Image } from './png';

/** Keep in step with `accentColor` in appPackage/manifest.json. */
export const ACCENT = '#1F5F7A';

type Vec = [number, number];

function roundedBox(p: Vec, centre: Vec, half: Vec, radius: number): number {
  const qx = Math.abs(p[0] - centre[0]) - (half[0] - radius);
  const qy = Math.abs(p[1] - centre[1]) - (half[1] - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function segment(p: Vec, a: Vec, b: Vec): number {
  const [px, py] = [p[0] - a[0], p[1] - a[1]];
  const [bx, by] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, (px * bx + py * by) / (bx * bx + by * by)));
  return Math.hypot(px - bx * t, py - by * t);
}

/** Distance to the mark's outline strokes, in the mark's unit square (negative = inside ink). */
function mark(p: Vec, halfStroke: number): number {
  const bubble = Math.abs(roundedBox(p, [0.5, 0.44], [0.36, 0.27], 0.12)) - halfStroke;
  // Open the bubble's lower edge where the tail leaves it.
  const gap = roundedBox(p, [0.35, 0.71], [0.07 - halfStroke, 0.08], 0);
  const tail = Math.min(segment(p, [0.28, 0.71], [0.22, 0.88]), segment(p, [0.22, 0.88], [0.42, 0.71])) - halfStroke;
  const tick = Math.min(segment(p, [0.34, 0.45], [0.45, 0.555]), segment(p, [0.45, 0.555], [0.66, 0.33])) - halfStroke;
  return Math.min(Math.max(bubble, -gap), tail, tick);
}

function hex(colour: string): [number, number, number] {
  const n = parseInt(colour.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

export interface IconSpec {
  size: number;
  /** Mark size as a share of the icon (Teams asks for padding around the colour icon's symbol). */
  scale: number;
  halfStroke: number;
  /** Undefined: transparent background. */
  background?: string;
}

export function drawIcon({ size, scale, halfStroke, background }: IconSpec): Image {
  const rgba = new Uint8Array(size * size * 4);
  const bg = background ? hex(background) : undefined;
  const samples = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let ink = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = (x + (sx + 0.5) / samples) / size;
          const v = (y + (sy + 0.5) / samples) / size;
          if (mark([(u - 0.5) / scale + 0.5, (v - 0.5) / scale + 0.5], halfStroke) <= 0) ink++;
        }
      }
      const coverage = ink / (samples * samples);
      const i = (y * size + x) * 4;
      if (bg) {
        for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(bg[c] + (255 - bg[c]) * coverage);
        rgba[i + 3] = 255;
      } else {
        rgba.set([255, 255, 255, Math.round(255 * coverage)], i);
      }
    }
  }
  return { width: size, height: size, rgba };
}

export const COLOR_ICON: IconSpec = { size: 192, scale: 0.62, halfStroke: 0.045, background: ACCENT };
export const OUTLINE_ICON: IconSpec = { size: 32, scale: 1, halfStroke: 0.05 };

if (require.main === module) {
  const dir = path.resolve(__dirname, '..', 'appPackage');
  for (const [file, spec] of [['color.png', COLOR_ICON], ['outline.png', OUTLINE_ICON]] as const) {
    fs.writeFileSync(path.join(dir, file), encodePng(drawIcon(spec)));
    console.log(`wrote appPackage/${file} (${spec.size}x${spec.size})`);
  }
}
