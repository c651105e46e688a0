"""Pictures for the demo newsroom, drawn with Pillow: abstract landscapes in a section's colour
for articles and programmes, and faceless silhouettes for people's portraits.

Each picture is drawn from its own seed, so the same plan always gives the same JPEG bytes.
"""

import hashlib
import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Collection

from .plan import Picture

LANDSCAPE = (1200, 675)
PORTRAIT = (400, 400)
JPEG_QUALITY = 82

RGB = tuple[int, int, int]
WHITE: RGB = (255, 255, 255)
BLACK: RGB = (0, 0, 0)


def draw_picture(picture: Picture) -> bytes:
    """The picture as JPEG bytes."""
    rng = random.Random(picture.seed)
    colour = _rgb(picture.colour)
    canvas = _portrait(rng, colour) if picture.kind == "portrait" else _landscape(rng, colour)
    out = io.BytesIO()
    canvas.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY)
    return out.getvalue()


def save_picture(picture: Picture, collection: Collection) -> Image:
    """Draw the picture and store it as a Wagtail image in ``collection``."""
    data = draw_picture(picture)
    image = Image(
        title=picture.title[:255],
        description=f"Illustration: {picture.title}"[:255],
        collection=collection,
        file=ImageFile(io.BytesIO(data), name=f"{picture.name[:80]}.jpg"),
        # What Wagtail's upload form would work out by reading the file back.
        file_size=len(data),
        file_hash=hashlib.sha1(data).hexdigest(),
    )
    image.save()
    return image


def _landscape(rng: random.Random, colour: RGB) -> PillowImage.Image:
    width, height = LANDSCAPE
    canvas = _gradient(rng, LANDSCAPE, _mix(colour, WHITE, 0.35), _mix(colour, BLACK, 0.5))
    overlay = PillowImage.new("RGBA", LANDSCAPE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    light, dark = _mix(colour, WHITE, 0.7), _mix(colour, BLACK, 0.65)
    # A faint grid, like a map under the picture.
    step = rng.choice((60, 75, 100))
    for x in range(0, width, step):
        draw.line([(x, 0), (x, height)], fill=(*light, 18), width=1)
    for y in range(0, height, step):
        draw.line([(0, y), (width, y)], fill=(*light, 18), width=1)
    # Diagonal bands of light.
    for _ in range(rng.randint(2, 4)):
        x, band = rng.randint(-300, width), rng.randint(60, 220)
        slant = rng.randint(200, 500)
        draw.polygon(
            [(x, 0), (x + band, 0), (x + band - slant, height), (x - slant, height)],
            fill=(*light, rng.randint(20, 45)),
        )
    # Discs: a low sun, a searchlight, a target.
    for _ in range(rng.randint(1, 3)):
        cx, cy = rng.randint(100, width - 100), rng.randint(80, height // 2)
        r = rng.randint(40, 160)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(*light, rng.randint(50, 110)))
    # Two ridges of a horizon, the nearer one darker.
    for depth, alpha in ((0.58, 120), (0.72, 200)):
        points = [(0, height)]
        for x in range(0, width + 1, width // rng.randint(5, 9)):
            points.append((x, int(height * depth) + rng.randint(-45, 45)))
        points += [(width, int(height * depth)), (width, height)]
        draw.polygon(points, fill=(*dark, alpha))
    return PillowImage.alpha_composite(canvas.convert("RGBA"), overlay)


def _portrait(rng: random.Random, colour: RGB) -> PillowImage.Image:
    width = PORTRAIT[0]
    canvas = _gradient(rng, PORTRAIT, _mix(colour, WHITE, 0.55), _mix(colour, WHITE, 0.15))
    overlay = PillowImage.new("RGBA", PORTRAIT, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    shade = _mix(colour, BLACK, rng.uniform(0.45, 0.65))
    centre = width // 2 + rng.randint(-18, 18)
    # A halo behind the head, then shoulders, neck and head.
    halo = rng.randint(110, 150)
    draw.ellipse([centre - halo, 150 - halo, centre + halo, 150 + halo], fill=(255, 255, 255, 40))
    shoulders = rng.randint(125, 165)
    draw.ellipse([centre - shoulders, 285, centre + shoulders, 285 + 2 * 130], fill=(*shade, 255))
    draw.rectangle([centre - 28, 220, centre + 28, 300], fill=(*shade, 255))
    head_w, head_h = rng.randint(62, 76), rng.randint(80, 94)
    top = rng.randint(70, 95)
    draw.ellipse([centre - head_w, top, centre + head_w, top + 2 * head_h], fill=(*shade, 255))
    return PillowImage.alpha_composite(canvas.convert("RGBA"), overlay)


def _gradient(
    rng: random.Random, size: tuple[int, int], light: RGB, dark: RGB
) -> PillowImage.Image:
    # Four corners blended by resampling a 2x2 image: a smooth gradient at almost no cost.
    corners = [light, _mix(light, dark, 0.5), _mix(light, dark, 0.5), dark]
    rng.shuffle(corners)
    seed = PillowImage.new("RGB", (2, 2))
    seed.putdata(corners)
    return seed.resize(size, PillowImage.Resampling.BILINEAR)


def _rgb(hex_colour: str) -> RGB:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _mix(a: RGB, b: RGB, share_of_b: float) -> RGB:
    return tuple(round(x + (y - x) * share_of_b) for x, y in zip(a, b, strict=True))
