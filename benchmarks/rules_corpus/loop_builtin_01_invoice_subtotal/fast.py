"""Invoice totals for the wholesale billing service (all money in cents)."""
from operator import mul


class Invoice:
    def __init__(self, quantities, unit_prices_cents, discount_cents=0):
        self.quantities = quantities
        self.unit_prices_cents = unit_prices_cents
        self.discount_cents = discount_cents

    def subtotal_cents(self):
        """Sum of quantity * unit price over all lines, minus the flat discount."""
        quantities = self.quantities
        prices = self.unit_prices_cents
        if len(prices) < len(quantities):
            prices[len(quantities) - 1]  # raises the IndexError the indexed loop hits
        return sum(map(mul, quantities, prices)) - self.discount_cents
