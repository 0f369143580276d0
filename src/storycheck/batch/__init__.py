"""Stories at scale: group a stream of articles into stories and check each, locally or on Spark."""

from .engines import ENGINES, Engine, make_engine
from .run import RunSummary, run_stories

__all__ = ["ENGINES", "Engine", "RunSummary", "make_engine", "run_stories"]
