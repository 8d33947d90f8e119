"""Errors a user can cause. Each message says what happened and what to do next."""


class UserError(Exception):
    """A problem with what the user asked for (not a bug): shown as one line, exit 2."""


class TargetError(UserError):
    """The FILE::QUALNAME target cannot be resolved to a function."""


class NoInputsError(UserError):
    """No inputs could be found or generated for the target."""


class SandboxUnavailable(UserError):
    """The worker interpreter cannot run (missing, wrong version, broken environment)."""
