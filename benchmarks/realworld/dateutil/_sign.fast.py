# ruff: noqa
# FAST rewrite of src/dateutil/relativedelta.py::_sign: no int() call
def _sign(x):
    return -1 if copysign(1, x) < 0 else 1
