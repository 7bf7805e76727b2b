"""Application forms and plan documents: forms/*.yaml filled from the facts, rendered to PDF."""
