"""Candidates are built next to the original as the class would build them: a bare method
keeps private-name mangling, names of the class body and zero-argument super()."""

from __future__ import annotations

import sys

import pytest

from afterburner.sandbox.child import loader

MODULE = '''
class Base:
    def size(self):
        return 1


class Box(Base):
    __marker = object()

    def __init__(self, items):
        self.__items = list(items)

    def pop(self, default=__marker):
        if self.__items:
            return self.__items.pop()
        if default is self.__marker:
            raise KeyError("empty")
        return default

    def size(self):
        return super().size() + len(self.__items)
'''


@pytest.fixture()
def module(tmp_path):
    (tmp_path / "boxes.py").write_text(MODULE)
    yield loader.import_target_module(tmp_path / "boxes.py")
    sys.modules.pop("boxes", None)
    sys.path.remove(str(tmp_path))


def test_a_bare_method_is_compiled_as_in_its_class(module):
    pop = loader.candidate_entry(module, "Box.pop", (
        "def pop(self, default=__marker):\n"
        "    if self.__items:\n        return self.__items.pop()\n"
        "    if default is self.__marker:\n        raise KeyError('empty')\n"
        "    return default\n"
    ), "<candidate>")  # fmt: skip
    box = module.Box([1, 2])
    assert pop(box) == 2 and pop(box) == 1
    assert pop(box, None) is None
    with pytest.raises(KeyError):
        pop(box)
    assert module.Box.__dict__["pop"] is not pop  # the class itself is untouched
    assert module.Box.__name__ == "Box" and "Box" in vars(module)


def test_zero_argument_super_in_a_bare_method(module):
    size = loader.candidate_entry(
        module, "Box.size", "def size(self):\n    return super().size() + len(self.__items)\n",
        "<candidate>",
    )  # fmt: skip
    assert size(module.Box([1, 2, 3])) == 4


def test_helpers_beside_a_bare_method_stay_module_level(module):
    source = "LIMIT = 10\n\ndef size(self):\n    return min(LIMIT, len(self.__items))\n"
    size = loader.candidate_entry(module, "Box.size", source, "<candidate>")
    assert size(module.Box(range(30))) == 10
    assert not hasattr(module, "LIMIT")  # the candidate's names never reach the module
