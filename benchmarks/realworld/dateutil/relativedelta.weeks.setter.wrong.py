# ruff: noqa
# WRONG rewrite of src/dateutil/relativedelta.py::relativedelta.weeks: the weeks setter (the last def named weeks) drops the leftover days
@weeks.setter
def weeks(self, value):
    self.days = value * 7
