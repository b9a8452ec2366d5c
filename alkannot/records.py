"""Record classes (alkannot's value types) without the start-up cost of `dataclasses`.

`dataclasses.dataclass` compiles five or six methods from source text for every class when the module is
imported: about 30 ms for alkannot's classes, most of the time the 4-record example takes beyond Python and
pysam (issue 13). `record` gives the same behaviour for the subset alkannot uses (frozen, order, `field` with
default/default_factory/compare/hash/repr, `__post_init__`, `replace`) at almost no import cost:

- `__init__` is compiled on a class's first instantiation (a class never instantiated in a run costs nothing),
  so instantiation stays as fast as a dataclass's;
- `__eq__`, `__hash__`, ordering and `__repr__` are shared functions reading the fields through
  `operator.attrgetter`, with the dataclass rules for which are set (a frozen record with `eq` is hashable; a
  mutable one is not, unless its class defines `__hash__`);
- a frozen record refuses assignment with `FrozenInstanceError`, an `AttributeError` as in dataclasses.
Type checkers see `record` as a dataclass transform (PEP 681)."""

from __future__ import annotations

import threading
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Callable, TypeVar, overload

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:  # typing.dataclass_transform is Python 3.11+; it only marks the function for type checkers

    def dataclass_transform(**_: Any) -> Callable[[_T], _T]:
        return lambda function: function


_T = TypeVar("_T")
_MISSING: Any = object()
_COMPILING = threading.Lock()


class FrozenInstanceError(AttributeError):
    """Assignment to a field of a frozen record."""


class _Field:
    __slots__ = ("name", "default", "default_factory", "compare", "hash", "repr")

    def __init__(self, default: Any, default_factory: Any, compare: bool, hash: bool | None, repr: bool) -> None:
        if default is not _MISSING and default_factory is not _MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = ""
        self.default, self.default_factory = default, default_factory
        self.compare, self.hash, self.repr = compare, hash, repr

    @property
    def hashed(self) -> bool:
        return self.compare if self.hash is None else self.hash


def field(
    *,
    default: Any = _MISSING,
    default_factory: Callable[[], Any] = _MISSING,
    compare: bool = True,
    hash: bool | None = None,
    repr: bool = True,
) -> Any:
    """A field's default, default factory, and whether it takes part in equality, hashing and repr."""
    return _Field(default, default_factory, compare, hash, repr)


def _fields_of(cls: type) -> dict[str, _Field]:
    """The class's fields in definition order; a field's class attribute becomes its default (as dataclasses)."""
    fields: dict[str, _Field] = {}
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if str(annotation).replace("typing.", "").startswith("ClassVar"):
            continue
        value = cls.__dict__.get(name, _MISSING)
        spec = value if isinstance(value, _Field) else _Field(value, _MISSING, True, None, True)
        if isinstance(spec.default, (list, dict, set)):
            raise ValueError(f"mutable default {type(spec.default)} for field {name} is not allowed")
        if isinstance(value, _Field):
            if spec.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, spec.default)
        spec.name = name
        fields[name] = spec
    required_after_default = False
    for spec in fields.values():
        has_default = spec.default is not _MISSING or spec.default_factory is not _MISSING
        if required_after_default and not has_default:
            raise TypeError(f"non-default argument {spec.name!r} follows default argument")
        required_after_default = required_after_default or has_default
    return fields


def _init_source(cls: type, fields: dict[str, _Field]) -> tuple[str, dict[str, Any]]:
    """The `__init__` of `cls` as source text, and the names it reads (defaults and factories)."""
    scope: dict[str, Any] = {"_MISSING": _MISSING}
    params, body = ["self"], ["    _d = self.__dict__"]
    for spec in fields.values():
        name = spec.name
        if spec.default_factory is not _MISSING:
            scope[f"_factory_{name}"] = spec.default_factory
            params.append(f"{name}=_MISSING")
            body.append(f"    _d[{name!r}] = _factory_{name}() if {name} is _MISSING else {name}")
            continue
        if spec.default is not _MISSING:
            scope[f"_default_{name}"] = spec.default
            params.append(f"{name}=_default_{name}")
        else:
            params.append(name)
        body.append(f"    _d[{name!r}] = {name}")
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    return f"def __init__({', '.join(params)}):\n" + "\n".join(body) + "\n", scope


def _lazy_init(cls: type, fields: dict[str, _Field]) -> Callable[..., None]:
    """An `__init__` that compiles the class's own on first use, installs it and calls it."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        with _COMPILING:
            if cls.__dict__["__init__"] is __init__:
                source, scope = _init_source(cls, fields)
                exec(source, scope)
                compiled = scope["__init__"]
                compiled.__qualname__ = f"{cls.__qualname__}.__init__"
                type.__setattr__(cls, "__init__", compiled)
        cls.__dict__["__init__"](self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


def _values(names: list[str]) -> Callable[[Any], tuple]:
    """The named fields' values of a record, as one tuple (the tuple a dataclass compares and hashes)."""
    if len(names) == 1:
        only = names[0]
        return lambda obj: (getattr(obj, only),)
    return attrgetter(*names) if names else (lambda obj: ())


def _comparisons(cls: type, key: Callable[[Any], tuple], order: bool) -> dict[str, Callable[..., Any]]:
    def __eq__(self: Any, other: Any) -> Any:
        return key(self) == key(other) if other.__class__ is self.__class__ else NotImplemented

    methods: dict[str, Callable[..., Any]] = {"__eq__": __eq__}
    if order:

        def __lt__(self: Any, other: Any) -> Any:
            return key(self) < key(other) if other.__class__ is self.__class__ else NotImplemented

        def __le__(self: Any, other: Any) -> Any:
            return key(self) <= key(other) if other.__class__ is self.__class__ else NotImplemented

        def __gt__(self: Any, other: Any) -> Any:
            return key(self) > key(other) if other.__class__ is self.__class__ else NotImplemented

        def __ge__(self: Any, other: Any) -> Any:
            return key(self) >= key(other) if other.__class__ is self.__class__ else NotImplemented

        methods.update(__lt__=__lt__, __le__=__le__, __gt__=__gt__, __ge__=__ge__)
    return methods


def _refuse_assignment(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_deletion(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _repr(shown: list[str]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{type(self).__qualname__}({values})"

    return __repr__


def _process(cls: type, frozen: bool, order: bool) -> type:
    fields = _fields_of(cls)
    compared = [spec.name for spec in fields.values() if spec.compare]
    methods: dict[str, Any] = {
        "__init__": _lazy_init(cls, fields),
        "__repr__": _repr([spec.name for spec in fields.values() if spec.repr]),
        **_comparisons(cls, _values(compared), order),
    }
    if frozen:
        methods.update(__setattr__=_refuse_assignment, __delattr__=_refuse_deletion)
    class_hash = cls.__dict__.get("__hash__", _MISSING)
    explicit_hash = not (class_hash is _MISSING or (class_hash is None and "__eq__" in cls.__dict__))
    if not explicit_hash:
        hashed = _values([spec.name for spec in fields.values() if spec.hashed])
        methods["__hash__"] = (lambda self: hash(hashed(self))) if frozen else None
    for name, method in methods.items():
        if name == "__hash__" or name not in cls.__dict__:
            type.__setattr__(cls, name, method)
    type.__setattr__(cls, "__record_fields__", fields)
    type.__setattr__(cls, "__match_args__", tuple(fields))
    return cls


@overload
@dataclass_transform(field_specifiers=(field,))
def record(cls: type[_T], /) -> type[_T]: ...


@overload
def record(*, frozen: bool = False, order: bool = False) -> Callable[[type[_T]], type[_T]]: ...


def record(cls: Any = None, /, *, frozen: bool = False, order: bool = False) -> Any:
    """A dataclass-like record class: `@record` or `@record(frozen=True, order=False)`."""
    if cls is None:
        return lambda klass: _process(klass, frozen, order)
    return _process(cls, frozen, order)


def replace(obj: _T, /, **changes: Any) -> _T:
    """A copy of the record `obj` with `changes` (as `dataclasses.replace`)."""
    values = {name: getattr(obj, name) for name in obj.__record_fields__}  # type: ignore[attr-defined]
    values.update(changes)
    return obj.__class__(**values)
