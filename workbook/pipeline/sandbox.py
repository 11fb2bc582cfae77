"""The Jinja2 sandbox every text string is rendered in, bounded in time and memory.

Jinja2's sandbox already keeps templates away from Python's internals; this one also stops a
template that would take the machine with it: `'x' * 10**9`, `'a'|center(10**9)`,
`range(10**9)`, `s ~ s` doubled, nested loops, self-calling macros and huge outputs. Each is
refused with a TemplateLimit (its message completes 'this template ...') before the memory is
taken; a template still running after TIME_LIMIT seconds is stopped."""

from __future__ import annotations

import functools
import math
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Concat, EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_TEXT = 100_000  # characters in any string (or items in any list) a template makes
MAX_RANGE = 10_000  # numbers in one range()
MAX_DIGITS = 1_000  # digits in any number a template computes
TIME_LIMIT = 2.0  # seconds for one template

_WIDE = re.compile(r"\d{6,}")  # a width or precision of 100,000 or more in a format string


class TemplateLimit(Exception):
    """A template went past one of the limits above."""


def _sized(value: Any) -> Any:
    """value, after checking it is within MAX_TEXT characters or items."""
    if isinstance(value, (str, list, tuple, dict)) and len(value) > MAX_TEXT:
        raise TemplateLimit(f"makes a text or list longer than {MAX_TEXT:,} characters")
    _check_time()
    return value


def _refuse_over(size: float, what: str = "a text or list") -> None:
    if size > MAX_TEXT:
        raise TemplateLimit(f"would make {what} longer than {MAX_TEXT:,} characters")


def _digits(n: float) -> float:
    return abs(n).bit_length() * math.log10(2) if isinstance(n, int) else 0


def _bounded_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimit(f"asks for a range of more than {MAX_RANGE:,} numbers")
    return numbers


def _check_format(fmt: str, args: tuple, kwargs: dict) -> None:
    """A format string (for %, |format or .format) may not ask for a huge width or precision."""
    if _WIDE.search(fmt) or any(isinstance(a, int) and abs(a) > MAX_TEXT for a in (*args, *kwargs.values())):
        raise TemplateLimit(f"asks for a format width over {MAX_TEXT:,} characters")


def _estimate(name: str, target: Any, args: tuple, kwargs: dict) -> float:
    """An upper bound on the length of what a string method or filter of this name makes from
    `target` (0 when it cannot grow it), computed before it is run."""
    if not isinstance(target, str):
        if name == "join" and isinstance(target, (list, tuple)):
            sep = args[0] if args and isinstance(args[0], str) else ""
            return sum(len(str(x)) for x in target) + len(sep) * len(target)
        return 0
    ints = [a for a in (*args, *kwargs.values()) if isinstance(a, int)]
    strs = [a for a in (*args, *kwargs.values()) if isinstance(a, str)]
    if name in ("center", "ljust", "rjust", "zfill", "truncate"):
        return max([len(target), *ints]) + sum(map(len, strs))
    if name in ("expandtabs", "indent"):
        width = max([1, *ints, *map(len, strs)])
        return len(target) + (target.count("\t") + target.count("\n") + 1) * width
    if name == "wordwrap":
        lines = len(target) // max(1, ints[0] if ints else 79) + target.count("\n") + 1
        return len(target) + lines * max([1, *map(len, strs)])
    if name == "replace" and len(strs) >= 2:
        return len(target) + (target.count(strs[0]) + 1) * len(strs[1])
    if name == "join":
        items = args[0] if args and isinstance(args[0], (list, tuple, str)) else ()
        return sum(len(str(x)) for x in items) + len(target) * len(items)
    if name in ("format", "format_map"):
        _check_format(target, args, kwargs)
    return 0


def _bounded_filter(name: str, fn: Callable) -> Callable:
    """A filter that checks its size before and after it runs."""

    @functools.wraps(fn)  # keeps jinja_pass_arg, so context and environment are still passed
    def bounded(*args: Any, **kwargs: Any) -> Any:
        values = [a for a in args if not isinstance(a, (Context, EvalContext, jinja2.Environment))]
        if values:
            _refuse_over(_estimate(name, values[0], tuple(values[1:]), kwargs))
            if name == "format" and isinstance(values[0], str):
                _check_format(values[0], tuple(values[1:]), kwargs)
        if name in ("batch", "slice") and any(isinstance(a, int) and a > MAX_TEXT for a in values[1:]):
            raise TemplateLimit(f"asks for more than {MAX_TEXT:,} groups")
        return _sized(fn(*args, **kwargs))

    return bounded


class _BoundedCode(CodeGenerator):
    """Template code in which `a ~ b` goes through the environment, so that repeated
    concatenation (`s ~ s ~ s ...`) is checked like `+`."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.concat_bounded((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    code_generator_class = _BoundedCode
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any):
        super().__init__(**options)
        self.globals["range"] = _bounded_range
        self.globals.pop("lipsum", None)  # lipsum(10**9) writes a billion paragraphs
        self.filters = {name: _bounded_filter(name, fn) for name, fn in self.filters.items()}

    def concat_bounded(self, parts: tuple) -> str:
        texts = [str(p) for p in parts]
        _refuse_over(sum(map(len, texts)))
        return "".join(texts)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_time()
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int):
                    _refuse_over(len(seq) * n)
            if _digits(left) + _digits(right) > MAX_DIGITS:
                raise TemplateLimit(f"computes a number of more than {MAX_DIGITS:,} digits")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
            if right * _digits(left) > MAX_DIGITS:
                raise TemplateLimit(f"computes a number of more than {MAX_DIGITS:,} digits")
        elif operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            _refuse_over(len(left) + len(right))
        elif operator == "%" and isinstance(left, str):
            _check_format(left, right if isinstance(right, tuple) else (right,), {})
        return _sized(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        _check_time()
        target = getattr(__obj, "__self__", None)
        if target is not None:
            _refuse_over(_estimate(getattr(__obj, "__name__", ""), target, args, kwargs))
        return _sized(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            _check_format(fmt, args, kwargs)
            return _sized(wrapped(*args, **kwargs))

        return checked


def render(template: jinja2.Template, context: dict) -> str:
    """The template's output, stopped past MAX_TEXT characters or TIME_LIMIT seconds."""
    with _time_limit(TIME_LIMIT):
        parts, size = [], 0
        for part in template.generate(context):
            size += len(part)
            if size > MAX_TEXT:
                raise TemplateLimit(f"writes more than {MAX_TEXT:,} characters")
            parts.append(part)
        return "".join(parts)


def evaluate(expression: Callable[..., Any], context: dict) -> bool:
    """A compiled expression's truth (a block's `when:`), stopped past TIME_LIMIT seconds."""
    with _time_limit(TIME_LIMIT):
        return bool(_sized(expression(**context)))


_deadline = threading.local()


def _check_time() -> None:
    """For code that the alarm cannot interrupt (other threads, systems without SIGALRM)."""
    end = getattr(_deadline, "end", None)
    if end is not None and time.monotonic() > end:
        raise TemplateLimit(f"ran for more than {TIME_LIMIT:g} seconds")


def _on_alarm(signum: int, frame: Any) -> None:
    raise TemplateLimit(f"ran for more than {TIME_LIMIT:g} seconds")


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Stop the code inside after `seconds`: with an alarm signal where there is one (it also
    stops a loop that calls nothing), and by checks in every call and operator otherwise."""
    _deadline.end = time.monotonic() + seconds
    alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGALRM, _on_alarm) if alarm else None
    if alarm:
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        _deadline.end = None
