"""Catalogue import: validation of supplier SKU codes."""
import re


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
        for code in codes:
            sku_re = re.compile(r"([A-Z]{3})-(\d{4})(?:-(XS|S|M|L|XL))?")
            m = sku_re.fullmatch(code)
            if m is None:
                rejected.append(code)
            else:
                valid.append((m.group(1), int(m.group(2)), m.group(3)))
        return valid, rejected
