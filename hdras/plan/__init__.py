"""The plan as data: loading data/ into the plan tables and reading the hierarchy back."""
