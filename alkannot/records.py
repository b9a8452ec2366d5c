"""Record classes (alkannot's value types) without the start-up cost of `dataclasses`.

`dataclasses.dataclass` compiles five or six methods from source text for every class when the module is
imported: about 30 ms for alkannot's classes, most of the time the 4-record example takes beyond Python and
pysam (issue 13). `record` gives the same behaviour for the subset alkannot uses (frozen, order, `field` with
default/default_factory/compare/hash/repr, `__post_init__`, `replace`) at almost no import cost:

- `__init__` is made on a class's first instantiation (a class never instantiated in a run costs nothing), from
  code made once per shape (number of fields, which have a factory, `__post_init__`; the shapes of alkannot's
  own classes come compiled with the package, record_inits) and renamed for the class, so instantiation stays as
  fast as a dataclass's;
- `__eq__`, `__hash__`, ordering and `__repr__` are shared functions reading the fields through
  `operator.attrgetter`, with the dataclass rules for which are set (a frozen record with `eq` is hashable; a
  mutable one is not, unless its class defines `__hash__`);
- a frozen record refuses assignment with `FrozenInstanceError`, an `AttributeError` as in dataclasses.
Type checkers see `record` as a dataclass transform (PEP 681)."""

from __future__ import annotations

import builtins
import sys
from _thread import allocate_lock  # threading.Lock itself, without importing threading (issue 13)
from operator import attrgetter
from types import CodeType, FunctionType
from typing import TYPE_CHECKING, Any, Callable, Generic, TypeVar, overload

from .record_inits import INITS

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:  # typing.dataclass_transform is Python 3.11+; it only marks the function for type checkers

    def dataclass_transform(**_: Any) -> Callable[[_T], _T]:
        return lambda function: function


_T = TypeVar("_T")
_MISSING: Any = object()
_COMPILING = allocate_lock()
_new_field = object.__new__
Shape = tuple[int, tuple[int, ...], bool]  # an `__init__`'s: see shape_of
_CODES: dict[Shape, CodeType] = {}  # the code of each shape made so far


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
    namespace = cls.__dict__
    fields: dict[str, _Field] = {}
    late = None  # the first field without a default after one with: refused once every field is read
    defaulted = False
    for name, annotation in namespace.get("__annotations__", {}).items():
        if str(annotation).replace("typing.", "").startswith("ClassVar"):
            continue
        value = namespace.get(name, _MISSING)
        if isinstance(value, _Field):
            spec = value
            if isinstance(spec.default, (list, dict, set)):
                raise ValueError(f"mutable default {type(spec.default)} for field {name} is not allowed")
            if spec.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, spec.default)
            has_default = spec.default is not _MISSING or spec.default_factory is not _MISSING
        else:
            if isinstance(value, (list, dict, set)):
                raise ValueError(f"mutable default {type(value)} for field {name} is not allowed")
            # a field written without field(): its class attribute (or none) its default, compared, hashed and
            # shown; made without _Field.__init__'s check, which only field() needs (73 classes at import, issue 13)
            spec = _new_field(_Field)
            spec.default, spec.default_factory, spec.compare, spec.hash, spec.repr = value, _MISSING, True, None, True
            has_default = value is not _MISSING
        spec.name = name
        fields[name] = spec
        if has_default:
            defaulted = True
        elif defaulted and late is None:
            late = name
    if late is not None:
        raise TypeError(f"non-default argument {late!r} follows default argument")
    return fields


def shape_of(cls: type, fields: dict[str, _Field]) -> Shape:
    """The shape of the class's `__init__`: its number of fields, which have a default factory, and whether it
    calls `__post_init__`."""
    factories = tuple(i for i, spec in enumerate(fields.values()) if spec.default_factory is not _MISSING)
    return len(fields), factories, hasattr(cls, "__post_init__")


def init_source(shape: Shape, name: str = "__init__") -> str:
    """The source of an `__init__` of `shape`, its parameters named f0, f1... (in ruff's format, as
    tools/record_inits.py writes it into alkannot/record_inits.py)."""
    count, factories, post_init = shape
    params = ["self"] + [f"f{i}" for i in range(count)]
    head = f"def {name}({', '.join(params)}):"
    if len(head) > 120:
        head = f"def {name}(\n" + "".join(f"    {param},\n" for param in params) + "):"
    body = ["    _d = self.__dict__"]
    for i in range(count):
        value = f"_factory_f{i}() if f{i} is _MISSING else f{i}" if i in factories else f"f{i}"
        body.append(f'    _d["f{i}"] = {value}')
    if post_init:
        body.append("    self.__post_init__()")
    return head + "\n" + "\n".join(body) + "\n"


def _init_code(shape: Shape) -> CodeType:
    """The code of an `__init__` of `shape`: made once per shape and renamed for each class, as compiling one per
    class cost about 0.13 ms each, 5 ms of the 4-record example (issue 13). The shapes of alkannot's own classes
    come compiled with the package (record_inits, whose bytecode Python keeps like any module's); another shape
    (a class defined elsewhere, or one added since record_inits was written) is compiled here."""
    known = INITS.get(shape)
    if known is not None:
        return known.__code__
    module = compile(init_source(shape), "<record>", "exec")
    return next(const for const in module.co_consts if isinstance(const, CodeType))


def _compiled_init(cls: type, fields: dict[str, _Field]) -> Callable[..., None]:
    """The `__init__` of `cls`: the code of its shape with the fields' names, its defaults and factories."""
    specs = list(fields.values())
    shape = shape_of(cls, fields)
    if shape not in _CODES:
        _CODES[shape] = _init_code(shape)
    names = {f"f{i}": spec.name for i, spec in enumerate(specs)}
    qualname = f"{cls.__qualname__}.__init__"
    code = _CODES[shape].replace(
        co_name="__init__",
        co_varnames=tuple(names.get(name, name) for name in _CODES[shape].co_varnames),
        co_consts=tuple(names.get(c, c) if isinstance(c, str) else c for c in _CODES[shape].co_consts),
    )
    if sys.version_info >= (3, 11):
        code = code.replace(co_qualname=qualname)
    scope: dict[str, Any] = {"_MISSING": _MISSING, "__builtins__": builtins}
    defaults = []
    for i, spec in enumerate(specs):
        if spec.default_factory is not _MISSING:
            scope[f"_factory_f{i}"] = spec.default_factory
            defaults.append(_MISSING)
        elif spec.default is not _MISSING:
            defaults.append(spec.default)
    compiled = FunctionType(code, scope, "__init__", tuple(defaults) or None)
    compiled.__qualname__ = qualname
    return compiled


def _lazy_init(cls: type, fields: dict[str, _Field]) -> Callable[..., None]:
    """An `__init__` that makes the class's own on first use, installs it and calls it."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        with _COMPILING:
            if cls.__dict__["__init__"] is __init__:
                type.__setattr__(cls, "__init__", _compiled_init(cls, fields))
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
    specs = fields.values()
    compared = [spec.name for spec in specs if spec.compare]
    shown = [spec.name for spec in specs if spec.repr]
    key = _values(compared)
    namespace = cls.__dict__
    methods: dict[str, Any] = {
        "__init__": _lazy_init(cls, fields) if "__init__" not in namespace else None,
        "__repr__": _repr(shown),
        **_comparisons(cls, key, order),
    }
    if frozen:
        methods.update(__setattr__=_refuse_assignment, __delattr__=_refuse_deletion)
    class_hash = namespace.get("__hash__", _MISSING)
    explicit_hash = not (class_hash is _MISSING or (class_hash is None and "__eq__" in namespace))
    if not explicit_hash:
        if frozen:
            hashed = [spec.name for spec in specs if spec.hashed]
            hashed_key = key if hashed == compared else _values(hashed)
            methods["__hash__"] = lambda self: hash(hashed_key(self))
        else:
            methods["__hash__"] = None
    for name, method in methods.items():
        if name == "__hash__" or name not in namespace:
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


class derived(Generic[_T]):
    """A record's value computed from its fields on first use and kept in the instance (as functools.cached_property,
    without the lock Python 3.11's takes on every first use: a frozen record's value is the same whoever computes it,
    and a run computes about a thousand of them, issue 13)."""

    def __init__(self, function: Callable[[Any], _T]) -> None:
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> derived[_T]: ...

    @overload
    def __get__(self, obj: object, owner: type | None = None) -> _T: ...

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.function(obj)
        return value


def kept(obj: Any, name: str, make: Callable[[], _T]) -> _T:
    """A value made from the record `obj` alone, made once and kept in it under `name`, as a `derived` value is, for a
    module that the record's own cannot import (agent_said.py: an inhibitor's statuses); pickled with the record."""
    found = obj.__dict__.get(name, _MISSING)
    if found is _MISSING:
        found = obj.__dict__[name] = make()
    return found


def is_frozen_record(obj: object) -> bool:
    """Whether `obj` is an instance of a frozen record class (its fields cannot be assigned)."""
    return getattr(type(obj), "__setattr__", None) is _refuse_assignment


def replace(obj: _T, /, **changes: Any) -> _T:
    """A copy of the record `obj` with `changes` (as `dataclasses.replace`)."""
    values = {name: getattr(obj, name) for name in obj.__record_fields__}  # type: ignore[attr-defined]
    values.update(changes)
    return obj.__class__(**values)
