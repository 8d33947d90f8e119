"""In-memory view over an application's sign-in audit trail."""
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
        per_user = {}
        for name in self.usernames:
            per_user.setdefault(name, 0)
            per_user[name] += 1
        return per_user
