"""Activities: the schedule, completion by year, milestones, charts."""
