"""Invoice totals for the wholesale billing service (all money in cents)."""


class Invoice:
    def __init__(self, quantities, unit_prices_cents, discount_cents=0):
        self.quantities = quantities
        self.unit_prices_cents = unit_prices_cents
        self.discount_cents = discount_cents

    def subtotal_cents(self):
        """Sum of quantity * unit price over all lines, minus the flat discount."""
        total = 0
        for i in range(len(self.quantities)):
            total += self.quantities[i] * self.unit_prices_cents[i]
        return total - self.discount_cents
