#!/usr/bin/env node
// Usage: node manifest/lib/same-image.mjs A.png B.png
// Exit 0 when both PNGs have the same size and every channel differs by at most TOLERANCE: Skia may
// rasterise anti-aliased edges a shade differently on another CPU, so bytes are not compared.
import fs from "node:fs";
import { decode } from "./png.mjs";

const TOLERANCE = 3;
const [a, b] = process.argv.slice(2);
if (!a || !b) {
  console.error("usage: node manifest/lib/same-image.mjs A.png B.png");
  process.exit(1);
}
const [left, right] = [a, b].map((file) => decode(fs.readFileSync(file)));
if (left.width !== right.width || left.height !== right.height) {
  console.error(`${b} is ${right.width}x${right.height}, ${a} is ${left.width}x${left.height}`);
  process.exit(1);
}
let worst = 0;
for (let i = 0; i < left.rgba.length; i++) worst = Math.max(worst, Math.abs(left.rgba[i] - right.rgba[i]));
if (worst > TOLERANCE) {
  console.error(`${b} differs from ${a} by up to ${worst} in a channel (tolerance ${TOLERANCE})`);
  process.exit(1);
}
