# ruff: noqa
# WRONG rewrite of inflection/__init__.py::camelize: empty string returns '' instead of IndexError
def camelize(string: str, uppercase_first_letter: bool = True) -> str:
    if uppercase_first_letter:
        return re.sub(r"(?:^|_)(.)", lambda m: m.group(1).upper(), string)
    else:
        return string[:1].lower() + camelize(string)[1:]
