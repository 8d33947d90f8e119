def attach_customers(orders, customers):
    """Left-join order records to customer records on the customer id.

    Orders without a known customer get None for the customer fields.
    """
    by_id = {}
    for cust in customers:
        by_id.setdefault(cust["id"], cust)
    rows = []
    for order in orders:
        match = by_id.get(order["customer_id"])
        rows.append({
            "order_id": order["id"],
            "total": order["total"],
            "customer": match["name"] if match else None,
            "country": match["country"] if match else None,
        })
    return rows
