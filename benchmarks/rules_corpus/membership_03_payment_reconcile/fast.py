class PaymentReconciler:
    """Matches shop orders against the order ids the payment provider reported as settled."""

    def __init__(self, settled_order_ids, currency="EUR"):
        self.settled_order_ids = list(settled_order_ids)
        self.currency = currency

    def unsettled(self, orders):
        """orders: iterable of (order_id, amount_cents).

        Returns (ids of positive orders without settlement, their total in cents).
        """
        settled = set(self.settled_order_ids)
        missing = []
        total = 0
        for order_id, amount in orders:
            if amount <= 0:
                continue
            if order_id in settled:
                continue
            missing.append(order_id)
            total += amount
        return missing, total
