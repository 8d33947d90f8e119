"""Order export: enrich raw orders with customer details before writing the CSV."""

from typing import Any


def attach_customers(orders: list[dict[str, Any]], customers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return a copy of each order with ``customer_name`` and ``country`` filled in.

    The first customer record with a matching ``id`` wins.  Orders whose customer
    is unknown get ``None`` for both fields.  Input dicts are not modified.
    """
    by_id: dict[Any, dict[str, Any]] = {}
    if orders:
        for customer in customers:
            by_id.setdefault(customer["id"], customer)
    enriched = []
    for order in orders:
        match = by_id.get(order["customer_id"])
        row = dict(order)
        if match is None:
            row["customer_name"] = None
            row["country"] = None
        else:
            row["customer_name"] = match["name"]
            row["country"] = match["country"]
        enriched.append(row)
    return enriched
