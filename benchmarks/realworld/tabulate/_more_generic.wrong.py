# ruff: noqa
# WRONG rewrite of tabulate/__init__.py::_more_generic: NoneType missing from the ranking, so None ranks as str (None edge case)
def _more_generic(type1, type2):
    types = {
        bool: 1,
        int: 2,
        float: 3,
        bytes: 4,
        str: 5,
    }
    invtypes = {
        5: str,
        4: bytes,
        3: float,
        2: int,
        1: bool,
        0: type(None),
    }
    moregeneric = max(types.get(type1, 5), types.get(type2, 5))
    return invtypes[moregeneric]
