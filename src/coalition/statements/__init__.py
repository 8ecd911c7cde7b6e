"""Statements: what was said, by whom (or by which unnamed official), and when."""
