"""Pagination from the spec: ``client.paginate.<operation>(...)`` iterates over the items of every page.

An operation is paginated when the spec says so by its shape: query parameters ``pageSize``
and ``skip``, and a success answer with a ``data`` array and ``hasMore`` or
``totalResultSize`` (50 of the 220 operations of Talon's current document; two more take the
parameters but answer one report). Nothing is written per operation. The iterator asks for
``page_size`` items at a time (default: the parameter's own default, else its maximum, else
50), moves ``skip`` on by what came, and stops when the answer says there is no more
(``hasMore: false``, ``totalResultSize`` reached, an empty or short page) or when
``max_items`` items were given. Each page is one call, with every rule of a call
(validation, retries, the deadline per page).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .._exceptions import ConfigurationError, OperationNotFound
from .._model.face import PageShape, page_shape

if TYPE_CHECKING:
    from .client import _BaseClient

__all__ = ["PageShape", "Pages", "page_shape"]


def _check(name: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(f"{name} must be a whole number, at least 1, not {value!r}")
    return value


class _Walk:
    """One pass over the pages: the arguments of each page's call, and whether another page is due."""

    def __init__(self, shape: PageShape, kwargs: dict[str, Any]) -> None:
        self.shape = shape
        self.page_size = _check("page_size", kwargs.pop("page_size", None)) or shape.default_size
        self.max_items = _check("max_items", kwargs.pop("max_items", None))
        self.skip = kwargs.pop(shape.skip.python_name, None) or 0
        kwargs.pop(shape.size.python_name, None)
        self.kwargs = kwargs
        self.given = 0

    def arguments(self) -> dict[str, Any]:
        size = self.page_size
        if self.max_items is not None:
            size = max(1, min(size, self.max_items - self.given))
        return {**self.kwargs, self.shape.size.python_name: size, self.shape.skip.python_name: self.skip}

    def items(self, page: Any) -> tuple[list[Any], bool]:
        """This page's items (cut at ``max_items``), and whether to ask for the next page."""
        shape = self.shape
        items = list(page.get(shape.items) or []) if isinstance(page, Mapping) else []
        if self.max_items is not None:
            items = items[: self.max_items - self.given]
        self.given += len(items)
        self.skip += len(items)
        if not items or (self.max_items is not None and self.given >= self.max_items):
            return items, False
        if shape.has_more is not None and isinstance(page.get(shape.has_more), bool):
            return items, bool(page[shape.has_more])
        total = page.get(shape.total) if shape.total is not None else None
        if isinstance(total, int) and not isinstance(total, bool):
            return items, self.skip < total
        return items, len(items) >= self.page_size


class Pages:
    """``client.paginate``: one iterator function per paginated operation (``dir()`` lists them)."""

    def __init__(self, client: _BaseClient[Any], is_async: bool) -> None:
        self._client = client
        self._async = is_async

    def __dir__(self) -> list[str]:
        spec = self._client.spec
        return sorted(op.python_name for op in spec.operations.values() if page_shape(spec, op) is not None)

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("__"):
            raise AttributeError(name)
        spec = self._client.spec
        try:
            operation = spec.operation(name)
        except KeyError:
            raise OperationNotFound(name, None, hint="client.paginate has the paginated operations") from None
        shape = page_shape(spec, operation)
        if shape is None:
            raise OperationNotFound(
                name,
                None,
                hint=f"{operation.operation_id} is not paginated: its spec has no pageSize/skip parameters with "
                "a data array and hasMore or totalResultSize in its answer",
            )
        method = getattr(self._client, operation.python_name)
        walker = _async_pages if self._async else _pages
        function = _iterator(walker, method, shape)
        function.__name__ = function.__qualname__ = operation.python_name
        function.__doc__ = (
            f"Every item of {operation.operation_id}, page after page (page_size=, max_items=; the other arguments "
            "as the operation takes them)."
        )
        self.__dict__[name] = function
        return function


def _iterator(walker: Callable[..., Any], method: Callable[..., Any], shape: PageShape) -> Callable[..., Any]:
    """The iterator function; ``page_size`` and ``max_items`` are checked when it is called, not on first use."""
    return lambda *args, **kwargs: walker(method, _Walk(shape, kwargs), args)


def _pages(method: Callable[..., Any], walk: _Walk, args: tuple[Any, ...]) -> Iterator[Any]:
    more = True
    while more:
        items, more = walk.items(method(*args, **walk.arguments()))
        yield from items


async def _async_pages(method: Callable[..., Any], walk: _Walk, args: tuple[Any, ...]) -> AsyncIterator[Any]:
    more = True
    while more:
        items, more = walk.items(await method(*args, **walk.arguments()))
        for item in items:
            yield item
