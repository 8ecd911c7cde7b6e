"""Users, their roles and permissions, passwords, sessions and API tokens."""
