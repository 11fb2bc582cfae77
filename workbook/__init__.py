"""kap-workbook: compile YAML clinical content into branded, printable and fillable PDFs."""

__version__ = "0.1.0"
