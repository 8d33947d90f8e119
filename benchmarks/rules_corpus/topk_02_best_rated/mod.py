"""Catalogue helpers for the storefront."""


def best_rated(products, k=5):
    """Names of the ``k`` best-rated products (a product is a dict with
    'name' and 'rating'); equally rated products keep catalogue order."""
    ranked = sorted(products, key=lambda p: p["rating"], reverse=True)
    top = ranked[:k]
    return [p["name"] for p in top]
