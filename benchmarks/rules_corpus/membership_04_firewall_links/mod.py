def allowed_links(links, policy_rules):
    """Keep the (host_a, host_b) links that some "allow" rule covers, in either direction.

    policy_rules are dicts like {"src": "web-1", "dst": "db-2", "action": "allow"}.
    """
    allowed = [(rule["src"], rule["dst"]) for rule in policy_rules if rule.get("action") == "allow"]
    return [link for link in links if link in allowed or (link[1], link[0]) in allowed]
