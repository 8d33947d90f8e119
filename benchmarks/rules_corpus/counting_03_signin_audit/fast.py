"""In-memory view over an application's sign-in audit trail."""
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class SignInAudit:
    """Holds the user names of successful sign-ins, in chronological order."""

    system: str
    usernames: list = field(default_factory=list)

    def record(self, username):
        self.usernames.append(username)

    def sign_ins_per_user(self):
        """Return ``{username: number of sign-ins}`` in first-seen order."""
        return dict(Counter(self.usernames))
