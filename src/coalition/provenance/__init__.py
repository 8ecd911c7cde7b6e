"""Provenance: sources, the records that cite them, and the evidence that links the two."""
