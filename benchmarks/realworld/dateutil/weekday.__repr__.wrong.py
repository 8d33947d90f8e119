# ruff: noqa
# WRONG rewrite of src/dateutil/_common.py::weekday.__repr__: n == 0 prints MO(+0) (zero edge case)
def __repr__(self):
    s = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[self.weekday]
    if self.n is None:
        return s
    else:
        return "%s(%+d)" % (s, self.n)
