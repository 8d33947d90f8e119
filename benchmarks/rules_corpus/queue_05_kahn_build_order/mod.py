"""Build ordering for a monorepo's package graph."""
from typing import Dict, List


def build_order(prerequisites: Dict[str, List[str]]) -> List[str]:
    """Return the packages in an order where every package follows its prerequisites.

    `prerequisites` maps a package to the packages it needs.  Packages that are
    only mentioned as prerequisites are included too.  Ties are broken first
    come, first served (Kahn's algorithm with a FIFO).  Raises ValueError if
    the graph has a cycle.
    """
    dependents: Dict[str, List[str]] = {}
    pending: Dict[str, int] = {}
    for package, needs in prerequisites.items():
        pending[package] = pending.get(package, 0) + len(needs)
        for need in needs:
            pending.setdefault(need, 0)
            dependents.setdefault(need, []).append(package)

    ready = [pkg for pkg, count in pending.items() if count == 0]
    order: List[str] = []
    while ready:
        pkg = ready.pop(0)
        order.append(pkg)
        for child in dependents.get(pkg, ()):
            pending[child] -= 1
            if pending[child] == 0:
                ready.append(child)

    if len(order) != len(pending):
        raise ValueError("dependency cycle detected")
    return order
