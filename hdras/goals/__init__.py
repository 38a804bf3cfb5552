"""The six goals of Tabla 1: series, status against the plan (design §5), charts.

The concepts other code reaches for are importable from here: ``from hdras.goals import
GoalSeries``. The rules live in their modules (series.py, status.py); this only names them."""

from hdras.goals.series import GoalSeries, GoalSet, build_goal_set, goal_label
from hdras.goals.status import evaluate_series, status_table

__all__ = ["GoalSeries", "GoalSet", "build_goal_set", "evaluate_series", "goal_label",
           "status_table"]
