"""coalition: a sourced record of a multinational coalition."""

__version__ = "0.1.0"
