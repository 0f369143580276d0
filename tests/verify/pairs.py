"""Small invented source / derived pairs for the verify tests."""

SOURCE = """Millbrook approves library budget

The town council of Millbrook approved a budget of 4.2 million dollars on Tuesday, March 3, 2020,
after a long debate.
Mayor Helen Marsh said the money would pay for a new library and for repairs to the river bridge.
The vote was seven to two. Councillor Tom Baker voted against the plan because he said taxes would rise.
Work on the library is expected to start in June and to take about two years.
"""

FAITHFUL = """The Millbrook town council approved a budget of 4.2 million dollars on March 3, 2020.
Mayor Helen Marsh said the money would pay for a new library and for repairs to the river bridge.
"""

UNFAITHFUL = """The Millbrook town council approved a budget of 6 million dollars on March 3, 2020.
Mayor Helen Marsh said the money would pay for a new library.
Councillor Tom Baker did not vote against the plan.
Work on the library is expected to start in Paris.
"""

SWAPPED = """The council of Millbrook approved a budget of 4.2 million dollars on Tuesday, March 5, 2020.
Mayor Tom Baker said the money would pay for a new library and for repairs to the river bridge.
"""
