"""Commitments: what a communiqué agreed, and how far each member complied."""
