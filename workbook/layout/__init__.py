"""Stage 4, lay out: resolved documents -> ReportLab flowables on branded pages."""
