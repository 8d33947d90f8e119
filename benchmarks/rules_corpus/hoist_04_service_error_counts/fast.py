"""On-call digest: how many real errors each service logged overnight."""
import re

_ERROR_PREFIX = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (ERROR|CRITICAL) ")


def error_counts_by_service(service_logs: dict[str, list[str]]) -> dict[str, int]:
    """Count ERROR/CRITICAL lines per service, ignoring comments and health checks.

    A counted line starts with a ``YYYY-MM-DD HH:MM:SS LEVEL `` prefix.
    """
    counts = {}
    match = _ERROR_PREFIX.match
    for service, lines in service_logs.items():
        errors = 0
        for line in lines:
            if line.startswith("#"):
                continue
            if match(line) and "healthcheck" not in line:
                errors += 1
        counts[service] = errors
    return counts
