"""Per-user activity heatmaps for the analytics dashboard."""
from collections import Counter

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class ActivityReport:
    def __init__(self, events):
        # events: list of (username, weekday_index, hour) tuples
        self.events = events

    def heatmap(self):
        """Return ``{user: {weekday_name: {hour: count}}}``.

        Users, weekdays and hours appear in order of first occurrence.
        """
        matrix = {}
        # Count identical events first (first-occurrence order is kept), then
        # fold the distinct ones into the nested structure with one lookup per level.
        for (user, weekday, hour), n in Counter(map(tuple, self.events)).items():
            day = WEEKDAYS[weekday]
            per_user = matrix.get(user)
            if per_user is None:
                per_user = matrix[user] = {}
            per_day = per_user.get(day)
            if per_day is None:
                per_day = per_user[day] = {}
            per_day[hour] = per_day.get(hour, 0) + n
        return matrix
