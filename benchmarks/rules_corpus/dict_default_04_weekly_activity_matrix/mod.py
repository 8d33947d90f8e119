"""Per-user activity heatmaps for the analytics dashboard."""

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
        for user, weekday, hour in self.events:
            day = WEEKDAYS[weekday]
            if user not in matrix:
                matrix[user] = {}
            if day not in matrix[user]:
                matrix[user][day] = {}
            if hour not in matrix[user][day]:
                matrix[user][day][hour] = 0
            matrix[user][day][hour] += 1
        return matrix
