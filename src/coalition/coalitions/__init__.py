"""Coalitions: their names, members, reported sizes, inner bodies and lines of effort."""
