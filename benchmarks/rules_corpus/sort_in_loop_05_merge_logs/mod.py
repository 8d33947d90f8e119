"""Merge per-server access logs into one timeline."""


def merge_server_logs(streams, limit=None):
    """Merge log streams into a single timeline.

    ``streams`` is a list of per-server lists of (timestamp, host, message)
    records, each already in time order.  At every step the smallest pending
    head record is emitted (ties go to the stream listed first).  Stops after
    ``limit`` records when a limit is given.
    """
    cursors = [0] * len(streams)
    timeline = []
    while True:
        heads = []
        for idx in range(len(streams)):
            pos = cursors[idx]
            if pos < len(streams[idx]):
                heads.append((streams[idx][pos], idx))
        if not heads:
            break
        heads.sort()
        record, idx = heads[0]
        timeline.append(record)
        cursors[idx] += 1
        if limit is not None and len(timeline) >= limit:
            break
    return timeline
