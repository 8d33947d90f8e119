# ruff: noqa
# WRONG rewrite of src/dateutil/utils.py::within_delta: negative deltas no longer accepted
def within_delta(dt1, dt2, delta):
    difference = dt1 - dt2
    return -delta <= difference <= delta
