// A small, reproducible zip writer for the store packages, whose entries are
// deflated with Zopfli (@gfx/zopfli): the same deflate format every unzip
// reads, about 5% smaller than zlib's level 9 on the core's wasm (the bulk
// of the package). The store zip is what users download, and its budget is
// 400 KB (DESIGN.md), so the better encoder is worth ~10 s of packaging.
//
// Entries are sorted by path, dated 1980-01-01 and carry no extra fields, so
// the same files always give the same bytes. Only what a store package
// needs: files (no directories, no symlinks, no zip64; each under 4 GB).
//
//   await writeZip(dir, file)        every file under dir, by relative path

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import zopfli from '@gfx/zopfli';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function filesUnder(dir, prefix = '') {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesUnder(dir, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

// Compressed bodies by content, so the Chrome and Firefox packages (which
// differ only in their manifest) compress the shared wasm once.
const deflated = new Map();

async function deflate(bytes) {
  const key = `${bytes.length}:${crc32(bytes)}`;
  if (!deflated.has(key)) {
    deflated.set(key, (async () => {
      const best = Buffer.from(await zopfli.deflateAsync(bytes, { numiterations: 15 }));
      // Zopfli is never worse in practice; zlib stays as the guard.
      const plain = zlib.deflateRawSync(bytes, { level: 9 });
      return best.length <= plain.length ? best : plain;
    })());
  }
  return deflated.get(key);
}

const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01, the zip epoch
const DOS_TIME = 0;

/** Writes every file under `dir` into the zip `file`; returns its size in bytes. */
export async function writeZip(dir, file) {
  const names = filesUnder(dir).sort();
  const locals = [];
  const central = [];
  let offset = 0;
  for (const name of names) {
    const data = fs.readFileSync(path.join(dir, name));
    const packed = await deflate(data);
    // Stored when deflate does not pay (the PNG icons).
    const stored = packed.length >= data.length;
    const body = stored ? data : packed;
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const fields = (h, at) => {
      h.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
      h.writeUInt16LE(0x0800, at + 2); // flags: UTF-8 names
      h.writeUInt16LE(stored ? 0 : 8, at + 4);
      h.writeUInt16LE(DOS_TIME, at + 6);
      h.writeUInt16LE(DOS_DATE, at + 8);
      h.writeUInt32LE(crc, at + 10);
      h.writeUInt32LE(body.length, at + 14);
      h.writeUInt32LE(data.length, at + 18);
      h.writeUInt16LE(nameBytes.length, at + 22);
      h.writeUInt16LE(0, at + 24); // extra field length
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const dirEntry = Buffer.alloc(46);
    dirEntry.writeUInt32LE(0x02014b50, 0);
    dirEntry.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    fields(dirEntry, 6);
    // comment length, disk number, internal attributes: 0
    dirEntry.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external: a regular file, rw-r--r--
    dirEntry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    central.push(dirEntry, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  const zip = Buffer.concat([...locals, centralBytes, end]);
  fs.writeFileSync(file, zip);
  return zip.length;
}
