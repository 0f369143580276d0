"""Stories at scale: group a stream of articles into stories and check each, locally or on Spark.

Owns the run (`run.py`), its resumable state (`state.py`), the time window of open stories
(`window.py`) and the engines (serial, local processes, Spark). May import `stories`,
`pipeline`, `store` and below; never `server` or `cli`.
"""

from .engines import ENGINES, Engine, make_engine
from .run import RunSummary, run_stories

__all__ = ["ENGINES", "Engine", "RunSummary", "make_engine", "run_stories"]
