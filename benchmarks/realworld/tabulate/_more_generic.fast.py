# ruff: noqa
# FAST rewrite of tabulate/__init__.py::_more_generic: tables built once at import
_MG_RANK = {type(None): 0, bool: 1, int: 2, float: 3, bytes: 4, str: 5}
_MG_TYPES = (type(None), bool, int, float, bytes, str)


def _more_generic(type1, type2):
    get = _MG_RANK.get
    return _MG_TYPES[max(get(type1, 5), get(type2, 5))]
