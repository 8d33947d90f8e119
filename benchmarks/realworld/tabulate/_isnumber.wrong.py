# ruff: noqa
# WRONG rewrite of tabulate/__init__.py::_isnumber: strings like 'infinity' or '1e400' count as numbers
def _isnumber(string):
    if not _isconvertible(float, string):
        return False
    return True
