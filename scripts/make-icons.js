#!/usr/bin/env node
// Writes the two icons the Teams app package needs, as real PNGs, with nothing but zlib:
//   appPackage/color.png    192x192, full colour (RGB): a white "L" on the accent colour
//   appPackage/outline.png   32x32, RGBA: a white "L" on a transparent background
// Teams requires exactly these sizes, and the outline icon must be white on transparent.
// Run with `node scripts/make-icons.js`; the PNGs are committed, so this only runs when the logo changes.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS script that node runs directly */

const { Buffer } = require('node:buffer');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const ACCENT = [0x1f, 0x5c, 0x99]; // keep in step with accentColor in appPackage/manifest.json
const WHITE = [0xff, 0xff, 0xff];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * @param {number} size width and height in pixels
 * @param {boolean} alpha RGBA (colour type 6) when true, RGB (colour type 2) otherwise
 * @param {(x: number, y: number) => number[]} pixel the channel values of one pixel
 */
function png(size, alpha, pixel) {
  const channels = alpha ? 4 : 3;
  const rowLength = 1 + size * channels; // filter byte + pixels
  const raw = Buffer.alloc(rowLength * size);
  for (let y = 0; y < size; y++) {
    raw[y * rowLength] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const value = pixel(x, y);
      for (let ch = 0; ch < channels; ch++) raw[y * rowLength + 1 + x * channels + ch] = value[ch];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = alpha ? 6 : 2; // colour type: truecolour with alpha / truecolour
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** True when (x, y) lies on the "L": a vertical bar and a foot, in a size-independent grid. */
function onL(x, y, size) {
  const u = (x + 0.5) / size;
  const v = (y + 0.5) / size;
  const stem = u >= 0.3 && u < 0.46 && v >= 0.2 && v < 0.8;
  const foot = u >= 0.3 && u < 0.72 && v >= 0.64 && v < 0.8;
  return stem || foot;
}

const outDir = path.join(__dirname, '..', 'appPackage');
fs.mkdirSync(outDir, { recursive: true });

const color = png(192, false, (x, y) => (onL(x, y, 192) ? WHITE : ACCENT));
const outline = png(32, true, (x, y) => (onL(x, y, 32) ? [...WHITE, 0xff] : [0, 0, 0, 0]));

fs.writeFileSync(path.join(outDir, 'color.png'), color);
fs.writeFileSync(path.join(outDir, 'outline.png'), outline);
process.stdout.write(`wrote appPackage/color.png (${color.length} bytes), appPackage/outline.png (${outline.length} bytes)\n`);
