import csv
import io
import random

from mod import CsvExporter


COLUMNS = ["order_id", "customer", "sku", "qty", "note"]


def order_rows(n, seed=1234):
    rng = random.Random(seed)
    notes = ["", "gift wrap", 'say "hi"', "leave at door, side gate", "fragile\nhandle with care", None]
    rows = []
    for i in range(n):
        rows.append((
            100000 + i,
            rng.choice(["Ada Lovelace", "Grace Hopper", "Zoë Ćirić", "O'Brien"]),
            f"SKU-{rng.randrange(10000):04d}",
            rng.randint(1, 9),
            rng.choice(notes),
        ))
    return rows


def test_large_export_round_trips_through_csv_module():
    rows = order_rows(2500)
    exporter = CsvExporter(COLUMNS)
    text = exporter.export(rows)
    assert exporter.text == text
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[0] == COLUMNS
    assert len(parsed) == len(rows) + 1
    for got, row in zip(parsed[1:], rows):
        assert got == ["" if v is None else str(v) for v in row]
    assert text.endswith("\n")


def test_exact_small_output_and_custom_delimiter():
    ex = CsvExporter(["a", "b"])
    assert ex.export([(1, "x,y"), ('q"t', None)]) == 'a,b\n1,"x,y"\n"q""t",\n'
    semi = CsvExporter(("name", "city"), delimiter=";")
    assert semi.export([["Zoë", "Köln;Bonn"], []]) == 'name;city\nZoë;"Köln;Bonn"\n\n'
    assert semi.text == 'name;city\nZoë;"Köln;Bonn"\n\n'


def test_no_rows():
    ex = CsvExporter([])
    assert ex.export([]) == "\n"
    assert CsvExporter(["only"]).export(iter([])) == "only\n"
