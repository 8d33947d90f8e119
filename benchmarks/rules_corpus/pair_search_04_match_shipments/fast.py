from collections import deque
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
    open_by_ref = {}
    for pos, invoice in enumerate(invoices):
        queue = open_by_ref.get(invoice.ref)
        if queue is None:
            open_by_ref[invoice.ref] = queue = deque()
        queue.append(pos)
    used = set()
    matched = []
    for shipment in shipments:
        queue = open_by_ref.get(shipment.ref)
        if queue:
            pos = queue.popleft()
            used.add(pos)
            matched.append((shipment, invoices[pos]))
    remaining = [inv for pos, inv in enumerate(invoices) if pos not in used]
    return matched, remaining
