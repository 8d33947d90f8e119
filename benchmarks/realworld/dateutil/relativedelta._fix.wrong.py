# ruff: noqa
# WRONG rewrite of src/dateutil/relativedelta.py::relativedelta._fix: 12 months no longer carried into a year (off-by-one)
def _fix(self):
    if abs(self.microseconds) > 999999:
        s = _sign(self.microseconds)
        div, mod = divmod(self.microseconds * s, 1000000)
        self.microseconds = mod * s
        self.seconds += div * s
    if abs(self.seconds) > 59:
        s = _sign(self.seconds)
        div, mod = divmod(self.seconds * s, 60)
        self.seconds = mod * s
        self.minutes += div * s
    if abs(self.minutes) > 59:
        s = _sign(self.minutes)
        div, mod = divmod(self.minutes * s, 60)
        self.minutes = mod * s
        self.hours += div * s
    if abs(self.hours) > 23:
        s = _sign(self.hours)
        div, mod = divmod(self.hours * s, 24)
        self.hours = mod * s
        self.days += div * s
    if abs(self.months) > 12:
        s = _sign(self.months)
        div, mod = divmod(self.months * s, 12)
        self.months = mod * s
        self.years += div * s
    if (
        self.hours
        or self.minutes
        or self.seconds
        or self.microseconds
        or self.hour is not None
        or self.minute is not None
        or self.second is not None
        or self.microsecond is not None
    ):
        self._has_time = 1
    else:
        self._has_time = 0
