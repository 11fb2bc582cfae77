"""Typed, validated models of the four inputs: documents and their blocks, references, the
bound workbook, and the practice. Models reject unknown keys; text fields are marked `Text`
so the resolve stage knows which strings are Jinja2 templates."""
