"""The bounded sandbox: each way a template can take the memory is refused before it does."""

from __future__ import annotations

import jinja2
import pytest

from workbook.pipeline.sandbox import MAX_TEXT, BoundedEnvironment, TemplateLimit, evaluate, render

ENV = BoundedEnvironment(undefined=jinja2.StrictUndefined)


def run(source: str, **context) -> str:
    return render(ENV.from_string(source), context)


@pytest.mark.parametrize("source", [
    "{{ 'x' * 10**9 }}", "{{ [0] * 10**9 }}", "{{ 10**9 * 'x' }}", "{{ 'a'|center(10**9) }}",
    "{{ 'a'.ljust(10**9) }}", "{{ 'a'.zfill(10**9) }}", "{{ range(10**9) }}", "{{ 10 ** (10**6) }}",
    "{{ (10 ** 999) * (10 ** 999) }}", "{% set s = 'x' * 60000 %}{{ s ~ s }}", "{% set s = 'x' * 60000 %}{{ s + s }}",
    "{{ 'x'|replace('', 'y' * 200000) }}", "{{ ('x' * 1000).replace('', 'y' * 1000) }}", "{{ '%999999999s' % 'x' }}",
    "{{ '%*s' % (10**9, 'x') }}", "{{ '{:999999999}'.format('x') }}", "{{ '{:{}}'.format('x', 10**9) }}",
    "{{ '%999999s'|format('x') }}", "{{ ('\\n' * 50000)|indent(100) }}", "{{ ('\\t' * 100).expandtabs(10**5) }}",
    "{{ range(10000)|join('x' * 100) }}", "{{ [1]|batch(10**9)|list }}", "{{ 'x' * 99999 }}{{ 'x' * 99999 }}",
])
def test_growth_past_the_limit_is_refused(source):
    with pytest.raises(TemplateLimit):
        run(source)


def test_lipsum_is_gone_and_range_is_bounded():
    with pytest.raises(jinja2.UndefinedError):
        run("{{ lipsum(10**9) }}")
    assert run("{{ range(3)|list }}") == "[0, 1, 2]"


def test_ordinary_templates_are_unchanged():
    assert run("{{ a ~ ' ' ~ b }}", a="Ann", b="Lee") == "Ann Lee"
    assert run("{{ '%s has %d' % ('A', 3) }} {{ '{:>5}'.format('x') }}") == "A has 3     x"
    assert run("{{ 'x' * 3 }} {{ 2 ** 10 }} {{ 'ab'|center(6) }}|") == "xxx 1024   ab  |"
    assert len(run("{{ 'x' * n }}", n=MAX_TEXT)) == MAX_TEXT
    assert run("{% for i in range(3) %}{{ i }}{% endfor %}") == "012"


def test_a_condition_is_bounded_like_a_template():
    def condition(source: str, **context) -> bool:
        return evaluate(ENV.compile_expression(source, undefined_to_none=False), context)

    assert condition("n > 1", n=2) and not condition("n > 1", n=1)
    for source in ("'x' * 10**9", "range(10**9)|list", "10 ** 100000"):
        with pytest.raises(TemplateLimit):
            condition(source)
    # (one that runs too long is stopped after 2 seconds: hostile_cases.py, when-quadratic-loop)
