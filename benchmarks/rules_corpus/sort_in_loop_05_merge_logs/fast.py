"""Merge per-server access logs into one timeline."""
import heapq


def merge_server_logs(streams, limit=None):
    """Merge log streams into a single timeline.

    ``streams`` is a list of per-server lists of (timestamp, host, message)
    records, each already in time order.  At every step the smallest pending
    head record is emitted (ties go to the stream listed first).  Stops after
    ``limit`` records when a limit is given.
    """
    heap = []
    for idx, stream in enumerate(streams):
        if stream:
            heap.append((stream[0], idx, 0))
    heapq.heapify(heap)
    timeline = []
    while heap:
        record, idx, pos = heap[0]
        timeline.append(record)
        pos += 1
        stream = streams[idx]
        if pos < len(stream):
            heapq.heapreplace(heap, (stream[pos], idx, pos))
        else:
            heapq.heappop(heap)
        if limit is not None and len(timeline) >= limit:
            break
    return timeline
