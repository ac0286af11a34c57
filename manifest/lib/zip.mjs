// Reads the entries of a zip archive (the Teams app package) with Node's zlib only.
// Supports what `zip` and Teams write: stored or deflated entries, no zip64, no encryption.
import zlib from "node:zlib";

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export class ZipError extends Error {}

/** @returns {{ name: string, isDirectory: boolean, data: Buffer }[]} */
export function readZip(buffer) {
  const eocd = findEndOfCentralDirectory(buffer);
  const count = buffer.readUInt16LE(eocd + 10);
  const size = buffer.readUInt32LE(eocd + 12);
  let offset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new ZipError("zip64 archives are not supported");
  if (offset + size > eocd) throw new ZipError("central directory lies outside the file");

  const entries = [];
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(offset) !== CENTRAL) throw new ZipError(`central directory entry ${i} is corrupt`);
    const flags = buffer.readUInt16LE(offset + 8);
    const method = buffer.readUInt16LE(offset + 10);
    const crc = buffer.readUInt32LE(offset + 16);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const uncompressedSize = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString("utf8", offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;

    if (flags & 0x1) throw new ZipError(`${name}: encrypted entries are not supported`);
    const isDirectory = name.endsWith("/");
    const data = isDirectory ? Buffer.alloc(0) : readEntryData(buffer, name, localOffset, method, compressedSize, uncompressedSize);
    if (!isDirectory && zlib.crc32(data) !== crc) throw new ZipError(`${name}: CRC-32 mismatch (corrupt archive)`);
    entries.push({ name, isDirectory, data });
  }
  return entries;
}

function findEndOfCentralDirectory(buffer) {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const stop = Math.max(0, buffer.length - 22 - 0xffff);
  for (let i = buffer.length - 22; i >= stop; i--) {
    if (buffer.readUInt32LE(i) === EOCD) return i;
  }
  throw new ZipError("not a zip archive (no end of central directory record)");
}

function readEntryData(buffer, name, localOffset, method, compressedSize, uncompressedSize) {
  if (buffer.readUInt32LE(localOffset) !== LOCAL) throw new ZipError(`${name}: local header is corrupt`);
  const start = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
  const raw = buffer.subarray(start, start + compressedSize);
  let data;
  if (method === 0) data = Buffer.from(raw);
  else if (method === 8) data = zlib.inflateRawSync(raw);
  else throw new ZipError(`${name}: compression method ${method} is not supported (use deflate or store)`);
  if (data.length !== uncompressedSize) throw new ZipError(`${name}: size mismatch (corrupt archive)`);
  return data;
}
