"""Projects map coordinates onto a tile canvas for the fleet-tracking UI."""
import math
from dataclasses import dataclass, field

TILE_SIZE = 256


@dataclass
class CanvasSettings:
    scale: float = 1.0
    rotation_deg: float = 0.0
    origin_x: float = 0.0
    origin_y: float = 0.0
    width: int = 1024
    height: int = 768


@dataclass
class RenderConfig:
    theme: str = "light"
    settings: CanvasSettings = field(default_factory=CanvasSettings)


class TileRenderer:
    def __init__(self, config: RenderConfig):
        self.config = config

    def project(self, points: list[tuple[float, float]]) -> list[tuple[int, int, int]]:
        """Rotate, scale and shift points; return ``(tile_index, px, py)`` for visible ones."""
        visible = []
        if not points:
            return visible
        settings = self.config.settings
        angle = math.radians(settings.rotation_deg)
        cos_a = math.cos(angle)
        sin_a = math.sin(angle)
        scale = settings.scale
        origin_x = settings.origin_x
        origin_y = settings.origin_y
        width = settings.width
        height = settings.height
        tile = TILE_SIZE
        tiles_per_row = None
        add = visible.append
        for x, y in points:
            rx = x * cos_a - y * sin_a
            ry = x * sin_a + y * cos_a
            px = rx * scale + origin_x
            py = ry * scale + origin_y
            if px < 0 or py < 0 or px >= width or py >= height:
                continue
            if tiles_per_row is None:
                tiles_per_row = math.ceil(width / tile)
            ix = int(px)
            iy = int(py)
            add(((iy // tile) * tiles_per_row + ix // tile, ix % tile, iy % tile))
        return visible
