# ruff: noqa
# WRONG rewrite of tabulate/__init__.py::_type: numparse=False still detects floats
def _type(string, has_invisible=True, numparse=True):

    if has_invisible and isinstance(string, (str, bytes)):
        string = _strip_ansi(string)

    if string is None:
        return type(None)
    elif hasattr(string, "isoformat"):  # datetime.datetime, date, and time
        return str
    elif _isbool(string):
        return bool
    elif _isint(string) and numparse:
        return int
    elif _isnumber(string):
        return float
    elif isinstance(string, bytes):
        return bytes
    else:
        return str
