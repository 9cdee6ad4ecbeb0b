"""Problems found in a data directory, and the error that carries them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from cooperation.vocabulary import plural


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as it can be.

    A problem in a table names its ``line`` and ``column``; one in the
    descriptor names its ``key`` (``resources[5].schema.fields[2]``).
    """

    file: str
    message: str
    line: int | None = None
    column: str | None = None
    value: str | None = None
    hint: str | None = None
    key: str | None = None

    def __post_init__(self) -> None:
        if self.line is not None:  # a line may come as a numpy integer, from a table's index
            object.__setattr__(self, "line", int(self.line))

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column}"
        if self.key:
            where += f", key {self.key}"
        text = f"{where}: "
        if self.value is not None:
            text += f"{_show(self.value)}: "
        text += self.message
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class DataError(Exception):
    """The data did not validate; ``problems`` lists every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(
            f"{plural(len(self.problems), 'problem')} in the data:\n"
            + "\n".join(f"- {p}" for p in self.problems)
        )


def did_you_mean(value: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest allowed value, if one is close."""
    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1)
    return f"did you mean {close[0]!r}?" if close else None


def _show(value: str, limit: int = 80) -> str:
    value = str(value)
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return repr(value)
