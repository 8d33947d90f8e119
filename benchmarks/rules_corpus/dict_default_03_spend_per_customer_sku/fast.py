"""Loyalty-programme aggregates computed from the point-of-sale feed."""
from typing import Iterable


def spend_per_customer_sku(sales: Iterable[tuple[str, str, int]]) -> dict[tuple[str, str], int]:
    """Total spend in cents per (customer, sku), ignoring refunds and voids.

    ``sales`` yields ``(customer_id, sku, amount_cents)``; rows whose amount
    is zero or negative are skipped.
    """
    totals: dict[tuple[str, str], int] = {}
    get = totals.get
    for customer_id, sku, amount_cents in sales:
        if amount_cents <= 0:
            continue
        key = (customer_id, sku)
        totals[key] = get(key, 0) + amount_cents
    return totals
