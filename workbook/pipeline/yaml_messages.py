"""Plain words for YAML syntax errors: what PyYAML (libyaml) says -> what to change.

Looked up by the first pattern found in the parser's message; `{char}` is the character at the
error's position. Anything not listed keeps the parser's own words."""

from __future__ import annotations

PLAIN: tuple[tuple[str, str], ...] = (
    ("cannot start any token",
     "'{char}' cannot start a value; put the whole value in quotes, for example \"{char}…\""),
    ("mapping values are not allowed",
     "a colon and a space inside a value, or a line indented more than the key above it: "
     "put a value that contains ': ' in quotes (title: \"Note: read this\"), or line the key up with its neighbours"),
    ("expected '-' indicator",
     "a list item indented differently from the items above it: line up every '- ' of one list"),
    ("expected ',' or ']'",
     "a list in [brackets] is not closed: add the ']', or put a value that contains a comma in quotes"),
    ("expected ',' or '}'",
     "a mapping in {braces} is not closed: add the '}', or put a value that contains a comma in quotes"),
    ("did not find expected key",
     "this line does not fit the lines above it: indent it like its neighbours, and put nothing after a closing quote"),
    ("expected <block end>",
     "this line does not fit the lines above it: indent it like its neighbours, and put nothing after a closing quote"),
    ("unexpected end of stream",
     "a quote opened here is never closed: add the closing quote"),
    ("unknown escape character",
     "a backslash inside \"double quotes\" starts an escape: use 'single quotes' or write two backslashes"),
    ("undefined alias",
     "a value starting with '*' is read as a YAML alias: put it in quotes, for example \"*italic* text\""),
    ("alphabetic or numeric character",
     "a value starting with '*' or '&' is read as YAML syntax: put it in quotes, for example \"*italic* text\""),
    ("could not find expected ':'",
     "a key without its ':', or a line that continues a value without being indented: add ': ' after the key, "
     "or indent the line"),
    ("constructor for the tag",
     "'!' tags are not allowed: remove the '!…', or put the value in quotes"),
    ("another document",
     "a second document ('---') in one file: keep one document per file"),
    ("duplicate anchor",
     "the same '&' anchor twice: put values that start with '&' in quotes"),
)

# Mistakes better pointed at where the construct opened (the quote, the bracket) than at where
# the parser gave up (often the end of the file).
OPENED_AT = ("scanning a quoted scalar", "scanning an alias", "parsing a flow sequence", "parsing a flow mapping")

TAB = "a tab: YAML indents with spaces only; replace the tab with spaces"


def plain(problem: str, char: str) -> str:
    """The plain sentence for a parser message, or the message itself."""
    if char == "\t" and "cannot start any token" in problem:
        return TAB
    for pattern, message in PLAIN:
        if pattern in problem:
            return message.replace("{char}", char)  # not format(): messages hold {braces}
    return problem
