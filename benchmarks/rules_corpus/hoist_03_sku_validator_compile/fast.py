"""Catalogue import: validation of supplier SKU codes."""
import re

_SKU_RE = re.compile(r"([A-Z]{3})-(\d{4})(?:-(XS|S|M|L|XL))?")


class SkuValidator:
    """Splits supplier SKUs such as ``ABC-1234-XL`` into their parts."""

    def __init__(self, supplier: str):
        self.supplier = supplier

    def parse_all(self, codes):
        """Return ``(valid, rejected)``.

        ``valid`` is a list of ``(family, number, size)`` tuples, ``rejected``
        the list of codes that do not follow the scheme, both in input order.
        """
        valid = []
        rejected = []
        fullmatch = _SKU_RE.fullmatch
        add_valid = valid.append
        add_rejected = rejected.append
        for code in codes:
            m = fullmatch(code)
            if m is None:
                add_rejected(code)
            else:
                family, number, size = m.groups()
                add_valid((family, int(number), size))
        return valid, rejected
