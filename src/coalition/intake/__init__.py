"""Intake: from reports to candidate facts awaiting review."""
