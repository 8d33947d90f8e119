"""Sales-report grouping for the monthly finance export."""
from collections import defaultdict


def orders_by_segment(order_rows):
    """Group order ids by (region, country, channel, product_line, year, month).

    ``order_rows`` holds
    ``(order_id, region, country, channel, product_line, year, month)`` tuples.
    Segments appear in order of first occurrence, ids in input order.
    """
    segments = defaultdict(list)
    for order_id, region, country, channel, product_line, year, month in order_rows:
        segments[region, country, channel, product_line, year, month].append(order_id)
    return dict(segments)
