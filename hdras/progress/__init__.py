"""Progress reports: workbook safety, reading, validation, preview, storage, template, feedback, export."""
