"""Storage: the declarative base, column types, engine and schema management."""
