"""The audit log: append-only events, each hash-chained to the one before it."""
