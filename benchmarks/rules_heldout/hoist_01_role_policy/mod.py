"""Access control for the internal dashboards."""


class AccessPolicy:
    def __init__(self, allowed_roles, admin_domain):
        self.allowed_roles = list(allowed_roles)
        self.admin_domain = admin_domain

    def permitted_users(self, users):
        """E-mail addresses of active users whose role is allowed or who belong to the admin domain.

        Role and domain comparisons are case-insensitive.  Users keep input order.
        """
        granted = []
        for user in users:
            if not user.get("active", True):
                continue
            role = user["role"].strip().lower()
            if role in [r.lower() for r in self.allowed_roles] or user["email"].lower().endswith(
                "@" + self.admin_domain.lower()
            ):
                granted.append(user["email"])
        return granted
