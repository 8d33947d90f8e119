# ruff: noqa
# WRONG rewrite of markdown/blockparser.py::State.isstate: IndexError on an empty state (empty edge case)
def isstate(self, state: Any) -> bool:
    return self[-1] == state
