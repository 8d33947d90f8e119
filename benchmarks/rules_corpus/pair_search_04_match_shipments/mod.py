from dataclasses import dataclass


@dataclass(frozen=True)
class Shipment:
    ref: str
    weight_kg: float


@dataclass(frozen=True)
class Invoice:
    ref: str
    amount_cents: int


def match_shipments(
    shipments: list[Shipment], invoices: list[Invoice]
) -> tuple[list[tuple[Shipment, Invoice]], list[Invoice]]:
    """Pair each shipment with the first still-unmatched invoice carrying the same reference.

    Returns (matched pairs in shipment order, invoices left over in their original order).
    """
    remaining = list(invoices)
    matched = []
    for shipment in shipments:
        k = 0
        while k < len(remaining):
            if remaining[k].ref == shipment.ref:
                matched.append((shipment, remaining.pop(k)))
                break
            k += 1
    return matched, remaining
