#!/usr/bin/env python3
"""Draw the small pictures of the sample blog sites under posts/sites/.

Run it from the repository root:

    python3 scripts/draw-sample-pictures.py

It writes PNG files into posts/thumbnails/ (the sample posts' thumbnails),
posts/sites/jekyll-blog/assets/img/ and posts/sites/hugo-blog/static/images/, using the Python 3 standard library only
(zlib + struct, no PIL). Every picture is drawn from code, with no randomness,
so running the script again writes the same bytes.
"""

import math
import os
import struct
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JEKYLL_IMG = os.path.join(ROOT, "posts", "sites", "jekyll-blog", "assets", "img")
HUGO_IMG = os.path.join(ROOT, "posts", "sites", "hugo-blog", "static", "images")
# The sample posts' own thumbnails (`thumbnail: "/thumbnails/x.png"`): posts/ is a site
# root too, marked by its _config.yml.
THUMBNAILS = os.path.join(ROOT, "posts", "thumbnails")


# --- a tiny canvas ----------------------------------------------------------


class Canvas:
    """An RGB picture kept as rows of bytearrays."""

    def __init__(self, width, height, colour=(0, 0, 0)):
        self.width = width
        self.height = height
        self.rows = [bytearray(bytes(colour) * width) for _ in range(height)]

    def set(self, x, y, colour):
        if 0 <= x < self.width and 0 <= y < self.height:
            i = 3 * x
            self.rows[y][i:i + 3] = bytes(colour)

    def get(self, x, y):
        i = 3 * x
        return tuple(self.rows[y][i:i + 3])

    def rect(self, x0, y0, x1, y1, colour):
        """Fill [x0, x1) x [y0, y1)."""
        x0, x1 = max(0, x0), min(self.width, x1)
        y0, y1 = max(0, y0), min(self.height, y1)
        if x0 >= x1:
            return
        run = bytes(colour) * (x1 - x0)
        for y in range(y0, y1):
            self.rows[y][3 * x0:3 * x1] = run

    def disc(self, cx, cy, r, colour, blend=1.0):
        for y in range(int(cy - r) - 1, int(cy + r) + 2):
            for x in range(int(cx - r) - 1, int(cx + r) + 2):
                if 0 <= x < self.width and 0 <= y < self.height:
                    if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
                        self.set(x, y, mix(self.get(x, y), colour, blend))

    def ring(self, cx, cy, r, thickness, colour):
        for y in range(int(cy - r) - 1, int(cy + r) + 2):
            for x in range(int(cx - r) - 1, int(cx + r) + 2):
                d = math.hypot(x - cx, y - cy)
                if r - thickness <= d <= r:
                    self.set(x, y, colour)

    def png(self):
        """The picture as PNG bytes (8-bit RGB, one filter chosen per row)."""
        raw = bytearray()
        previous = bytearray(3 * self.width)
        for row in self.rows:
            filtered = best_filter(row, previous)
            raw += filtered
            previous = row
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
            + chunk(b"IEND", b"")
        )


def chunk(kind, data):
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def best_filter(row, previous):
    """The row filtered with None, Sub or Up, whichever has the smallest sum."""
    n = len(row)
    candidates = [b"\x00" + bytes(row)]
    sub = bytearray(n)
    for i in range(n):
        sub[i] = (row[i] - (row[i - 3] if i >= 3 else 0)) & 0xFF
    candidates.append(b"\x01" + bytes(sub))
    up = bytearray((row[i] - previous[i]) & 0xFF for i in range(n))
    candidates.append(b"\x02" + bytes(up))

    def cost(data):
        return sum(b if b < 128 else 256 - b for b in data[1:])

    return min(candidates, key=cost)


def mix(a, b, t):
    return tuple(int(round(a[i] + (b[i] - a[i]) * t)) for i in range(3))


def vertical_gradient(canvas, y0, y1, top, bottom):
    for y in range(y0, y1):
        t = (y - y0) / max(1, y1 - y0 - 1)
        canvas.rect(0, y, canvas.width, y + 1, mix(top, bottom, t))


# --- the pictures -------------------------------------------------------------


def sunset():
    """A sky going from violet to orange, a sun disc sinking into a dark sea."""
    w, h = 320, 180
    c = Canvas(w, h)
    horizon = 118
    vertical_gradient(c, 0, horizon, (58, 42, 110), (250, 150, 70))
    vertical_gradient(c, horizon, h, (40, 40, 80), (14, 18, 40))
    c.disc(200, horizon - 4, 30, (255, 214, 110))
    # Repaint the sea over the lower half of the sun.
    vertical_gradient(c, horizon, h, (40, 40, 80), (14, 18, 40))
    # The sun's reflection: short bright strokes that narrow towards the viewer.
    for k in range(9):
        y = horizon + 6 + 6 * k
        half = 26 - 2 * k
        c.rect(200 - half, y, 200 + half, y + 2, (236, 170, 96))
    return c


def mountains():
    """Two ridges of mountains with snow on the tallest peak, under a pale sky."""
    w, h = 320, 180
    c = Canvas(w, h)
    vertical_gradient(c, 0, h, (170, 205, 235), (236, 242, 246))

    def ridge(points, colour, snow_above=None):
        for x in range(w):
            for (x0, y0), (x1, y1) in zip(points, points[1:]):
                if x0 <= x <= x1:
                    top = y0 + (y1 - y0) * (x - x0) / max(1, x1 - x0)
                    break
            top = int(top)
            c.rect(x, top, x + 1, h, colour)
            if snow_above is not None and top < snow_above:
                c.rect(x, top, x + 1, snow_above + (snow_above - top) // 3, (250, 250, 252))

    ridge([(0, 110), (70, 52), (120, 90), (190, 30), (260, 84), (320, 60)],
          (96, 110, 140), snow_above=52)
    ridge([(0, 140), (50, 112), (110, 136), (170, 104), (240, 142), (320, 118)],
          (52, 72, 84))
    c.rect(0, 160, w, h, (40, 58, 62))
    return c


def bar_chart():
    """A bar chart of six months on a white card, with axes and light grid lines."""
    w, h = 320, 180
    c = Canvas(w, h, (250, 250, 247))
    left, bottom, top = 34, 156, 18
    for k in range(1, 5):
        y = bottom - k * 32
        c.rect(left, y, w - 16, y + 1, (224, 224, 220))
    values = [48, 76, 62, 104, 130, 92]
    colours = [(84, 140, 210), (84, 140, 210), (84, 140, 210),
               (84, 140, 210), (232, 122, 72), (84, 140, 210)]
    for i, (v, colour) in enumerate(zip(values, colours)):
        x = left + 14 + i * 44
        c.rect(x, bottom - v, x + 28, bottom, colour)
        c.rect(x, bottom - v, x + 28, bottom - v + 3, mix(colour, (255, 255, 255), 0.35))
    c.rect(left, top, left + 2, bottom + 1, (60, 60, 60))
    c.rect(left, bottom, w - 12, bottom + 2, (60, 60, 60))
    for k in range(6):
        x = left + 28 + k * 44
        c.rect(x - 1, bottom + 2, x + 1, bottom + 6, (60, 60, 60))
    return c


def terminal():
    """A terminal window: a title bar with three buttons and lines of coloured text."""
    w, h = 320, 180
    c = Canvas(w, h, (226, 230, 236))
    c.rect(10, 10, w - 10, h - 10, (30, 33, 40))
    c.rect(10, 10, w - 10, 28, (58, 62, 72))
    for i, colour in enumerate([(236, 95, 87), (245, 190, 80), (98, 196, 84)]):
        c.disc(24 + 14 * i, 19, 4.5, colour)
    lines = [
        [(8, (98, 196, 84)), (30, (220, 220, 220))],
        [(14, (120, 170, 240)), (20, (220, 220, 220)), (12, (245, 190, 80))],
        [(40, (150, 150, 160))],
        [(8, (98, 196, 84)), (18, (220, 220, 220)), (26, (200, 130, 230))],
        [(22, (245, 190, 80)), (16, (220, 220, 220))],
        [(34, (150, 150, 160)), (10, (236, 95, 87))],
        [(8, (98, 196, 84)), (4, (220, 220, 220))],
    ]
    y = 40
    for line in lines:
        x = 22
        for length, colour in line:
            c.rect(x, y, x + 4 * length, y + 6, colour)
            x += 4 * length + 6
        y += 16
    c.rect(22 + 4 * 8 + 6 + 16 + 4, y - 16, 22 + 4 * 8 + 6 + 16 + 10, y - 16 + 8, (230, 230, 230))
    return c


def map_grid():
    """A paper map: a street grid, a winding river, a park and a red pin."""
    w, h = 240, 180
    c = Canvas(w, h, (243, 236, 218))
    c.rect(150, 22, 210, 70, (196, 222, 170))
    for x in range(0, w, 30):
        c.rect(x + 12, 0, x + 15, h, (255, 255, 255))
    for y in range(0, h, 30):
        c.rect(0, y + 12, w, y + 15, (255, 255, 255))
    c.rect(0, 102, w, 107, (250, 214, 120))
    for x in range(w):
        centre = 140 + 14 * math.sin(x / 26.0)
        c.rect(x, int(centre) - 5, x + 1, int(centre) + 6, (140, 186, 226))
    c.disc(103, 73, 11, (255, 255, 255))
    c.disc(103, 73, 8, (220, 60, 60))
    c.ring(103, 73, 17, 2, (220, 60, 60))
    return c


def film_strip():
    """A strip of film with four frames: sky, sea, a window at night and a field."""
    w, h = 320, 120
    c = Canvas(w, h, (24, 24, 26))
    for x in range(6, w, 20):
        c.rect(x, 6, x + 10, 14, (232, 228, 214))
        c.rect(x, h - 14, x + 10, h - 6, (232, 228, 214))
    frames = [
        ((120, 180, 230), (250, 240, 210)),
        ((60, 120, 170), (20, 60, 100)),
        ((20, 24, 60), (70, 60, 110)),
        ((200, 220, 140), (90, 140, 70)),
    ]
    for i, (top, bottom) in enumerate(frames):
        x0 = 8 + i * 78
        for y in range(22, h - 22):
            t = (y - 22) / (h - 45)
            c.rect(x0, y, x0 + 70, y + 1, mix(top, bottom, t))
    c.disc(8 + 50, 40, 7, (255, 236, 150))
    c.rect(8 + 2 * 78 + 24, 44, 8 + 2 * 78 + 46, 70, (250, 210, 110))
    c.rect(8 + 2 * 78 + 34, 44, 8 + 2 * 78 + 36, 70, (40, 40, 60))
    return c


def vector_clusters():
    """Three clusters of points on a dark plane, one query point joined to its nearest."""
    w, h = 320, 180
    c = Canvas(w, h, (22, 26, 38))
    for k in range(1, 8):
        c.rect(0, k * 24, w, k * 24 + 1, (34, 40, 56))
        c.rect(k * 44, 0, k * 44 + 1, h, (34, 40, 56))
    clusters = [((80, 60), (96, 170, 240)), ((230, 70), (240, 150, 90)), ((150, 135), (140, 210, 130))]
    for (cx, cy), colour in clusters:
        for i in range(14):
            angle = i * 2.399963
            radius = 6 + 2.2 * i
            c.disc(cx + radius * math.cos(angle), cy + 0.7 * radius * math.sin(angle), 3, colour)
    qx, qy = 120, 92
    for i in range(3):
        angle = i * 2.399963
        radius = 6 + 2.2 * i
        tx, ty = 80 + radius * math.cos(angle), 60 + 0.7 * radius * math.sin(angle)
        for step in range(40):
            t = step / 39
            c.set(int(qx + (tx - qx) * t), int(qy + (ty - qy) * t), (250, 250, 250))
    c.disc(qx, qy, 5, (250, 250, 250))
    c.ring(qx, qy, 9, 1.5, (250, 250, 250))
    return c


def speech_bubbles():
    """Two speech bubbles: a short grey question, a longer blue answer with lines of text."""
    w, h = 320, 180
    c = Canvas(w, h, (244, 241, 234))
    c.rect(24, 22, 170, 64, (210, 210, 214))
    c.rect(34, 64, 48, 74, (210, 210, 214))
    for k, length in enumerate([110, 70]):
        c.rect(36, 32 + 14 * k, 36 + length, 38 + 14 * k, (120, 120, 130))
    c.rect(120, 86, 296, 160, (86, 132, 220))
    c.rect(270, 160, 284, 170, (86, 132, 220))
    for k, length in enumerate([150, 130, 156, 90]):
        c.rect(134, 96 + 15 * k, 134 + length, 102 + 15 * k, (236, 242, 255))
    return c


def folders():
    """Three file folders, sorted by colour, with files sliding into the middle one."""
    w, h = 320, 180
    c = Canvas(w, h, (236, 240, 244))
    for i, colour in enumerate([(240, 190, 80), (96, 170, 120), (110, 140, 220)]):
        x = 22 + i * 100
        c.rect(x, 70, x + 34, 80, colour)
        c.rect(x, 78, x + 80, 150, colour)
        c.rect(x, 78, x + 80, 82, mix(colour, (255, 255, 255), 0.4))
    for k in range(3):
        x, y = 140 + 8 * k, 26 + 12 * k
        c.rect(x, y, x + 36, y + 44, (255, 255, 255))
        c.rect(x, y, x + 36, y + 2, (180, 180, 190))
        for line in range(4):
            c.rect(x + 6, y + 10 + 8 * line, x + 28, y + 12 + 8 * line, (190, 196, 206))
    return c


def open_book():
    """An open book on a wooden desk, lines of text on both pages and a ribbon."""
    w, h = 320, 180
    c = Canvas(w, h, (150, 104, 70))
    for y in range(0, h, 9):
        c.rect(0, y, w, y + 1, (138, 94, 62))
    c.rect(40, 30, 158, 158, (250, 246, 232))
    c.rect(162, 30, 280, 158, (250, 246, 232))
    c.rect(158, 28, 162, 160, (200, 190, 170))
    for k in range(9):
        y = 46 + 11 * k
        c.rect(52, y, 52 + (96 if k % 4 != 3 else 60), y + 3, (120, 116, 110))
        c.rect(174, y, 174 + (96 if k % 3 != 2 else 50), y + 3, (120, 116, 110))
    c.rect(226, 24, 234, 70, (200, 50, 60))
    return c


def photo_grid():
    """A contact sheet: a grid of small photos, one marked with a star as the keeper."""
    w, h = 320, 180
    c = Canvas(w, h, (40, 40, 44))
    skies = [((120, 180, 230), (250, 240, 210)), ((250, 170, 100), (90, 60, 110)),
             ((60, 120, 170), (20, 60, 100)), ((200, 220, 140), (90, 140, 70))]
    for row in range(3):
        for col in range(5):
            x0, y0 = 14 + col * 60, 12 + row * 56
            top, bottom = skies[(row + col) % 4]
            for y in range(y0, y0 + 46):
                c.rect(x0, y, x0 + 52, y + 1, mix(top, bottom, (y - y0) / 45))
    c.ring(14 + 2 * 60 + 26, 12 + 56 + 23, 30, 3, (255, 214, 90))
    return c


def autumn_island():
    """An island in autumn: orange and red hills, a dark volcano cone and a blue sea."""
    w, h = 320, 180
    c = Canvas(w, h)
    vertical_gradient(c, 0, 110, (150, 196, 236), (230, 236, 240))
    vertical_gradient(c, 110, h, (60, 130, 190), (30, 80, 140))
    for x in range(w):
        cone = 110 - max(0, 70 - abs(x - 170) * 0.9)
        c.rect(x, int(cone), x + 1, 112, (110, 96, 84))
        hill = 112 - 18 * max(0.0, math.sin(x / 40.0)) - 8
        c.rect(x, int(hill), x + 1, 122, (222, 120, 60) if (x // 30) % 2 else (200, 80, 56))
    c.rect(150, 40, 190, 46, (96, 84, 74))
    return c


PICTURES = [
    (sunset, [JEKYLL_IMG], "sunset.png"),
    (film_strip, [JEKYLL_IMG], "film-strip.png"),
    (bar_chart, [JEKYLL_IMG], "bar-chart.png"),
    (terminal, [JEKYLL_IMG, HUGO_IMG], "terminal.png"),
    (map_grid, [HUGO_IMG], "map-grid.png"),
    (mountains, [HUGO_IMG], "mountains.png"),
    (vector_clusters, [THUMBNAILS], "vector-db.png"),
    (speech_bubbles, [THUMBNAILS], "prompt-tips.png"),
    (folders, [THUMBNAILS], "python-organizer.png"),
    (open_book, [THUMBNAILS], "notion-reading.png"),
    (photo_grid, [THUMBNAILS], "photo-habit.png"),
    (autumn_island, [THUMBNAILS], "jeju-autumn.png"),
]


def main():
    for draw, folders, name in PICTURES:
        data = draw().png()
        for folder in folders:
            os.makedirs(folder, exist_ok=True)
            path = os.path.join(folder, name)
            with open(path, "wb") as f:
                f.write(data)
            print(f"{os.path.relpath(path, ROOT)}  {len(data)} bytes")


if __name__ == "__main__":
    main()
