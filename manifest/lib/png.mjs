// Decodes PNG images with Node's zlib only, enough to check Teams icons pixel by pixel:
// 8-bit greyscale, RGB, palette, grey+alpha and RGBA, not interlaced. Chunk CRCs are verified.
import zlib from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export class PngError extends Error {}

export function hasPngSignature(buffer) {
  return buffer.length >= 8 && buffer.subarray(0, 8).equals(SIGNATURE);
}

/** Reads IHDR only. @returns {{ width, height, bitDepth, colorType, interlace }} */
export function readHeader(buffer) {
  if (!hasPngSignature(buffer)) throw new PngError("not a PNG file (bad signature)");
  const first = readChunk(buffer, 8);
  if (first.type !== "IHDR" || first.data.length !== 13) throw new PngError("first chunk is not a valid IHDR");
  const d = first.data;
  return {
    width: d.readUInt32BE(0),
    height: d.readUInt32BE(4),
    bitDepth: d[8],
    colorType: d[9],
    interlace: d[12],
  };
}

/** @returns {{ width: number, height: number, rgba: Uint8Array }} */
export function decode(buffer) {
  const header = readHeader(buffer);
  const { width, height, bitDepth, colorType, interlace } = header;
  if (bitDepth !== 8) throw new PngError(`bit depth ${bitDepth} is not supported here (use 8)`);
  if (!(colorType in CHANNELS)) throw new PngError(`invalid colour type ${colorType}`);
  if (interlace !== 0) throw new PngError("interlaced PNGs are not supported here");

  let palette = null;
  let transparency = null; // tRNS: palette alphas, or the transparent colour of grey/RGB images
  const idat = [];
  let sawEnd = false;
  for (let offset = 8; offset < buffer.length && !sawEnd; ) {
    const chunk = readChunk(buffer, offset);
    offset = chunk.next;
    if (chunk.type === "PLTE") palette = chunk.data;
    else if (chunk.type === "tRNS") transparency = chunk.data;
    else if (chunk.type === "IDAT") idat.push(chunk.data);
    else if (chunk.type === "IEND") sawEnd = true;
  }
  if (!sawEnd) throw new PngError("missing IEND chunk (truncated file)");
  if (idat.length === 0) throw new PngError("no image data (IDAT)");
  if (colorType === 3 && !palette) throw new PngError("palette image without PLTE");

  const channels = CHANNELS[colorType];
  const stride = width * channels;
  let raw;
  try {
    raw = zlib.inflateSync(Buffer.concat(idat));
  } catch (error) {
    throw new PngError(`image data does not inflate: ${error.message}`);
  }
  if (raw.length < (stride + 1) * height) throw new PngError("image data is shorter than the image");

  const pixels = unfilter(raw, width, height, channels);
  return { width, height, rgba: toRgba(pixels, width * height, colorType, palette, transparency) };
}

function readChunk(buffer, offset) {
  if (offset + 12 > buffer.length) throw new PngError("truncated chunk");
  const length = buffer.readUInt32BE(offset);
  const type = buffer.toString("latin1", offset + 4, offset + 8);
  const end = offset + 8 + length;
  if (end + 4 > buffer.length) throw new PngError(`chunk ${type} runs past the end of the file`);
  const crc = buffer.readUInt32BE(end);
  if (zlib.crc32(buffer.subarray(offset + 4, end)) !== crc) throw new PngError(`chunk ${type} has a bad CRC`);
  return { type, data: buffer.subarray(offset + 8, end), next: end + 4 };
}

function unfilter(raw, width, height, bpp) {
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp] : 0;
      const b = y > 0 ? out[prev + x] : 0;
      const c = x >= bpp && y > 0 ? out[prev + x - bpp] : 0;
      let predictor;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = a; break;
        case 2: predictor = b; break;
        case 3: predictor = (a + b) >> 1; break;
        case 4: predictor = paeth(a, b, c); break;
        default: throw new PngError(`row ${y} has an invalid filter type ${filter}`);
      }
      out[row + x] = (raw[src + x] + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

function toRgba(pixels, count, colorType, palette, transparency) {
  const rgba = new Uint8Array(count * 4);
  for (let i = 0; i < count; i++) {
    let r, g, b, a = 255;
    switch (colorType) {
      case 0:
        r = g = b = pixels[i];
        // For greyscale and RGB, tRNS names the one colour (16-bit samples) that is fully transparent.
        if (transparency?.length >= 2 && transparency.readUInt16BE(0) === r) a = 0;
        break;
      case 2:
        [r, g, b] = [pixels[i * 3], pixels[i * 3 + 1], pixels[i * 3 + 2]];
        if (transparency?.length >= 6 && transparency.readUInt16BE(0) === r && transparency.readUInt16BE(2) === g && transparency.readUInt16BE(4) === b) a = 0;
        break;
      case 3: {
        const index = pixels[i];
        if (index * 3 + 2 >= palette.length) throw new PngError(`palette index ${index} is out of range`);
        [r, g, b] = [palette[index * 3], palette[index * 3 + 1], palette[index * 3 + 2]];
        if (transparency && index < transparency.length) a = transparency[index];
        break;
      }
      case 4: r = g = b = pixels[i * 2]; a = pixels[i * 2 + 1]; break;
      case 6: [r, g, b, a] = [pixels[i * 4], pixels[i * 4 + 1], pixels[i * 4 + 2], pixels[i * 4 + 3]]; break;
    }
    rgba.set([r, g, b, a], i * 4);
  }
  return rgba;
}
