"""What-if scenarios (design §6): the model, assumptions, outcomes, tables and charts.

The concepts other code reaches for are importable from here: ``from hdras.scenarios import
ScenarioParams``. The rules live in their modules; this only names them."""

from hdras.scenarios.assumptions import ScenarioParams, default_params
from hdras.scenarios.model import ScenarioInputs, load_inputs

__all__ = ["ScenarioInputs", "ScenarioParams", "default_params", "load_inputs"]
