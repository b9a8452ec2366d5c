"""Write alkannot/record_inits.py: the `__init__` of every shape alkannot's record classes have (issue 13).

`records.record` gives each class an `__init__` made from the code of its shape (number of fields, which have a
default factory, whether it calls `__post_init__`), renamed for the class. Compiling that code from source took
about 4% of the instructions of annotating the 4-record example; the shapes written here come with the package as
a module, whose bytecode Python keeps in __pycache__ like any other's. A shape not written here (a class added
since, or one defined outside alkannot) is compiled on its first use, as before: the module only saves time.

Run after adding or changing a record class (tests/test_records.py says when the module is out of date):

    python tools/record_inits.py            # rewrite alkannot/record_inits.py
    python tools/record_inits.py --check    # exit 1 if it is out of date
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

import alkannot
from alkannot.records import Shape, init_source, shape_of

MODULE = Path(alkannot.__file__).parent / "record_inits.py"


def package_shapes() -> list[Shape]:
    """The shape of each record class defined in one of alkannot's modules (every module imported)."""
    shapes = set()
    for found in pkgutil.walk_packages(alkannot.__path__, "alkannot."):
        if found.name.endswith("__main__"):
            continue
        module = importlib.import_module(found.name)
        for value in vars(module).values():
            if isinstance(value, type) and "__record_fields__" in vars(value) and value.__module__ == found.name:
                shapes.add(shape_of(value, value.__record_fields__))
    return sorted(shapes)


def function_name(shape: Shape) -> str:
    count, factories, post_init = shape
    return f"_init_{count}" + "".join(f"_f{i}" for i in factories) + ("_post" if post_init else "")


def module_text(shapes: list[Shape]) -> str:
    """The module: one function per shape, and INITS, the function of each shape."""
    lines = [
        '"""The `__init__` of each shape of alkannot\'s record classes, compiled with the package (records._init_code;',
        "issue 13). Written by tools/record_inits.py: do not edit; tests/test_records.py checks it is current.",
        "",
        "Each function is the code `records` renames for a class (its fields for f0, f1...) and runs with the class's",
        'own globals: `_MISSING` and `_factory_f<i>`, the default factory of field i."""',
        "",
        "# mypy: ignore-errors",
        "# ruff: noqa: F821",
    ]
    for shape in shapes:
        lines += ["", "", init_source(shape, function_name(shape)).rstrip("\n")]
    lines += ["", "", "INITS = {"]
    lines += [f"    {shape!r}: {function_name(shape)}," for shape in shapes]
    lines += ["}", ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    text = module_text(package_shapes())
    if "--check" in argv:
        current = MODULE.read_text(encoding="utf-8") == text
        print(f"{MODULE} is {'current' if current else 'out of date: run python tools/record_inits.py'}")
        return 0 if current else 1
    MODULE.write_text(text, encoding="utf-8")
    print(f"wrote {MODULE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
