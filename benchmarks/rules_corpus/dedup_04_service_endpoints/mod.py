from dataclasses import dataclass


@dataclass
class Endpoint:
    host: str
    port: int
    weight: int = 1


def first_endpoint_per_address(endpoints: list[Endpoint], healthy_only: bool = True) -> list[Endpoint]:
    """Keep the first endpoint registered for each (host, port); host names are case-insensitive.

    With healthy_only, endpoints with weight 0 are ignored (drained instances).
    """
    seen_keys = []
    chosen = []
    for ep in endpoints:
        if ep.weight > 0 or not healthy_only:
            key = (ep.host.lower(), ep.port)
            if key not in seen_keys:
                seen_keys.append(key)
                chosen.append(ep)
    return chosen
