#!/usr/bin/env python3
"""Draws Defuse's toolbar icons (a calm blue disc with a white check-shaped
fuse) as PNGs with the standard library only, so the icons can be rebuilt on
any machine: python3 tools/make-icons.py"""
import math, struct, zlib, pathlib

def png(size):
    rows = []
    c = (size - 1) / 2
    r = size * 0.47
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            # supersample 4x4 for smooth edges
            cover = 0
            white = 0
            for sy in range(4):
                for sx in range(4):
                    px = x + (sx + 0.5) / 4
                    py = y + (sy + 0.5) / 4
                    d = math.hypot(px - size / 2, py - size / 2)
                    if d <= r:
                        cover += 1
                        # a check mark: two thick segments
                        u, v = px / size, py / size
                        def seg(ax, ay, bx, by):
                            t = max(0, min(1, ((u - ax) * (bx - ax) + (v - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)))
                            return math.hypot(u - (ax + t * (bx - ax)), v - (ay + t * (by - ay)))
                        if min(seg(0.28, 0.52, 0.44, 0.68), seg(0.44, 0.68, 0.74, 0.34)) < 0.075:
                            white += 1
            a = cover / 16
            w = white / max(cover, 1)
            R = int(31 + (255 - 31) * w)
            G = int(95 + (255 - 95) * w)
            B = int(191 + (255 - 191) * w)
            row += bytes([R, G, B, int(255 * a)])
        rows.append(bytes(row))
    raw = b"".join(rows)
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")

out = pathlib.Path(__file__).resolve().parent.parent / "www" / "icons"
out.mkdir(parents=True, exist_ok=True)
for s in (16, 32, 48, 128):
    (out / f"icon-{s}.png").write_bytes(png(s))
print("icons written to", out)
