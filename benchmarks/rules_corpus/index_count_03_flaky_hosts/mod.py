class UptimeMonitor:
    """Collects (host, status) probe results."""

    DOWN = "down"

    def __init__(self, hosts, events=None):
        self.hosts = list(hosts)
        self.events = list(events or [])

    def record(self, host, status):
        self.events.append((host, status))

    def flaky_hosts(self, min_failures=3):
        """(host, failure count) for hosts with at least `min_failures` failed probes, in host order."""
        flaky = []
        for host in self.hosts:
            failures = self.events.count((host, self.DOWN))
            if failures >= min_failures:
                flaky.append((host, failures))
        return flaky
