def attach_customers(orders, customers):
    """Left-join order records to customer records on the customer id.

    Orders without a known customer get None for the customer fields.
    """
    rows = []
    for order in orders:
        match = None
        for cust in customers:
            if cust["id"] == order["customer_id"]:
                match = cust
                break
        rows.append({
            "order_id": order["id"],
            "total": order["total"],
            "customer": match["name"] if match else None,
            "country": match["country"] if match else None,
        })
    return rows
