"""Catalogue helpers for the storefront."""
import heapq
from operator import itemgetter


def best_rated(products, k=5):
    """Names of the ``k`` best-rated products (a product is a dict with
    'name' and 'rating'); equally rated products keep catalogue order."""
    if type(k) is not int or k <= 0:
        ranked = sorted(products, key=lambda p: p["rating"], reverse=True)
        return [p["name"] for p in ranked[:k]]
    top = heapq.nlargest(k, products, key=itemgetter("rating"))
    return [p["name"] for p in top]
