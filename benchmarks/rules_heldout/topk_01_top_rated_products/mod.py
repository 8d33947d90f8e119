"""Storefront widgets: the "top rated" carousel."""


def top_rated(products, k=12, min_reviews=5):
    """Names of the ``k`` best products by (rating, review count), best first.

    Products with fewer than ``min_reviews`` reviews are not eligible.  Ties keep
    catalogue order.
    """
    if k <= 0:
        return []
    eligible = [p for p in products if p["reviews"] >= min_reviews]
    ranked = sorted(eligible, key=lambda p: (p["rating"], p["reviews"]), reverse=True)
    return [p["name"] for p in ranked[:k]]
