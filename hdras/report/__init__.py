"""What a meeting takes away: what changed between two dates (Novedades) and the meeting pack."""
