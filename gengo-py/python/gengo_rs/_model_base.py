"""The machinery of the typed results (see :mod:`gengo_rs.models`): each model keeps the
normalised dict in ``raw`` and reads typed attributes from it with :class:`Field`. The model
classes themselves are generated from gengo-core's (``models.py``)."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, Callable, Dict, Generic, Iterator, List, Mapping, Optional, Type, TypeVar, Union, overload



T = TypeVar("T")
M = TypeVar("M", bound="Model")


if sys.version_info >= (3, 11):
    from enum import StrEnum as StrEnum
else:  # pragma: no cover - Python 3.10

    class StrEnum(str, Enum):
        """``enum.StrEnum`` for Python 3.10."""

        def __str__(self) -> str:
            return str(self.value)


E = TypeVar("E", bound=Enum)


def _alias(cls: Type[E], value: object, aliases: Dict[str, str]) -> Optional[E]:
    """A value of ``cls`` spelled another way: letter case and surrounding spaces aside, or
    one of ``aliases`` (``cancelled`` for ``canceled``), as gengo-core reads it."""
    if not isinstance(value, str):
        return None
    t = value.strip().lower()
    t = aliases.get(t, t)
    for member in cls:
        if str(member.value) == t:
            return member
    return None


def _enum(cls: Type[E]) -> Callable[[Any], Union[E, str]]:
    def conv(v: Any) -> Union[E, str]:
        try:
            return cls(v)
        except ValueError:
            return str(v)

    return conv


def _decimal(v: Any) -> Decimal:
    try:
        return Decimal(str(v))
    except InvalidOperation as e:
        raise ValueError(f"not a decimal: {v!r}") from e


def _time(v: Any) -> Union[datetime, str]:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return datetime.fromtimestamp(v, tz=timezone.utc)
    return str(v)


class Field(Generic[T]):
    """A typed attribute read from ``raw``; ``None`` when absent or unreadable."""

    def __init__(self, conv: Callable[[Any], T], key: Optional[str] = None, doc: str = "") -> None:
        self.conv = conv
        self.key = key or ""
        self.__doc__ = doc

    def __set_name__(self, owner: type, name: str) -> None:
        if not self.key:
            self.key = name

    @overload
    def __get__(self, obj: None, objtype: Optional[type] = None) -> "Field[T]": ...

    @overload
    def __get__(self, obj: "Model", objtype: Optional[type] = None) -> Optional[T]: ...

    def __get__(self, obj: Optional["Model"], objtype: Optional[type] = None) -> Union["Field[T]", Optional[T]]:
        if obj is None:
            return self
        v = obj.raw.get(self.key)
        if v is None:
            return None
        try:
            return self.conv(v)
        except (TypeError, ValueError):
            return None


def _model(cls: Type[M]) -> Callable[[Any], M]:
    return lambda v: cls(v)


def _models(cls: Type[M]) -> Callable[[Any], List[M]]:
    return lambda v: [cls(x) for x in v]


def _ints(v: Any) -> List[int]:
    return [int(x) for x in v]


def _json(v: Any) -> Any:
    return v


def _list(conv: Callable[[Any], T]) -> Callable[[Any], List[T]]:
    return lambda v: [conv(x) for x in v]


def _keyed(conv: Callable[[Any], T]) -> Callable[[Any], Dict[str, T]]:
    return lambda v: {str(k): conv(x) for k, x in v.items()}


class Model:
    """A typed view of one result; the dict itself is ``raw``."""

    __slots__ = ("raw",)

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw: Dict[str, Any] = dict(raw) if isinstance(raw, Mapping) else {}

    @classmethod
    def _adopt(cls: Type[M], raw: Any) -> M:
        """A model over a dict the native module has just built for it (nobody else
        holds it, so it is not copied)."""
        m = object.__new__(cls)
        m.raw = raw if type(raw) is dict else (dict(raw) if isinstance(raw, Mapping) else {})
        return m

    @classmethod
    def _adopt_all(cls: Type[M], items: Any) -> List[M]:
        """:meth:`_adopt` over a list (one call per list, not per item)."""
        new = object.__new__
        out: List[M] = []
        for raw in items:
            m = new(cls)
            m.raw = raw if type(raw) is dict else (dict(raw) if isinstance(raw, Mapping) else {})
            out.append(m)
        return out

    def __getitem__(self, key: str) -> Any:
        return self.raw[key]

    def __contains__(self, key: object) -> bool:
        return key in self.raw

    def __iter__(self) -> Iterator[str]:
        return iter(self.raw)

    def get(self, key: str, default: Any = None) -> Any:
        """A raw field, or ``default``."""
        return self.raw.get(key, default)

    def to_dict(self) -> Dict[str, Any]:
        """A copy of the raw dict."""
        return dict(self.raw)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and isinstance(other, Model) and other.raw == self.raw

    def __hash__(self) -> int:
        return hash((type(self).__name__, repr(sorted(self.raw.items(), key=lambda kv: kv[0]))))

    @classmethod
    def fields(cls) -> Dict[str, str]:
        """Every typed attribute of the model and the key it reads, in declaration order."""
        out: Dict[str, str] = {}
        for klass in reversed(cls.__mro__):
            for name, v in vars(klass).items():
                if isinstance(v, Field):
                    out[name] = v.key
        return out

    def __repr__(self) -> str:
        fields = type(self).fields()
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n, key in fields.items() if self.raw.get(key) is not None)
        return f"{type(self).__name__}({shown})"


