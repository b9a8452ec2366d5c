"""records.record against what the standard dataclasses do for the same class (issue 13: the start-up path builds
no methods), and against the records alkannot makes from real files."""

from __future__ import annotations

import dataclasses
import pickle
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest

from alkannot.records import FrozenInstanceError, derived, field, record, replace


def _pair(frozen: bool, order: bool = False):
    """The same class made by both decorators."""

    def make(decorate, make_field):
        class Point:
            x: int
            y: str = "a"
            tags: list = make_field(default_factory=list, compare=False)

        return decorate(frozen=frozen, order=order)(Point)

    return make(record, field), make(dataclasses.dataclass, dataclasses.field)


@pytest.mark.parametrize("frozen", [True, False])
def test_init_repr_and_equality_match_dataclasses(frozen):
    ours, theirs = _pair(frozen)
    for args, kwargs in [((1,), {}), ((1, "b"), {}), ((), {"x": 2, "y": "c", "tags": [1]})]:
        a, b = ours(*args, **kwargs), theirs(*args, **kwargs)
        assert repr(a).replace("Point", "") == repr(b).replace("Point", "")
        assert (a.x, a.y, a.tags) == (b.x, b.y, b.tags)
    assert ours(1, "a", [1]) == ours(1, "a", [2])  # compare=False field left out
    assert ours(1) != ours(2)
    assert ours(1).__eq__(theirs(1)) is NotImplemented
    assert ours(1).tags is not ours(1).tags  # default_factory called per instance


def test_hash_follows_the_dataclass_rules():
    ours, theirs = _pair(frozen=True)
    assert hash(ours(1, "b")) == hash(theirs(1, "b")) == hash((1, "b"))
    assert {ours(1), ours(1, "a", [5])} == {ours(1)}
    mutable_ours, mutable_theirs = _pair(frozen=False)
    assert mutable_ours.__hash__ is None and mutable_theirs.__hash__ is None
    with pytest.raises(TypeError):
        hash(mutable_ours(1))


def test_order_compares_fields_as_a_tuple():
    ours, theirs = _pair(frozen=True, order=True)
    values = [(2, "a"), (1, "b"), (1, "a")]
    assert [(p.x, p.y) for p in sorted(ours(*v) for v in values)] == [
        (p.x, p.y) for p in sorted(theirs(*v) for v in values)
    ]
    assert ours(1) <= ours(1) < ours(1, "b") and ours(2) > ours(1) >= ours(1)


def test_frozen_refuses_assignment_and_deletion():
    ours, _ = _pair(frozen=True)
    point = ours(1)
    with pytest.raises(FrozenInstanceError):
        point.x = 2
    with pytest.raises(AttributeError):
        del point.y
    assert point.x == 1


def test_argument_errors_are_the_usual_type_errors():
    ours, _ = _pair(frozen=True)
    with pytest.raises(TypeError, match="x"):
        ours()
    with pytest.raises(TypeError):
        ours(1, "a", [], "extra")
    with pytest.raises(TypeError, match="colour"):
        ours(1, colour="red")
    with pytest.raises(TypeError, match="follows default"):
        record(type("Bad", (), {"__annotations__": {"a": "int", "b": "int"}, "a": 1}))
    with pytest.raises(ValueError, match="mutable default"):
        record(type("Bad", (), {"__annotations__": {"a": "list"}, "a": []}))


def test_replace_post_init_and_class_vars():
    @record
    class Counter:
        start: int
        steps: ClassVar[int] = 3  # not a field, as in dataclasses
        seen: list = field(default_factory=list, repr=False)

        def __post_init__(self) -> None:
            self.seen.append(self.start)

    counter = Counter(4)
    assert counter.seen == [4] and repr(counter).endswith(".Counter(start=4)")
    moved = replace(counter, start=7)
    assert moved.start == 7 and moved.seen == [4, 7]  # the list is shared, as dataclasses.replace shares it
    assert Counter.__match_args__ == ("start", "seen")
    with pytest.raises(TypeError):
        replace(counter, steps=1)


def test_the_bundled_knowledge_base_records_pickle_compare_and_hash():
    from alkannot.kbfiles import load_knowledge_base

    kb = load_knowledge_base()
    source = kb.source("KAT16")
    assert source.pmid == "26870817"
    again = pickle.loads(pickle.dumps(source))
    assert again == source and hash(again) == hash(source) and again is not source
    with pytest.raises(FrozenInstanceError):
        source.pmid = "0"
    call = kb.call_variant("G1202R", 1202, True)
    assert replace(call) == call and replace(call) is not call


def test_classes_of_one_shape_share_compiled_code_under_their_own_names():
    """An `__init__` is compiled once per shape and renamed per class (issue 13): each keeps its names, defaults,
    factories and errors, even where a field is named as another's placeholder (f0, f1...)."""

    @record(frozen=True)
    class First:
        f1: int
        label: str = "a"
        seen: list = field(default_factory=list)

    @record
    class Second:
        width: int
        f0: str = "b"
        parts: list = field(default_factory=list)

    one, two = First(1), Second(width=2, f0="c")
    assert (one.f1, one.label, one.seen) == (1, "a", []) and (two.width, two.f0, two.parts) == (2, "c", [])
    assert First(1).seen is not one.seen and First(f1=3, label="z", seen=[1]) == First(3, "z", [1])
    assert First.__init__.__code__.co_code == Second.__init__.__code__.co_code
    assert First.__init__.__code__.co_varnames[:4] == ("self", "f1", "label", "seen")
    assert Second.__init__.__qualname__.endswith("Second.__init__")
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'width'"):
        Second()
    with pytest.raises(TypeError, match="unexpected keyword argument 'f0'"):
        First(1, f0="x")


def test_the_package_shapes_come_compiled_and_another_shape_is_compiled_on_first_use():
    """alkannot's record classes take their `__init__` code from record_inits (compiled with the package, issue 13),
    renamed as a compiled one is; a shape it does not have is compiled from the same source on first use."""
    from alkannot.evidence import Source
    from alkannot.record_inits import INITS
    from alkannot.records import init_source, shape_of

    kb_source = Source("KAT16", "26870817", "", "a citation")
    assert kb_source.pmid == "26870817" and Source.__init__.__code__.co_filename.endswith("record_inits.py")
    assert Source.__init__.__code__.co_name == "__init__" and Source.__init__.__code__.co_varnames[1] == "key"
    assert INITS[shape_of(Source, Source.__record_fields__)].__code__.co_code == Source.__init__.__code__.co_code

    names = [f"n{i}" for i in range(45)]
    Wide = record(frozen=True)(type("Wide", (), {"__annotations__": dict.fromkeys(names, "int")}))
    assert shape_of(Wide, Wide.__record_fields__) not in INITS
    wide = Wide(*range(45))
    assert (wide.n0, wide.n44) == (0, 44) and Wide.__init__.__code__.co_filename == "<record>"
    with pytest.raises(TypeError, match="n44"):
        Wide(*range(44))
    for shape in INITS:  # the same source, compiled here or with the package
        compiled = compile(init_source(shape), "<record>", "exec").co_consts[0]
        assert (
            compiled.co_code == INITS[shape].__code__.co_code and compiled.co_consts == INITS[shape].__code__.co_consts
        )


def test_record_inits_is_current():
    """tools/record_inits.py --check: alkannot/record_inits.py has the shape of every record class in the package
    (a class added without it still works, compiled on first use, but costs start-up time)."""
    tool = Path(__file__).resolve().parent.parent / "tools" / "record_inits.py"
    done = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "is current" in done.stdout


def test_a_derived_value_is_computed_once_per_record_and_kept_as_cached_property_keeps_it():
    """records.derived, as functools.cached_property: computed on first use, kept in the instance (a frozen record's
    too), not shared between instances, and left out of equality and repr."""
    computed = []

    @record(frozen=True)
    class Span:
        start: int
        end: int

        @derived
        def length(self) -> int:
            """Bases covered."""
            computed.append(self.start)
            return self.end - self.start + 1

    a, b = Span(1, 10), Span(5, 5)
    assert (a.length, a.length, b.length) == (10, 10, 1) and computed == [1, 5]
    assert Span.__dict__["length"].__doc__ == "Bases covered." and isinstance(Span.length, derived)
    assert a == Span(1, 10) and repr(a).endswith("Span(start=1, end=10)")
    with pytest.raises(FrozenInstanceError):
        a.start = 2


@pytest.mark.parametrize(
    "annotations, defaults",
    [
        ({"a": "int", "b": "int", "c": "list"}, {"a": 1, "c": []}),  # both faults: the mutable default is said
        ({"a": "int", "b": "int", "c": "int"}, {"a": 1}),
        ({"a": "int", "b": "int", "c": "int", "d": "int"}, {"a": 1, "c": 2}),  # the first late field is named
        ({"a": "int", "b": "dict"}, {"b": "factory-less {}"}),
    ],
)
def test_a_bad_class_is_refused_as_dataclasses_refuse_it(annotations, defaults):
    """records reads a class's fields in one pass (issue 13) and refuses what dataclasses refuse, with the same
    error: a mutable default before a required field after a defaulted one, and the first such field by name."""

    def namespace(make_field):
        values = {k: make_field(default={}) if v == "factory-less {}" else v for k, v in defaults.items()}
        return {"__annotations__": annotations, **values}

    with pytest.raises((TypeError, ValueError)) as theirs:
        dataclasses.dataclass(type("Bad", (), namespace(dataclasses.field)))
    with pytest.raises(theirs.type) as ours:
        record(type("Bad", (), namespace(field)))
    assert str(ours.value) == str(theirs.value).split(": use default_factory")[0]
