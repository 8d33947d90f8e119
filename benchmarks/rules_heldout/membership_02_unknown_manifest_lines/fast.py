"""Reconciling incoming shipment manifests against a warehouse stock ledger."""

from typing import Iterable


class StockLedger:
    """Stock on hand for one warehouse, keyed by (warehouse, sku)."""

    def __init__(self, warehouse: str, entries: Iterable[tuple[str, int]]) -> None:
        self.warehouse = warehouse
        self.known: list[tuple[str, str]] = []
        self.on_hand: dict[str, int] = {}
        for sku, qty in entries:
            self.known.append((warehouse, sku))
            self.on_hand[sku] = self.on_hand.get(sku, 0) + qty

    def unknown_lines(self, manifest: list[tuple[str, int]]) -> list[tuple[int, str]]:
        """Return (1-based line number, sku) for manifest lines the ledger has never stocked.

        Lines with a non-positive quantity are ignored (they are cancellations).
        """
        known = set(self.known)
        warehouse = self.warehouse
        problems: list[tuple[int, str]] = []
        i = 0
        while i < len(manifest):
            sku, qty = manifest[i]
            i += 1
            if qty <= 0:
                continue
            if (warehouse, sku) not in known:
                problems.append((i, sku))
        return problems
