"""A small, deliberately slow module: the README's first command runs Afterburner on it."""


def unique_skus(orders: list[str]) -> list[str]:
    """SKUs in order of first appearance, without repeats."""
    seen = []
    for sku in orders:
        if sku not in seen:
            seen.append(sku)
    return seen


def restock_report(levels: list[int], threshold: int) -> str:
    """One line per item whose stock level is below threshold."""
    report = ""
    for i in range(len(levels)):
        if levels[i] < threshold:
            report += f"item {i}: {levels[i]} left\n"
    return report


def drain_queue(tasks: list[str]) -> list[str]:
    """Process tasks first-in first-out; returns them upper-cased in order."""
    queue = list(tasks)
    done = []
    while queue:
        task = queue.pop(0)
        done.append(task.upper())
    return done
