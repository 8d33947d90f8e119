"""Regional sales report."""
import heapq


def top_orders_by_region(orders, per_region=3):
    """orders: iterable of (region, amount_cents, order_id) rows.

    Returns {region: [(amount_cents, order_id), ...]} with the biggest
    ``per_region`` orders of each region, biggest first.
    """
    by_region = {}
    for region, amount, order_id in orders:
        by_region.setdefault(region, []).append((amount, order_id))

    report = {}
    for region, rows in by_region.items():
        if len(rows) > per_region:
            if type(per_region) is int and per_region >= 1:
                best = heapq.nlargest(per_region, rows)
            else:
                best = sorted(rows, reverse=True)[:per_region]
        else:
            best = sorted(rows, reverse=True)
        report[region] = best
    return report
