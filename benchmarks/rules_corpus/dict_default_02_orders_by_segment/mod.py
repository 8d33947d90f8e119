"""Sales-report grouping for the monthly finance export."""


def orders_by_segment(order_rows):
    """Group order ids by (region, country, channel, product_line, year, month).

    ``order_rows`` holds
    ``(order_id, region, country, channel, product_line, year, month)`` tuples.
    Segments appear in order of first occurrence, ids in input order.
    """
    segments = {}
    for order_id, region, country, channel, product_line, year, month in order_rows:
        key = (region, country, channel, product_line, year, month)
        segments[key] = segments.get(key, [])
        segments[key].append(order_id)
    return segments
