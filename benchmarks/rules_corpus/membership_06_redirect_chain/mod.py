def follow_redirects(start, redirects, max_hops=None):
    """Follow a redirect table from `start` until a page that does not redirect.

    Returns (chain, looped): the visited URLs in order, and whether the walk
    stopped because it came back to an already visited URL.
    """
    chain = [start]
    looped = False
    current = start
    while current in redirects:
        nxt = redirects[current]
        if nxt in chain:
            looped = True
            break
        chain.append(nxt)
        current = nxt
        if max_hops is not None and len(chain) > max_hops:
            break
    return chain, looped
