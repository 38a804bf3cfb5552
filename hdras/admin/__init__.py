"""Running the dashboard for others: editor passwords."""
