"""Price quotes for the B2B web shop."""
from decimal import Decimal

PRICING_RULES = {
    "tiers": {
        "retail": {"markup": Decimal("1.35"), "min_qty": 1},
        "reseller": {"markup": Decimal("1.15"), "min_qty": 10},
        "partner": {"markup": Decimal("1.05"), "min_qty": 50},
    },
    "vat": {"DE": Decimal("0.19"), "FR": Decimal("0.20"), "NL": Decimal("0.21"), "CH": Decimal("0.081")},
    "volume_discounts": [(500, Decimal("0.10")), (100, Decimal("0.05")), (20, Decimal("0.02"))],
    "rounding": Decimal("0.01"),
}


def quote_lines(cart, rules=PRICING_RULES):
    """Return one gross line total (Decimal, rounded to cents) per cart line.

    Each cart line is ``(unit_cost, quantity, tier, country)``.
    Lines below the tier's minimum quantity are quoted at the retail markup.
    """
    # The rules are only read, never written, so no per-line deep copy is needed.
    pricing = rules
    totals = []
    for unit_cost, quantity, tier, country in cart:
        tier_rules = pricing["tiers"][tier]
        if quantity < tier_rules["min_qty"]:
            tier_rules = pricing["tiers"]["retail"]
        net = unit_cost * tier_rules["markup"] * quantity
        for threshold, discount in pricing["volume_discounts"]:
            if quantity >= threshold:
                net -= net * discount
                break
        gross = net * (1 + pricing["vat"][country])
        totals.append(gross.quantize(pricing["rounding"]))
    return totals
