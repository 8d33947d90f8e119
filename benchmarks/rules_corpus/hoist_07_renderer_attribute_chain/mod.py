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
        for x, y in points:
            angle = math.radians(self.config.settings.rotation_deg)
            rx = x * math.cos(angle) - y * math.sin(angle)
            ry = x * math.sin(angle) + y * math.cos(angle)
            px = rx * self.config.settings.scale + self.config.settings.origin_x
            py = ry * self.config.settings.scale + self.config.settings.origin_y
            if px < 0 or py < 0 or px >= self.config.settings.width or py >= self.config.settings.height:
                continue
            col = int(px) // TILE_SIZE
            row = int(py) // TILE_SIZE
            tiles_per_row = math.ceil(self.config.settings.width / TILE_SIZE)
            visible.append((row * tiles_per_row + col, int(px) % TILE_SIZE, int(py) % TILE_SIZE))
        return visible
