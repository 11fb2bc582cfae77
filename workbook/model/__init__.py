"""The typed inputs: blocks, documents, references, the frame, the practice, build settings and
the validated project. Every later stage reads these models, never raw YAML.

Models reject unknown keys; text fields are marked `Text` so the resolve stage knows which
strings are Jinja2 templates."""
