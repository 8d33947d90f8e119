import math
import random

from mod import CanvasSettings, RenderConfig, TileRenderer


def make_points(n, seed=1234):
    rng = random.Random(seed)
    return [(rng.uniform(-300.0, 1400.0), rng.uniform(-300.0, 1100.0)) for _ in range(n)]


def test_large_projection_rotated():
    settings = CanvasSettings(scale=0.8, rotation_deg=12.5, origin_x=150.0, origin_y=40.0, width=1280, height=720)
    renderer = TileRenderer(RenderConfig(settings=settings))
    points = make_points(20000)
    result = renderer.project(points)
    a = math.radians(12.5)
    c, s = math.cos(a), math.sin(a)
    expected = []
    for x, y in points:
        px = (x * c - y * s) * 0.8 + 150.0
        py = (x * s + y * c) * 0.8 + 40.0
        if 0 <= px < 1280 and 0 <= py < 720:
            expected.append((int(py) // 256 * 5 + int(px) // 256, int(px) % 256, int(py) % 256))
    assert result == expected
    assert 5000 < len(result) < 20000
    assert all(0 <= t < 15 for t, _, _ in result)


def test_identity_defaults():
    r = TileRenderer(RenderConfig())
    assert r.project([(0.0, 0.0), (300.5, 10.2), (1023.9, 767.9), (1024.0, 0.0), (-0.1, 5.0)]) == [
        (0, 0, 0), (1, 44, 10), (11, 255, 255)]


def test_empty_points():
    assert TileRenderer(RenderConfig()).project([]) == []


def test_all_points_clipped():
    r = TileRenderer(RenderConfig(settings=CanvasSettings(origin_x=-5000.0)))
    assert r.project(make_points(100)) == []
