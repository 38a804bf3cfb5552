"""The core every domain uses: settings, the database, the schema, messages, errors, formatting."""
