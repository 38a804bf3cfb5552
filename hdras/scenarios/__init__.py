"""What-if scenarios (design §6): the model, assumptions, outcomes, tables and charts."""
