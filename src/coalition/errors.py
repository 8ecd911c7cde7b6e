"""Errors that reach the user as one clear line, never as a traceback."""


class CoalitionError(Exception):
    """Base class for every error the command line reports as a plain message."""


class ProvenanceError(CoalitionError):
    """A record was about to be stored without any evidence for it."""


class DatabaseRefused(CoalitionError):
    """The database is not ours, or is from a newer schema: we must not touch it."""


class NotFound(CoalitionError):
    """A record, source or actor that the user named does not exist."""


class InvalidInput(CoalitionError):
    """Input that breaks a rule of the domain (a negative amount, left before joined...)."""


class Forbidden(CoalitionError):
    """The user is known but their role or partner does not allow this action. Never used for a
    shared item the user may not see: that is NotFound, exactly like a missing one."""
