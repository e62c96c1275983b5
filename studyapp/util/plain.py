"""Plain frozen dataclasses that are pickled by the thousand (the mapping cache)."""

from __future__ import annotations

from typing import Any


class FastPickle:
    """Pickled as a call of the class with its fields: the default for a slotted dataclass looks
    up every field of every object on loading, which made reading the mapping cache of 2,000
    topics slower than mapping them again. Use it on frozen dataclasses whose fields are all
    `__init__` arguments."""

    __slots__ = ()
    __match_args__: tuple[str, ...]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return type(self), tuple(getattr(self, name) for name in self.__match_args__)
