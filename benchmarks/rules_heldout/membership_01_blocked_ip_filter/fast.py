"""Access-log filtering for the edge proxy."""


def filter_blocked_requests(log_lines, blocked_ips):
    """Parse access-log lines and drop the requests coming from blocked IPs.

    Each line looks like ``"<ip> <method> <path> [extra...]"``.  Blank lines and
    ``#`` comments are skipped; a line with fewer than three fields raises
    ``ValueError``.  Returns ``(ip, METHOD, path)`` tuples in log order.
    """
    blocked = set(blocked_ips)
    kept = []
    for lineno, raw in enumerate(log_lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) < 3:
            raise ValueError("line %d: expected '<ip> <method> <path>'" % lineno)
        ip, method, path = parts[0], parts[1].upper(), parts[2]
        if ip in blocked:
            continue
        kept.append((ip, method, path))
    return kept
