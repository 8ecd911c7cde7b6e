"""Controlled sharing among partners: labels under a versioned policy, and the rule for them."""
