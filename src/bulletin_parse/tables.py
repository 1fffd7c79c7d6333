"""Sequences whose items are made when read, from data held compactly.

A file can hold a hundred thousand reports, points or figures, and a Python object per item
(with its strings, tuples and integers) costs several hundred bytes: far more than the text it
came from. The parser keeps such things as columns of integers over the text instead, and these
sequences make each item from them on demand, as a list of the items would hold it.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar, overload

T = TypeVar("T")
F = TypeVar("F")


class RecordTable(Sequence[T]):
    """A read-only sequence of items made by `_item(index)`; compares equal to any sequence of
    equal items (a list loaded from JSON, say)."""

    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    def _item(self, index: int) -> T:
        """The item at `index`, 0 <= index < len(self)."""

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(len(self)))]
        return self._item(self._position(index))

    def _position(self, index: int) -> int:
        """`index` as a position from the start, as a list counts it (-1 is the last)."""
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(f"{type(self).__name__} index out of range")
        return index

    def __iter__(self) -> Iterator[T]:
        return map(self._item, range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # filled while the parse runs, like a list

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {len(self)}>"


class Records(RecordTable[T]):
    """The records of things found (held compactly by a table of their own), each made by `make`
    when read."""

    def __init__(self, found: Sequence[F], make: Callable[[F], T]) -> None:
        self._found, self._make = found, make

    def __len__(self) -> int:
        return len(self._found)

    def _item(self, index: int) -> T:
        return self._make(self._found[index])
