"""Partners: countries, organisations, persons and groups, their names and their offices."""
