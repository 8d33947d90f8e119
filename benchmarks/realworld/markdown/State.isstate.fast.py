# ruff: noqa
# FAST rewrite of markdown/blockparser.py::State.isstate: truthiness instead of len()
def isstate(self, state: Any) -> bool:
    if self:
        return self[-1] == state
    else:
        return False
