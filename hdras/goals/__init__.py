"""The six goals of Tabla 1: series, status against the plan (design §5), charts."""
