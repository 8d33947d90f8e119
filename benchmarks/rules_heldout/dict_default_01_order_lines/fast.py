"""Pick-list preparation for the warehouse: group order lines per shipment."""


def group_order_lines(lines, skip_cancelled=True):
    """Group (warehouse, order_id, sku, qty) lines into {(warehouse, order_id): [(sku, qty), ...]}.

    Lines keep their input order inside each group, and groups appear in the
    order their first line was seen.  Lines with qty <= 0 are cancellations and
    are dropped unless ``skip_cancelled`` is false.
    """
    shipments = {}
    for warehouse, order_id, sku, qty in lines:
        if skip_cancelled and qty <= 0:
            continue
        shipments.setdefault((warehouse, order_id), []).append((sku, qty))
    return shipments
