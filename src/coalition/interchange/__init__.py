"""Interchange: the record file (YAML, JSON, CSV) that `import` reads and `export` writes."""
