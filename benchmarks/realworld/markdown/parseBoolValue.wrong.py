# ruff: noqa
# WRONG rewrite of markdown/util.py::parseBoolValue: 'none' now raises instead of giving False
def parseBoolValue(
    value: str | None, fail_on_errors: bool = True, preserve_none: bool = False
) -> bool | None:
    if not isinstance(value, str):
        if preserve_none and value is None:
            return value
        return bool(value)
    elif preserve_none and value.lower() == "none":
        return None
    elif value.lower() in ("true", "yes", "y", "on", "1"):
        return True
    elif value.lower() in ("false", "no", "n", "off", "0"):
        return False
    elif fail_on_errors:
        raise ValueError("Cannot parse bool value: %r" % value)
